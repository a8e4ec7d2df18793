"""Stories set up for each workflow step, and who may take it: shared by the matrix tests."""

from articles.models import Story
from tests.conftest import make_published_story, make_story, make_user

S = Story.Status
T = Story.TranslationStatus


def ready_for(transition, someone_else):
    """A story in which ``transition`` passes every check but the actor's permission."""
    setups = {
        "start_translation": lambda: make_story(translation_status=T.UNTRANSLATED),
        "mark_translated": lambda: make_story(translation_status=T.IN_TRANSLATION),
        "submit": lambda: make_story(),
        "request_changes": lambda: make_story(status=S.IN_REVIEW),
        "approve": lambda: make_story(status=S.IN_REVIEW, translator=someone_else),
        "publish": lambda: make_story(status=S.APPROVED),
        "publish_update": lambda: with_pending_update(make_published_story(), someone_else),
        "add_correction": lambda: make_published_story(),
        "withdraw": lambda: make_published_story(),
        "spike": lambda: make_story(),
    }
    return setups[transition]()


def with_pending_update(story, editor, *, reviewed=True):
    """``story`` with an update by ``editor``, submitted and approved by a reviewer."""
    story.change_words({"headline": "A corrected headline"}, by=editor, origin="admin")
    if reviewed:
        review_update(story, editor)
    return story


def review_update(story, editor):
    """Submit the pending update as ``editor`` and have a reviewer who wrote none of it approve."""
    story.submit(by=editor)
    story.approve(by=make_user("Reviewer"))
    return story


# Who may run which transition: the permission matrix of DESIGN.md's roles.
MATRIX = {
    "start_translation": {"Translator", "Reviewer", "Publisher"},
    "mark_translated": {"Translator", "Reviewer", "Publisher"},
    "submit": {"Translator", "Reviewer", "Publisher"},
    "request_changes": {"Reviewer", "Publisher"},
    "approve": {"Reviewer", "Publisher"},
    "publish": {"Publisher"},
    "publish_update": {"Publisher"},
    "add_correction": {"Publisher"},
    "withdraw": {"Publisher"},
    "spike": {"Reviewer", "Publisher"},
}
