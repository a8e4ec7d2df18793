"""Where the feed poller connects: each hop's host is resolved once, every address it
answers is checked, IPv4 addresses wrapped in IPv6 ones too, and the connection goes to
a checked address under the URL's host name (Host header, TLS SNI, certificate).

The names resolve through a FakeDNS; the feeds come from an HTTPS server on 127.0.0.1
whose certificate, from the test's own CA, names ``feeds.example.test`` and
``other.example.test``.
"""

import pytest

from ingest.fetching import FetchError, check_url, fetch_feed
from tests.ingest.conftest import Reply

FEEDS = "feeds.example.test"
OTHER = "other.example.test"
FEED = b"<rss version='2.0'><channel><title>Stern</title></channel></rss>"


@pytest.fixture(autouse=True)
def poll_settings(settings, certificate_authority):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = []
    settings.NEWSROOM_POLL_TIMEOUT = 0.5
    settings.NEWSROOM_POLL_CA_BUNDLE = str(certificate_authority.ca_file)


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("::ffff:127.0.0.1", id="ipv4-mapped-loopback"),
        pytest.param("::127.0.0.1", id="ipv4-compatible-loopback"),
        pytest.param("::a9fe:a9fe", id="ipv4-compatible-metadata-service"),
        pytest.param("64:ff9b::a9fe:a9fe", id="nat64-metadata-service"),
        pytest.param("64:ff9b::a00:8", id="nat64-private"),
        pytest.param("64:ff9b:1::808:808", id="local-use-nat64"),
        pytest.param("2002:c0a8:0101::1", id="6to4-private"),
        pytest.param("2002:7f00:1::", id="6to4-loopback"),
    ],
)
def test_an_ipv6_address_carrying_a_private_ipv4_one_is_refused(dns, address):
    dns.answer(FEEDS, [address])

    with pytest.raises(FetchError, match=r"private, loopback or link-local address \("):
        check_url(f"https://{FEEDS}/feed.xml")


@pytest.mark.parametrize(
    "address",
    [
        pytest.param("64:ff9b::808:808", id="nat64-public"),
        pytest.param("2002:808:808::1", id="6to4-public"),
        pytest.param("2606:4700::1111", id="plain-ipv6"),
        pytest.param("93.184.215.14", id="plain-ipv4"),
    ],
)
def test_a_public_address_passes_in_any_dress(dns, address):
    dns.answer(FEEDS, [address])

    assert check_url(f"https://{FEEDS}/feed.xml") == (FEEDS, [address])


def test_the_connection_goes_to_the_checked_address_not_to_a_second_dns_answer(dns, tls_server):
    # Public to the check, then the test server (loopback) to whoever asks again: the
    # poller must not ask again. Nothing of the test listens on the public address.
    dns.answer(FEEDS, ["8.8.8.8"], ["127.0.0.1"])
    tls_server.replies["/feed.xml"] = Reply(body=FEED)

    with pytest.raises(FetchError, match=r"could not be reached|did not answer"):
        fetch_feed(tls_server.url("/feed.xml", host=FEEDS))

    assert tls_server.server_names == [], "no TLS handshake reached the loopback server"
    assert tls_server.requests == []
    assert dns.lookups == [FEEDS]


def test_an_allowed_private_host_is_reached_under_its_own_name(settings, dns, tls_server):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = [FEEDS]
    dns.answer(FEEDS, ["127.0.0.1"], ["10.9.9.9"])
    tls_server.replies["/feed.xml"] = Reply(body=FEED)

    fetched = fetch_feed(tls_server.url("/feed.xml", host=FEEDS))

    assert fetched.content == FEED
    assert dns.lookups == [FEEDS]
    assert tls_server.server_names == [FEEDS]
    [(_path, headers)] = tls_server.requests
    assert headers["Host"] == f"{FEEDS}:{tls_server.httpd.server_port}"


def test_each_redirect_hop_is_resolved_once_and_reached_under_its_own_name(
    settings, dns, tls_server
):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = [FEEDS, OTHER]
    dns.answer(FEEDS, ["127.0.0.1"], ["10.9.9.9"])
    dns.answer(OTHER, ["127.0.0.1"], ["10.9.9.9"])
    tls_server.replies["/moved"] = Reply(
        302, headers={"Location": tls_server.url("/feed.xml", host=OTHER)}
    )
    tls_server.replies["/feed.xml"] = Reply(body=FEED)

    fetched = fetch_feed(tls_server.url("/moved", host=FEEDS))

    port = tls_server.httpd.server_port
    assert fetched.content == FEED
    assert dns.lookups == [FEEDS, OTHER]
    assert tls_server.server_names == [FEEDS, OTHER]
    assert [(path, headers["Host"]) for path, headers in tls_server.requests] == [
        ("/moved", f"{FEEDS}:{port}"),
        ("/feed.xml", f"{OTHER}:{port}"),
    ]


def test_a_redirect_to_a_host_answering_a_wrapped_private_address_is_refused(
    settings, dns, tls_server
):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = [FEEDS]
    dns.answer(FEEDS, ["127.0.0.1"])
    dns.answer(OTHER, ["64:ff9b::a9fe:a9fe"])
    tls_server.replies["/moved"] = Reply(302, headers={"Location": f"https://{OTHER}/latest"})

    with pytest.raises(FetchError, match=r"other\.example\.test is on a private"):
        fetch_feed(tls_server.url("/moved", host=FEEDS))

    assert dns.lookups == [FEEDS, OTHER]
    assert tls_server.paths() == ["/moved"]


def test_the_certificate_must_name_the_urls_host_not_the_address(settings, dns, tls_server):
    stranger = "stranger.example.test"
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = [FEEDS, stranger]
    dns.answer(FEEDS, ["127.0.0.1"])
    dns.answer(stranger, ["127.0.0.1"])
    tls_server.replies["/feed.xml"] = Reply(body=FEED)

    assert fetch_feed(tls_server.url("/feed.xml", host=FEEDS)).content == FEED
    with pytest.raises(FetchError, match="Hostname mismatch"):
        fetch_feed(tls_server.url("/feed.xml", host=stranger))

    assert tls_server.server_names == [FEEDS, stranger]
    assert tls_server.paths() == ["/feed.xml"]
