"""Tags in any script: German keywords, CJK and symbols never take a page, feed or sitemap down."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from lxml import etree
from taggit.models import Tag

from articles.models import Source
from tests.articles.test_admin_workflow import change_url, form_data, logged_in
from tests.conftest import make_published_story

pytestmark = pytest.mark.django_db

EVERYDAY_TAGS = ["Österreich", "東京", "Ελλάδα", "!!!", "Zürich\u2013Genf"]


def strict_xml(content):
    return etree.fromstring(content, etree.XMLParser(recover=False, resolve_entities=False))


@pytest.fixture
def story():
    return make_published_story(tags=EVERYDAY_TAGS)


def test_a_story_with_tags_in_any_script_is_shown_with_a_link_to_each(client, story):
    response = client.get(story.get_absolute_url())

    assert response.status_code == 200
    for tag in Tag.objects.filter(name__in=EVERYDAY_TAGS):
        assert f'href="/tags/{quote(tag.slug)}/"' in response.content.decode()


def test_a_german_tag_keeps_its_umlaut_in_its_address(story):
    tag = Tag.objects.get(name="Österreich")

    assert tag.slug == "österreich"
    assert reverse("articles:tag", args=[tag.slug]) == "/tags/%C3%B6sterreich/"


@pytest.mark.parametrize("name", EVERYDAY_TAGS)
def test_the_archive_and_feeds_of_a_tag_in_any_script_list_its_stories(client, story, name):
    tag = Tag.objects.get(name=name)

    archive = client.get(f"/tags/{quote(tag.slug)}/")
    assert archive.status_code == 200
    assert story.headline in archive.content.decode()
    for feed in ["articles:tag-feed", "articles:tag-feed-atom"]:
        response = client.get(reverse(feed, args=[tag.slug]))
        assert response.status_code == 200
        assert story.headline in etree.tostring(strict_xml(response.content), encoding=str)


def test_a_tag_of_symbols_only_still_gets_a_slug():
    first, second = Tag.objects.create(name="!!!"), Tag.objects.create(name="???")

    assert first.slug.startswith("tag-")
    assert second.slug.startswith("tag-")
    assert first.slug != second.slug
    assert not Tag.objects.filter(slug="").exists()


def test_two_symbol_tags_whose_slugs_collide_still_get_two_slugs(monkeypatch):
    Tag.objects.create(name="!!!")
    # Another name with the same digest: taggit retries with a numbered slug.
    monkeypatch.setattr("articles.tags.hashlib.sha256", lambda data: _Same())
    Tag.objects.create(name="§§§")
    Tag.objects.create(name="%%%")

    slugs = list(Tag.objects.values_list("slug", flat=True))
    assert len(set(slugs)) == 3
    assert all(slug.startswith("tag-") for slug in slugs)


class _Same:
    def hexdigest(self):
        return "0000000000"


def test_the_tag_sitemap_lists_tags_in_any_script_as_well_formed_xml(client, story):
    response = client.get(reverse("articles:sitemap-section", args=["tags"]))

    assert response.status_code == 200
    locations = [
        element.text
        for element in strict_xml(response.content).iter()
        if element.tag.endswith("loc")
    ]
    assert any(location.endswith("/tags/%C3%B6sterreich/") for location in locations)
    assert any(location.endswith(f"/tags/{quote('東京')}/") for location in locations)


def test_staff_preview_shows_tags_in_any_script(client, story):
    logged_in(client, "Reviewer")

    response = client.get(reverse("articles:preview", args=[story.pk]))

    assert response.status_code == 200


def test_a_translators_tag_edit_on_a_live_story_keeps_its_page_up(client):
    story = make_published_story(tags=["Ukraine"])
    logged_in(client, "Translator")

    response = client.post(
        change_url(story), form_data(story, story.lock_version, tags="Ukraine, Österreich, 日本")
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert client.get(story.get_absolute_url()).status_code == 200


def test_sources_whose_names_slugify_to_nothing_get_distinct_slugs(client):
    first, second = Source.objects.create(name="新华社"), Source.objects.create(name="共同通信")
    make_published_story(source=second)

    assert (first.slug, second.slug) == ("source", "source-2")
    assert client.get(reverse("articles:source", args=[second.slug])).status_code == 200
