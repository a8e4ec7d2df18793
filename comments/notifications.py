"""Mail the moderators about comments waiting for them: one digest per window, not one each.

The window is read from the comments themselves (when the last digest announced one), so
every worker and web process agrees on it without a shared cache. Digests are sent by the
``send_moderator_digest`` task (comments/tasks.py), never inside a reader's request.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext

from .models import Comment

# Held for the length of one digest's transaction, so two workers never send two at once.
DIGEST_LOCK = 0x6E657773  # "news"


def moderators():
    """Active users who may moderate comments and have an address to write to."""
    return (
        get_user_model()
        .objects.with_perm("comments.change_comment", include_superusers=False)
        .exclude(email="")
    )


def next_digest_at(now: datetime | None = None) -> datetime:
    """When the next digest may go out: now, or when the window the last digest opened ends."""
    now = now or timezone.now()
    window = timedelta(minutes=settings.NEWSROOM_COMMENTS_DIGEST_MINUTES)
    last = Comment.objects.aggregate(last=Max("notified_at"))["last"]
    if not window or last is None:
        return now
    return max(now, last + window)


def notify_moderators(*, queue_url: str, now: datetime | None = None) -> int:
    """Mail every pending comment not yet announced, unless a digest went out within the window.

    Returns how many comments the mail announced. Comments held meanwhile stay unannounced
    until the window ends (the task schedules itself for then). If the mail cannot be sent,
    nothing is marked as announced, so the next digest carries them.
    """
    now = now or timezone.now()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [DIGEST_LOCK])
        if next_digest_at(now) > now:
            return 0
        comments = list(Comment.objects.not_yet_notified().select_related("story").order_by("pk"))
        recipients = list(moderators().values_list("email", flat=True))
        if not comments or not recipients:
            return 0
        subject = ngettext(
            "%(count)d comment awaits moderation",
            "%(count)d comments await moderation",
            len(comments),
        ) % {"count": len(comments)}
        body = render_to_string(
            "comments/email/digest.txt", {"comments": comments, "queue_url": queue_url}
        )
        Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(notified_at=now)
        send_mail(subject, body, None, recipients)
    return len(comments)
