"""Every door that writes a story's words goes through Story.change_words, with one result.

The doors: the admin form, an XLIFF file, a machine draft, a restore, a wire version and
an archive re-import. Each keeps a revision with its author and origin, bumps the lock so
a form opened before is refused, writes a timeline event, sends an approved story back to
review and keeps a change to a published story as its pending update.
"""

import json
from pathlib import Path

import pytest
from django.utils import timezone

from articles.editing import EditConflict
from articles.models import OriginalVersion, Story
from ingest.importer import import_data
from tests.articles.test_admin_workflow import change_url, form_data
from tests.conftest import SAMPLES_DIR, make_story, make_user
from tests.translation.test_xliff import set_target
from translation.drafts import create_machine_draft
from translation.machine import DemoBackend
from translation.xliff import export_stories, import_xliff

pytestmark = pytest.mark.django_db

S = Story.Status
T = Story.TranslationStatus
BODY = "First paragraph.\n\n## A subheading\n\nSecond paragraph."
SCRAPE = SAMPLES_DIR / "scrape" / "stern-putin-kursk.txt"


def put_in(story, status):
    """Move a story to ``status`` as the workflow leaves it (the workflow is tested apart)."""
    fields = {"status": status}
    if status == S.PUBLISHED:
        fields["published_at"] = timezone.now() - timezone.timedelta(hours=1)
    if status in {S.APPROVED, S.PUBLISHED}:
        fields["translation_status"] = T.REVIEWED
    Story.objects.filter(pk=story.pk).update(**fields)
    story.refresh_from_db()
    return story


def ninjs(version, body):
    return json.dumps(
        {
            "uri": "urn:wire:doors",
            "version": str(version),
            "versionCreated": f"2026-09-0{version}T09:15:00Z",
            "pubStatus": "usable",
            "language": "en",
            "copyrightHolder": "Wire",
            "headlines": [{"role": "main", "value": "Floods in the south"}],
            "bodies": [{"role": "main", "contentType": "text/plain", "value": body}],
        }
    ).encode()


# Each door: how a story it can change is made, and the change itself, by ``user``.


def admin_story():
    return make_story(body=BODY)


def admin_change(story, user, client):
    client.force_login(user)
    response = client.post(
        change_url(story), form_data(story, story.lock_version, body="Rewritten in the admin.")
    )
    assert response.status_code == 302, response.context["adminform"].form.errors


def xliff_story():
    story = make_story(body=BODY)
    OriginalVersion.objects.create(
        story=story, number=1, headline="Kopf", body="Erster.\n\n## Zwischen\n\nZweiter."
    )
    return story


def xliff_change(story, user, client):
    data = set_target(export_stories([story]), "p1", "Revised in a CAT tool.")
    import_xliff(data, by=user, story=story)


def machine_story():
    story = make_story(headline="Hochwasser", body="", translation_status=T.UNTRANSLATED)
    OriginalVersion.objects.create(story=story, number=1, headline="Hochwasser", body="Flüsse.")
    return story


def machine_change(story, user, client):
    create_machine_draft(story, by=user, backend=DemoBackend())


def restore_story():
    story = make_story(headline="The current headline")
    story.revisions.create(headline="An earlier headline", body=BODY)
    return story


def restore_change(story, user, client):
    story.restore(story.revisions.get(headline="An earlier headline"), by=user)


def wire_story():
    (result,) = import_data(ninjs(1, "Rivers rose."), path=Path("v1.json"))
    return result.story


def wire_change(story, user, client):
    (result,) = import_data(ninjs(2, "Rivers rose further."), path=Path("v2.json"), by=user)
    assert result.outcome == "updated", result.detail


def archive_story():
    (result,) = import_data(SCRAPE.read_bytes(), path=Path(SCRAPE.name))
    return result.story


def archive_change(story, user, client):
    edited = SCRAPE.read_text(encoding="utf-8").replace("shock", "alarm").encode()
    (result,) = import_data(edited, path=Path("edited.txt"), by=user)
    assert result.outcome == "updated", result.detail
    offered = story.revisions.filter(proposed=True).first()
    if offered:  # A reviewed story's text is only offered: the desk takes it, or not.
        story.refresh_from_db()
        story.adopt_proposal(offered, by=user)


DOORS = {
    "admin": (admin_story, admin_change),
    "xliff": (xliff_story, xliff_change),
    "machine": (machine_story, machine_change),
    "restore": (restore_story, restore_change),
    "wire": (wire_story, wire_change),
    "archive": (archive_story, archive_change),
}
# A machine drafts only untranslated stories; a wire version changes the words of a story
# nobody reviewed yet, and flags a reviewed one as needing an update instead.
REACHES_REVIEWED = [door for door in DOORS if door not in {"machine", "wire"}]


@pytest.mark.parametrize("door", DOORS)
def test_each_door_keeps_a_revision_with_author_and_origin_and_bumps_the_lock(client, door):
    make, change = DOORS[door]
    story, user = make(), make_user("Translator")
    before = story.lock_version
    stale = Story.objects.get(pk=story.pk)

    change(story, user, client)

    story.refresh_from_db()
    revision = story.revisions.order_by("-pk").first()
    assert (revision.created_by, revision.origin) == (user, door)
    assert revision.body == story.body
    assert story.lock_version > before
    assert story.events.filter(action="articles.story.edited", actor=user).count() == 1
    with pytest.raises(EditConflict):
        stale.save_edit(by=user, base_version=before)


@pytest.mark.parametrize("door", REACHES_REVIEWED)
def test_each_door_sends_an_approved_story_back_to_review(client, door):
    make, change = DOORS[door]
    story, user = put_in(make(), S.APPROVED), make_user("Translator")

    change(story, user, client)

    story.refresh_from_db()
    assert (story.status, story.translation_status) == (S.IN_REVIEW, T.TRANSLATED)
    assert story.events.filter(action="articles.story.reopened", actor=user).exists()


@pytest.mark.parametrize("door", REACHES_REVIEWED)
def test_each_door_keeps_a_change_to_a_published_story_as_its_pending_update(client, door):
    make, change = DOORS[door]
    story, user = put_in(make(), S.PUBLISHED), make_user("Translator")
    live = (story.headline, story.standfirst, story.body)

    change(story, user, client)

    story.refresh_from_db()
    assert (story.headline, story.standfirst, story.body) == live
    update = story.pending_revision
    assert (update.created_by, update.origin, update.update_status) == (user, door, S.NEW)
    assert story.events.filter(action="articles.update.edited", actor=user).exists()


@pytest.mark.parametrize("status", [S.APPROVED, S.PUBLISHED])
def test_a_wire_version_never_changes_reviewed_words_and_flags_them_instead(client, status):
    story = put_in(wire_story(), status)
    words = (story.headline, story.body, story.pending_revision_id)

    wire_change(story, make_user("Translator"), client)

    story.refresh_from_db()
    assert (story.headline, story.body, story.pending_revision_id) == words
    assert story.translation_status == T.NEEDS_UPDATE
