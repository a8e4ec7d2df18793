"""A story's timeline: one vocabulary of actions, each with its label, and one way to write.

Like Wagtail's LogActionRegistry: an app registers the actions it writes (ingest registers
the source's cancel and withhold notices in its AppConfig.ready()), the admin reads their
labels here, and ``record_event`` refuses an action nobody registered, so a typo cannot
slip a step past the audit log, which copies every event (audit/receivers.py).
"""

from django.utils.translation import gettext_lazy as _

from .statuses import TranslationStatus

ACTIONS: dict[str, str] = {}


def register_action(name: str, label) -> None:
    ACTIONS[name] = label


def label(name: str) -> str:
    """The action's label; an action from before the vocabulary reads as its last word."""
    return str(ACTIONS.get(name) or name.rsplit(".", 1)[-1].replace("_", " ").capitalize())


def record_event(story, action: str, *, actor=None, from_status="", to_status="", note=""):
    """Write one timeline event; every event of every story is written here."""
    if action not in ACTIONS:
        raise LookupError(f"{action!r} is not a registered timeline action.")
    return story.events.create(
        action=action, actor=actor, from_status=from_status, to_status=to_status, note=note
    )


for _name, _label in [
    ("articles.story.created", _("Created")),
    ("articles.story.edited", _("Text edited")),
    ("articles.story.reopened", _("Back to review: the approved text changed")),
    ("articles.story.assigned", _("Assigned")),
    ("articles.story.submitted", _("Submitted for review")),
    ("articles.story.changes_requested", _("Changes requested")),
    ("articles.story.approved", _("Approved")),
    ("articles.story.published", _("Published")),
    ("articles.story.scheduled", _("Scheduled")),
    ("articles.story.published_from_archive", _("Published from the archive")),
    ("articles.story.held_for_review", _("Held for review instead of published")),
    ("articles.story.update_published", _("Update published")),
    ("articles.story.corrected", _("Correction published at once, for a second look")),
    ("articles.story.correction_confirmed", _("Correction looked at again")),
    ("articles.story.withdrawn", _("Withdrawn")),
    ("articles.story.spiked", _("Spiked")),
    ("articles.story.licence_ended", _("Withdrawn by the system: the licence ended")),
    ("articles.story.alert_dismissed", _("The source's alert dismissed, the story kept up")),
    ("articles.update.edited", _("Update edited, waiting for review")),
    ("articles.update.reopened", _("Update back to review: the approved update changed")),
    ("articles.update.submitted", _("Update submitted for review")),
    ("articles.update.changes_requested", _("Changes requested to the update")),
    ("articles.update.approved", _("Update approved")),
    ("articles.translation.machine_draft_requested", _("Machine draft requested")),
    ("articles.translation.machine_draft_failed", _("Machine draft failed")),
    *((f"articles.translation.{status.value}", status.label) for status in TranslationStatus),
]:
    register_action(_name, _label)
