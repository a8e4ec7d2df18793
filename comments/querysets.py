"""Named query rules for comments: what readers see, what moderators work through."""

from django.db import models, transaction
from django.db.models import Case, Q, Value, When
from django.utils import timezone

from .addresses import normalise_email
from .signals import comments_moderated

# Pending comments before the rest, each group newest first: the moderation queue's order.
QUEUE_ORDER = [
    Case(When(status="pending", then=Value(0)), default=Value(1)).asc(),
    "-created_at",
]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        from .models import Comment

        return self.filter(status=Comment.Status.APPROVED)

    def pending(self):
        from .models import Comment

        return self.filter(status=Comment.Status.PENDING)

    def visible_to(self, own_ids=()):
        """Approved comments, plus the reader's own not-yet-approved ones (ids from the session)."""
        from .models import Comment

        shown = Q(status=Comment.Status.APPROVED)
        if own_ids:
            shown |= Q(pk__in=list(own_ids)) & ~Q(status=Comment.Status.REMOVED)
        return self.filter(shown)

    def for_story(self, story):
        """The story's comments in reading order: oldest first, as a conversation reads."""
        return self.filter(story=story).order_by("created_at", "pk")

    def for_display(self):
        """Only the columns a public page shows: no email, IP or user agent leaves the database."""
        return self.only("story_id", "parent_id", "name", "url", "body", "status", "created_at")

    def by_email(self, email):
        return self.filter(email=normalise_email(email))

    def moderation_queue(self):
        """Pending first, then newest first, with the story each comment is on."""
        return self.select_related("story").order_by(*QUEUE_ORDER)

    def not_yet_notified(self):
        return self.pending().filter(notified_at__isnull=True)

    def with_expired_traces(self, days, now=None):
        """Comments whose IP address or user agent has been kept longer than `days`."""
        now = now or timezone.now()
        has_traces = Q(ip_address__isnull=False) | ~Q(user_agent="")
        return self.filter(has_traces, created_at__lt=now - timezone.timedelta(days=days))

    def moderate(self, status, *, by):
        """Move the comments to `status`, stamped with the moderator; returns how many moved.

        Idempotent under concurrency: the rows are locked while they are read, so a second
        moderator pressing the same button waits, then finds them moved and records nothing.
        """
        with transaction.atomic():
            pending = self.exclude(status=status).select_for_update().values_list("pk", flat=True)
            pks = list(pending)
            count = self.model.objects.filter(pk__in=pks).update(
                status=status, moderated_by=by, moderated_at=timezone.now()
            )
            if pks:
                comments_moderated.send(sender=self.model, action=status, by=by, pks=pks)
        return count

    def clear_traces(self):
        return self.update(ip_address=None, user_agent="")

    def erase(self, *, by):
        """Delete the comments for good; replies by others stay, as top-level comments.

        The one door of an erasure: the admin and ``erase_comments`` call it, and the
        signal it sends is what the audit log records (``by`` None: the command line).
        """
        pks = list(self.values_list("pk", flat=True))
        count = self.model.objects.filter(pk__in=pks).delete()[1].get(self.model._meta.label, 0)
        if pks:
            comments_moderated.send(sender=self.model, action="erased", by=by, pks=pks, count=count)
        return count

    def anonymise(self, *, by):
        """Keep the words, drop everything that identifies the author; returns the count."""
        pks = list(self.values_list("pk", flat=True))
        count = self.model.objects.filter(pk__in=pks).update(
            name="Anonymous", email="", url="", ip_address=None, user_agent=""
        )
        if pks:
            comments_moderated.send(
                sender=self.model, action="anonymised", by=by, pks=pks, count=count
            )
        return count
