"""The one door for a story's words: every change readers could see passes ``change_words``.

The words are the headline, standfirst, body and omission note. The admin form, XLIFF,
machine drafts, restores, wire versions and archive imports all call ``change_words``;
after creation (``StoryQuerySet.create_story``) nothing else writes them, and only
``_put_live`` moves a reviewed update onto a published story. A test reads the code to
hold that (tests/articles/test_one_door.py).

The door locks the story's row, refuses a change based on an older version (optimistic
locking on ``lock_version``), bumps the version, keeps a revision with its author and
origin, writes one timeline event, sends an approved story back to review, and keeps a
change to a published story as its pending update, which goes through review like a
first publication before a publisher puts it live.
"""

import copy

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import details as story_details
from .fields import DETAIL_FIELDS, TEXT_FIELDS, WORD_FIELDS, text_of
from .statuses import Origin, Status, TranslationStatus
from .timeline import record_event
from .workflow import WorkflowError

# Only transitions change these; an edit keeps whatever the database holds.
STATUS_FIELDS = (
    "status",
    "translation_status",
    "published_at",
    "pending_revision",
    "content_updated_at",
    "withdrawal_reason",
    "reviewer",
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

    @property
    def editable_words(self):
        """``editable_text`` with the omission note, as a dict by field name."""
        source = self.pending_revision if self.pending_revision_id else self
        return {name: getattr(source, name) for name in WORD_FIELDS}

    def previewed(self):
        """A copy in memory with the words that publishing would put live; never saved."""
        story = copy.copy(self)
        for name, value in self.editable_words.items():
            setattr(story, name, value)
        return story

    def check_edit(self, *, base_version):
        """Lock the story's row and return it as saved, or raise if this edit may not be saved.

        EditConflict when someone changed the story after ``base_version`` (None: the
        caller read the story in this transaction); WorkflowError when its status forbids
        edits. The lock holds until the caller's transaction ends.
        """
        current = type(self).objects.select_for_update().get(pk=self.pk)
        if base_version is not None and current.lock_version != base_version:
            raise self._conflict(current, base_version)
        if current.status in {Status.WITHDRAWN, Status.SPIKED}:
            raise WorkflowError(
                _("A %(status)s story cannot be edited.")
                % {"status": str(current.get_status_display()).lower()}
            )
        return current

    def detail_versions(self):
        """The details readers see, and those an editor works on (the live ones with the
        pending update's changes), read once for both."""
        live = story_details.snapshot(self)
        pending = self.pending_revision.details if self.pending_revision_id else {}
        return live, {**live, **pending}

    @property
    def editable_details(self):
        return self.detail_versions()[1]

    def check_embargo_lift(self, *, by, note):
        """Raise WorkflowError unless ``by`` may end (or bring forward) the story's embargo."""
        if by is None or not by.has_perm("articles.publish_story"):
            raise WorkflowError(
                _("Only a publisher may lift an embargo; ask one, or leave the time as it is.")
            )
        if not str(note).strip():
            raise WorkflowError(
                _("Lifting an embargo needs a note saying why (the revision note).")
            )

    @transaction.atomic
    def change_words(
        self, words=None, *, details=None, by, origin: Origin, note="", base_version=None
    ):
        """Change the story's words (any of WORD_FIELDS) and details (any of DETAIL_FIELDS);
        the one door for what readers see.

        Returns the revision written, or None when nothing changed. A published story
        keeps what readers see: the change waits as its pending update, in review again if
        the update had been approved. An approved story goes back to review.
        """
        current = self.check_edit(base_version=base_version)
        return self._change_words(current, words, details=details, by=by, origin=origin, note=note)

    def _change_words(self, current, words, *, details, by, origin, note):
        """``change_words`` on the row ``current``, already locked by ``check_edit``."""
        words = words or {}
        unknown = set(words) - set(WORD_FIELDS)
        if unknown:
            raise ValueError(f"Not the story's words: {sorted(unknown)}")
        before = current.editable_words
        after = {**before, **words}
        live, shown = current.detail_versions()
        new_details = story_details.changed(shown, story_details.normalise(details or {}))
        self._take_state_of(current)
        if after == before and not new_details:
            return None
        if story_details.lifts_embargo(shown, new_details):
            self.check_embargo_lift(by=by, note=note)
        self.lock_version = current.lock_version + 1
        change = {"by": by, "origin": origin, "note": note, "shown": shown}
        if current.status == Status.PUBLISHED:
            return self._change_pending_update(current, after, new_details, live=live, **change)
        return self._change_draft(current, after, new_details, **change)

    @transaction.atomic
    def save_edit(self, *, by, base_version, note="", details=None):
        """Save this story as edited in a form opened at ``base_version``.

        The words (as the form set them on this instance) and ``details`` go through
        ``change_words``; whatever else the form holds is saved with them. Returns the
        revision written, or None when neither words nor details changed.
        """
        current = self.check_edit(base_version=base_version)
        edited = {name: getattr(self, name) for name in WORD_FIELDS}
        self._take_state_of(current)
        for name in [*WORD_FIELDS, *(f for f in DETAIL_FIELDS if f != "tags")]:
            attname = self._meta.get_field(name).attname
            setattr(self, attname, getattr(current, attname))
        self.editing_by = self.editing_since = None
        self.lock_version = current.lock_version
        self.save(update_fields=self._other_fields())
        revision = self._change_words(
            current, edited, details=details, by=by, origin=Origin.ADMIN, note=note
        )
        if revision is None:
            self.lock_version = current.lock_version + 1
            self.save(update_fields=["lock_version", "modified_at"])
        return revision

    @transaction.atomic
    def restore(self, revision, *, by):
        """Bring back an earlier text; the restore is itself a new revision, by ``by``."""
        when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
        return self.change_words(
            revision.words,
            by=by,
            origin=Origin.RESTORE,
            note=_("Restored the text of %(time)s.") % {"time": when},
        )

    @transaction.atomic
    def adopt_proposal(self, revision, *, by):
        """Take the text an archive import offered through the door, as ``by``'s change."""
        if revision.story_id != self.pk or not revision.proposed:
            raise WorkflowError(_("This revision is not a text the archive offered."))
        when = date_format(timezone.localtime(revision.created_at), "DATETIME_FORMAT")
        changed = self.change_words(
            text_of(revision),
            by=by,
            origin=Origin.ARCHIVE,
            note=_("Took the text the archive offered on %(time)s.") % {"time": when},
        )
        revision.proposed = False
        revision.save(update_fields=["proposed"])
        if self.translation_status == TranslationStatus.NEEDS_UPDATE:
            # Taking the archive's text is the update the story needed.
            self.mark_translated(by=by, note=_("Took the archive's changed text."))
        return changed

    def record_revision(self, words=None, *, by=None, origin=Origin.ADMIN, note="", **fields):
        """Keep the words as they now stand (or ``words``), to compare and restore them."""
        words = words or {name: getattr(self, name) for name in WORD_FIELDS}
        return self.revisions.create(
            created_by=by,
            origin=origin,
            note=str(note)[:300],
            story_version=self.lock_version,
            **words,
            **fields,
        )

    def authors_since_approval(self):
        """Everyone who created a revision since the last approved one: they wrote the words
        a reviewer now approves, whether by typing, a machine draft, a restore or a file."""
        revisions = self.revisions.since_last_approval().exclude(created_by=None)
        return set(revisions.values_list("created_by", flat=True))

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

    # Inside the door.

    def _take_state_of(self, current):
        """The workflow owns the statuses: whatever this instance holds, the row's win."""
        for name in STATUS_FIELDS:
            attname = self._meta.get_field(name).attname
            setattr(self, attname, getattr(current, attname))
        self.lock_version = current.lock_version

    def _other_fields(self):
        """What a form may save beside the words: everything but words, statuses and keys."""
        skip = {*WORD_FIELDS, *DETAIL_FIELDS, *STATUS_FIELDS, "id", "search_vector", "created_at"}
        return [
            field.name
            for field in self._meta.concrete_fields
            if field.name not in skip and not field.primary_key
        ]

    def _change_draft(self, current, words, details, *, by, origin, note, shown):
        for name, value in words.items():
            setattr(self, name, value)
        detail_fields = story_details.apply(self, details)
        lines = story_details.describe(shown, details)
        revision = self.record_revision(words, by=by, origin=origin, note=note, details=details)
        if current.status == Status.APPROVED:
            # Four eyes saw the old text; the new one must be approved again.
            record_event(
                self,
                "articles.story.reopened",
                actor=by,
                from_status=Status.APPROVED,
                to_status=Status.IN_REVIEW,
                note=_describe(origin, note or _("Edited after approval."), lines),
            )
            self.status = Status.IN_REVIEW
            if self.translation_status == TranslationStatus.REVIEWED:
                self.translation_status = TranslationStatus.TRANSLATED
        else:
            record_event(
                self, "articles.story.edited", actor=by, note=_describe(origin, note, lines)
            )
        self.save(
            update_fields=[
                *WORD_FIELDS,
                *detail_fields,
                "status",
                "translation_status",
                "lock_version",
                "modified_at",
            ]
        )
        return revision

    def _change_pending_update(self, current, words, details, *, by, origin, note, shown, live):
        previous = current.pending_revision
        state = previous.update_status if previous else Status.NEW
        if state == Status.APPROVED:
            state = Status.IN_REVIEW
        # The update carries every detail it changes from what readers see now.
        carried = story_details.changed(live, {**shown, **details})
        revision = self.record_revision(
            words,
            by=by,
            origin=origin,
            note=note,
            details=carried,
            pending=True,
            update_status=state,
            submitted_at=previous.submitted_at if previous else None,
            submitted_by=previous.submitted_by if previous else None,
        )
        if previous:
            previous.pending = False
            previous.save(update_fields=["pending"])
        reopened = previous is not None and previous.update_status == Status.APPROVED
        record_event(
            self,
            "articles.update.reopened" if reopened else "articles.update.edited",
            actor=by,
            from_status=previous.update_status if previous else "",
            to_status=state,
            note=_describe(origin, note, story_details.describe(shown, details)),
        )
        # Readers keep the live words until a publisher puts the reviewed update live.
        for name in WORD_FIELDS:
            setattr(self, name, getattr(current, name))
        self.pending_revision = revision
        self.save(update_fields=["pending_revision", "lock_version", "modified_at"])
        return revision

    def _put_live(self, revision):
        """Publishing a reviewed update: its words and details become the story's; returns
        the fields to save beside the words. Workflow only."""
        for name, value in revision.words.items():
            setattr(self, name, value)
        fields = story_details.apply(self, revision.details)
        revision.pending = False
        revision.save(update_fields=["pending"])
        return fields

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


def _describe(origin, note, lines=()):
    """The timeline's note for a change: where it came from, why, and what details moved."""
    parts = [str(_("From %(origin)s.") % {"origin": Origin(origin).label})]
    if note:
        parts.append(str(note))
    return " ".join([*parts, *(f"{line}." for line in lines)])
