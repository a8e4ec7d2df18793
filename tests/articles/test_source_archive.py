import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def stern(db):
    return make_source(name="Stern", slug="stern", homepage="https://www.stern.de/", language="de")


def test_source_archive_names_the_outlet_its_homepage_and_language(client, stern):
    make_published_story(source=stern)

    html = client.get(reverse("articles:source", args=["stern"])).content.decode()

    assert "<h1>Stories from Stern</h1>" in html
    assert '<a href="https://www.stern.de/" rel="noopener">https://www.stern.de/</a>' in html
    assert "<dd>German</dd>" in html


def test_source_archive_lists_only_that_sources_public_stories_newest_first(client, stern):
    older = make_published_story(source=stern, published_at=timezone.now() - timezone.timedelta(2))
    newer = make_published_story(source=stern)
    make_story(source=stern, status=Story.Status.IN_REVIEW)
    make_story(source=stern, status=Story.Status.WITHDRAWN, published_at=timezone.now())
    make_published_story(source=make_source(name="dpa"))

    response = client.get(reverse("articles:source", args=["stern"]))

    assert list(response.context["page"]) == [newer, older]


def test_an_unknown_source_is_not_found(client):
    assert client.get(reverse("articles:source", args=["nobody"])).status_code == 404


def test_a_source_without_public_stories_has_no_archive_yet(client, stern):
    # An archive of no public story would confirm an outlet only drafts come from.
    assert client.get(reverse("articles:source", args=["stern"])).status_code == 404


@pytest.mark.parametrize("stories", [1, 50])
def test_source_archive_uses_constant_queries(
    client, django_assert_max_num_queries, stories, stern
):
    for _ in range(stories):
        make_published_story(source=stern, tags=["Ukraine", "Russia"])

    with django_assert_max_num_queries(4):  # source, count, page, latest posts
        assert client.get(reverse("articles:source", args=["stern"])).status_code == 200
