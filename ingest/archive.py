"""Translations from an old site's archive (the scrape): their original text is unknown.

An import is compared with what the archive sent last time (the newest revision that came
from an archive import), never with the story as editors left it: the same file again is
unchanged whatever editors did since, and a changed file goes through the one door for
the words (Story.change_words), so an approved story goes back to review and a published
one gets a pending update that is reviewed before it goes live.
"""

from django.utils.translation import gettext as _

from articles.models import Source, Story, WorkflowError
from articles.statuses import Origin
from ingest.records import StoryRecord


def save_translation(
    record: StoryRecord, *, source: Source, story: Story | None, name: str, by=None
) -> tuple[str, Story]:
    """Create or update the story for ``record``; ``story`` is the existing one, locked."""
    if story is None:
        return "created", _create(record, source=source, name=name, by=by)
    site = record.site
    imported = {"headline": site.headline, "standfirst": site.standfirst, "body": site.body}
    if last_import(story) == imported:
        return "unchanged", story
    story.change_words(
        imported, by=by, origin=Origin.ARCHIVE, note=_("Updated from %(file)s") % {"file": name}
    )
    if record.original_url and not story.original_url:
        story.original_url = record.original_url
        story.save(update_fields=["original_url", "modified_at"])
    return "updated", story


def last_import(story: Story) -> dict:
    """The text the archive sent last time, as the story's revisions keep it."""
    revision = story.revisions.filter(origin=Origin.ARCHIVE).order_by("-pk").first()
    source = revision or story
    return {name: getattr(source, name) for name in ("headline", "standfirst", "body")}


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
