import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory

from comments.abuse import client_ip, issue_token
from comments.models import Comment, CommentRules
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_published_story

pytestmark = pytest.mark.django_db

PROJECT_DIR = Path(__file__).resolve().parents[2]


def test_a_filled_in_honeypot_refuses_the_comment(client, story):
    response = post_comment(client, story, company="ACME Pills")

    assert response.status_code == 400
    assert "looks automated and was not accepted" in response.content.decode()
    assert not Comment.objects.exists()


def test_the_honeypot_is_hidden_by_a_stylesheet_class_not_an_inline_style(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    start = html.index('<section class="comments"')
    section = html[start : html.index("</section>", start)]
    css = (PROJECT_DIR / "static" / "css" / "comments.css").read_text()

    assert '<p class="comment-form-trap" aria-hidden="true">' in section
    assert 'name="company"' in section
    assert "style=" not in section
    assert "<script" not in section
    assert ".comment-form-trap { position: absolute; left: -10000px;" in css
    assert "css/comments.css" in html


def test_a_form_sent_back_within_seconds_is_refused_and_the_text_kept(client, story):
    response = post_comment(client, story, served_seconds_ago=1, body="Typed in a flash.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "That was quicker than anyone can type." in html
    assert "Typed in a flash.</textarea>" in html
    assert not Comment.objects.exists()


def test_a_form_served_more_than_a_day_ago_has_expired(client, story):
    response = post_comment(client, story, served_seconds_ago=25 * 3600)

    assert response.status_code == 400
    assert "This form was open too long and has expired." in response.content.decode()


@pytest.mark.parametrize("forgery", ["", "made-up", "for-another-story"])
def test_a_form_token_that_is_missing_forged_or_for_another_story_is_refused(
    client, story, forgery
):
    if forgery == "for-another-story":
        forgery = issue_token(make_published_story())

    response = post_comment(client, story, token=forgery)

    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_a_refused_form_comes_back_with_a_fresh_token_that_works(client, story):
    refused = post_comment(client, story, served_seconds_ago=1)
    fresh_token = refused.context["form"]["token"].value()

    assert post_comment(client, story, token=fresh_token).status_code == 400  # still too soon
    assert fresh_token != refused.wsgi_request.POST["token"]


@pytest.fixture(params=["locmem", "redis"])
def any_cache(request):
    """Each rate-limit test runs on the default cache and on a private Redis."""
    if request.param == "redis":
        request.getfixturevalue("redis_cache")
    return request.param


def test_the_rate_limit_holds_across_two_test_clients_from_one_ip(any_cache, story):
    first = post_comment(Client(), story, ip="203.0.113.7", body="First.")
    second = post_comment(Client(), story, ip="203.0.113.7", body="Second, too soon.")

    assert first.status_code == 302
    assert second.status_code == 429
    html = second.content.decode()
    assert "You are posting comments too quickly." in html
    assert "Second, too soon.</textarea>" in html
    assert list(Comment.objects.values_list("body", flat=True)) == ["First."]


def test_the_rate_limit_holds_for_one_email_across_two_addresses(any_cache, story):
    post_comment(Client(), story, ip="203.0.113.7", email="anna@mail.example")

    second = post_comment(Client(), story, ip="203.0.113.8", email="ANNA@mail.example")

    assert second.status_code == 429


def test_two_readers_on_different_addresses_do_not_slow_each_other(any_cache, story):
    assert post_comment(Client(), story, ip="203.0.113.7").status_code == 302
    assert post_comment(Client(), story, ip="203.0.113.8").status_code == 302


def test_the_rate_limit_follows_the_setting_and_zero_turns_it_off(settings, story):
    settings.NEWSROOM_COMMENTS_RATE_SECONDS = 0

    for _ in range(3):
        assert post_comment(Client(), story, ip="203.0.113.7").status_code == 302


def test_with_redis_the_rate_limit_is_shared_with_another_worker_process(redis_cache, story):
    post_comment(Client(), story, ip="203.0.113.7", email="anna@mail.example")

    # A separate Python process, as a second gunicorn worker would be, with CACHE_URL set.
    worker = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from comments.abuse import take_turn; "
            "print(take_turn(ip='203.0.113.7', email='bert@mail.example'), "
            "take_turn(ip='203.0.113.9', email='carl@mail.example'))",
        ],
        env={
            **os.environ,
            "CACHE_URL": redis_cache,
            "DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        },
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert worker.stdout.split() == ["False", "True"], worker.stderr


def test_the_body_is_escaped_and_its_links_are_marked_as_user_content(client, story):
    make_comment(
        story,
        name="<script>alert('name')</script>",
        body="<img src=x onerror=alert(1)> read https://example.org/report now",
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert (
        '<a href="https://example.org/report" rel="nofollow ugc noopener">'
        "https://example.org/report</a>" in html
    )


def test_the_authors_website_is_linked_as_user_content(client, story):
    make_comment(story, name="Anna", url="https://anna.example/")

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<a href="https://anna.example/" rel="nofollow ugc noopener"><bdi>Anna</bdi></a>' in html


def test_no_avatar_or_third_party_image_is_loaded(client, story):
    make_comment(story)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<img" not in html
    assert "gravatar" not in html


def test_the_ip_address_and_user_agent_are_kept_for_moderators(client, story):
    post_comment(client, story, ip="203.0.113.7", user_agent="Firefox/140")

    comment = Comment.objects.get()
    assert (comment.ip_address, comment.user_agent) == ("203.0.113.7", "Firefox/140")


def test_behind_our_proxy_the_ip_is_the_one_the_proxy_saw(settings):
    settings.NEWSROOM_COMMENTS_PROXY_HOPS = 1
    request = RequestFactory().post(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )

    assert client_ip(request) == "203.0.113.7"


def test_without_a_proxy_a_forged_forwarded_for_header_is_ignored():
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="6.6.6.6")

    assert client_ip(request) == "203.0.113.7"


def test_a_spam_comment_is_shown_to_its_author_as_awaiting_moderation(client, story):
    CommentRules.objects.create(spam_words="casino")
    post_comment(client, story, body="casino bonus")

    html = client.get(story.get_absolute_url()).content.decode()

    # Telling a spammer which word tripped the filter would teach the next attempt.
    assert "Your comment is awaiting moderation." in html
    assert "blocklisted" not in html
