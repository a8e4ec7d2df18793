"""A tag or source archive, and its feeds, exist for readers only once a public story has
that tag or source: otherwise the address would confirm an embargoed topic."""

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db

ADDRESSES = {
    "tag": ["articles:tag", "articles:tag-feed", "articles:tag-feed-atom"],
    "source": ["articles:source", "articles:source-feed", "articles:source-feed-atom"],
}


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Story.Status.APPROVED},
        {
            "status": Story.Status.PUBLISHED,
            "published_at": timezone.now() + timezone.timedelta(days=1),
        },
        {"status": Story.Status.WITHDRAWN, "published_at": timezone.now()},
    ],
    ids=["draft", "scheduled", "withdrawn"],
)
def test_a_tag_or_source_only_hidden_stories_have_is_not_found(client, hidden):
    source = make_source(name="Embargoed outlet")
    make_story(source=source, tags=["Secret summit"], **hidden)

    for kind, slug in [("tag", "secret-summit"), ("source", source.slug)]:
        for name in ADDRESSES[kind]:
            assert client.get(reverse(name, args=[slug])).status_code == 404, name


def test_the_same_archive_answers_once_a_public_story_has_it(client):
    source = make_source(name="Open outlet")
    make_published_story(source=source, tags=["Open summit"])

    for kind, slug in [("tag", "open-summit"), ("source", source.slug)]:
        for name in ADDRESSES[kind]:
            assert client.get(reverse(name, args=[slug])).status_code == 200, name
