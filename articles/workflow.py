"""The editorial workflow: every status change of a story, each guarded and recorded.

Story inherits StoryWorkflow, so ``story.approve(by=user)`` is the front door; the admin,
bulk actions and commands only call these methods. A transition checks the actor's
permission, the story's state and its own guard, then changes the story and writes a
timeline event, all in one transaction.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .fields import TEXT_FIELDS, WORD_FIELDS
from .statuses import Origin, Status, TranslationMethod, TranslationStatus
from .timeline import record_event
from .transitions import TRANSITIONS


class WorkflowError(Exception):
    """A transition refused by its guard; the message is written for the editor."""


# What a transition may change; it never writes text an editor has open in a form.
WORKFLOW_FIELDS = [
    "status",
    "translation_status",
    "published_at",
    "translator",
    "reviewer",
    "translated_from",
    "pending_revision",
    "content_updated_at",
    "withdrawal_reason",
    "translation_method",
    "machine_engine",
    "lock_version",
]

# The stages a translation must have reached before the story can go to review.
TRANSLATION_DONE = {TranslationStatus.TRANSLATED, TranslationStatus.REVIEWED}

# Checks other apps add to a step: the translation desk's paragraph count on submit, its
# glossary on approve. A registry, not an import, keeps the arrows pointing down: the
# workflow knows nothing of those apps, and each registers in its AppConfig.ready().
GUARD_HOOKS: dict[str, list] = {}


def add_guard(name, check):
    """Run ``check(story, by=…, at=…)`` after the own guard of transition ``name``.

    The check raises WorkflowError to refuse the step. Adding the same check twice
    adds it once, so a second ``ready()`` (tests, autoreload) changes nothing.
    """
    checks = GUARD_HOOKS.setdefault(name, [])
    if check not in checks:
        checks.append(check)


class StoryWorkflow:
    """Transitions of Story; see TRANSITIONS for who may do what from which state."""

    # Guards. Each raises WorkflowError with a message for the editor.

    def check_transition(self, name, *, by, note="", at=None):
        """Raise WorkflowError unless ``by`` may run transition ``name`` now."""
        transition = TRANSITIONS[name]
        if not by.has_perm(transition.permission):
            raise WorkflowError(
                _("You do not have permission to %(action)s.")
                % {"action": str(transition.label).lower()}
            )
        current = self._state_for(transition)
        if self._reviews_update(transition) and current is None:
            raise WorkflowError(
                _("The story is published and has no pending update to %(action)s.")
                % {"action": str(transition.label).lower()}
            )
        if current not in transition.allowed_from:
            label = (TranslationStatus if transition.on_translation else Status)(current).label
            if self._reviews_update(transition):
                message = _("“%(action)s” is not possible while the update is %(status)s.")
            else:
                message = _("“%(action)s” is not possible while the story is %(status)s.")
            raise WorkflowError(
                message % {"action": transition.label, "status": str(label).lower()}
            )
        if transition.note_required and not note.strip():
            raise WorkflowError(_("“%(action)s” needs a note.") % {"action": transition.label})
        at = at or timezone.now()
        guard = getattr(self, f"_guard_{name}", None)
        if guard:
            guard(by=by, at=at)
        for check in GUARD_HOOKS.get(name, ()):
            check(self, by=by, at=at)

    def _reviews_update(self, transition):
        """Whether ``transition`` acts on the pending update rather than the story."""
        return transition.on_update and self.status == Status.PUBLISHED

    def _state_for(self, transition):
        if transition.on_translation:
            return self.translation_status
        if self._reviews_update(transition):
            return self.pending_revision.update_status if self.pending_revision_id else None
        return self.status

    def transition_choices(self, user):
        """The steps this user could take from where the story stands, each with the reason
        it is refused now ("" when it is not), so the admin shows a refused step disabled
        with its guard's message instead of hiding it."""
        choices = []
        for name, transition in TRANSITIONS.items():
            if not user.has_perm(transition.permission):
                continue
            if self._state_for(transition) not in transition.allowed_from:
                continue
            try:
                self.check_transition(name, by=user, note="-" if transition.note_required else "")
            except WorkflowError as refusal:
                choices.append((transition, str(refusal)))
            else:
                choices.append((transition, ""))
        return choices

    def allowed_transitions(self, user):
        """The transitions this user could run on this story now."""
        return [transition for transition, refusal in self.transition_choices(user) if not refusal]

    def _guard_submit(self, *, by, at):
        if self.translation_status not in TRANSLATION_DONE:
            raise WorkflowError(
                _(
                    "Only a translated story can be submitted for review; "
                    "its translation is %(status)s."
                )
                % {"status": str(self.get_translation_status_display()).lower()}
            )

    def _guard_approve(self, *, by, at):
        if self.translation_status == TranslationStatus.NEEDS_UPDATE:
            raise WorkflowError(
                _("The original changed since it was translated; the translation needs updating.")
            )
        if settings.NEWSROOM_FOUR_EYES and by.pk in self.authors_since_approval():
            raise WorkflowError(
                _(
                    "Approval needs a second pair of eyes: you wrote part of this text since "
                    "it was last approved (an edit, a machine draft, a restore or an import)."
                )
            )

    def _guard_publish(self, *, by, at):
        self._guard_publishable(at=at)

    def _guard_publish_update(self, *, by, at):
        if self.pending_revision_id is None:
            raise WorkflowError(_("There is no pending update to publish."))
        state = self.pending_revision.update_status
        if state != Status.APPROVED:
            raise WorkflowError(
                _(
                    "Only a reviewed update goes live: this one is %(status)s. It needs "
                    "submitting for review and a reviewer's approval first."
                )
                % {"status": str(Status(state).label).lower()}
            )
        self._guard_publishable(at=at)

    def _guard_publishable(self, *, at):
        self._guard_attribution()
        self._guard_embargo(at=at)
        if self.translation_status == TranslationStatus.NEEDS_UPDATE:
            raise WorkflowError(
                _("The original changed since it was translated; the translation needs updating.")
            )
        if self.translation_method != TranslationMethod.HUMAN and self.reviewer_id is None:
            # Machine-assisted text may only reach readers under a named human's responsibility.
            raise WorkflowError(
                _("A machine-assisted translation needs a named reviewer before it is published.")
            )

    def _guard_attribution(self):
        """Credit as the source asks: an agency's wire item by its credit and identifier
        (a wire item has no public URL), an outlet's story by its original URL."""
        source = self.source
        if not source.credit_line:
            raise WorkflowError(_("The source needs a credit line before its stories go out."))
        if source.kind == source.Kind.AGENCY:
            if not self.guid.strip():
                raise WorkflowError(
                    _("A story from an agency needs the agency's identifier for the item (GUID).")
                )
        elif not self.original_url and not self.is_from_archive():
            raise WorkflowError(
                _(
                    "A story from an outlet's website needs the original URL before it can "
                    "be published; or, if %(source)s is a wire agency, mark it as one."
                )
                % {"source": source.name}
            )

    def is_from_archive(self):
        """An old site's translation whose original is unknown (the scrape): credited by
        name, as the old site did, since the page it came from is not known either."""
        return not self.versions.exists() and self.revisions.filter(origin=Origin.ARCHIVE).exists()

    def _guard_embargo(self, *, at):
        if self.embargoed_until and at < self.embargoed_until:
            raise WorkflowError(
                _("The story is embargoed until %(time)s.")
                % {"time": date_format(timezone.localtime(self.embargoed_until), "DATETIME_FORMAT")}
            )

    def _begin(self, name, *, by, note="", at=None):
        """Lock the story's row, reread its workflow state, and check the transition."""
        self.refresh_from_db(
            from_queryset=type(self).objects.select_for_update(), fields=WORKFLOW_FIELDS
        )
        self.check_transition(name, by=by, note=note, at=at)

    # Transitions of the translation.

    @transaction.atomic
    def start_translation(self, *, by, note=""):
        self._begin("start_translation", by=by)
        if self.translator_id is None:
            self.translator = by
        self._move_translation(TranslationStatus.IN_TRANSLATION, by=by, note=note)

    @transaction.atomic
    def mark_translated(self, *, by, note=""):
        self._begin("mark_translated", by=by)
        if self.translator_id is None:
            self.translator = by
        # The version now translated: what a later original is compared against.
        self.translated_from = self.original or self.translated_from
        if self.translation_method == TranslationMethod.MACHINE and self._edited_since_draft():
            self.translation_method = TranslationMethod.MACHINE_POST_EDITED
        self._move_translation(TranslationStatus.TRANSLATED, by=by, note=note)

    def check_machine_draft(self, *, by):
        """Raise WorkflowError unless ``by`` may have a machine draft this story now."""
        if not by.has_perm("articles.change_story"):
            raise WorkflowError(_("You do not have permission to create a machine draft."))
        if self.translation_status != TranslationStatus.UNTRANSLATED:
            raise WorkflowError(
                _("Only an untranslated story gets a machine draft; this one is %(status)s.")
                % {"status": str(self.get_translation_status_display()).lower()}
            )

    def note_machine_draft(self, outcome, *, by, note):
        """Put a machine draft's request or failure on the timeline; no status moves."""
        record_event(self, f"articles.translation.machine_draft_{outcome}", actor=by, note=note)

    @transaction.atomic
    def fill_machine_draft(self, text, *, by, engine: str, base_version: int, stripped=None):
        """Put a machine's translation ``(headline, standfirst, body)`` into the story.

        The caller fetched it before this call, so no network wait holds the row lock;
        ``base_version`` is the lock version it was fetched for, and if anyone saved the
        story meanwhile their work wins and nothing changes. The draft is kept as a revision.
        """
        current = type(self).objects.select_for_update().get(pk=self.pk)
        current.check_machine_draft(by=by)
        if current.lock_version != base_version:
            raise WorkflowError(
                _("The story changed while the machine translated it; nothing was changed.")
            )
        self.refresh_from_db()
        self.change_words(
            dict(zip(TEXT_FIELDS, text, strict=True)),
            by=by,
            origin=Origin.MACHINE,
            note=_("Machine draft by %(engine)s.") % {"engine": engine},
            base_version=base_version,
        )
        self.translation_method = TranslationMethod.MACHINE
        self.machine_engine = engine
        note = _("Drafted by %(engine)s.") % {"engine": engine}
        if stripped:
            removed = str(stripped.describe())
            note = f"{note} {removed[0].upper()}{removed[1:]}."
        self._move_translation(TranslationStatus.MACHINE_DRAFT, by=by, note=note)

    def _edited_since_draft(self):
        """Whether a person changed the text after the machine drafted it."""
        drafted = self.events.filter(action="articles.translation.machine_draft").last()
        if drafted is None:
            return True
        draft = self.revisions.filter(created_at__lte=drafted.at).first()
        return draft is None or draft.text != (self.headline, self.standfirst, self.body)

    @transaction.atomic
    def flag_original_changed(self, *, note=""):
        """A newer original arrived: a translation under way or done must catch up."""
        if self.translation_status in {
            TranslationStatus.IN_TRANSLATION,
            TranslationStatus.TRANSLATED,
            TranslationStatus.REVIEWED,
        }:
            self._move_translation(TranslationStatus.NEEDS_UPDATE, by=None, note=note)

    @transaction.atomic
    def assign(self, translator, *, by):
        """Give the story to a translator; the assignment goes on the timeline."""
        self.refresh_from_db(
            from_queryset=type(self).objects.select_for_update(), fields=WORKFLOW_FIELDS
        )
        if not by.has_perm("articles.change_story"):
            raise WorkflowError(_("You do not have permission to assign stories."))
        if self.status in {Status.WITHDRAWN, Status.SPIKED}:
            raise WorkflowError(
                _("A %(status)s story is not translated any more.")
                % {"status": str(self.get_status_display()).lower()}
            )
        if not translator.has_perm("articles.change_story"):
            raise WorkflowError(
                _("%(user)s cannot edit stories.") % {"user": translator.get_username()}
            )
        self.translator = translator
        record_event(
            self,
            "articles.story.assigned",
            actor=by,
            from_status=self.status,
            to_status=self.status,
            note=_("Assigned to %(user)s.") % {"user": translator.get_username()},
        )
        self._save_workflow_fields()

    # Transitions of the editorial status.

    # A submit, a request for changes or an approval of a published story acts on its
    # pending update: the same path as a first publication, while the page stays as it is.

    @transaction.atomic
    def submit(self, *, by, note=""):
        self._begin("submit", by=by)
        self._review_step(
            Status.IN_REVIEW,
            by=by,
            action="submitted",
            note=note,
            submitted_at=timezone.now(),
            submitted_by=by,
        )

    @transaction.atomic
    def request_changes(self, *, by, note):
        self._begin("request_changes", by=by, note=note)
        self._review_step(Status.CHANGES_REQUESTED, by=by, action="changes_requested", note=note)

    @transaction.atomic
    def approve(self, *, by, note=""):
        self._begin("approve", by=by)
        now = timezone.now()
        self.translation_status = TranslationStatus.REVIEWED
        if self.status != Status.PUBLISHED:
            self.reviewer = by
            revision = self.revisions.first() or self.record_revision(note=_("The text approved."))
            revision.reviewed_at, revision.reviewed_by = now, by
            revision.save(update_fields=["reviewed_at", "reviewed_by"])
        self._review_step(
            Status.APPROVED, by=by, action="approved", note=note, reviewed_at=now, reviewed_by=by
        )

    @transaction.atomic
    def publish(self, *, by, at=None, note=""):
        """Publish now, or schedule: a future ``at`` makes the story public at that time."""
        now = timezone.now()
        at = max(at or now, now)
        self._begin("publish", by=by, at=at)
        self.published_at = at
        action = "scheduled" if at > now else "published"
        self._move(Status.PUBLISHED, by=by, action=action, note=note)

    @transaction.atomic
    def publish_update(self, *, by, correction=""):
        """Put the reviewed pending update live; the page then shows when it was updated,
        and "reviewed by" names the reviewer of the words it now shows."""
        self._begin("publish_update", by=by)
        revision = self.pending_revision
        detail_fields = self._put_live(revision)
        self.pending_revision = None
        self.reviewer = revision.reviewed_by
        self.content_updated_at = timezone.now()
        self._move(
            Status.PUBLISHED,
            by=by,
            action="update_published",
            note=correction,
            text_changed=True,
            extra=detail_fields,
        )
        if correction.strip():
            self.corrections.create(text=correction.strip(), created_by=by)

    @transaction.atomic
    def add_correction(self, *, by, note):
        """A dated public note at the end of the article, saying what was wrong."""
        self._begin("add_correction", by=by, note=note)
        self.corrections.create(text=note.strip(), created_by=by)
        self.content_updated_at = timezone.now()
        self._move(Status.PUBLISHED, by=by, action="corrected", note=note)

    @transaction.atomic
    def confirm_correction(self, correction, *, by):
        """The second look at a correction a publisher put live at once: someone with the
        review permission who did not write it."""
        if not by.has_perm("articles.review_story"):
            raise WorkflowError(_("You do not have permission to look at corrections again."))
        if correction.story_id != self.pk or correction.second_look_at is not None:
            raise WorkflowError(_("This correction has had its second look already."))
        if settings.NEWSROOM_FOUR_EYES and correction.created_by_id == by.pk:
            raise WorkflowError(
                _("A second look needs a second pair of eyes: you wrote this correction.")
            )
        correction.second_look_at, correction.second_look_by = timezone.now(), by
        correction.save(update_fields=["second_look_at", "second_look_by"])
        record_event(
            self,
            "articles.story.correction_confirmed",
            actor=by,
            from_status=self.status,
            to_status=self.status,
            note=correction.text,
        )

    @transaction.atomic
    def withdraw(self, *, by, note):
        self._begin("withdraw", by=by, note=note)
        self.withdrawal_reason = note.strip()
        self._move(Status.WITHDRAWN, by=by, action="withdrawn", note=note)
        self._resolve_alerts(by=by, resolution=_("Withdrawn: %s") % note)

    @transaction.atomic
    def withdraw_for_licence(self, *, now=None):
        """The source's licence for this story ended: it is withdrawn with the reason, by
        the system (the timeline and the audit log record no person, and say so)."""
        now = now or timezone.now()
        self.refresh_from_db(
            from_queryset=type(self).objects.select_for_update(), fields=WORKFLOW_FIELDS
        )
        days = self.source.licence_days
        if self.status != Status.PUBLISHED or not days or not self.published_at:
            raise WorkflowError(_("Only a published story of a licensed source expires."))
        ended = self.published_at + timezone.timedelta(days=days)
        if ended > now:
            raise WorkflowError(_("The licence for this story has not ended yet."))
        reason = _("The licence from %(source)s for this story ended on %(date)s.") % {
            "source": self.source.name,
            "date": date_format(timezone.localtime(ended), "DATE_FORMAT"),
        }
        self.withdrawal_reason = str(reason)
        self._move(Status.WITHDRAWN, by=None, action="licence_ended", note=reason)
        self._resolve_alerts(by=None, resolution=reason)

    # The source's word on a story readers see.

    @transaction.atomic
    def raise_alert(self, kind, *, message):
        """Tell every publisher that the source canceled, withheld or changed this live
        story; one unresolved alert of a kind per story, however often the wire repeats."""
        if self.status != Status.PUBLISHED:
            return None
        alerts = self.alerts.model.objects.unresolved()
        alert, created = alerts.get_or_create(
            story=self, kind=kind, defaults={"message": str(message)}
        )
        if not created and alert.message != str(message):
            alert.message = str(message)
            alert.save(update_fields=["message"])
        return alert

    def _resolve_alerts(self, *, by, resolution):
        """A withdrawn story answers whatever the source said of it."""
        self.alerts.unresolved().update(
            resolved_at=timezone.now(), resolved_by=by, resolution=resolution
        )

    @transaction.atomic
    def dismiss_alert(self, alert, *, by, note):
        """A publisher keeps the story up after the source's word, and says why."""
        if not by.has_perm("articles.publish_story"):
            raise WorkflowError(_("Only a publisher may dismiss the source's alert."))
        if not note.strip():
            raise WorkflowError(_("Dismissing the source's alert needs a note saying why."))
        if alert.story_id != self.pk or alert.resolved_at is not None:
            raise WorkflowError(_("This alert is already resolved."))
        alert.resolved_at, alert.resolved_by, alert.resolution = timezone.now(), by, note.strip()
        alert.save(update_fields=["resolved_at", "resolved_by", "resolution"])
        record_event(
            self,
            "articles.story.alert_dismissed",
            actor=by,
            from_status=self.status,
            to_status=self.status,
            note=f"{alert.get_kind_display()}: {note.strip()}",
        )

    @transaction.atomic
    def spike(self, *, by, note=""):
        self._begin("spike", by=by)
        self._move(Status.SPIKED, by=by, action="spiked", note=note)

    @transaction.atomic
    def publish_archived(self, *, at=None, by=None, note=""):
        """Publish a story brought over from an archive, where it was reviewed before.

        Archive stories (the scrape) are already translated and were already public, so
        they skip review and the original URL they rarely have; the embargo still holds,
        and so does the glossary: a story breaking it goes to review instead, and the
        reason is returned ("" when the story was published).
        """
        at = at or timezone.now()
        if self.status != Status.NEW:
            raise WorkflowError(
                _(
                    "Only a newly imported story can be published from the archive; "
                    "this one is %(status)s."
                )
                % {"status": self.get_status_display()}
            )
        if self.translation_status not in TRANSLATION_DONE:
            raise WorkflowError(_("Only a translated story can be published."))
        self._guard_embargo(at=at)
        try:
            # The house rules the desk applies at approval (the glossary) hold here too.
            for check in GUARD_HOOKS.get("publish_archived", ()):
                check(self, by=by, at=at)
        except WorkflowError as refusal:
            self._move(Status.IN_REVIEW, by=by, action="held_for_review", note=str(refusal))
            return str(refusal)
        self.published_at = at
        self._move(Status.PUBLISHED, by=by, action="published_from_archive", note=note)
        return ""

    # Recording.

    def _move(self, to, *, by, action, note="", text_changed=False, extra=()):
        record_event(
            self,
            f"articles.story.{action}",
            actor=by,
            from_status=self.status,
            to_status=to,
            note=note,
        )
        self.status = to
        # Only publish_update changes the words here, after _put_live (editing.py) set them.
        self._save_workflow_fields(*(WORD_FIELDS if text_changed else ()), *extra)

    def _review_step(self, to, *, by, action, note, **on_update):
        """A step of review: on a published story it moves the pending update (recording
        ``on_update`` on its revision), on any other the story itself."""
        if self.status == Status.PUBLISHED:
            self._move_update(to, by=by, action=action, note=note, **on_update)
        else:
            self._move(to, by=by, action=action, note=note)

    def _move_update(self, to, *, by, action, note="", **review):
        """A step in the review of the pending update; the live story does not change."""
        revision = self.pending_revision
        record_event(
            self,
            f"articles.update.{action}",
            actor=by,
            from_status=revision.update_status,
            to_status=to,
            note=note,
        )
        revision.update_status = to
        for name, value in review.items():
            setattr(revision, name, value)
        revision.save(update_fields=["update_status", *review])
        self._save_workflow_fields()

    def _move_translation(self, to, *, by, note=""):
        record_event(
            self,
            f"articles.translation.{to}",
            actor=by,
            from_status=self.translation_status,
            to_status=to,
            note=note,
        )
        self.translation_status = to
        self._save_workflow_fields()

    def _save_workflow_fields(self, *extra):
        self.lock_version += 1
        self.save(update_fields=[*WORKFLOW_FIELDS, "modified_at", *extra])
