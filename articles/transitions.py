"""The table of workflow steps: who may take each, from which state, and what its edges say.

Data only, so the admin's buttons, confirmation pages, messages and bulk actions, the
tests' permission matrix and the README read one definition; the steps themselves are
Story methods in workflow.py. Adding a step is one row here and one model method there.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .statuses import Status, TranslationStatus


@dataclass(frozen=True)
class Bulk:
    """A step as a bulk action on the story list: its menu text and its summary line."""

    description: str
    # ngettext_lazy with a %(count)d placeholder, e.g. "%(count)d stories approved".
    summary: object


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    permission: str
    allowed_from: frozenset
    # What the admin says once the step is done.
    done: str = ""
    note_required: bool = False
    note_label: str = ""
    note_help: str = ""
    # The keyword the model method takes the note as ("correction" for an update).
    note_argument: str = "note"
    # The confirmation asks for a time: publish now, or schedule.
    asks_time: bool = False
    bulk: Bulk | None = None
    # Transitions of the translation status read allowed_from against that field.
    on_translation: bool = False
    # On a published story these review its pending update, read from the update's status.
    on_update: bool = False

    def note_field_label(self):
        if self.note_label:
            return self.note_label
        return _("Note") if self.note_required else _("Note (optional)")


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "start_translation",
            _("Start translation"),
            "articles.change_story",
            frozenset({TranslationStatus.UNTRANSLATED, TranslationStatus.MACHINE_DRAFT}),
            done=_("Translation started."),
            on_translation=True,
        ),
        Transition(
            "mark_translated",
            _("Mark translated"),
            "articles.change_story",
            frozenset(
                {
                    TranslationStatus.MACHINE_DRAFT,
                    TranslationStatus.IN_TRANSLATION,
                    TranslationStatus.NEEDS_UPDATE,
                }
            ),
            done=_("Marked as translated."),
            on_translation=True,
        ),
        Transition(
            "submit",
            _("Submit for review"),
            "articles.change_story",
            frozenset({Status.NEW, Status.CHANGES_REQUESTED}),
            done=_("Submitted for review."),
            bulk=Bulk(
                _("Submit selected stories for review"),
                ngettext_lazy(
                    "%(count)d story submitted for review",
                    "%(count)d stories submitted for review",
                    "count",
                ),
            ),
            on_update=True,
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            "articles.review_story",
            frozenset({Status.IN_REVIEW}),
            done=_("Changes requested."),
            note_required=True,
            on_update=True,
        ),
        Transition(
            "approve",
            _("Approve"),
            "articles.review_story",
            frozenset({Status.IN_REVIEW, Status.CHANGES_REQUESTED}),
            done=_("Approved."),
            bulk=Bulk(
                _("Approve selected stories"),
                ngettext_lazy("%(count)d story approved", "%(count)d stories approved", "count"),
            ),
            on_update=True,
        ),
        Transition(
            "publish",
            _("Publish or schedule"),
            "articles.publish_story",
            frozenset({Status.APPROVED}),
            done=_("Published."),
            asks_time=True,
            bulk=Bulk(
                _("Publish selected stories now"),
                ngettext_lazy("%(count)d story published", "%(count)d stories published", "count"),
            ),
        ),
        Transition(
            "publish_update",
            _("Publish the pending update"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
            done=_("The update is published."),
            note_label=_("Correction (optional)"),
            note_help=_("Shown to readers, dated, at the end of the article."),
            note_argument="correction",
        ),
        Transition(
            "add_correction",
            _("Add a correction"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
            done=_("Correction added."),
            note_required=True,
            note_help=_("Shown to readers."),
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
            done=_("Withdrawn."),
            note_required=True,
            note_help=_("Shown to readers."),
        ),
        Transition(
            "spike",
            _("Spike"),
            "articles.review_story",
            frozenset({Status.NEW, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED}),
            done=_("Spiked."),
            bulk=Bulk(
                _("Spike selected stories"),
                ngettext_lazy("%(count)d story spiked", "%(count)d stories spiked", "count"),
            ),
        ),
    ]
}
