"""Factories for comments, a reader's POST, and a private Redis for the shared rate limit."""

import itertools
import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from comments.abuse import issue_token
from comments.models import Comment
from tests.conftest import make_published_story

_sequence = itertools.count(1)


def make_comment(story=None, **overrides):
    n = next(_sequence)
    overrides.setdefault("name", f"Reader {n}")
    overrides.setdefault("email", f"reader{n}@mail.example")
    overrides.setdefault("body", f"Comment number {n}.")
    overrides.setdefault("status", Comment.Status.APPROVED)
    return Comment.objects.create(story=story or make_published_story(), **overrides)


def comment_data(story, *, served_seconds_ago=60, **overrides):
    """The fields a reader sends, with a form token served a minute ago."""
    n = next(_sequence)
    served = timezone.now() - timezone.timedelta(seconds=served_seconds_ago)
    data = {
        "name": f"Reader {n}",
        "email": f"reader{n}@mail.example",
        "url": "",
        "body": "A thoughtful comment.",
        "company": "",
        "token": issue_token(story, served),
    }
    data.update(overrides)
    return data


def post_comment(client, story, *, ip=None, user_agent="", headers=None, **overrides):
    """POST a comment, from an address of its own unless `ip` says which, so that the rate
    limit only bites in the tests about it."""
    ip = ip or f"198.51.100.{next(_sequence) % 250 + 1}"
    url = reverse("comments:post", args=[story.pk])
    data = comment_data(story, **overrides)
    return client.post(url, data, REMOTE_ADDR=ip, HTTP_USER_AGENT=user_agent, headers=headers)


@pytest.fixture(autouse=True)
def empty_cache():
    # Rate limits and the digest window live in the cache, which outlives a test's rollback.
    cache.clear()


@pytest.fixture
def story(db):
    return make_published_story(headline="Putin sees offensive failed")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path):
    """A private redis-server on a free port, never the machine's own; stopped afterwards."""
    binary = shutil.which("redis-server")
    if not binary:
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail("No redis-server on the PATH, and NEWSROOM_REQUIRE_BROWSER is set.")
        pytest.skip("No redis-server on the PATH: apt-get install redis-server")
    import redis

    port = _free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail(f"redis-server did not answer on port {port}.")
        client.close()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def redis_cache(settings, redis_url):
    """Django's cache pointed at the private Redis, as CACHE_URL=redis://… would."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    }
    return redis_url
