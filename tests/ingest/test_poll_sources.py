"""``manage.py poll_sources`` against feeds served by a local HTTP server on 127.0.0.1."""

import gzip
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from articles.models import Story
from ingest.fetching import FetchError, check_url
from ingest.models import FeedState
from tests.conftest import make_source, make_user
from tests.ingest.conftest import Reply

pytestmark = pytest.mark.django_db

FEED = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Stern</title><language>de</language>
<item><title>Erste Meldung</title><link>https://stern.example/a</link><guid>urn:stern:a</guid>
<description>Erster Absatz.</description></item>
<item><title>Zweite Meldung</title><link>https://stern.example/b</link><guid>urn:stern:b</guid>
<description>Zweiter Absatz.</description></item>
</channel></rss>"""


@pytest.fixture(autouse=True)
def local_feeds_allowed(settings):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]
    settings.NEWSROOM_POLL_TIMEOUT = 0.5


def poll(*args):
    """The command's output and, when it ended in an error, that error (else None)."""
    out = StringIO()
    try:
        call_command("poll_sources", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def feed_source(local_server, path="/feed.xml", **overrides):
    overrides.setdefault("name", "Stern")
    overrides.setdefault("slug", "stern")
    return make_source(feed_url=local_server.url(path), **overrides)


def test_a_new_feed_is_imported_and_its_validators_kept(local_server):
    local_server.replies["/feed.xml"] = Reply(
        body=FEED, headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Sep 2024 10:00:00 GMT"}
    )
    source = feed_source(local_server)

    output, error = poll()

    state = FeedState.objects.get(source=source)
    assert error is None
    assert output == "imported stern: 2 created, 0 updated, 0 unchanged, 0 skipped, 0 refused\n"
    assert sorted(Story.objects.values_list("guid", flat=True)) == ["urn:stern:a", "urn:stern:b"]
    assert set(Story.objects.values_list("source", flat=True)) == {source.pk}
    assert (state.outcome, state.etag) == ("imported", '"v1"')
    assert state.last_modified == "Mon, 02 Sep 2024 10:00:00 GMT"
    assert state.polled_at is not None
    assert state.last_success_at == state.polled_at


def test_an_unchanged_feed_answers_304_to_the_conditional_get(local_server):
    local_server.replies["/feed.xml"] = Reply(
        body=FEED, headers={"ETag": '"v1"', "Last-Modified": "Mon, 02 Sep 2024 10:00:00 GMT"}
    )
    feed_source(local_server)
    poll()
    local_server.replies["/feed.xml"] = Reply(304)

    output, error = poll()

    _path, headers = local_server.requests[-1]
    assert error is None
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Mon, 02 Sep 2024 10:00:00 GMT"
    assert output == "not_modified stern: The feed has not changed since last time.\n"
    assert FeedState.objects.get().outcome == "not_modified"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        pytest.param(
            Reply(500, b"boom"), "The feed answered HTTP 500 Internal Server Error.", id="500"
        ),
        pytest.param(Reply(body=FEED, delay=2), "did not answer within 0.5 seconds", id="timeout"),
        pytest.param(
            Reply(body=FEED + b"<!--" + b"x" * 5000 + b"-->"),
            "over the import limit of 4000 bytes",
            id="oversize",
        ),
        pytest.param(
            Reply(body=b"x" * 100, headers={"Content-Length": "999999"}),
            "The feed is at least 999999 bytes",
            id="oversize-declared",
        ),
        pytest.param(
            Reply(
                body=gzip.compress(b"<rss>" + b" " * 100_000 + b"</rss>"),
                headers={"Content-Encoding": "gzip"},
            ),
            "over the import limit of 4000 bytes",
            id="gzip-bomb",
        ),
        pytest.param(Reply(body=b"<rss><channel>"), "The XML is malformed", id="malformed"),
    ],
)
def test_a_failing_feed_is_recorded_and_the_next_source_is_polled_all_the_same(
    local_server, settings, reply, message
):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 4000
    local_server.replies["/broken.xml"] = reply
    local_server.replies["/feed.xml"] = Reply(body=FEED)
    broken = feed_source(local_server, "/broken.xml", name="A Broken", slug="broken")
    feed_source(local_server)

    output, error = poll()

    lines = output.splitlines()
    assert lines[0].startswith("failed broken: ")
    assert message in output
    assert lines[-1].startswith("imported stern: 2 created")
    assert error.returncode == 1
    assert str(error) == "1 feed failed."
    state = FeedState.objects.get(source=broken)
    assert state.outcome == "failed"
    assert message in state.message
    assert state.etag == "", "a failed poll keeps no validators"


def test_inactive_sources_and_sources_without_a_feed_are_not_polled(local_server):
    feed_source(local_server, is_active=False)
    make_source(name="No feed")

    output, error = poll()

    assert (output, error) == ("", None)
    assert local_server.requests == []


def test_private_loopback_and_link_local_addresses_are_refused_unless_allowed(settings):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = []
    for url in ("http://127.0.0.1/feed", "http://10.0.0.8/feed", "http://169.254.169.254/latest"):
        with pytest.raises(FetchError, match="private, loopback or link-local"):
            check_url(url)
    with pytest.raises(FetchError, match="http or https"):
        check_url("file:///etc/passwd")


def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(local_server):
    local_server.replies["/moved"] = Reply(301, headers={"Location": "http://10.1.2.3/feed"})
    feed_source(local_server, "/moved")

    output, error = poll()

    assert "The feed's host 10.1.2.3 is on a private, loopback or link-local address" in output
    assert error.returncode == 1
    assert local_server.paths() == ["/moved"]


def test_a_redirect_to_an_allowed_host_is_followed(local_server):
    local_server.replies["/moved"] = Reply(302, headers={"Location": "/feed.xml"})
    local_server.replies["/feed.xml"] = Reply(body=FEED)
    feed_source(local_server, "/moved")

    output, _error = poll()

    assert output.startswith("imported stern: 2 created")
    assert local_server.paths() == ["/moved", "/feed.xml"]


def test_the_poll_status_shows_in_the_admin_for_publishers(local_server, client):
    local_server.replies["/feed.xml"] = Reply(500)
    feed_source(local_server)
    poll()
    client.force_login(make_user("Publisher"))

    response = client.get("/admin/ingest/feedstate/")

    assert response.status_code == 200
    assert "The feed answered HTTP 500" in response.text
    assert "/admin/ingest/feedstate/upload/" in response.text, "the upload page is linked"


def test_enqueue_queues_one_poll_per_source_and_the_worker_polls_them(local_server, run_tasks):
    local_server.replies["/feed.xml"] = Reply(body=FEED)
    local_server.replies["/broken.xml"] = Reply(500)
    feed_source(local_server)
    feed_source(local_server, "/broken.xml", name="A Broken", slug="broken")

    output, error = poll("--enqueue")

    assert (output, error) == ("queued broken\nqueued stern\n", None)
    assert local_server.requests == [], "nothing is fetched until the worker runs"
    results = run_tasks()
    assert sorted(result.return_value.split(":")[0] for result in results) == [
        "failed broken",
        "imported stern",
    ]
    assert Story.objects.count() == 2
    assert FeedState.objects.get(source__slug="broken").outcome == "failed"


def test_a_publisher_polls_chosen_feeds_now_from_the_admin(local_server, client, run_tasks):
    local_server.replies["/feed.xml"] = Reply(body=FEED)
    feed_source(local_server)
    poll()
    local_server.replies["/feed.xml"] = Reply(body=FEED.replace(b"Zweite", b"Dritte"))
    client.force_login(make_user("Publisher"))
    changelist = "/admin/ingest/feedstate/"

    response = client.post(
        changelist,
        {"action": "poll_now", "_selected_action": [FeedState.objects.get().pk]},
        follow=True,
    )

    assert "1 feed queued for polling" in response.text
    run_tasks()
    assert "1 updated" in FeedState.objects.get().message


def test_those_who_may_not_add_stories_cannot_queue_polls(local_server, client):
    feed_source(local_server)
    poll()
    client.force_login(make_user("Reviewer"))

    response = client.post(
        "/admin/ingest/feedstate/",
        {"action": "poll_now", "_selected_action": [FeedState.objects.get().pk]},
    )

    assert response.status_code == 403
    assert not DBTaskResult.objects.exists()
