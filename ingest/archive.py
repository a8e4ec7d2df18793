"""Translations from an old site's archive (the scrape): their original text is unknown.

An import is compared with what the archive sent last time (the newest revision that came
from an archive import), never with the story as editors left it: the same file again is
unchanged whatever editors did since. A changed file replaces the text of a story nobody
has touched since the last import and nobody has approved yet, through the one door for
the words (Story.change_words). Otherwise it never overwrites an editor's text: it is
kept as a proposed revision, the story needs an update (and the publishers are alerted
if it is live), and the desk shows the change and offers the text, which then goes
through review like any edit.
"""

from django.utils.translation import gettext as _

from articles.fields import text_of
from articles.models import Source, SourceAlert, Story, WorkflowError
from articles.statuses import Origin
from ingest.records import StoryRecord

# An approved or live text is the desk's: a changed file is offered, never applied.
REVIEWED = {Story.Status.APPROVED, Story.Status.PUBLISHED}


def save_translation(
    record: StoryRecord, *, source: Source, story: Story | None, name: str, by=None
) -> tuple[str, Story]:
    """Create or update the story for ``record``; ``story`` is the existing one, locked."""
    if story is None:
        return "created", _create(record, source=source, name=name, by=by)
    imported = text_of(record.site)
    before = last_import(story)
    if before == imported:
        return "unchanged", story
    untouched = text_of(story) == before and story.pending_revision_id is None
    if untouched and story.status not in REVIEWED:
        story.change_words(
            imported, by=by, origin=Origin.ARCHIVE, note=_("Updated from %(file)s") % {"file": name}
        )
    else:
        offer(story, imported, by=by, name=name)
    if record.original_url and not story.original_url:
        story.original_url = record.original_url
        story.save(update_fields=["original_url", "modified_at"])
    return "updated", story


def offer(story: Story, imported: dict, *, by, name: str) -> None:
    """Keep a changed file as a proposed revision and tell the desk: an editor's or a
    reviewer's text is never overwritten by an import."""
    note = _("%(file)s sent a changed text; the desk offers it, not applied.") % {"file": name}
    story.record_revision(imported, by=by, origin=Origin.ARCHIVE, note=note, proposed=True)
    story.flag_original_changed(note=note)
    story.raise_alert(SourceAlert.Kind.CHANGED, message=note)


def last_import(story: Story) -> dict:
    """The text the archive sent last time, as the story's revisions keep it."""
    revision = story.revisions.filter(origin=Origin.ARCHIVE).order_by("-pk").first()
    return text_of(revision or story)


def publish_archived(story: Story) -> str:
    """Publish a story still new from the archive; a refusal is reported, not raised."""
    if story.status == Story.Status.PUBLISHED:
        return _("already published")
    try:
        held = story.publish_archived(note=_("Published on import."))
    except WorkflowError as exc:
        return _("not published: %(reason)s") % {"reason": exc}
    if held:
        return _("held for review: %(reason)s") % {"reason": held}
    return _("published")


def _create(record: StoryRecord, *, source: Source, name: str, by) -> Story:
    return Story.objects.create_story(
        by=by,
        origin=Origin.ARCHIVE,
        note=_("Imported from %(file)s") % {"file": name},
        # On creation only: afterwards editors own the tags.
        tags=record.tags,
        source=source,
        guid=record.guid,
        headline=record.site.headline,
        standfirst=record.site.standfirst,
        body=record.site.body,
        original_url=record.original_url,
        original_language=source.language,
        translation_status=Story.TranslationStatus.TRANSLATED,
    )
