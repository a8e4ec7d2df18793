import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"


def preview_url(story):
    return reverse("articles:preview", args=[story.pk])


@pytest.fixture
def draft(db):
    return make_story(headline="A draft nobody has read", status=Story.Status.IN_REVIEW)


@pytest.fixture
def publisher(db):
    return make_user("Publisher")


@pytest.mark.parametrize("role", ["Translator", "Reviewer", "Publisher", "superuser"])
def test_staff_who_work_on_stories_see_a_draft_as_its_page_with_a_banner(client, draft, role):
    superuser = role == "superuser"
    client.force_login(
        make_user(is_staff=True, is_superuser=True) if superuser else make_user(role)
    )

    response = client.get(preview_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>A draft nobody has read</h1>" in html
    assert '<div class="preview-banner" role="status">' in html
    assert BANNER in html
    assert "articles/story_detail.html" in [t.name for t in response.templates]


def test_an_anonymous_visitor_is_sent_to_the_admin_login_and_sees_nothing(client, draft):
    response = client.get(preview_url(draft))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={preview_url(draft)}"
    assert "A draft nobody has read" not in response.content.decode()


@pytest.mark.parametrize("role", ["Moderator", None], ids=["moderator", "reader-account"])
def test_users_without_story_permissions_are_refused_the_preview(client, draft, role):
    client.force_login(make_user(role))

    response = client.get(preview_url(draft))

    assert response.status_code == 403
    assert "A draft nobody has read" not in response.content.decode()


def test_the_preview_is_never_cached_and_never_indexed(client, draft, publisher):
    client.force_login(publisher)

    response = client.get(preview_url(draft))

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate", "private", "max-age=0"} <= cache_control
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_the_public_page_carries_no_banner_and_no_noindex(client, publisher):
    story = make_published_story()
    client.force_login(publisher)

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert "preview-banner" not in html
    assert "noindex" not in html
    assert "X-Robots-Tag" not in response.headers


@pytest.mark.parametrize(
    ("overrides", "banner"),
    [
        ({"status": Story.Status.NEW}, "the story is new."),
        ({"status": Story.Status.SPIKED}, "the story is spiked."),
        (
            {
                "status": Story.Status.PUBLISHED,
                "published_at": timezone.now() + timezone.timedelta(1),
            },
            "scheduled to go live on",
        ),
        (
            {"status": Story.Status.WITHDRAWN, "withdrawal_reason": "Retracted."},
            "Reason: Retracted.",
        ),
    ],
    ids=["draft", "spiked", "scheduled", "withdrawn"],
)
def test_staff_can_preview_a_story_in_any_status(client, publisher, overrides, banner):
    story = make_story(headline="Any status", **overrides)
    client.force_login(publisher)

    html = client.get(preview_url(story)).content.decode()

    assert "<h1>Any status</h1>" in html
    assert BANNER in html
    assert banner in html


def test_the_preview_of_a_pending_edit_shows_the_text_that_will_go_live(client, publisher):
    story = make_published_story(headline="Live headline", body="Live body.")
    story.headline, story.body = "Pending headline", "Pending body."
    story.save_edit(by=make_user("Translator"), base_version=story.lock_version)
    client.force_login(publisher)

    preview = client.get(preview_url(story)).content.decode()
    public = client.get(story.get_absolute_url()).content.decode()

    assert "<h1>Pending headline</h1>" in preview
    assert "<p>Pending body.</p>" in preview
    assert "this is the pending update" in preview
    assert "<h1>Live headline</h1>" in public
    assert "Pending" not in public


def test_the_preview_of_a_live_story_says_it_is_published(client, publisher):
    story = make_published_story()
    client.force_login(publisher)

    html = client.get(preview_url(story)).content.decode()

    assert "Preview — published" in html
    assert f'href="{story.get_absolute_url()}"' in html
    assert BANNER not in html


def test_the_preview_shows_the_same_latest_posts_as_the_public_page(client, publisher):
    make_published_story(headline="Another public story")
    make_story(headline="Another draft", status=Story.Status.NEW)
    story = make_published_story()
    client.force_login(publisher)

    preview = client.get(preview_url(story)).content.decode()
    public = client.get(story.get_absolute_url()).content.decode()

    def latest_posts(html):
        return html[html.index('<aside class="latest-posts"') : html.index("</aside>")]

    assert latest_posts(preview) == latest_posts(public)
    assert "Another public story" in latest_posts(preview)
    assert "Another draft" not in latest_posts(preview)


def test_an_unknown_story_number_is_not_found_for_staff(client, publisher):
    client.force_login(publisher)

    assert client.get(reverse("articles:preview", args=[999_999])).status_code == 404


@pytest.mark.parametrize("stories", [1, 50])
def test_the_preview_uses_constant_queries(
    client, django_assert_max_num_queries, publisher, stories
):
    for _ in range(stories):
        story = make_published_story(tags=["Ukraine", "Russia"])
    story.headline = "Pending headline"
    story.save_edit(by=publisher, base_version=story.lock_version)
    story.add_correction(by=publisher, note="A fix.")
    client.force_login(publisher)

    # session, user, two for permissions; story with source and pending update, tags,
    # corrections, latest posts
    with django_assert_max_num_queries(8):
        assert client.get(preview_url(story)).status_code == 200
