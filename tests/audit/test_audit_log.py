import pytest
from django.urls import reverse

from audit.models import AuditEntry
from comments.models import Comment
from tests.comments.conftest import make_comment
from tests.conftest import make_story, make_user

pytestmark = pytest.mark.django_db


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", "username"))


def test_logins_logouts_and_failed_logins_are_logged_with_the_address(client):
    make_user("Reviewer", username="rita")
    login = reverse("admin:login")

    client.post(login, {"username": "rita", "password": "wrong"}, REMOTE_ADDR="203.0.113.5")
    client.post(login, {"username": "rita", "password": "a-long-test-password"})
    client.post(reverse("admin:logout"))

    assert actions() == [
        ("auth.login_failed", "rita"),
        ("auth.login", "rita"),
        ("auth.logout", "rita"),
    ]
    assert AuditEntry.objects.earliest("pk").ip_address == "203.0.113.5"
    assert "wrong" not in str(list(AuditEntry.objects.values()))


def test_every_workflow_transition_is_logged_with_its_story(db):
    translator = make_user("Translator", username="tom")
    story = make_story(translator=translator)

    story.submit(by=translator)

    entry = AuditEntry.objects.get(action="articles.story.submitted")
    assert entry.actor == translator
    assert entry.target_repr == str(story)
    assert entry.target_id == str(story.pk)
    assert "new → in_review" in entry.note


def test_moderation_in_the_admin_is_logged_per_comment(client):
    moderator = make_user("Moderator", username="mo")
    comments = [make_comment(status=Comment.Status.PENDING) for _ in range(2)]
    client.force_login(moderator)

    client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "mark_spam", "_selected_action": [c.pk for c in comments]},
    )

    logged = AuditEntry.objects.filter(action="comments.comment.spam")
    assert sorted(logged.values_list("target_id", flat=True)) == sorted(str(c.pk) for c in comments)
    assert {entry.username for entry in logged} == {"mo"}


def test_the_audit_log_is_for_superusers_only_and_read_only(client):
    AuditEntry.objects.create(action="auth.login", username="rita")
    entry = AuditEntry.objects.get()
    superuser = make_user(username="boss", is_staff=True, is_superuser=True)
    publisher = make_user("Publisher")
    changelist = reverse("admin:audit_auditentry_changelist")

    client.force_login(publisher)
    assert client.get(changelist).status_code == 403
    client.force_login(superuser)
    assert client.get(changelist).status_code == 200
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403
    change = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
