import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

REASON = "The agency retracted the report: the quoted official does not exist."


@pytest.fixture
def withdrawn_story(db):
    story = make_published_story(headline="A story taken down", tags=["Ukraine"])
    story.withdraw(by=make_user("Publisher"), note=REASON)
    return story


def test_a_withdrawn_story_answers_410_gone_with_the_reason(client, withdrawn_story):
    response = client.get(withdrawn_story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 410
    assert "This story has been withdrawn." in html
    assert REASON in html
    assert f'href="{reverse("articles:home")}"' in html
    assert "A story taken down" not in html, "the notice must not repeat what was taken down"


def test_a_withdrawn_story_leaves_the_home_page_and_its_tag_archive(client, withdrawn_story):
    make_published_story(headline="A story still up", tags=["Ukraine"])

    for url in [reverse("articles:home"), reverse("articles:tag", args=["ukraine"])]:
        html = client.get(url).content.decode()
        assert "A story still up" in html, url
        assert "A story taken down" not in html, url


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Story.Status.NEW},
        {"status": Story.Status.SPIKED},
        {"status": Story.Status.PUBLISHED, "published_at": timezone.now() + timezone.timedelta(1)},
    ],
    ids=["draft", "spiked", "scheduled-for-later"],
)
def test_a_story_that_never_went_public_is_not_found_rather_than_gone(client, overrides):
    story = make_story(**overrides)

    response = client.get(story.get_absolute_url())

    assert response.status_code == 404
    assert "withdrawn" not in response.content.decode()


def test_an_unknown_address_is_not_found(client):
    assert client.get(reverse("articles:detail", args=["no-such-story"])).status_code == 404


def test_the_withdrawn_notice_costs_one_query_after_the_missed_lookup(
    client, django_assert_num_queries, withdrawn_story
):
    with django_assert_num_queries(2):  # published lookup, withdrawn lookup
        assert client.get(withdrawn_story.get_absolute_url()).status_code == 410
