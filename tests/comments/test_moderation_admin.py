import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import timezone

from comments.models import ClosedDiscussion, Comment, CommentRules
from tests.comments.conftest import make_comment
from tests.conftest import make_published_story, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:comments_comment_changelist")
MINUTE = timezone.timedelta(minutes=1)


@pytest.fixture
def moderator_client(client):
    client.force_login(make_user("Moderator"))
    return client


def moderate_url(comment, status):
    return reverse("admin:comments_comment_moderate", args=[comment.pk, status])


def bulk(client, action, comments):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in comments]}, follow=True
    )


def test_the_moderator_role_holds_the_comment_permissions_and_nothing_on_stories():
    codenames = set(
        Group.objects.get(name="Moderator").permissions.values_list("codename", flat=True)
    )

    assert codenames == {
        "view_comment",
        "change_comment",
        "view_commentrules",
        "add_commentrules",
        "change_commentrules",
        "view_closeddiscussion",
        "add_closeddiscussion",
        "delete_closeddiscussion",
    }


def test_the_queue_shows_pending_first_then_newest_with_story_snippet_and_reason(
    moderator_client,
):
    story = make_published_story(headline="Putin sees offensive failed")
    now = timezone.now()
    old_pending = make_comment(story, status="pending", created_at=now - 9 * MINUTE)
    new_approved = make_comment(story, status="approved", created_at=now - MINUTE)
    new_pending = make_comment(
        story, status="pending", created_at=now - 2 * MINUTE, reason="held: 3 links"
    )
    old_spam = make_comment(story, status="spam", created_at=now - 5 * MINUTE)

    response = moderator_client.get(CHANGELIST)

    html = response.content.decode()
    assert list(response.context["cl"].result_list) == [
        new_pending,
        old_pending,
        new_approved,
        old_spam,
    ]
    assert "Putin sees offensive failed" in html
    assert "held: 3 links" in html
    assert new_pending.snippet in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status__exact": "spam"}, ["spam on one"]),
        ({"story__id__exact": "ONE"}, ["spam on one", "approved on one"]),
        ({"q": "approved on two"}, ["approved on two"]),
    ],
    ids=["status", "story", "search"],
)
def test_the_queue_filters_by_status_and_story_and_searches(moderator_client, query, expected):
    one, two = make_published_story(), make_published_story()
    make_comment(one, body="approved on one")
    make_comment(one, body="spam on one", status="spam")
    make_comment(two, body="approved on two")
    query = {key: one.pk if value == "ONE" else value for key, value in query.items()}

    response = moderator_client.get(CHANGELIST, query)

    assert sorted(c.body for c in response.context["cl"].result_list) == sorted(expected)


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", "approved"), ("mark_spam", "spam"), ("remove", "removed")],
)
def test_a_moderator_changes_many_comments_at_once(moderator_client, action, status):
    comments = [make_comment(status="pending") for _ in range(3)]
    untouched = make_comment(status="pending")

    response = bulk(moderator_client, action, comments)

    assert f"3 comments are now {status}." in response.content.decode()
    assert set(Comment.objects.exclude(pk=untouched.pk).values_list("status", flat=True)) == {
        status
    }
    assert Comment.objects.get(pk=untouched.pk).status == "pending"
    assert Comment.objects.filter(moderated_by__isnull=False).count() == 3


def test_each_row_has_one_click_buttons_inside_the_changelist_form(moderator_client):
    comment = make_comment(status="pending")

    html = moderator_client.get(CHANGELIST).content.decode()

    assert f'formaction="{moderate_url(comment, "approved")}"' in html
    assert f'formaction="{moderate_url(comment, "spam")}"' in html
    assert f'formaction="{moderate_url(comment, "removed")}"' in html
    assert f'formaction="{moderate_url(comment, "pending")}"' not in html


def test_one_click_approves_a_comment_and_returns_to_the_queue(moderator_client):
    comment = make_comment(status="pending")

    response = moderator_client.post(moderate_url(comment, "approved"))

    comment.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == CHANGELIST
    assert comment.status == "approved"
    assert comment.moderated_by.groups.filter(name="Moderator").exists()


def test_one_click_needs_a_post_and_a_known_status(moderator_client):
    comment = make_comment(status="pending")

    assert moderator_client.get(moderate_url(comment, "approved")).status_code == 405
    assert moderator_client.post(moderate_url(comment, "published")).status_code == 404
    assert Comment.objects.get().status == "pending"


def test_the_admin_index_counts_the_comments_awaiting_moderation(moderator_client):
    for _ in range(3):
        make_comment(status="pending")
    make_comment(status="approved")

    html = moderator_client.get(reverse("admin:index")).content.decode()

    assert "3 comments await moderation" in html
    assert f'href="{CHANGELIST}?status__exact=pending"' in html


def test_the_admin_index_shows_a_translator_no_comment_count(client):
    make_comment(status="pending")
    client.force_login(make_user("Translator"))

    assert "await moderation" not in client.get(reverse("admin:index")).content.decode()


def test_a_moderator_sees_nothing_of_the_admin_but_comments(moderator_client):
    story = make_published_story()

    index = moderator_client.get(reverse("admin:index"))

    assert [app["app_label"] for app in index.context["app_list"]] == ["comments"]
    for url in [
        reverse("admin:articles_story_changelist"),
        reverse("admin:articles_story_change", args=[story.pk]),
        reverse("admin:articles_source_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_group_changelist"),
    ]:
        assert moderator_client.get(url).status_code == 403, url


def test_a_moderator_cannot_delete_or_erase_comments(moderator_client):
    comment = make_comment()

    actions = moderator_client.get(CHANGELIST).context["action_form"].fields["action"].choices

    names = [name for name, _ in actions]
    assert "approve" in names
    assert "delete_selected" not in names
    assert "erase" not in names
    assert (
        moderator_client.get(
            reverse("admin:comments_comment_delete", args=[comment.pk])
        ).status_code
        == 403
    )


def test_a_translator_cannot_moderate(client):
    comment = make_comment(status="pending")
    client.force_login(make_user("Translator"))

    assert client.get(CHANGELIST).status_code == 403
    assert client.post(moderate_url(comment, "approved")).status_code == 403
    assert bulk(client, "approve", [comment]).status_code == 403
    assert Comment.objects.get().status == "pending"


@pytest.mark.parametrize(
    "name",
    [
        "comments_comment_changelist",
        "comments_comment_change",
        "comments_comment_moderate",
        "comments_commentrules_changelist",
        "comments_commentrules_change",
        "comments_closeddiscussion_changelist",
        "comments_closeddiscussion_add",
    ],
)
def test_anonymous_visitors_reach_no_moderation_page(client, name):
    comment = make_comment(status="pending")
    args = {
        "comments_comment_change": [comment.pk],
        "comments_comment_moderate": [comment.pk, "approved"],
        "comments_commentrules_change": [1],
    }.get(name, [])
    url = reverse(f"admin:{name}", args=args)

    for response in [client.get(url), client.post(url)]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    assert Comment.objects.get().status == "pending"


def test_a_moderator_edits_the_rules_in_the_admin(moderator_client):
    response = moderator_client.get(reverse("admin:comments_commentrules_changelist"))
    assert response["Location"] == reverse("admin:comments_commentrules_add")

    moderator_client.post(
        reverse("admin:comments_commentrules_add"),
        {
            "trust_after": 1,
            "hold_at_links": 3,
            "moderation_words": "",
            "spam_words": "casino",
            "max_length": 5000,
            "close_after_days": 30,
        },
    )

    rules = CommentRules.load()
    assert (rules.trust_after, rules.spam_words, rules.close_after_days) == (1, "casino", 30)
    assert moderator_client.get(reverse("admin:comments_commentrules_changelist"))[
        "Location"
    ] == reverse("admin:comments_commentrules_change", args=[1])


def test_the_rules_form_refuses_a_broken_regular_expression(moderator_client):
    response = moderator_client.post(
        reverse("admin:comments_commentrules_add"),
        {
            "trust_after": 2,
            "hold_at_links": 2,
            "spam_words": "/(/",
            "max_length": 10,
            "close_after_days": 14,
        },
    )

    assert "is not a valid regular expression" in response.content.decode()
    assert not CommentRules.objects.exists()


def test_a_moderator_closes_comments_on_a_story_from_the_queue(moderator_client):
    comment = make_comment()

    response = bulk(moderator_client, "close_discussion", [comment])

    assert "Comments closed on 1 story." in response.content.decode()
    closed = ClosedDiscussion.objects.get()
    assert closed.story == comment.story
    assert closed.closed_by.groups.filter(name="Moderator").exists()


def test_a_superuser_erases_every_comment_of_an_authors_email_from_the_queue(client):
    client.force_login(User.objects.create_superuser("chief", password="a-long-test-password"))
    chosen = make_comment(email="anna@mail.example")
    make_comment(email="ANNA@mail.example")
    other = make_comment(email="bert@mail.example")

    response = bulk(client, "erase", [chosen])

    assert "Erased 2 comments of the selected authors." in response.content.decode()
    assert list(Comment.objects.all()) == [other]
