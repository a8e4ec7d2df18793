"""Every format Newsroom reads, behind one call: ``read_stories(data, format=None)``.

Each parser takes the file's bytes and returns StoryRecords (and SkippedItems for parts
of a file that are no story); the format is named by the caller or detected from the
content: JSON is ninjs, XML is told by its root element, other text is the scrape.
"""

import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from ingest.errors import RefusedFile
from ingest.formats.feed import FEED_ROOTS, parse_feed
from ingest.formats.newsml import ROOTS as NEWSML_ROOTS
from ingest.formats.newsml import parse_newsml
from ingest.formats.ninjs import parse_ninjs
from ingest.formats.nitf import parse_nitf
from ingest.formats.scrape import parse_scrape
from ingest.records import SkippedItem, StoryRecord

Parser = Callable[[bytes], list[StoryRecord | SkippedItem]]

PARSERS: dict[str, Parser] = {
    "scrape": lambda data: [parse_scrape(data)],
    "ninjs": parse_ninjs,
    "nitf": parse_nitf,
    "newsml": parse_newsml,
    "feed": parse_feed,
}
FORMAT_NAMES = {
    "scrape": "plain-text scrape",
    "ninjs": "ninjs",
    "nitf": "NITF",
    "newsml": "NewsML-G2",
    "feed": "RSS/Atom",
}
# The first tag that is no declaration, comment or processing instruction.
XML_ROOT = re.compile(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)")
XML_PROLOG = re.compile(rb"\s*(?:<\?xml|<!--|<!DOCTYPE|<[\w.-]+[\s/>:])")
BINARY_SIGNATURES = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


def read_stories(data: bytes, *, format: str | None = None) -> list[StoryRecord | SkippedItem]:
    """The stories in ``data``, read as ``format`` or as the format its content shows."""
    return PARSERS[format or detect_format(data)](data)


def detect_format(data: bytes) -> str:
    """The name of the parser for ``data``, or RefusedFile when it is no format Newsroom reads."""
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if head.startswith(BINARY_SIGNATURES):
        raise RefusedFile(_("The file is not text: it is a PDF, an image or an archive."))
    start = head.lstrip()[:1]
    if start in (b"{", b"["):
        return "ninjs"
    if start == b"<" and XML_PROLOG.match(head):
        match = XML_ROOT.search(_skip_prolog(data))
        name = match[1].decode("ascii", "replace") if match else ""
        if name == "nitf":
            return "nitf"
        if name in NEWSML_ROOTS:
            return "newsml"
        if name in FEED_ROOTS:
            return "feed"
        raise RefusedFile(
            _(
                "The XML file's root element is <%(name)s>, which is no format Newsroom "
                "reads (NITF, NewsML-G2, RSS or Atom)."
            )
            % {"name": name or "?"}
        )
    return "scrape"


def _skip_prolog(data: bytes) -> bytes:
    """Past the XML declaration, comments and DOCTYPE, where the root element starts."""
    position = 0
    while True:
        rest = data[position:].lstrip()
        position = len(data) - len(rest)
        for opener, closer in ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!DOCTYPE", b">")):
            if rest.startswith(opener):
                end = _doctype_end(rest) if opener == b"<!DOCTYPE" else rest.find(closer)
                if end < 0:
                    return b""
                position += end + len(closer)
                break
        else:
            return rest


def _doctype_end(rest: bytes) -> int:
    """A DOCTYPE may hold an internal subset in brackets, with ``>`` inside it."""
    bracket, close = rest.find(b"["), rest.find(b">")
    if 0 <= bracket < close:
        return rest.find(b">", max(rest.find(b"]", bracket), bracket))
    return close
