"""The table of workflow steps: who may take each, from which state, and whether a note is due.

Data only, so the admin, the tests' permission matrix and the README read one definition;
the steps themselves are Story methods in workflow.py.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .statuses import Status, TranslationStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    permission: str
    allowed_from: frozenset
    note_required: bool = False
    # Transitions of the translation status read allowed_from against that field.
    on_translation: bool = False
    # On a published story these review its pending update, read from the update's status.
    on_update: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "start_translation",
            _("Start translation"),
            "articles.change_story",
            frozenset({TranslationStatus.UNTRANSLATED, TranslationStatus.MACHINE_DRAFT}),
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
            on_translation=True,
        ),
        Transition(
            "submit",
            _("Submit for review"),
            "articles.change_story",
            frozenset({Status.NEW, Status.CHANGES_REQUESTED}),
            on_update=True,
        ),
        Transition(
            "request_changes",
            _("Request changes"),
            "articles.review_story",
            frozenset({Status.IN_REVIEW}),
            note_required=True,
            on_update=True,
        ),
        Transition(
            "approve",
            _("Approve"),
            "articles.review_story",
            frozenset({Status.IN_REVIEW, Status.CHANGES_REQUESTED}),
            on_update=True,
        ),
        Transition(
            "publish",
            _("Publish or schedule"),
            "articles.publish_story",
            frozenset({Status.APPROVED}),
        ),
        Transition(
            "publish_update",
            _("Publish the pending update"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
        ),
        Transition(
            "add_correction",
            _("Add a correction"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
            note_required=True,
        ),
        Transition(
            "withdraw",
            _("Withdraw"),
            "articles.publish_story",
            frozenset({Status.PUBLISHED}),
            note_required=True,
        ),
        Transition(
            "spike",
            _("Spike"),
            "articles.review_story",
            frozenset({Status.NEW, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED}),
        ),
    ]
}
