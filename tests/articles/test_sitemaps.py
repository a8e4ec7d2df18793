from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from articles.sitemaps import NewsSitemap
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db

NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
HOUR = timezone.timedelta(hours=1)


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)


def urlset(client, url):
    """{location: lastmod} of a sitemap."""
    root = xml(client, url)
    return {
        u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS) for u in root
    }


def test_sitemap_index_lists_a_sitemap_per_section_with_its_lastmod(client):
    story = make_published_story(tags=["Kursk"])

    root = xml(client, reverse("articles:sitemap"))

    sections = {
        s.findtext("s:loc", namespaces=NS): s.findtext("s:lastmod", namespaces=NS) for s in root
    }
    assert set(sections) == {
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-tags.xml",
        "http://testserver/sitemap-sources.xml",
    }
    assert sections["http://testserver/sitemap-stories.xml"] == story.published_at.isoformat()


def test_story_sitemap_lists_public_stories_with_their_real_modification_time(client):
    updated = make_published_story(
        published_at=timezone.now() - 3 * HOUR, content_updated_at=timezone.now() - HOUR
    )
    untouched = make_published_story(published_at=timezone.now() - 2 * HOUR)

    urls = urlset(client, "/sitemap-stories.xml")

    assert urls == {
        f"http://testserver{updated.get_absolute_url()}": updated.content_updated_at.isoformat(),
        f"http://testserver{untouched.get_absolute_url()}": untouched.published_at.isoformat(),
    }


def test_tag_and_source_sitemaps_list_archives_with_public_stories(client):
    stern = make_source(name="Stern", slug="stern")
    newest = make_published_story(source=stern, tags=["Kursk"])
    make_published_story(source=stern, tags=["Kursk"], published_at=timezone.now() - 5 * HOUR)
    make_story(source=make_source(slug="hidden"), tags=["Draft tag"])

    tags = urlset(client, "/sitemap-tags.xml")
    sources = urlset(client, "/sitemap-sources.xml")

    assert tags == {"http://testserver/tags/kursk/": newest.published_at.isoformat()}
    assert sources == {"http://testserver/sources/stern/": newest.published_at.isoformat()}


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Story.Status.NEW},
        {"status": Story.Status.APPROVED},
        {"status": Story.Status.WITHDRAWN, "published_at": timezone.now() - HOUR},
        {"status": Story.Status.PUBLISHED, "published_at": timezone.now() + HOUR},
    ],
    ids=["draft", "approved", "withdrawn", "scheduled"],
)
def test_sitemaps_never_list_a_story_readers_may_not_see(client, overrides):
    hidden = make_story(headline="Not for readers", **overrides)
    make_published_story()

    for url in ["/sitemap-stories.xml", reverse("articles:news-sitemap")]:
        content = client.get(url).content.decode()
        assert hidden.get_absolute_url() not in content, url
        assert "Not for readers" not in content, url


def test_news_sitemap_lists_the_last_two_days_in_the_google_news_format(client):
    recent = make_published_story(headline="Fresh & new", published_at=timezone.now() - HOUR)
    make_published_story(headline="Three days old", published_at=timezone.now() - 72 * HOUR)

    root = xml(client, reverse("articles:news-sitemap"))

    [url] = root.findall("s:url", NS)
    assert url.findtext("s:loc", namespaces=NS) == f"http://testserver{recent.get_absolute_url()}"
    news = url.find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Newsroom"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en"
    assert news.findtext("news:publication_date", namespaces=NS) == recent.published_at.isoformat()
    assert news.findtext("news:title", namespaces=NS) == "Fresh & new"


def test_news_sitemap_holds_at_most_a_thousand_stories(client, monkeypatch):
    monkeypatch.setattr(NewsSitemap, "limit", 2)
    for _ in range(3):
        make_published_story()

    root = xml(client, reverse("articles:news-sitemap"))

    assert len(root.findall("s:url", NS)) == 2
    monkeypatch.undo()
    assert NewsSitemap.limit == 1000, "Google News reads at most 1,000 URLs per sitemap"


def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_private_paths(client):
    response = client.get("/robots.txt")

    text = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in text.splitlines()
    assert "Sitemap: http://testserver/news-sitemap.xml" in text.splitlines()
    for path in ["/admin/", "/preview/", "/search/"]:
        assert f"Disallow: {path}" in text.splitlines()


@pytest.mark.parametrize("stories", [1, 50])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/sitemap.xml", 6),  # newest date and count of each of three sections
        ("/sitemap-stories.xml", 2),  # count, page
        ("/sitemap-tags.xml", 2),
        ("/sitemap-sources.xml", 2),
        ("/news-sitemap.xml", 2),
    ],
)
def test_sitemaps_use_constant_queries(
    client, django_assert_max_num_queries, stories, url, queries
):
    for _ in range(stories):
        make_published_story(tags=["Ukraine", "Russia"])

    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200
