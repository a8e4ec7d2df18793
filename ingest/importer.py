"""Import story files: one transaction per story, one result per story, never a half-import.

Importing is idempotent. A story is identified by its source and guid. A file is read
whole (up to the size limit), its format detected or given, and each story in it saved
in its own transaction: a refused or failed story leaves nothing behind and never stops
the stories and files after it.
"""

import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from articles.models import Source, Story
from ingest.archive import publish_archived, save_translation
from ingest.errors import RefusedFile
from ingest.formats import read_stories
from ingest.records import RefusedItem, SkippedItem, StoryRecord
from ingest.sources import credited_source
from ingest.wire import save_original

Outcome = Literal["created", "updated", "unchanged", "skipped", "refused"]
OUTCOMES: tuple[Outcome, ...] = ("created", "updated", "unchanged", "skipped", "refused")
# What a folder's files must end in to be read; anything else in it is left alone.
SUFFIXES = {".txt", ".json", ".xml", ".nitf", ".rss", ".atom"}
STDIN = Path("-")


@dataclass(frozen=True)
class ImportResult:
    outcome: Outcome
    path: Path
    detail: str
    story: Story | None = None
    # The story's place in a file that holds several (a feed, a NewsML-G2 message).
    item: int | None = None

    @property
    def label(self) -> str:
        return f"{self.path}#{self.item}" if self.item else str(self.path)

    def as_line(self) -> str:
        return f"{self.outcome} {self.label}: {self.detail}"

    def as_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "path": str(self.path),
            "item": self.item,
            "detail": self.detail,
            "story": self.story.pk if self.story else None,
        }


def summary_line(counts: Mapping[str, int]) -> str:
    """How many stories had each outcome, in the report's order: "2 created, 0 updated, …"."""
    return ", ".join(f"{counts.get(outcome, 0)} {outcome}" for outcome in OUTCOMES)


def import_paths(
    paths: Iterable[Path],
    *,
    source: Source | None = None,
    publish: bool = False,
    format: str | None = None,
    stdin: BinaryIO | None = None,
    by=None,
) -> Iterator[ImportResult]:
    """Import each file, each folder's story files in name order, and ``-`` from ``stdin``.

    ``by`` is the person importing (None from the command line): the revisions the import
    writes are theirs, so four eyes keeps them from approving those words.
    """
    options = {"source": source, "publish": publish, "format": format, "by": by}
    for path in paths:
        if path == STDIN and stdin is not None:
            try:
                data = read_limited(stdin)
            except RefusedFile as exc:
                yield ImportResult("refused", path, str(exc))
            else:
                yield from import_data(data, path=path, **options)
        elif path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.suffix.lower() in SUFFIXES and p.is_file()
            )
            if not files:
                names = ", ".join(sorted(SUFFIXES))
                yield ImportResult(
                    "refused",
                    path,
                    _("The folder holds no story files (%(names)s).") % {"names": names},
                )
            for file in files:
                yield from import_file_stories(file, **options)
        else:
            yield from import_file_stories(path, **options)


def import_file(path: Path, *, source: Source | None = None, publish: bool = False) -> ImportResult:
    """Import a file of one story and return its result (the first refusal, if any)."""
    results = import_file_stories(path, source=source, publish=publish)
    return next((r for r in results if r.outcome == "refused"), results[-1])


def import_file_stories(path: Path, **options) -> list[ImportResult]:
    try:
        data = _read(path)
    except RefusedFile as exc:
        return [ImportResult("refused", path, str(exc))]
    return import_data(data, path=path, **options)


def import_data(
    data: bytes,
    *,
    path: Path,
    source: Source | None = None,
    publish: bool = False,
    format: str | None = None,
    by=None,
) -> list[ImportResult]:
    """Import the stories in ``data``, read from ``path`` (a name for the report)."""
    try:
        items = read_items(data, format=format)
    except RefusedFile as exc:
        return [ImportResult("refused", path, str(exc))]
    numbered = len(items) > 1
    return [
        import_item(
            item, path, source=source, publish=publish, number=n if numbered else None, by=by
        )
        for n, item in enumerate(items, start=1)
    ]


def read_items(data: bytes, *, format: str | None = None) -> list[StoryRecord | SkippedItem]:
    """The stories in ``data``; RefusedFile says why there are none to import."""
    try:
        items = read_stories(data, format=format)
    except RefusedFile:
        raise
    except Exception as exc:  # A parser's bug must not stop the run; the reason is shown.
        error = f"{type(exc).__name__}: {exc}"
        raise RefusedFile(_("Reading failed: %(error)s") % {"error": error}) from exc
    if not items:
        raise RefusedFile(_("The file holds no stories."))
    return items


def refuse_oversize(size: int) -> None:
    """Raise RefusedFile when ``size`` bytes are over the import limit."""
    limit = settings.NEWSROOM_IMPORT_MAX_BYTES
    if size > limit:
        raise RefusedFile(
            _("The file is %(size)d bytes, over the import limit of %(limit)d bytes.")
            % {"size": size, "limit": limit}
        )


def read_limited(stream: BinaryIO) -> bytes:
    """Read at most the import limit and one byte more: a stream too large is refused whole."""
    data = stream.read(settings.NEWSROOM_IMPORT_MAX_BYTES + 1)
    refuse_oversize(len(data))
    return data


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            refuse_oversize(size)
            return read_limited(file)
    except FileNotFoundError:
        raise RefusedFile(_("There is no such file or folder.")) from None
    except OSError as exc:
        raise RefusedFile(_("The file cannot be read: %(error)s") % {"error": exc}) from None


def import_item(
    item: StoryRecord | SkippedItem,
    path: Path,
    *,
    source: Source | None = None,
    publish: bool = False,
    number: int | None = None,
    by=None,
) -> ImportResult:
    """Import one story read from ``path`` (the ``number``th of several) in its own transaction."""
    if isinstance(item, SkippedItem):
        outcome = "refused" if isinstance(item, RefusedItem) else "skipped"
        return ImportResult(outcome, path, f"{item.guid}: {item.reason}".lstrip(": "), item=number)
    try:
        with transaction.atomic():
            outcome, story, detail = _store(item, path, source=source, publish=publish, by=by)
    except RefusedFile as exc:
        return ImportResult("refused", path, str(exc), item=number)
    except Exception as exc:  # One broken story must not stop the run; its reason is shown.
        error = f"{type(exc).__name__}: {exc}"
        detail = _("Saving failed: %(error)s") % {"error": error}
        return ImportResult("refused", path, detail, item=number)
    return ImportResult(outcome, path, detail, story, item=number)


def _store(
    record: StoryRecord, path: Path, *, source: Source | None, publish: bool, by=None
) -> tuple[Outcome, Story, str]:
    _check(record)
    wire_item = not record.is_translation and not record.original_url
    source = source or credited_source(
        record.credit, kind=Source.Kind.AGENCY if wire_item else Source.Kind.OUTLET
    )
    story = Story.objects.select_for_update().filter(source=source, guid=record.guid).first()
    if record.is_translation:
        outcome, story = save_translation(record, source=source, story=story, name=path.name, by=by)
        notes = [publish_archived(story)] if publish else []
    else:
        outcome, story, notes = save_original(record, source=source, story=story, by=by)
        if publish:
            notes.append(_("not published: a story from the wire goes through review"))
    if record.site.stripped and outcome in {"created", "updated"}:
        notes.append(str(record.site.stripped.describe()))
    detail = _("“%(headline)s” from %(source)s") % {
        "headline": record.site.headline,
        "source": source.name,
    }
    if record.version is not None:
        detail = f"{detail} (version {record.version})"
    return outcome, story, "; ".join([detail, *notes])


def _check(record: StoryRecord) -> None:
    limit = Story._meta.get_field("headline").max_length
    headline = record.site.headline
    if len(headline) > limit:
        raise RefusedFile(
            _("The headline is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(headline), "limit": limit}
        )
    if not headline.strip():
        raise RefusedFile(_("The headline holds no text a page can show."))
    if not record.guid:
        raise RefusedFile(_("The file carries no identifier for the story."))
    if len(record.guid) > Story._meta.get_field("guid").max_length:
        raise RefusedFile(_("The story's identifier is too long to be a guid."))
