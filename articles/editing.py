"""Editing a story's text without losing anyone's work.

Every save keeps a revision. A save based on an older version of the story is refused
(optimistic locking on ``lock_version``, checked under a row lock). The text of a
published story is never changed by an edit: the edit waits as a pending revision until
a publisher publishes it.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .statuses import Status, TranslationStatus
from .workflow import WorkflowError

TEXT_FIELDS = ("headline", "standfirst", "body")
# Only transitions change these; an edit keeps whatever the database holds.
STATUS_FIELDS = (
    "status",
    "translation_status",
    "published_at",
    "pending_revision",
    "content_updated_at",
    "withdrawal_reason",
)


class EditConflict(WorkflowError):
    """Someone else saved the story after this edit began; ``changed`` names what they changed."""

    def __init__(self, message, *, changed, current):
        super().__init__(message)
        self.changed = changed
        self.current = current


class StoryEditing:
    @property
    def editable_text(self):
        """The text an editor works on: the pending update if there is one, else the live text."""
        if self.pending_revision_id:
            return self.pending_revision.text
        return self.headline, self.standfirst, self.body

    def record_revision(self, *, by=None, note="", pending=False):
        """Keep the text as it now stands, so it can be compared and restored."""
        return self.revisions.create(
            created_by=by,
            note=note,
            headline=self.headline,
            standfirst=self.standfirst,
            body=self.body,
            pending=pending,
            story_version=self.lock_version,
        )

    def check_edit(self, *, base_version):
        """Lock the story's row and return it as saved, or raise if this edit may not be saved.

        EditConflict when someone changed the story after ``base_version``; WorkflowError
        when its status forbids edits. The lock holds until the caller's transaction ends,
        so nobody can save between this check and the save.
        """
        current = type(self).objects.select_for_update().get(pk=self.pk)
        if current.lock_version != base_version:
            raise self._conflict(current, base_version)
        if current.status in {Status.WITHDRAWN, Status.SPIKED}:
            raise WorkflowError(
                _("A %(status)s story cannot be edited.")
                % {"status": str(current.get_status_display()).lower()}
            )
        return current

    @transaction.atomic
    def save_edit(self, *, by, base_version, note=""):
        """Save this story as edited in a form opened at ``base_version``.

        Returns the revision written, or None when the text did not change.
        """
        current = self.check_edit(base_version=base_version)
        edited_text = (self.headline, self.standfirst, self.body)
        text_changed = edited_text != current.editable_text
        # The workflow owns the statuses; an edit never moves them.
        for name in STATUS_FIELDS:
            attname = self._meta.get_field(name).attname
            setattr(self, attname, getattr(current, attname))
        self.lock_version = current.lock_version + 1
        self.editing_by = self.editing_since = None

        revision = None
        if current.status == Status.PUBLISHED:
            if text_changed:
                revision = self.record_revision(by=by, note=note, pending=True)
                self.pending_revision = revision
            # Readers keep seeing the live text until a publisher publishes the update.
            self.headline, self.standfirst, self.body = (
                current.headline,
                current.standfirst,
                current.body,
            )
        elif text_changed:
            revision = self.record_revision(by=by, note=note)
            if current.status == Status.APPROVED:
                self._reopen_after_edit(by=by)
        self.save()
        return revision

    @transaction.atomic
    def restore(self, revision, *, by):
        """Bring back an earlier text; the restore is itself a new revision."""
        self.headline, self.standfirst, self.body = revision.text
        when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
        return self.save_edit(
            by=by,
            base_version=self.lock_version,
            note=_("Restored the text of %(time)s.") % {"time": when},
        )

    def mark_editing(self, user, now=None):
        """Note that ``user`` has the story open, for others to see; it bumps no version."""
        now = now or timezone.now()
        type(self).objects.filter(pk=self.pk).update(editing_by=user, editing_since=now)

    def edited_by_other(self, user, now=None):
        """The other editor who opened this story recently, or None."""
        now = now or timezone.now()
        window = timezone.timedelta(minutes=settings.NEWSROOM_EDIT_LOCK_MINUTES)
        if (
            self.editing_by_id
            and self.editing_by_id != user.pk
            and self.editing_since
            and self.editing_since > now - window
        ):
            return self.editing_by
        return None

    def _reopen_after_edit(self, *, by):
        """An approved text that changes must be approved again: four eyes saw the old one."""
        self.events.create(
            action="articles.story.reopened",
            actor=by,
            from_status=self.status,
            to_status=Status.IN_REVIEW,
            note=_("Edited after approval."),
        )
        self.status = Status.IN_REVIEW
        if self.translation_status == TranslationStatus.REVIEWED:
            self.translation_status = TranslationStatus.TRANSLATED

    def _conflict(self, current, base_version):
        base = self.revisions.filter(story_version__lte=base_version).order_by("-story_version")
        base_text = base.values_list(*TEXT_FIELDS).first()
        # Without a revision from before the edit began, what changed cannot be told.
        changed = (
            [
                str(self._meta.get_field(name).verbose_name)
                for name, before, now in zip(
                    TEXT_FIELDS, base_text, current.editable_text, strict=True
                )
                if before != now
            ]
            if base_text
            else []
        )
        who = self._last_changed_by(current)
        message = _(
            "%(who)s changed this story at %(time)s, after you opened it. Your changes were not "
            "saved, so nothing was overwritten; copy them, reload the story and apply them again."
        ) % {
            "who": who.get_username() if who else _("Someone else"),
            "time": date_format(timezone.localtime(current.modified_at), "DATETIME_FORMAT"),
        }
        return EditConflict(message, changed=changed, current=current)

    def _last_changed_by(self, current):
        """Whoever saved text or moved the story last: its newest revision or timeline event."""
        revision = current.revisions.order_by("-created_at").select_related("created_by").first()
        event = current.events.order_by("-at").select_related("actor").first()
        steps = [(r.created_at, r.created_by) for r in [revision] if r]
        steps += [(e.at, e.actor) for e in [event] if e]
        return max(steps, key=lambda step: step[0])[1] if steps else None
