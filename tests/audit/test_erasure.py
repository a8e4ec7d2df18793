"""An erasure has one door (the queryset's erase()/anonymise()), and the log forgets the reader."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from audit.models import AuditEntry
from comments.models import Comment
from tests.comments.conftest import make_comment
from tests.comments.test_moderation_admin import bulk
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def approved_by_a_moderator(**overrides):
    comment = make_comment(status=Comment.Status.PENDING, **overrides)
    Comment.objects.filter(pk=comment.pk).moderate(
        Comment.Status.APPROVED, by=make_user("Moderator")
    )
    return comment


def erasure_entries(action):
    return list(AuditEntry.objects.filter(action=f"comments.comment.{action}"))


@pytest.mark.parametrize(("option", "action"), [([], "erased"), (["--anonymise"], "anonymised")])
def test_the_command_leaves_one_audit_entry_that_names_nobody(capsys, option, action):
    approved_by_a_moderator(name="Anna Schmidt", email="anna@mail.example")
    make_comment(name="Anna Schmidt", email="anna@mail.example")

    call_command("erase_comments", "anna@mail.example", *option)

    (entry,) = erasure_entries(action)
    assert (entry.username, entry.note) == ("manage.py erase_comments", "2 comments")
    assert not AuditEntry.objects.filter(target_repr__contains="Anna").exists()


@pytest.mark.parametrize("action", ["erase", "anonymise"])
def test_the_admin_leaves_one_audit_entry_that_names_nobody(client, action):
    chief = User.objects.create_superuser("chief", password="a-long-test-password")
    client.force_login(chief)
    chosen = approved_by_a_moderator(name="Anna Schmidt", email="anna@mail.example")
    make_comment(name="Anna Schmidt", email="anna@mail.example")
    make_comment(name="Bert", email="bert@mail.example")

    bulk(client, action, [chosen])

    (entry,) = erasure_entries(f"{action}d")
    assert (entry.actor, entry.note) == (chief, "2 comments")
    assert not AuditEntry.objects.filter(target_repr__contains="Anna").exists()
    assert AuditEntry.objects.filter(action="comments.comment.approved").get().target_repr == (
        f"[{action}d]"
    )
