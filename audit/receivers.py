"""What goes into the audit log: logins, every workflow event, every moderation action.

Workflow transitions already write a StoryEvent in their own transaction; its post_save
copies it here in that same transaction, so the log holds exactly the events that
happened, and the workflow never knows the log exists.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import StoryEvent
from comments.models import ClosedDiscussion, Comment
from comments.signals import comments_moderated

from .log import record
from .models import AuditEntry


@receiver(user_logged_in, dispatch_uid="audit.login")
def log_login(sender, request, user, **kwargs):
    record("auth.login", actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit.logout")
def log_logout(sender, request, user, **kwargs):
    if user is not None:
        record("auth.logout", actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit.login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    # Only the username: Django has already masked the password, and it stays out anyway.
    record("auth.login_failed", username=str(credentials.get("username", "")), request=request)


@receiver(post_save, sender=StoryEvent, dispatch_uid="audit.story_event")
def log_story_event(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    moved = f"{instance.from_status} → {instance.to_status}" if instance.from_status else ""
    record(
        instance.action,
        actor=instance.actor,
        username="" if instance.actor else "system",
        target=instance.story,
        note=" ".join(part for part in [moved, str(instance.note)] if part),
    )


# Actions after which nothing in the log may say who wrote the comments.
FORGETTING = {"erased", "anonymised"}


@receiver(comments_moderated, dispatch_uid="audit.comments_moderated")
def log_moderation(sender, action, by, pks=(), count=None, **kwargs):
    if action in FORGETTING:
        # The reader asked to be forgotten: earlier entries lose the name they carried,
        # and this one counts the comments without naming anyone.
        earlier = AuditEntry.objects.filter(
            target_type="comments.comment", target_id__in=[str(pk) for pk in pks]
        )
        earlier.update(target_repr=f"[{action}]")
        record(
            f"comments.comment.{action}",
            actor=by,
            username="" if by else "manage.py erase_comments",
            note=f"{count} comments",
        )
    elif pks:
        comments = Comment.objects.filter(pk__in=pks).select_related("story")
        AuditEntry.objects.bulk_create(
            AuditEntry(
                action=f"comments.comment.{action}",
                actor=by,
                username=by.get_username() if by else "",
                target_type="comments.comment",
                target_id=str(comment.pk),
                target_repr=f"{comment.name} on “{comment.story.headline}”"[:300],
            )
            for comment in comments
        )


@receiver(post_save, sender=ClosedDiscussion, dispatch_uid="audit.discussion_closed")
def log_discussion_closed(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        record("comments.discussion.closed", actor=instance.closed_by, target=instance.story)
