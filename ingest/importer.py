"""Import story files: one transaction per story, one result per file, never a half-import.

Importing is idempotent. A story is identified by its source and guid; the same text again
changes nothing, changed text updates the story and keeps a revision. A refused or failed
file leaves nothing behind and never stops the files after it.
"""

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Source, Story, WorkflowError
from ingest.errors import RefusedFile
from ingest.formats.scrape import parse_scrape
from ingest.records import StoryRecord
from ingest.sources import credited_source

Outcome = Literal["created", "updated", "unchanged", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("created", "updated", "unchanged", "refused")


@dataclass(frozen=True)
class ImportResult:
    outcome: Outcome
    path: Path
    detail: str
    story: Story | None = None


def import_paths(
    paths: Iterable[Path], *, source: Source | None = None, publish: bool = False
) -> Iterator[ImportResult]:
    """Import each file, and each folder's ``*.txt`` files in name order, as it goes."""
    for path in paths:
        if not path.is_dir():
            yield import_file(path, source=source, publish=publish)
            continue
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        if not files:
            yield ImportResult("refused", path, _("The folder holds no .txt files."))
        for file in files:
            yield import_file(file, source=source, publish=publish)


def import_file(path: Path, *, source: Source | None = None, publish: bool = False) -> ImportResult:
    """Import one file. ``source`` overrides its credit line; ``publish`` publishes it."""
    try:
        record = parse_scrape(_read(path))
        with transaction.atomic():
            return _store(record, path, source=source, publish=publish)
    except RefusedFile as exc:
        return ImportResult("refused", path, str(exc))
    except Exception as exc:  # One broken file must not stop the run; its reason is shown.
        error = f"{type(exc).__name__}: {exc}"
        return ImportResult("refused", path, _("Saving failed: %(error)s") % {"error": error})


def _read(path: Path) -> bytes:
    """Read at most the import limit and one byte more: a file too large is refused whole."""
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            data = file.read(limit + 1)
    except FileNotFoundError:
        raise RefusedFile(_("There is no such file or folder.")) from None
    except OSError as exc:
        raise RefusedFile(_("The file cannot be read: %(error)s") % {"error": exc}) from None
    if len(data) > limit:
        raise RefusedFile(
            _("The file is %(size)d bytes, over the import limit of %(limit)d bytes.")
            % {"size": max(size, len(data)), "limit": limit}
        )
    return data


def _store(
    record: StoryRecord, path: Path, *, source: Source | None, publish: bool
) -> ImportResult:
    _check(record)
    source = source or credited_source(record.credit)
    story = Story.objects.select_for_update().filter(source=source, guid=record.guid).first()
    if story is None:
        story, outcome = _create(record, source=source, path=path), "created"
    elif (story.headline, story.standfirst, story.body) == _text(record):
        outcome = "unchanged"
    else:
        _update(story, record, path=path)
        outcome = "updated"
    detail = _("“%(headline)s” from %(source)s") % {
        "headline": story.headline,
        "source": source.name,
    }
    if publish:
        detail = f"{detail}; {_publish(story)}"
    return ImportResult(outcome, path, detail, story)


def _text(record: StoryRecord) -> tuple[str, str, str]:
    return record.headline, record.standfirst, record.body


def _check(record: StoryRecord) -> None:
    limit = Story._meta.get_field("headline").max_length
    if len(record.headline) > limit:
        raise RefusedFile(
            _("The headline is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(record.headline), "limit": limit}
        )
    if not record.guid:
        raise RefusedFile(_("The file carries no identifier for the story."))
    if not record.is_translation:
        # Originals to translate arrive with the wire formats, which keep an OriginalVersion.
        raise RefusedFile(_("Only stories already in the site language can be imported yet."))


def _create(record: StoryRecord, *, source: Source, path: Path) -> Story:
    story = Story.objects.create(
        source=source,
        guid=record.guid,
        headline=record.headline,
        standfirst=record.standfirst,
        body=record.body,
        original_url=record.original_url,
        original_language=source.language,
        translation_status=Story.TranslationStatus.TRANSLATED,
    )
    if record.tags:
        story.tags.add(*record.tags)  # On creation only: afterwards editors own the tags.
    story.record_revision(note=_("Imported from %(file)s") % {"file": path.name})
    return story


def _update(story: Story, record: StoryRecord, *, path: Path) -> None:
    if story.status == Story.Status.PUBLISHED:
        # Readers already saw this text; a change goes through a publisher, not an import.
        raise RefusedFile(
            _("“%(headline)s” is published; an import cannot change a published story.")
            % {"headline": story.headline}
        )
    story.headline, story.standfirst, story.body = record.headline, record.standfirst, record.body
    story.original_url = record.original_url or story.original_url
    story.save(update_fields=["headline", "standfirst", "body", "original_url", "modified_at"])
    story.record_revision(note=_("Updated from %(file)s") % {"file": path.name})


def _publish(story: Story) -> str:
    """Publish a story still new from the archive; a refusal is reported, not raised."""
    if story.status == Story.Status.PUBLISHED:
        return _("already published")
    try:
        story.publish_archived(note=_("Published on import."))
    except WorkflowError as exc:
        return _("not published: %(reason)s") % {"reason": exc}
    return _("published")
