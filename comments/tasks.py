"""Background work for reader comments, run by ``manage.py db_worker``."""

from django.utils import timezone
from django_tasks import task

from . import confirmation
from .models import Comment
from .notifications import moderators, next_digest_at, notify_moderators


@task()
def send_moderator_digest(queue_url: str) -> int:
    """Mail the moderators the comments held since the last digest; return how many.

    Within the window of the last digest it sends nothing and comes back when the window
    ends, so a comment held just after a digest is announced in the next one, not never.
    """
    sent = notify_moderators(queue_url=queue_url)
    now = timezone.now()
    due = next_digest_at(now)
    if (
        not sent
        and due > now
        and Comment.objects.not_yet_notified().exists()
        and moderators().exists()
    ):
        send_moderator_digest.using(run_after=due).enqueue(queue_url=queue_url)
    return sent


@task()
def send_confirmation_mail(comment_id: int, confirm_url: str) -> bool:
    """Mail the author of a held comment the link that proves they read its address.

    The address is read here, not passed in, so it is not copied into the task queue; a
    comment erased or anonymised meanwhile gets no mail.
    """
    comment = (
        Comment.objects.select_related("story").filter(pk=comment_id).exclude(email="").first()
    )
    if comment is None:
        return False
    confirmation.send_confirmation(comment, confirm_url=confirm_url)
    return True
