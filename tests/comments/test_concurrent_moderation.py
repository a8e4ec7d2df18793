"""Two moderators pressing the same button at once move a comment, and the log, once."""

import threading

import pytest
from django.db import connection, connections
from django.db.models.query import QuerySet

from audit.models import AuditEntry
from comments.models import Comment
from tests.comments.conftest import make_comment
from tests.conftest import make_user


def someone_waits_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


# serialized_rollback: the flush afterwards must not take the roles migrations created.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_moderation_of_one_comment_writes_one_audit_entry(monkeypatch):
    comment = make_comment(status=Comment.Status.PENDING)
    first, second = make_user("Moderator"), make_user("Moderator")
    first_has_read, second_has_read = threading.Event(), threading.Event()
    acting = threading.local()
    update = QuerySet.update

    def interleaved_update(queryset, **values):
        # Between reading which comments to move and moving them, each moderator waits
        # for the other: the first until the second has read too, or is held at a lock.
        if queryset.model is Comment and getattr(acting, "user", None) == first:
            first_has_read.set()
            for _ in range(500):
                if second_has_read.is_set() or someone_waits_for_a_lock():
                    break
                threading.Event().wait(0.01)
        elif queryset.model is Comment and getattr(acting, "user", None) == second:
            second_has_read.set()
        return update(queryset, **values)

    def moderate(user):
        acting.user = user
        try:
            if user == second:
                first_has_read.wait(10)
            Comment.objects.filter(pk=comment.pk).moderate(Comment.Status.APPROVED, by=user)
        finally:
            connections.close_all()

    monkeypatch.setattr(QuerySet, "update", interleaved_update)
    threads = [threading.Thread(target=moderate, args=[user]) for user in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    entries = AuditEntry.objects.filter(
        action="comments.comment.approved", target_id=str(comment.pk)
    )
    assert [entry.actor for entry in entries] == [first]
