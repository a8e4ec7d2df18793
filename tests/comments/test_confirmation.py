"""Trust needs proof: an address typed in the form earns nothing until its owner confirms it."""

import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from comments.confirmation import PROOF_COOKIE
from comments.models import Comment
from tests.comments.conftest import make_comment, post_comment

pytestmark = pytest.mark.django_db

ANNA = "anna@mail.example"
UNCONFIRMED = "held: trusted email not yet confirmed in this browser"
LINK = re.compile(r"http://testserver(/comments/confirm/[^/\s]+/)")


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    # Several posts from one address in a row; the post rate limit has tests of its own.
    settings.NEWSROOM_COMMENTS_RATE_SECONDS = 0


@pytest.fixture
def trusted(story):
    """Anna, trusted today: two approved comments under her address."""
    make_comment(story, email=ANNA)
    make_comment(story, email=ANNA)
    return ANNA


@pytest.fixture
def browser():
    # A real browser's CSRF check on the confirmation click.
    return Client(enforce_csrf_checks=True)


def mailed_link(message):
    return LINK.search(message.body).group(1)


def confirm(client, link):
    """Open the mailed link, then press its button, as a reader does."""
    page = client.get(link)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return client.post(link, {"csrfmiddlewaretoken": token.group(1)})


def test_anyone_typing_a_trusted_readers_address_is_held(client, story, trusted, run_tasks):
    post_comment(client, story, email="Anna@Mail.example", name="Not Anna", body="Fake.")

    comment = Comment.objects.get(name="Not Anna")
    assert (comment.status, comment.reason) == ("pending", UNCONFIRMED)
    run_tasks()
    [message] = mail.outbox
    assert message.to == [ANNA]
    assert message.subject == "Confirm your email address for comments"
    assert "“Not Anna” on “Putin sees offensive failed”" in message.body
    assert "If it was not you, ignore this mail" in message.body


def test_the_author_is_told_what_to_do_without_their_address_on_the_page(client, story, trusted):
    response = post_comment(client, story, email=ANNA, body="Mine.")
    page = client.get(response.url).content.decode()

    assert "We sent a link to your address; confirm it once in this browser" in page
    assert ANNA not in page


def test_a_reader_trusted_today_keeps_trust_after_one_click_in_this_browser(
    browser, story, trusted, run_tasks
):
    post_comment(browser, story, email=ANNA, body="Held until I confirm.")
    run_tasks()
    link = mailed_link(mail.outbox[0])

    opened = browser.get(link)
    assert opened.status_code == 200
    assert "Held until I confirm." in opened.content.decode()
    assert ANNA not in opened.content.decode()
    assert PROOF_COOKIE not in opened.cookies, "a mail scanner's GET proves nothing"
    assert Comment.objects.get(body="Held until I confirm.").status == "pending"

    clicked = confirm(browser, link)
    assert clicked.status_code == 200
    assert "Your comment is now published." in clicked.content.decode()
    assert ANNA not in clicked.content.decode()
    assert Comment.objects.get(body="Held until I confirm.").status == "approved"
    cookie = clicked.cookies[PROOF_COOKIE]
    assert cookie["path"] == "/comments/post/"
    assert (cookie["httponly"], cookie["samesite"]) == (True, "Lax")

    post_comment(browser, story, email=ANNA, body="Straight through.")
    comment = Comment.objects.get(body="Straight through.")
    assert (comment.status, comment.reason) == (
        "approved",
        "approved: trusted email, 3 approved comments",
    )


def test_a_proof_for_one_address_does_not_help_another(browser, story, trusted, run_tasks):
    make_comment(story, email="bob@mail.example")
    make_comment(story, email="bob@mail.example")
    post_comment(browser, story, email=ANNA)
    run_tasks()
    confirm(browser, mailed_link(mail.outbox[0]))

    post_comment(browser, story, email="bob@mail.example", body="Posing as Bob.")

    comment = Comment.objects.get(body="Posing as Bob.")
    assert (comment.status, comment.reason) == ("pending", UNCONFIRMED)


def test_a_comment_moderated_before_the_click_stays_as_the_moderator_left_it(
    browser, story, trusted, run_tasks
):
    post_comment(browser, story, email=ANNA, body="Removed meanwhile.")
    run_tasks()
    comment = Comment.objects.get(body="Removed meanwhile.")
    comment.remove(by=None)

    clicked = confirm(browser, mailed_link(mail.outbox[0]))

    assert PROOF_COOKIE in clicked.cookies
    assert Comment.objects.get(pk=comment.pk).status == "removed"
    assert "Your comment is now published." not in clicked.content.decode()


def test_the_owner_confirming_an_impostors_comment_leaves_it_with_the_moderators(
    browser, story, trusted, run_tasks
):
    post_comment(Client(), story, email=ANNA, name="Not Anna", body="Posted by an impostor.")
    run_tasks()

    clicked = confirm(browser, mailed_link(mail.outbox[0]))

    assert PROOF_COOKIE in clicked.cookies, "the owner did prove their address"
    assert Comment.objects.get(body="Posted by an impostor.").status == "pending"
    page = clicked.content.decode()
    assert "Your comment is now published." not in page
    assert "posted from another browser, so a moderator reads it" in page


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_link_is_refused_with_a_reason(client, story, trusted, method):
    response = getattr(client, method)(reverse("comments:confirm", args=["forged:token"]))

    assert response.status_code == 400
    assert "This confirmation link is not valid." in response.content.decode()
    assert PROOF_COOKIE not in response.cookies


def test_an_expired_link_is_refused_with_a_reason(client, story, trusted, run_tasks):
    post_comment(client, story, email=ANNA)
    run_tasks()
    link = mailed_link(mail.outbox[0])

    with time_machine.travel(timezone.now() + timezone.timedelta(days=8)):
        response = client.post(link)

    assert response.status_code == 400
    assert "This confirmation link has expired." in response.content.decode()
    assert PROOF_COOKIE not in response.cookies


def test_a_link_stops_working_once_the_comment_is_anonymised(client, story, trusted, run_tasks):
    post_comment(client, story, email=ANNA, body="Soon anonymous.")
    run_tasks()
    Comment.objects.filter(body="Soon anonymous.").anonymise(by=None)

    response = client.post(mailed_link(mail.outbox[0]))

    assert response.status_code == 400
    assert "This confirmation link no longer works." in response.content.decode()


def test_an_address_gets_one_confirmation_mail_per_window(client, story, trusted, run_tasks):
    make_comment(story, email="bob@mail.example")
    make_comment(story, email="bob@mail.example")
    for _ in range(3):
        post_comment(client, story, email=ANNA)
    post_comment(client, story, email="bob@mail.example")
    run_tasks()

    assert sorted(message.to[0] for message in mail.outbox) == [ANNA, "bob@mail.example"]
    assert Comment.objects.filter(reason=UNCONFIRMED).count() == 4

    with time_machine.travel(timezone.now() + timezone.timedelta(hours=13)):
        post_comment(client, story, email=ANNA)
        run_tasks()

    assert [message.to[0] for message in mail.outbox].count(ANNA) == 2


def test_the_proof_cookie_leaves_story_pages_public_and_cached(
    browser, story, trusted, run_tasks, settings
):
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 3600
    cache.clear()
    post_comment(browser, story, email=ANNA, body="Published by my click.")
    run_tasks()
    reader = Client()
    assert "Published by my click." not in reader.get(story.get_absolute_url()).content.decode()
    proof = confirm(browser, mailed_link(mail.outbox[0])).cookies[PROOF_COOKIE]
    # Only the proof: the test client sends every cookie whatever its path, as a browser
    # would not, so this is the worst case.
    reader.cookies[PROOF_COOKIE] = proof.value

    first = reader.get(story.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        second = reader.get(story.get_absolute_url())

    assert "Published by my click." in first.content.decode()
    assert len(queries) == 0, "served from the page cache"
    for response in (first, second):
        assert "public" in response["Cache-Control"]
        assert not response.cookies
