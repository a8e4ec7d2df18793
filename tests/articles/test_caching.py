"""Public pages from the cache: served without queries, never stale, never someone else's."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from articles.public_cache import public_content_committed
from comments.models import ClosedDiscussion, Comment, CommentRules
from tests.articles.states import review_update
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

HOME = reverse("articles:home")
MINUTE = timezone.timedelta(minutes=1)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    cache.clear()


@pytest.fixture
def publisher(db):
    return make_user("Publisher")


@pytest.fixture
def story(db):
    return make_published_story(headline="Kursk offensive stalls", tags=["Ukraine"])


def warm(client, url):
    """Request ``url`` until it comes from the cache; return the cached page's text."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert len(queries) == 0, f"{url} was not served from the cache"
    return response.content.decode()


def page(client, url):
    return client.get(url).content.decode()


def test_a_cached_page_is_served_without_a_query(client, story, django_assert_num_queries):
    for url in [HOME, story.get_absolute_url(), reverse("articles:tag", args=["ukraine"])]:
        first = client.get(url)

        with django_assert_num_queries(0):
            second = client.get(url)

        assert second.status_code == 200
        assert second.content == first.content


def test_publishing_a_story_puts_it_on_the_cached_home_page(client, publisher, story):
    approved = make_story(headline="Moscow answers", status=Story.Status.APPROVED)
    assert "Moscow answers" not in warm(client, HOME)

    approved.publish(by=publisher)

    assert "Moscow answers" in page(client, HOME)


def test_a_published_update_replaces_the_cached_article(client, publisher, story):
    assert "Kursk offensive stalls" in warm(client, story.get_absolute_url())
    story.headline = "Kursk offensive stalls for a second week"
    translator = make_user("Translator")
    story.save_edit(by=translator, base_version=story.lock_version)
    review_update(story, translator)
    assert "for a second week" not in page(client, story.get_absolute_url()), "still pending"

    story.publish_update(by=publisher)

    assert "<h1>Kursk offensive stalls for a second week</h1>" in page(
        client, story.get_absolute_url()
    )


def test_a_correction_shows_on_the_cached_article(client, publisher, story):
    warm(client, story.get_absolute_url())

    story.add_correction(by=publisher, note="An earlier version misnamed the region.")

    assert "misnamed the region" in page(client, story.get_absolute_url())


def test_a_withdrawn_story_leaves_every_cached_page(client, publisher, story):
    tag = reverse("articles:tag", args=["ukraine"])
    for url in [HOME, tag, reverse("articles:feed")]:
        assert "Kursk offensive stalls" in warm(client, url)
    warm(client, story.get_absolute_url())

    story.withdraw(by=publisher, note="Legal advice.")

    assert client.get(story.get_absolute_url()).status_code == 410
    for url in [HOME, tag, reverse("articles:feed")]:
        assert "Kursk offensive stalls" not in page(client, url)


def test_a_new_tag_shows_on_the_cached_article_and_its_archive(client, story):
    warm(client, story.get_absolute_url())
    assert client.get(reverse("articles:tag", args=["kursk"])).status_code == 404

    story.tags.add("Kursk")

    assert 'href="/tags/kursk/"' in page(client, story.get_absolute_url())
    assert "Kursk offensive stalls" in page(client, reverse("articles:tag", args=["kursk"]))


def test_a_removed_tag_leaves_the_cached_archive(client, story):
    assert "Kursk offensive stalls" in warm(client, reverse("articles:tag", args=["ukraine"]))

    story.tags.remove("Ukraine")

    # No public story has the tag now, so its archive is gone, not served from the cache.
    assert client.get(reverse("articles:tag", args=["ukraine"])).status_code == 404


def test_an_edited_credit_line_shows_on_the_cached_article(client, story):
    warm(client, story.get_absolute_url())

    story.source.credit_line = "Quelle: Stern"
    story.source.save()

    assert "Quelle: Stern" in page(client, story.get_absolute_url())


def test_an_approved_comment_shows_on_the_cached_article(client, story):
    comment = make_comment(story, body="Held for a moderator.", status=Comment.Status.PENDING)
    assert "Held for a moderator." not in warm(client, story.get_absolute_url())

    comment.approve(by=make_user("Moderator"))

    assert "Held for a moderator." in page(client, story.get_absolute_url())


def test_a_removed_comment_leaves_the_cached_article(client, story):
    comment = make_comment(story, body="Approved, then regretted.")
    assert "Approved, then regretted." in warm(client, story.get_absolute_url())

    comment.remove(by=make_user("Moderator"))

    assert "Approved, then regretted." not in page(client, story.get_absolute_url())


def test_closing_the_discussion_removes_the_form_from_the_cached_article(client, story):
    assert "Leave a Reply" in warm(client, story.get_absolute_url())

    ClosedDiscussion.objects.create(story=story)

    assert "Leave a Reply" not in page(client, story.get_absolute_url())


def test_a_comment_held_for_moderation_keeps_the_cache_warm(client, story):
    CommentRules.objects.create(hold_all=True)
    warm(client, story.get_absolute_url())

    post_comment(Client(), story, body="Spam, maybe.")

    with CaptureQueriesContext(connection) as queries:
        client.get(story.get_absolute_url())
    assert len(queries) == 0, "a held comment changes no public page"


def test_a_scheduled_story_appears_at_its_time_though_the_pages_are_cached(client, publisher):
    go_live = timezone.now().replace(microsecond=0) + 30 * MINUTE
    story = make_story(headline="Embargoed report", status=Story.Status.APPROVED)
    story.publish(by=publisher, at=go_live)

    with time_machine.travel(go_live - MINUTE, tick=False):
        assert "Embargoed report" not in warm(client, HOME)
        assert "Embargoed report" not in warm(client, reverse("articles:feed"))
    with time_machine.travel(go_live, tick=False):
        assert "Embargoed report" in page(client, HOME)
        assert "Embargoed report" in page(client, reverse("articles:feed"))
        assert client.get(story.get_absolute_url()).status_code == 200


def test_no_cache_may_keep_a_page_past_the_next_scheduled_publish_time(client, publisher, story):
    go_live = timezone.now().replace(microsecond=0) + 30 * MINUTE
    scheduled = make_story(status=Story.Status.APPROVED)
    scheduled.publish(by=publisher, at=go_live)

    with time_machine.travel(go_live - timezone.timedelta(seconds=20), tick=False):
        control = client.get(HOME)["Cache-Control"]

    assert "max-age=20" in control
    assert "stale-while-revalidate" not in control


def test_the_change_is_announced_once_the_transaction_commits(
    publisher, story, django_capture_on_commit_callbacks
):
    announced = []

    def receiver(**kwargs):
        announced.append(True)

    public_content_committed.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            story.add_correction(by=publisher, note="A date was wrong.")
            assert not announced
    finally:
        public_content_committed.disconnect(receiver)
    assert announced


def test_a_conditional_request_with_the_etag_gets_304_and_no_body(client, story):
    for url in [story.get_absolute_url(), HOME, reverse("articles:feed")]:
        etag = client.get(url)["ETag"]

        response = client.get(url, headers={"If-None-Match": etag})

        assert response.status_code == 304
        assert response.content == b""


def test_a_conditional_request_with_the_last_modified_time_gets_304(client, story):
    modified = client.get(HOME)["Last-Modified"]

    assert client.get(HOME, headers={"If-Modified-Since": modified}).status_code == 304


def test_a_changed_page_answers_a_conditional_request_in_full(client, publisher, story):
    etag = client.get(story.get_absolute_url())["ETag"]

    story.add_correction(by=publisher, note="A date was wrong.")
    response = client.get(story.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.parametrize(
    ("url", "control"),
    [
        (HOME, "public, max-age=60, stale-while-revalidate=300"),
        (
            reverse("articles:tag", args=["ukraine"]),
            "public, max-age=60, stale-while-revalidate=300",
        ),
        (reverse("articles:feed"), "public, max-age=60, stale-while-revalidate=300"),
        (reverse("articles:sitemap"), "public, max-age=60, stale-while-revalidate=300"),
        ("/news/kursk-offensive-stalls/", "public, max-age=300, stale-while-revalidate=600"),
    ],
)
def test_public_pages_tell_a_cdn_how_long_to_keep_them(client, story, url, control):
    response = client.get(url)

    assert response["Cache-Control"] == control
    assert response["Vary"] == "Cookie"


def test_staff_get_their_own_page_never_marked_public(client, story):
    warm(Client(), story.get_absolute_url())
    client.force_login(make_user("Publisher"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(story.get_absolute_url())

    assert len(queries) > 0, "a staff member is never served the readers' copy"
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_a_readers_own_pending_comment_is_never_cached_or_shown_to_others(story):
    CommentRules.objects.create(hold_all=True)
    anyone = Client()
    warm(anyone, story.get_absolute_url())
    author = Client()

    post_comment(author, story, body="My comment awaits a moderator.")
    response = author.get(story.get_absolute_url())

    assert "My comment awaits a moderator." in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "My comment awaits a moderator." not in page(anyone, story.get_absolute_url())


def test_a_remembered_commenter_gets_the_form_filled_in_not_the_cached_page(story):
    warm(Client(), story.get_absolute_url())
    reader = Client()
    post_comment(reader, story, name="Anna Example", remember="on")

    html = page(reader, story.get_absolute_url())

    assert 'value="Anna Example"' in html


def test_a_staff_preview_is_never_cached(client, story):
    client.force_login(make_user("Publisher"))

    response = client.get(reverse("articles:preview", args=[story.pk]))

    assert "no-cache" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_an_anonymous_reader_gets_no_cookie_so_one_copy_serves_everyone(client, story):
    response = client.get(story.get_absolute_url())

    assert not response.cookies
    assert "Leave a Reply" in response.content.decode()


def test_a_miss_looks_up_the_next_scheduled_time_once_per_generation(client, story):
    def scheduled_lookups(url):
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return [q for q in queries if '"published_at" >' in q["sql"]]

    assert len(scheduled_lookups(HOME)) == 1
    assert scheduled_lookups(story.get_absolute_url()) == []
    assert scheduled_lookups(reverse("articles:tag", args=["ukraine"])) == []
