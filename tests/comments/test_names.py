"""A commenter's name: shown on one line, in its own direction, and never as staff's."""

import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comments.models import Comment
from comments.notifications import notify_moderators
from tests.comments.conftest import make_comment, post_comment
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

# Whose name it is stays unsaid.
STAFF_REFUSAL = "This name is too close to a member of staff's; please choose another."


def refusal(response):
    assert response.status_code == 400, "the name should have been refused"
    assert not Comment.objects.exists()
    return html.unescape(response.content.decode())


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param(
            "Anna\r\nBcc: all@news.example",
            "Name contains a carriage return (U+000D) at character 5; please remove it.",
            id="crlf",
        ),
        pytest.param(
            "Anna\u2028Subject: urgent",
            "Name contains a line separator (U+2028) at character 5; please remove it.",
            id="line-separator",
        ),
        pytest.param(
            "Anna \u202emoc.elgoog",
            "Name contains a right-to-left override (U+202E) at character 6; please remove it.",
            id="rlo",
        ),
        pytest.param(
            "An\u2067na",
            "Name contains a right-to-left isolate (U+2067) at character 3; please remove it.",
            id="rli",
        ),
        pytest.param(
            "Ad\u200bmin",
            "Name contains a zero-width space (U+200B) at character 3; please remove it.",
            id="zwsp",
        ),
        pytest.param(
            "Ad\u200dmin",
            "Name contains a zero-width joiner (U+200D) at character 3; please remove it.",
            id="zwj-between-latin-letters",
        ),
        pytest.param(
            "Anna\U000e0041",
            "Name contains an invisible formatting character (U+E0041) at character 5; "
            "please remove it.",
            id="tag-character",
        ),
    ],
)
def test_a_name_with_a_line_break_a_direction_control_or_an_invisible_character_is_refused(
    client, story, name, message
):
    response = post_comment(client, story, name=name)

    assert message in refusal(response)


@pytest.mark.parametrize(
    "name",
    [
        "Zoë",
        "田中",
        "Ana María O'Neill-Smith",
        "עדי כהן",
        # Persian writes Alireza with a zero-width non-joiner between its two parts.
        "\u0639\u0644\u06cc\u200c\u0631\u0636\u0627",
    ],
)
def test_ordinary_names_in_any_script_are_accepted(client, story, name):
    make_user("Moderator", username="admin", first_name="Jane", last_name="Doe")

    response = post_comment(client, story, name=name)

    assert response.status_code == 302
    assert Comment.objects.get().name == name


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("\u0430dmin", id="cyrillic-a"),
        pytest.param("\u0391DMIN", id="greek-capital-alpha"),
        pytest.param("adm1n", id="digit-one"),
        pytest.param("\uff41\uff44\uff4d\uff49\uff4e", id="fullwidth"),
        pytest.param("adrnin", id="r-n-for-m"),
        pytest.param("J\u0430ne D\u043ee", id="full-name-with-cyrillic-a-and-o"),
        pytest.param("jane.doe", id="full-name-as-a-username"),
    ],
)
def test_a_name_that_passes_for_a_member_of_staffs_is_refused_without_saying_whose(
    client, story, name
):
    make_user("Moderator", username="admin", first_name="Jane", last_name="Doe")

    response = post_comment(client, story, name=name)

    assert STAFF_REFUSAL in refusal(response)


def test_only_active_staff_names_are_protected(client, story):
    make_user(username="admin")  # a reader's account, not staff
    make_user("Moderator", username="editor", is_active=False)

    assert post_comment(client, story, name="\u0430dmin").status_code == 302
    assert post_comment(client, story, name="Editor").status_code == 302


@pytest.mark.parametrize("staff", [1, 20])
def test_the_staff_check_costs_one_query_however_many_staff(client, story, staff):
    for _ in range(staff):
        make_user("Moderator")
    post_comment(client, story)  # settles what a first request loads once
    Comment.objects.all().delete()

    with CaptureQueriesContext(connection) as queries:
        assert post_comment(client, story).status_code == 302

    staff_queries = [q["sql"] for q in queries if '"is_staff"' in q["sql"]]
    assert len(staff_queries) == 1, staff_queries


def test_a_line_break_stored_in_a_name_cannot_start_a_line_of_the_digest_mail(story):
    make_user("Moderator", email="moderator@news.example")
    # Stored before names were checked: the mail must hold on its own.
    make_comment(story, status="pending", name="Anna\nBcc: everyone@news.example\r\nX")

    notify_moderators(queue_url="https://news.example/admin/comments/comment/")

    lines = mail.outbox[0].body.splitlines()
    assert "- Anna Bcc: everyone@news.example X on “Putin sees offensive failed”" in lines
    assert not any(line.startswith("Bcc:") for line in lines)


def test_names_are_shown_isolated_so_they_cannot_turn_the_text_around_them(client, story):
    plain = make_comment(story, name="Anna", url="https://anna.example/")
    stored = make_comment(story, name="\u202eevil")  # stored before names were checked

    page = client.get(story.get_absolute_url()).content.decode()
    reply_form = client.get(story.get_absolute_url(), {"reply_to": plain.pk}).content.decode()

    assert 'rel="nofollow ugc noopener"><bdi>Anna</bdi></a>' in page
    assert f"<bdi>{stored.name}</bdi>" in page
    assert "Reply to <bdi>Anna</bdi>" in reply_form


def test_the_moderation_queue_shows_names_isolated(client):
    make_comment(status="pending", name="\u202eevil")
    client.force_login(make_user("Moderator"))

    page = client.get(reverse("admin:comments_comment_changelist")).content.decode()

    assert '<td class="field-author"><bdi>\u202eevil</bdi></td>' in page
