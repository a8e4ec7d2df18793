"""The plain-text scrape: a translated story copied off a news site, page furniture and all.

The layout is the one in ``samples/scrape/``: the headline (often printed twice), the
standfirst, one paragraph a line, short unpunctuated lines as subheadings, a trailing
``Source: Outlet`` credit, then the site's comment form and post lists, which are dropped.
The text is already English, so the record is a translation whose original is unknown.
"""

import codecs
import hashlib
import re
import unicodedata

from django.utils.translation import gettext as _

from articles.body import Block
from ingest.errors import RefusedFile
from ingest.records import StoryRecord

SUBHEADING_MAX_WORDS = 12
# Lines where the story ends and the site's page furniture begins.
FURNITURE = {"leave a reply", "leave a comment", "latest posts", "related posts"}
FURNITURE_PREFIXES = ("your email address will not be published",)
# A credit names an outlet in a few words; a longer "Source: ..." line is prose.
CREDIT = re.compile(r"source\s*:\s*(?P<name>\S.{0,199})", re.IGNORECASE)
SENTENCE_ENDINGS = tuple(".!?:;\"'“”\u2018\u2019„«»…")


def parse_scrape(data: bytes) -> StoryRecord:
    """Read one scraped story, or raise RefusedFile saying why the file is not one."""
    lines = [" ".join(line.split()) for line in decode_text(data).splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise RefusedFile(_("The file is empty."))
    headline, *rest = lines
    if rest and _key(rest[0]) == _key(headline):
        rest = rest[1:]  # The page printed the headline twice: as title and as heading.
    rest, credit = _split_credit(_drop_furniture(rest))
    if not rest:
        raise RefusedFile(_("The file has a headline but no story text under it."))
    # The standfirst leads a longer story; a story of one paragraph is all body.
    standfirst, paragraphs = (rest[0], rest[1:]) if len(rest) > 1 else ("", rest)
    return StoryRecord(
        guid=headline_guid(headline),
        headline=headline,
        standfirst=standfirst,
        blocks=_blocks(paragraphs),
        credit=credit,
        language="en",
        is_translation=True,
    )


def headline_guid(headline: str) -> str:
    """A scrape carries no identifier; its headline, whatever its case and spacing, is one."""
    return "scrape:" + hashlib.sha256(_key(headline).encode()).hexdigest()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark), else Windows-1252, which old sites wrote."""
    if not data.strip():
        raise RefusedFile(_("The file is empty."))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise RefusedFile(_("The file is UTF-16 text; save it as UTF-8 and import it again."))
    if b"\x00" in data:
        raise RefusedFile(_("The file is not text: it contains NUL bytes."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if data.startswith(codecs.BOM_UTF8):
            raise RefusedFile(_("The file says it is UTF-8 but is not valid UTF-8.")) from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise RefusedFile(_("The file is neither UTF-8 nor Windows-1252 text.")) from None
    # Other control characters (text pasted from a word processor) are the importer's to
    # strip and report, like any text that enters (newsroom/text.py).
    return text


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _drop_furniture(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        key = _key(line).rstrip(" .:*")
        if key in FURNITURE or key.startswith(FURNITURE_PREFIXES):
            return lines[:index]
    return lines


def _split_credit(lines: list[str]) -> tuple[list[str], str | None]:
    """The last ``Source: Outlet`` line ends the story; anything after it is the site's."""
    for index in reversed(range(len(lines))):
        if match := CREDIT.fullmatch(lines[index]):
            return lines[:index], match["name"].rstrip(" .") or None
    return lines, None


def _blocks(paragraphs: list[str]) -> list[Block]:
    """A short unpunctuated line heads the paragraph after it; a last line heads nothing."""
    candidates = [_looks_like_subheading(text) for text in paragraphs] + [False]
    return [
        Block(
            text, is_subheading=candidates[i] and i + 1 < len(paragraphs) and not candidates[i + 1]
        )
        for i, text in enumerate(paragraphs)
    ]


def _looks_like_subheading(text: str) -> bool:
    return len(text.split()) <= SUBHEADING_MAX_WORDS and not text.endswith(SENTENCE_ENDINGS)
