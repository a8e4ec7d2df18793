import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from comments.models import ClosedDiscussion, Comment, CommentRules
from comments.readers import REMEMBER_COOKIE
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_published_story, make_story

pytestmark = pytest.mark.django_db

DAY = timezone.timedelta(days=1)


def test_the_article_page_ends_with_the_form_and_the_two_sentences_of_the_sample(client, story):
    html = client.get(story.get_absolute_url()).content.decode()

    assert "Leave a Reply" in html
    assert "Your email address will not be published." in html
    assert "Required fields are marked" in html
    for field in ["name", "email", "url", "body", "remember"]:
        assert f'name="{field}"' in html, field
    assert f'action="{reverse("comments:post", args=[story.pk])}"' in html
    # Nothing per reader: the same page serves everyone from the cache (comments/origin.py).
    assert "csrfmiddlewaretoken" not in html


def test_a_valid_comment_is_saved_and_the_reader_is_sent_back_to_it(client, story):
    response = post_comment(client, story, name="Anna", body="Well reported.")

    comment = Comment.objects.get()
    assert (comment.story, comment.name, comment.body) == (story, "Anna", "Well reported.")
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}#comment-{comment.pk}"


def test_a_missing_field_is_reported_beside_it_and_nothing_typed_is_lost(client, story):
    response = post_comment(client, story, name="", body="My carefully written thoughts.")

    html = response.content.decode()
    assert response.status_code == 400
    assert not Comment.objects.exists()
    assert "This field is required." in html
    assert "My carefully written thoughts.</textarea>" in html
    assert 'aria-invalid="true"' in html


def test_a_website_that_is_not_a_web_address_is_refused(client, story):
    response = post_comment(client, story, url="javascript:alert(1)")

    assert response.status_code == 400
    assert "Enter a valid URL." in response.content.decode()
    assert not Comment.objects.exists()


def test_html_in_a_comment_is_refused_with_the_text_kept(client, story):
    response = post_comment(client, story, body="Look <b>here</b>")

    html = response.content.decode()
    assert response.status_code == 400
    assert "HTML is not accepted" in html
    assert "Look &lt;b&gt;here&lt;/b&gt;</textarea>" in html


def test_a_plain_less_than_sign_is_not_mistaken_for_html(client, story):
    assert post_comment(client, story, body="Turnout was < 40 % and a<b").status_code == 302


def test_the_remember_box_keeps_name_and_email_in_a_cookie_only_when_ticked(client, story):
    post_comment(client, story, name="Anna", email="anna@mail.example", remember="on")
    html = client.get(story.get_absolute_url()).content.decode()
    assert client.cookies[REMEMBER_COOKIE]["httponly"]
    assert 'value="Anna"' in html
    assert 'value="anna@mail.example"' in html

    client.cookies.clear()
    response = post_comment(client, story, name="Bert", email="bert@mail.example")
    assert response.cookies[REMEMBER_COOKIE].value == ""  # deleted, not set
    assert 'value="Bert"' not in client.get(story.get_absolute_url()).content.decode()


def test_the_reader_sees_their_comment_awaiting_moderation_and_nobody_else_does(client, story):
    post_comment(client, story, body="Held for a moderator.")

    own_view = client.get(story.get_absolute_url()).content.decode()
    other_view = Client().get(story.get_absolute_url()).content.decode()

    assert "Your comment is awaiting moderation." in own_view
    assert "Held for a moderator." in own_view
    assert "Held for a moderator." not in other_view
    assert "awaiting moderation" not in other_view


def test_others_see_only_approved_comments_and_the_count_counts_only_those(client, story):
    make_comment(story, body="Approved one.")
    make_comment(story, body="Approved two.")
    for status in ["pending", "spam", "removed"]:
        make_comment(story, body=f"A {status} comment.", status=status)

    html = client.get(story.get_absolute_url()).content.decode()

    assert "2 comments" in html
    assert "Approved one." in html
    assert "Approved two." in html
    assert "pending comment" not in html
    assert "spam comment" not in html
    assert "removed comment" not in html


def test_approved_comments_are_wrapped_in_data_nosnippet(client, story):
    comment = make_comment(story)

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'id="comment-{comment.pk}" data-nosnippet>' in html


def test_a_reply_is_shown_under_the_comment_it_answers(client, story):
    parent = make_comment(story, body="First thought.")
    post_comment(client, story, body="An answer.", parent=parent.pk)
    reply = Comment.objects.get(body="An answer.")
    reply.approve(by=None)

    html = client.get(story.get_absolute_url()).content.decode()

    assert reply.parent == parent
    replies = html[html.index("First thought.") :]
    assert '<ol class="comment-replies">' in replies
    assert "An answer." in replies


def test_a_reply_to_a_reply_joins_the_first_comment_one_level_deep(client, story):
    parent = make_comment(story)
    reply = make_comment(story, parent=parent)

    post_comment(client, story, body="Deeper.", parent=reply.pk)

    assert Comment.objects.get(body="Deeper.").parent == parent


@pytest.mark.parametrize("status", ["pending", "spam", "removed"])
def test_a_reply_to_an_unpublished_comment_is_refused(client, story, status):
    hidden = make_comment(story, status=status)

    response = post_comment(client, story, parent=hidden.pk)

    assert response.status_code == 400
    assert "The comment you replied to is not published here." in response.content.decode()


def test_a_reply_to_a_comment_on_another_story_is_refused(client, story):
    elsewhere = make_comment(make_published_story())

    assert post_comment(client, story, parent=elsewhere.pk).status_code == 400


def test_the_reply_link_opens_the_form_for_that_comment(client, story):
    parent = make_comment(story, name="Anna")
    html = client.get(story.get_absolute_url()).content.decode()
    assert f'href="?reply_to={parent.pk}#respond"' in html

    reply_form = client.get(story.get_absolute_url(), {"reply_to": parent.pk}).content.decode()

    assert "Reply to <bdi>Anna</bdi>" in reply_form
    assert f'name="parent" value="{parent.pk}"' in reply_form


def test_posting_from_another_site_is_forbidden(story):
    client = Client(enforce_csrf_checks=True)

    response = post_comment(client, story, headers={"Sec-Fetch-Site": "cross-site"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_posting_from_another_origin_is_forbidden_in_a_browser_without_fetch_metadata(story):
    client = Client(enforce_csrf_checks=True)

    response = post_comment(client, story, headers={"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}, {}],
    ids=["fetch-metadata", "origin", "no-browser-headers"],
)
def test_posting_from_the_page_itself_works_without_a_csrf_token(story, headers):
    client = Client(enforce_csrf_checks=True)

    response = post_comment(client, story, headers=headers)

    assert response.status_code == 302


def test_the_post_address_accepts_only_post(client, story):
    assert client.get(reverse("comments:post", args=[story.pk])).status_code == 405


def test_a_story_that_is_not_public_takes_no_comments(client):
    draft = make_story()

    assert post_comment(client, draft).status_code == 404


def test_a_story_closed_by_a_moderator_shows_comments_are_closed_and_refuses_posts(client, story):
    make_comment(story, body="Said before closing.")
    ClosedDiscussion.objects.create(story=story)

    html = client.get(story.get_absolute_url()).content.decode()
    response = post_comment(client, story)

    assert "Comments are closed." in html
    assert "Said before closing." in html
    assert "Leave a Reply" not in html
    assert response.status_code == 403
    assert "Comments are closed." in response.content.decode()
    assert Comment.objects.count() == 1


def test_comments_close_by_themselves_fourteen_days_after_publication(client):
    fresh = make_published_story(published_at=timezone.now() - 13 * DAY)
    old = make_published_story(published_at=timezone.now() - 15 * DAY)

    assert "Leave a Reply" in client.get(fresh.get_absolute_url()).content.decode()
    assert "Comments are closed." in client.get(old.get_absolute_url()).content.decode()
    assert post_comment(client, old).status_code == 403


def test_closing_after_days_follows_the_rules_and_zero_keeps_comments_open(client):
    old = make_published_story(published_at=timezone.now() - 400 * DAY)
    CommentRules.objects.create(close_after_days=0)

    assert "Leave a Reply" in client.get(old.get_absolute_url()).content.decode()
    assert post_comment(client, old).status_code == 302


@pytest.mark.parametrize("comments", [1, 50])
def test_the_comment_section_uses_constant_queries(
    client, story, django_assert_max_num_queries, comments
):
    for _ in range(comments):
        reply = make_comment(story, parent=make_comment(story))

    with django_assert_max_num_queries(7):  # the page's 4, then rules, closure, comments
        response = client.get(story.get_absolute_url())
    assert f"comment-{reply.pk}" in response.content.decode()


def test_a_staff_preview_shows_no_comment_section_and_spends_no_query_on_it(
    story, django_assert_num_queries
):
    make_comment(story)
    template = Template('{% include "comments/section.html" with story=story %}')
    context = Context({"story": story, "preview": True, "request": RequestFactory().get("/")})

    with django_assert_num_queries(0):
        html = template.render(context)

    assert "comments appear here once the story is live" in html
    assert "Leave a Reply" not in html
