import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


def test_home_lists_published_stories_newest_first(client):
    older = make_published_story(headline="Older story", published_at=timezone.now() - 2 * HOUR)
    newer = make_published_story(headline="Newer story", published_at=timezone.now() - HOUR)

    response = client.get(reverse("articles:home"))

    assert response.status_code == 200
    assert list(response.context["page"]) == [newer, older]


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Story.Status.NEW},
        {"status": Story.Status.APPROVED},
        {"status": Story.Status.SPIKED},
        {"status": Story.Status.PUBLISHED, "published_at": timezone.now() + HOUR},
    ],
    ids=["draft", "approved", "spiked", "scheduled-for-later"],
)
def test_stories_not_yet_public_are_hidden_everywhere(client, overrides):
    hidden = make_story(headline="Not for readers yet", tags=["Ukraine"], **overrides)
    make_published_story(headline="Public story", tags=["Ukraine"])

    assert client.get(hidden.get_absolute_url()).status_code == 404
    for url in [reverse("articles:home"), reverse("articles:tag", args=["ukraine"])]:
        page = client.get(url).content.decode()
        assert "Public story" in page
        assert "Not for readers yet" not in page


def test_article_page_has_the_shape_of_the_sample(client):
    source = make_source(name="Stern")
    make_published_story(headline="An earlier story", published_at=timezone.now() - 3 * HOUR)
    story = make_published_story(
        source=source,
        headline="Putin sees offensive failed",
        standfirst="The shock in Moscow was deep.",
        body="First paragraph.\n\n## Putin speaks again\n\nLast paragraph.",
        original_url="https://www.stern.de/politik/ausland/putin-kursk-123.html",
        tags=["Ukraine", "Vladimir Putin"],
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<h1>Putin sees offensive failed</h1>" in html
    assert '<p class="standfirst">The shock in Moscow was deep.</p>' in html
    assert "<h2>Putin speaks again</h2>" in html
    assert "<p>Last paragraph.</p>" in html
    assert (
        '<a href="https://www.stern.de/politik/ausland/putin-kursk-123.html" rel="noopener">'
        "Source: Stern</a>" in html
    )
    assert 'href="/tags/vladimir-putin/"' in html
    assert f'datetime="{story.published_at.isoformat()}"' in html
    assert "Latest Posts" in html
    assert "An earlier story" in html


def test_credit_line_is_plain_text_when_the_original_url_is_unknown(client):
    story = make_published_story(source=make_source(name="Stern"), original_url="")

    html = client.get(story.get_absolute_url()).content.decode()

    assert "Source: Stern" in html
    assert 'rel="noopener"' not in html


def test_latest_posts_leaves_out_the_story_on_the_page(client):
    story = make_published_story(headline="Only story")

    html = client.get(story.get_absolute_url()).content.decode()

    latest_posts = html.split('<aside class="latest-posts"')[1].split("</aside>")[0]
    assert "<h1>Only story</h1>" in html
    assert "Only story" not in latest_posts, "the story on the page is not its own latest post"


def test_tag_archive_lists_only_stories_with_that_tag(client):
    tagged = make_published_story(headline="About Kursk", tags=["Kursk"])
    make_published_story(headline="About something else", tags=["Weather"])

    response = client.get(reverse("articles:tag", args=["kursk"]))

    assert list(response.context["page"]) == [tagged]
    assert "Stories tagged “Kursk”" in response.content.decode()


def test_unknown_tag_is_not_found(client):
    assert client.get(reverse("articles:tag", args=["nothing-here"])).status_code == 404


def test_home_is_paginated_by_twenty(client, settings):
    for _ in range(21):
        make_published_story()

    first = client.get(reverse("articles:home"))
    second = client.get(reverse("articles:home"), {"page": 2})

    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 1
    assert client.get(reverse("articles:home"), {"page": 3}).status_code == 404
    assert client.get(reverse("articles:home"), {"page": "x"}).status_code == 404


@pytest.mark.parametrize("stories", [1, 50])
def test_home_uses_constant_queries(client, django_assert_max_num_queries, stories):
    for _ in range(stories):
        make_published_story(tags=["Ukraine", "Russia"])

    with django_assert_max_num_queries(2):  # count, page
        assert client.get(reverse("articles:home")).status_code == 200


@pytest.mark.parametrize("stories", [1, 50])
def test_article_uses_constant_queries(client, django_assert_max_num_queries, stories):
    for _ in range(stories):
        story = make_published_story(tags=["Ukraine", "Russia"], content_updated_at=timezone.now())
        story.corrections.create(text="The first version misspelt a name.")
        story.corrections.create(text="The second version gave the wrong date.")

    # story with source, tags, corrections, latest posts; comment rules, closure, comments
    with django_assert_max_num_queries(7):
        assert client.get(story.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("stories", [1, 50])
def test_tag_archive_uses_constant_queries(client, django_assert_max_num_queries, stories):
    for _ in range(stories):
        make_published_story(tags=["Ukraine", "Russia"])

    with django_assert_max_num_queries(4):  # tag, count, page, latest posts
        assert client.get(reverse("articles:tag", args=["ukraine"])).status_code == 200
