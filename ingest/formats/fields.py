"""Values every wire format spells its own way: times, version numbers, text, tags."""

import re
from datetime import UTC, datetime

from django.utils.translation import gettext as _

from articles.body import Block
from ingest.errors import RefusedFile

# NITF writes compact ISO 8601 ("20210516T090004"), sometimes with a zone ("+0200").
COMPACT_TIME = re.compile(
    r"(?P<date>\d{8})T(?P<time>\d{4}(?:\d{2})?)(?P<zone>Z|[+-]\d{2}:?\d{2})?", re.ASCII
)
TAG_MAX_LENGTH = 100  # taggit's Tag.name


def squash(text: str | None) -> str:
    """Runs of whitespace, line breaks included, as one space; None as empty."""
    return " ".join((text or "").split())


def parse_time(value: str | None, *, field: str) -> datetime | None:
    """An ISO 8601 time from a wire file, aware (UTC when it names no zone), or None.

    An unreadable time refuses the file: a wrong embargo or version time is worse than none.
    """
    value = squash(value)
    if not value:
        return None
    if match := COMPACT_TIME.fullmatch(value):
        time = match["time"].ljust(6, "0")
        zone = (match["zone"] or "").replace("Z", "+00:00")
        value = f"{match['date'][:4]}-{match['date'][4:6]}-{match['date'][6:]}T{time[:2]}:"
        value += f"{time[2:4]}:{time[4:]}{zone}"
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise RefusedFile(
            _("The %(field)s “%(value)s” is not a date and time.")
            % {"field": field, "value": value[:60]}
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_version(value: object) -> int | None:
    """A version number as an integer; a wire's non-numeric version counts as none at all.

    Without a number, a new version is told from a repeat by its text (see ingest.stories).
    """
    text = squash(str(value)) if value is not None else ""
    return int(text) if text.isdigit() and len(text) < 10 else None


def text_blocks(text: str) -> list[Block]:
    """Plain wire text as paragraphs: a blank line between paragraphs, or one per line."""
    text = text.replace("\r\n", "\n").strip()
    chunks = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [Block(paragraph(chunk)) for chunk in chunks if squash(chunk)]


def paragraph(text: str) -> str:
    """One block's text; a leading ``##`` would read back as a subheading, so it goes."""
    text = squash(text)
    while text.startswith("##"):
        text = text.lstrip("#").lstrip()
    return text


def tag_names(names) -> list[str]:
    """Distinct, tidy tag names in the order given; empty and over-long ones left out."""
    seen, tags = set(), []
    for name in names:
        name = squash(name).strip(",")
        if name and len(name) <= TAG_MAX_LENGTH and name.casefold() not in seen:
            seen.add(name.casefold())
            tags.append(name)
    return tags


def require_headline(headline: str) -> str:
    headline = squash(headline)
    if not headline:
        raise RefusedFile(_("The story has no headline."))
    return headline
