"""Fetching a feed over HTTP without trusting it: bounded in time and size, public hosts only.

The feed URL is typed by an editor and the redirects by whoever runs the feed, so every
hop is checked: http or https only, and no private, loopback or link-local address
(the intranet and the cloud's metadata service) unless the host is listed in
``NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS``. An IPv6 address that carries an IPv4 one
(IPv4-mapped or -compatible, 6to4, NAT64) is judged by the IPv4 address inside it.

The host is resolved once per hop and the connection goes to the very addresses that
were checked: a DNS server that answers a public address to the check and a private one
to the connection (DNS rebinding) gets nowhere. The URL's host still names the server
for the Host header, TLS SNI and the certificate check.

A conditional GET (ETag, Last-Modified) lets an unchanged feed answer 304 with no body.
"""

import contextlib
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5


class FetchError(Exception):
    """The feed could not be fetched; the message says why, for the admin's poll status."""


@dataclass(frozen=True)
class Fetched:
    content: bytes
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def fetch_feed(url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url`` conditionally, following a few checked redirects; FetchError on failure."""
    timeout = settings.NEWSROOM_POLL_TIMEOUT
    headers = {
        "User-Agent": settings.NEWSROOM_POLL_USER_AGENT,
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    backend = _PinnedBackend()
    # trust_env off: a proxy from the environment would hide which address is reached.
    with httpx.Client(
        transport=_PinnedTransport(backend),
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,
    ) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            backend.pin(*check_url(url))
            try:
                with client.stream("GET", url, headers=headers) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    return _read(response, deadline=deadline)
            except httpx.TimeoutException:
                raise FetchError(
                    _("The feed did not answer within %(seconds)g seconds.") % {"seconds": timeout}
                ) from None
            except httpx.HTTPError as exc:
                raise FetchError(
                    _("The feed could not be reached: %(error)s") % {"error": exc}
                ) from None
    raise FetchError(_("The feed redirected more than %(n)d times.") % {"n": MAX_REDIRECTS})


def check_url(url: str) -> tuple[str, list[str]]:
    """Resolve ``url``'s host once: the host, as httpx will connect to it, and its addresses.

    FetchError unless ``url`` is http(s) and every address may be polled (any address, for a
    host in NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS).
    """
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in {"http", "https"} or not parsed.host:
        raise FetchError(_("The feed URL must be an http or https address."))
    # httpx connects to the ASCII (punycode) form, so that is what is resolved and pinned.
    host = parsed.raw_host.decode("ascii")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise FetchError(
            _("The feed's host %(host)s is not known.") % {"host": parsed.host}
        ) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if parsed.host not in settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS:
        for text in addresses:
            address = ipaddress.ip_address(text.split("%")[0])
            if not may_be_polled(address):
                raise FetchError(
                    _(
                        "The feed's host %(host)s is on a private, loopback or link-local "
                        "address (%(address)s); polling it is not allowed."
                    )
                    % {"host": parsed.host, "address": address}
                )
    return host, addresses


def may_be_polled(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether ``address`` is public, and so is any IPv4 address it carries inside."""
    if address.is_multicast or not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv4Address):
        return True
    # Each site picks how its local-use NAT64 prefix embeds an IPv4 address (RFC 8215), so
    # the one inside cannot be found, let alone checked.
    if address in _LOCAL_NAT64:
        return False
    embedded = _embedded_ipv4(address)
    return embedded is None or may_be_polled(embedded)


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a translator or tunnel would reach for ``address``, if any."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in _NAT64 or address in _IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


class _PinnedBackend(httpcore.SyncBackend):
    """Connects a host only to the addresses ``check_url`` resolved and checked for it.

    httpcore hands over the URL's host, which would be resolved anew; a second DNS answer
    may differ from the checked one, so it is never asked for.
    """

    def __init__(self):
        self.pinned: dict[str, list[str]] = {}

    def pin(self, host: str, addresses: list[str]) -> None:
        self.pinned[host] = addresses

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        addresses = self.pinned.get(host)
        # A host httpx reads differently from check_url (a parser disagreement) was never
        # checked, so it is not connected at all.
        if not addresses:
            raise httpcore.ConnectError(f"{host} was not checked before connecting")
        for address in addresses[:-1]:
            with contextlib.suppress(httpcore.ConnectError):
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
        return super().connect_tcp(addresses[-1], port, timeout, local_address, socket_options)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over ``_PinnedBackend``, verifying certificates for the URL's host."""

    def __init__(self, backend: _PinnedBackend):
        bundle = settings.NEWSROOM_POLL_CA_BUNDLE
        context = (
            ssl.create_default_context(cafile=bundle)
            if bundle
            else httpx.create_ssl_context(trust_env=False)
        )
        super().__init__(verify=context, trust_env=False)
        # httpx takes no network backend of its own, so its pool is replaced by one that
        # has ours; the TLS server name stays the URL's host, which httpcore passes on.
        self._pool = httpcore.ConnectionPool(ssl_context=context, network_backend=backend)


def _read(response: httpx.Response, *, deadline: float) -> Fetched:
    if response.status_code == 304:
        return Fetched(b"", not_modified=True)
    if response.status_code != 200:
        raise FetchError(
            _("The feed answered HTTP %(status)d %(reason)s.")
            % {"status": response.status_code, "reason": response.reason_phrase}
        )
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(int(declared), limit)
    chunks, size = [], 0
    for chunk in response.iter_raw():
        size += len(chunk)
        if size > limit:
            raise _too_large(size, limit)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole feed took too long", request=response.request)
        chunks.append(chunk)
    return Fetched(
        _decoded(response, b"".join(chunks)),
        etag=response.headers.get("etag", ""),
        last_modified=response.headers.get("last-modified", ""),
    )


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """Undo gzip or deflate ourselves, capped, so a small compressed bomb stays small."""
    encoding = response.headers.get("content-encoding", "identity").lower()
    if encoding in {"", "identity"}:
        return raw
    if encoding not in {"gzip", "deflate"}:
        raise FetchError(
            _("The feed is sent as %(encoding)s, which Newsroom cannot read.")
            % {"encoding": encoding}
        )
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    decompressor = zlib.decompressobj(wbits=47 if encoding == "gzip" else 15)
    data = decompressor.decompress(raw, limit + 1)
    if len(data) > limit:
        raise _too_large(len(data), limit)
    return data


def _too_large(size: int, limit: int) -> FetchError:
    return FetchError(
        _("The feed is at least %(size)d bytes, over the import limit of %(limit)d bytes.")
        % {"size": size, "limit": limit}
    )
