import pytest
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_story

pytestmark = pytest.mark.django_db


def test_a_missing_page_answers_404_in_the_sites_look(client):
    response = client.get("/news/no-such-story/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert 'href="/static/css/site.css"' in html, "the 404 page wears the site's stylesheet"
    assert '<a class="skip-link" href="#main">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html


def test_a_withdrawn_story_answers_410_in_the_sites_look(client):
    story = make_story(
        status=Story.Status.WITHDRAWN,
        published_at=timezone.now(),
        withdrawal_reason="The source retracted it.",
    )

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 410
    assert "This story has been withdrawn." in html
    assert "The source retracted it." in html
    assert 'href="/static/css/site.css"' in html
