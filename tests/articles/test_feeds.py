import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db

FEEDS = ["articles:feed", "articles:feed-atom"]


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, f"{url} is not well-formed: {parsed.get('bozo_exception')}"
    return response, parsed


@pytest.fixture
def stern_story(db):
    return make_published_story(
        source=make_source(name="Stern", slug="stern", feed_url="https://www.stern.de/feed/"),
        headline="Putin sees offensive failed",
        standfirst="The shock in Moscow was deep.",
        body="First paragraph.\n\n## Putin speaks\n\nLast <paragraph> & more.",
        original_url="https://www.stern.de/politik/putin-kursk.html",
        tags=["Ukraine", "Kursk"],
        content_updated_at=timezone.now(),
    )


def test_rss_feed_is_valid_rss_2_with_credited_items(client, stern_story):
    response, feed = fetch(client, reverse("articles:feed"))

    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert feed.feed.title == "Newsroom"
    assert feed.feed.link == "http://testserver/"
    [entry] = feed.entries
    assert entry.title == "Putin sees offensive failed"
    assert entry.link == f"http://testserver{stern_story.get_absolute_url()}"
    assert entry.id == entry.link
    assert entry.author == "Stern"
    assert entry.published_parsed is not None
    assert {tag.term for tag in entry.tags} == {"Ukraine", "Kursk"}
    assert '<a href="https://www.stern.de/politik/putin-kursk.html">Source: Stern</a>' in (
        entry.summary
    ), "every item credits its source, linked to the original"
    assert "Translated from German." in entry.summary
    assert entry.source.href == "https://www.stern.de/feed/"


def test_atom_feed_has_the_elements_the_spec_requires(client, stern_story):
    response, feed = fetch(client, reverse("articles:feed-atom"))

    assert response["Content-Type"].startswith("application/atom+xml")
    assert feed.version == "atom10"
    for element in ["id", "title", "updated"]:
        assert feed.feed.get(element), f"the feed has no <{element}>"
    assert feed.feed.author == "Newsroom"
    [entry] = feed.entries
    for element in ["id", "title", "updated", "link", "author", "summary"]:
        assert entry.get(element), f"the entry has no <{element}>"
    assert entry.updated_parsed[:6] == stern_story.content_updated_at.utctimetuple()[:6]
    assert entry.published_parsed[:6] == stern_story.published_at.utctimetuple()[:6]
    assert "Source: Stern" in entry.summary


@pytest.mark.parametrize("name", FEEDS)
def test_feeds_carry_the_standfirst_only_by_default(client, stern_story, name):
    _, feed = fetch(client, reverse(name))

    [entry] = feed.entries
    assert "The shock in Moscow was deep." in entry.summary
    assert "Last" not in entry.summary
    assert "content" not in entry


@pytest.mark.parametrize("name", FEEDS)
def test_feeds_carry_the_whole_story_when_the_setting_asks(client, settings, stern_story, name):
    settings.NEWSROOM_FEED_FULL_CONTENT = True

    _, feed = fetch(client, reverse(name))

    [entry] = feed.entries
    [content] = entry.content
    assert "<h2>Putin speaks</h2>" in content.value
    assert "<p>Last &lt;paragraph&gt; &amp; more.</p>" in content.value
    assert "Source: Stern" in content.value


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Story.Status.NEW},
        {"status": Story.Status.APPROVED},
        {"status": Story.Status.SPIKED},
        {"status": Story.Status.WITHDRAWN, "published_at": timezone.now()},
        {"status": Story.Status.PUBLISHED, "published_at": timezone.now() + timezone.timedelta(1)},
    ],
    ids=["draft", "approved", "spiked", "withdrawn", "scheduled"],
)
def test_feeds_never_carry_a_story_readers_may_not_see(client, overrides):
    source = make_source(slug="dpa")
    make_story(headline="Not for readers", source=source, tags=["Ukraine"], **overrides)
    make_published_story(headline="For readers", source=source, tags=["Ukraine"])

    for name, args in [
        ("articles:feed", []),
        ("articles:feed-atom", []),
        ("articles:tag-feed", ["ukraine"]),
        ("articles:tag-feed-atom", ["ukraine"]),
        ("articles:source-feed", ["dpa"]),
        ("articles:source-feed-atom", ["dpa"]),
    ]:
        _, feed = fetch(client, reverse(name, args=args))
        assert [entry.title for entry in feed.entries] == ["For readers"], name


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_tag_feed_holds_only_that_tags_stories(client, suffix):
    make_published_story(headline="About Kursk", tags=["Kursk"])
    make_published_story(headline="About the weather", tags=["Weather"])

    _, feed = fetch(client, reverse(f"articles:tag-feed{suffix}", args=["kursk"]))

    assert [entry.title for entry in feed.entries] == ["About Kursk"]
    assert feed.feed.title == "Newsroom: stories tagged “Kursk”"
    assert feed.feed.link == "http://testserver/tags/kursk/"


@pytest.mark.parametrize("suffix", ["", "-atom"])
def test_source_feed_holds_only_that_sources_stories(client, suffix):
    make_published_story(headline="From Stern", source=make_source(name="Stern", slug="stern"))
    make_published_story(headline="From dpa", source=make_source(name="dpa", slug="dpa"))

    _, feed = fetch(client, reverse(f"articles:source-feed{suffix}", args=["stern"]))

    assert [entry.title for entry in feed.entries] == ["From Stern"]
    assert feed.feed.title == "Newsroom: stories from Stern"


@pytest.mark.parametrize(
    ("name", "args"), [("articles:tag-feed", ["nothing"]), ("articles:source-feed", ["nobody"])]
)
def test_a_feed_of_an_unknown_tag_or_source_is_not_found(client, name, args):
    assert client.get(reverse(name, args=args)).status_code == 404


def test_feed_lists_the_newest_stories_up_to_the_configured_number(client, settings):
    settings.NEWSROOM_FEED_ITEMS = 2
    for n in range(3):
        make_published_story(
            headline=f"Story {n}", published_at=timezone.now() - timezone.timedelta(hours=3 - n)
        )

    _, feed = fetch(client, reverse("articles:feed"))

    assert [entry.title for entry in feed.entries] == ["Story 2", "Story 1"]


def test_pages_announce_their_feeds(client):
    make_published_story(tags=["Kursk"])

    home = client.get(reverse("articles:home")).content.decode()
    tag = client.get(reverse("articles:tag", args=["kursk"])).content.decode()

    assert '<link rel="alternate" type="application/rss+xml"' in home
    assert 'href="/tags/kursk/feed/atom/"' in tag


@pytest.mark.parametrize("stories", [1, 50])
@pytest.mark.parametrize(
    ("name", "args", "queries"),
    [
        ("articles:feed", [], 2),  # stories with source, tags
        ("articles:feed-atom", [], 2),
        ("articles:tag-feed", ["ukraine"], 3),  # tag, stories with source, tags
        ("articles:source-feed-atom", ["stern"], 3),  # source, stories with source, tags
    ],
)
def test_feeds_use_constant_queries(
    client, django_assert_max_num_queries, stories, name, args, queries
):
    source = make_source(name="Stern", slug="stern")
    for _ in range(stories):
        make_published_story(source=source, tags=["Ukraine", "Russia"])

    with django_assert_max_num_queries(queries):
        assert client.get(reverse(name, args=args)).status_code == 200
