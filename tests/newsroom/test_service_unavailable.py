import sys

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from newsroom.middleware import server_error

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.ROOT_URLCONF = "tests.newsroom.failing_urls"


def test_a_lost_database_answers_503_in_the_sites_look_with_retry_after(client, failing_site):
    response = client.get("/lost/")

    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Cache-Control"] == "no-store"
    assert "<h1>Back in a moment</h1>" in html
    assert 'href="/static/css/site.css"' in html, "the 503 page wears the site's stylesheet"
    assert "Traceback" not in html


def test_a_database_error_outside_a_view_is_a_503_too():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)

    assert sys.exc_info() == (None, None, None)
    assert response.status_code == 503


def test_any_other_error_stays_a_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)

    assert response.status_code == 500
