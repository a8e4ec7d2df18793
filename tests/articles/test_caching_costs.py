"""What the cache saves without ever serving something stale: one read per cached page, and
the latest posts computed once per generation for every page that shows them."""

import pytest
import time_machine
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import public_cache
from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

MINUTE = timezone.timedelta(minutes=1)
# The latest posts' query: the only one that reads just these columns of the stories.
LATEST_POSTS_SQL = (
    'SELECT "articles_story"."id", "articles_story"."headline", "articles_story"."slug", '
    '"articles_story"."published_at" FROM "articles_story"'
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    cache.clear()


def latest_posts(html):
    return html.split('<aside class="latest-posts"')[1].split("</aside>")[0]


def latest_posts_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return [q["sql"] for q in queries if q["sql"].startswith(LATEST_POSTS_SQL)], html


def test_a_cached_page_costs_one_read_of_the_cache(client, monkeypatch):
    url = make_published_story().get_absolute_url()
    client.get(url)
    backend, reads, depth = caches["default"], [], []

    def counted(name, method):
        def read(*args, **kwargs):
            # Local memory's get_many calls its own get: only the outer call is a read.
            if not depth:
                reads.append(name)
            depth.append(name)
            try:
                return method(*args, **kwargs)
            finally:
                depth.pop()

        return read

    for name in ["get", "get_many"]:
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))

    response = client.get(url)

    assert response.status_code == 200
    assert reads == ["get_many"]


def test_a_change_announced_by_another_process_is_seen_at_once(client):
    story = make_published_story(headline="First words")
    client.get(story.get_absolute_url())
    # Another worker's change: its rows and its new generation, no signal in this process.
    Story.objects.filter(pk=story.pk).update(headline="Second words")
    cache.set(public_cache.GENERATION_KEY, "another-one", timeout=None)

    assert "Second words" in client.get(story.get_absolute_url()).content.decode()


def test_the_latest_posts_are_read_once_for_every_page_of_a_generation(client):
    first, second = make_published_story(), make_published_story()

    queries, _ = latest_posts_queries(client, first.get_absolute_url())
    assert len(queries) == 1
    queries, html = latest_posts_queries(client, second.get_absolute_url())

    assert queries == []
    assert first.headline in latest_posts(html)
    assert second.headline not in latest_posts(html), "a page leaves out its own story"


def test_the_latest_posts_follow_a_publish(client):
    first, second = make_published_story(), make_published_story()
    client.get(first.get_absolute_url())
    approved = make_story(headline="Moscow answers", status=Story.Status.APPROVED)

    approved.publish(by=make_user("Publisher"))

    assert "Moscow answers" in latest_posts(client.get(second.get_absolute_url()).content.decode())


def test_the_latest_posts_never_outlive_a_scheduled_publish_time(client):
    first, second = make_published_story(), make_published_story()
    go_live = timezone.now().replace(microsecond=0) + 30 * MINUTE
    scheduled = make_story(headline="Embargoed report", status=Story.Status.APPROVED)
    scheduled.publish(by=make_user("Publisher"), at=go_live)

    with time_machine.travel(go_live - MINUTE, tick=False):
        html = client.get(first.get_absolute_url()).content.decode()
        assert "Embargoed report" not in latest_posts(html)
    with time_machine.travel(go_live, tick=False):
        html = client.get(second.get_absolute_url()).content.decode()

    assert "Embargoed report" in latest_posts(html)


def test_without_the_page_cache_the_latest_posts_are_read_for_each_page(client, settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    first, second = make_published_story(), make_published_story()

    for story in [first, second]:
        queries, _ = latest_posts_queries(client, story.get_absolute_url())
        assert len(queries) == 1
