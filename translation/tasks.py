"""Machine drafts in the background: the engine may take a minute, a request may not."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from articles.models import Story
from articles.workflow import WorkflowError

from .drafts import create_machine_draft
from .machine import get_backend


def machine_draft_engine(story, *, by):
    """The engine that would draft ``story`` for ``by`` now; WorkflowError says why none would."""
    backend = get_backend()
    story.check_machine_draft(by=by)
    if not backend.available:
        backend.translate([], source="", target="")  # raises, saying why
    return backend


def request_machine_draft(story, *, by):
    """Note the request on the timeline and queue the draft; return the engine asked.

    Raises WorkflowError, and queues nothing, when the user, the story or the configured
    engine rules it out.
    """
    backend = machine_draft_engine(story, by=by)
    story.note_machine_draft(
        "requested", by=by, note=_("Asked %(engine)s.") % {"engine": backend.label}
    )
    draft_by_machine.enqueue(story.pk, by.pk)
    return backend


@task()
def draft_by_machine(story_id: int, user_id: int) -> str:
    """Make the machine draft asked for; a refusal or engine failure goes on the timeline."""
    story = Story.objects.get(pk=story_id)
    user = get_user_model().objects.get(pk=user_id)
    backend = get_backend()
    try:
        create_machine_draft(story, by=user, backend=backend)
    except WorkflowError as exc:
        story.note_machine_draft("failed", by=user, note=str(exc))
        return f"failed: {exc}"
    return f"drafted by {backend.label}"
