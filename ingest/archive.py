"""Translations from an old site's archive (the scrape): their original text is unknown.

The same text again changes nothing; changed text updates the story and keeps a
revision, unless readers already saw it: a published story changes through a publisher.
"""

from django.utils.translation import gettext as _

from articles.models import Source, Story, WorkflowError
from ingest.errors import RefusedFile
from ingest.records import StoryRecord


def save_translation(
    record: StoryRecord, *, source: Source, story: Story | None, name: str
) -> tuple[str, Story]:
    """Create or update the story for ``record``; ``story`` is the existing one, locked."""
    if story is None:
        return "created", _create(record, source=source, name=name)
    site = record.site
    if (story.headline, story.standfirst, story.body) == (
        site.headline,
        site.standfirst,
        site.body,
    ):
        return "unchanged", story
    _update(story, record, name=name)
    return "updated", story


def publish_archived(story: Story) -> str:
    """Publish a story still new from the archive; a refusal is reported, not raised."""
    if story.status == Story.Status.PUBLISHED:
        return _("already published")
    try:
        story.publish_archived(note=_("Published on import."))
    except WorkflowError as exc:
        return _("not published: %(reason)s") % {"reason": exc}
    return _("published")


def _create(record: StoryRecord, *, source: Source, name: str) -> Story:
    story = Story.objects.create(
        source=source,
        guid=record.guid,
        headline=record.site.headline,
        standfirst=record.site.standfirst,
        body=record.site.body,
        original_url=record.original_url,
        original_language=source.language,
        translation_status=Story.TranslationStatus.TRANSLATED,
    )
    if record.tags:
        story.tags.add(*record.tags)  # On creation only: afterwards editors own the tags.
    story.record_revision(note=_("Imported from %(file)s") % {"file": name})
    return story


def _update(story: Story, record: StoryRecord, *, name: str) -> None:
    if story.status == Story.Status.PUBLISHED:
        # Readers already saw this text; a change goes through a publisher, not an import.
        raise RefusedFile(
            _("“%(headline)s” is published; an import cannot change a published story.")
            % {"headline": story.headline}
        )
    site = record.site
    story.headline, story.standfirst, story.body = site.headline, site.standfirst, site.body
    story.original_url = record.original_url or story.original_url
    story.save(update_fields=["headline", "standfirst", "body", "original_url", "modified_at"])
    story.record_revision(note=_("Updated from %(file)s") % {"file": name})
