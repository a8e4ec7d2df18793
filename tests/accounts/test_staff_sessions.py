import time

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.sessions import DEADLINE_KEY
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def log_in(client, user):
    return client.post(
        reverse("admin:login"),
        {"username": user.username, "password": "a-long-test-password"},
    )


def test_a_staff_session_ends_when_the_browser_closes(client):
    log_in(client, make_user("Publisher"))

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_staff_session_ends_a_working_day_after_login(client):
    log_in(client, make_user("Publisher"))
    assert client.get(reverse("admin:index")).status_code == 200

    session = client.session
    session[DEADLINE_KEY] = time.time() - 1
    session.save()
    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_without_browser_close_the_session_cookie_lasts_the_staff_session_seconds(client, settings):
    settings.NEWSROOM_STAFF_SESSION_AT_BROWSER_CLOSE = False
    settings.NEWSROOM_STAFF_SESSION_SECONDS = 3600

    log_in(client, make_user("Publisher"))

    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 3600
