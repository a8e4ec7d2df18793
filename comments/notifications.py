"""Mail the moderators about comments waiting for them: one digest per window, not one each."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext

from .models import Comment

# Set for the length of the window when a digest goes out; cache.add makes it one per window
# across workers when the cache is shared.
DIGEST_SENT_KEY = "comments:digest-sent"


def moderators():
    """Active users who may moderate comments and have an address to write to."""
    return (
        get_user_model()
        .objects.with_perm("comments.change_comment", include_superusers=False)
        .exclude(email="")
    )


def notify_moderators(*, queue_url, now=None):
    """Mail every pending comment not yet announced, unless a digest went out within the window.

    Returns how many comments the mail announced. Comments held during the window wait for
    the next digest, which the next held comment sends once the window has passed.
    """
    now = now or timezone.now()
    comments = list(Comment.objects.not_yet_notified().select_related("story").order_by("pk"))
    recipients = list(moderators().values_list("email", flat=True))
    if not comments or not recipients:
        return 0
    window = settings.NEWSROOM_COMMENTS_DIGEST_MINUTES * 60
    if window and not cache.add(DIGEST_SENT_KEY, now.isoformat(), timeout=window):
        return 0
    subject = ngettext(
        "%(count)d comment awaits moderation", "%(count)d comments await moderation", len(comments)
    ) % {"count": len(comments)}
    body = render_to_string(
        "comments/email/digest.txt", {"comments": comments, "queue_url": queue_url}
    )
    send_mail(subject, body, None, recipients)
    Comment.objects.filter(pk__in=[comment.pk for comment in comments]).update(notified_at=now)
    return len(comments)
