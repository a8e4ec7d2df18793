"""Redis stopped: pages still come from the database, rate limits fall back, Redis returns."""

import time

import pytest
import redis
from django.core.cache import cache
from django.test import Client

from tests.comments.conftest import post_comment
from tests.conftest import make_published_story

from .services import RedisServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_server(tmp_path, settings):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": server.url,
            # Short, so the test sees the return quickly; the default is 5 seconds.
            "OPTIONS": {"retry_after": 0.5},
        }
    }
    yield server
    server.stop()


def test_with_redis_stopped_the_site_serves_and_recovers_when_it_returns(redis_server):
    story = make_published_story(headline="Stories outlive their cache")
    client = Client()
    assert client.get("/healthz").json()["status"] == "ok"
    cache.set("probe", "in redis")
    assert redis.Redis.from_url(redis_server.url).exists(":1:probe")

    redis_server.stop()
    started = time.monotonic()
    home = client.get("/")
    page = client.get(story.get_absolute_url())
    health = client.get("/healthz")
    elapsed = time.monotonic() - started

    assert home.status_code == 200
    assert page.status_code == 200
    assert "Stories outlive their cache" in page.content.decode()
    assert health.status_code == 200
    assert health.json() == {"status": "degraded", "database": "ok", "cache": "down"}
    assert elapsed < 3, "an absent Redis must not slow every page"

    redis_server.start()
    time.sleep(0.6)
    cache.set("probe", "back in redis")

    assert client.get("/healthz").json()["status"] == "ok"
    assert redis.Redis.from_url(redis_server.url).get(":1:probe") is not None


def test_with_redis_stopped_the_comment_rate_limit_still_holds_per_worker(redis_server):
    story = make_published_story()
    redis_server.stop()

    first = post_comment(Client(), story, ip="203.0.113.7", body="First.")
    second = post_comment(Client(), story, ip="203.0.113.7", body="Too soon.")
    other = post_comment(Client(), story, ip="203.0.113.8")

    assert first.status_code == 302, "an outage never refuses a reader"
    assert second.status_code == 429
    assert other.status_code == 302


def test_pages_kept_before_an_outage_never_hide_a_change_made_during_it(redis_server, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    settings.CACHES["default"]["OPTIONS"]["retry_after"] = 3  # the outage outlasts the edit
    story = make_published_story(headline="Before the outage")
    client = Client()
    assert "Before the outage" in client.get(story.get_absolute_url()).text  # kept in Redis

    redis_server.pause()  # Redis hangs, and keeps the page it holds
    assert client.get("/healthz").json()["cache"] == "down"  # seen: writes now stay local
    story.headline = "Changed during the outage"
    story.save()  # moves the generation in this process's memory only
    during = client.get(story.get_absolute_url())
    assert "Changed during the outage" in during.text
    assert "no-cache" in during["Cache-Control"], "nothing is kept while Redis is away"

    redis_server.resume()
    time.sleep(3.1)  # retry_after
    after = client.get(story.get_absolute_url())

    assert "Changed during the outage" in after.text
    assert "public" in after["Cache-Control"], "the page cache is back"
    assert client.get(story.get_absolute_url()).text == after.text
