"""RSS 2.0, RSS 1.0 and Atom feeds: one story per entry, through feedparser.

The feed is first parsed by the hardened XML parser, so a feed that declares entities or
is not XML at all is refused before feedparser sees it. feedparser's own HTML sanitiser
stays off: its allow-list is wider than the site's, and it would read an entry's HTML
before the size check; each entry's HTML is checked, then cleaned by nh3
(``ingest.formats.html``), and an entry refused there is refused alone. Entries have no
version: a changed entry is told from a repeat by its text and its updated time.
"""

import calendar
from datetime import UTC, datetime

import feedparser
from django.utils.translation import gettext as _

from ingest.errors import RefusedFile
from ingest.formats.fields import require_headline, squash, tag_names
from ingest.formats.html import html_blocks
from ingest.formats.safe_xml import local_name, parse_xml
from ingest.records import RefusedItem, SkippedItem, StoryRecord

FEED_ROOTS = {"rss", "feed", "RDF"}


def parse_feed(data: bytes) -> list[StoryRecord | SkippedItem]:
    """The entries of a feed as stories, or RefusedFile saying why the file is no feed."""
    root = parse_xml(data)
    if local_name(root) not in FEED_ROOTS:
        raise RefusedFile(
            _("The XML is not an RSS or Atom feed: its root element is <%(name)s>.")
            % {"name": local_name(root)}
        )
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    credit = squash(parsed.feed.get("title")) or None
    language = squash(parsed.feed.get("language"))
    return [_entry(entry, credit=credit, language=language) for entry in parsed.entries]


def _entry(entry, *, credit: str | None, language: str) -> StoryRecord | SkippedItem:
    guid = squash(entry.get("id") or entry.get("link"))
    if not guid:
        return SkippedItem("", _("A feed entry has neither an id nor a link; skipped."))
    summary = entry.get("summary") or ""
    content = (entry.get("content") or [{}])[0].get("value", "")
    body = content or summary
    try:
        title = _plain(entry.get("title_detail"), entry.get("title"))
        standfirst = " ".join(b.text for b in html_blocks(summary)) if content and summary else ""
    except RefusedFile as exc:  # HTML past the limits: this entry alone is refused.
        return RefusedItem(guid, str(exc))
    try:
        headline = require_headline(title)
    except RefusedFile as exc:
        return SkippedItem(guid, str(exc))
    try:
        blocks = html_blocks(body, headline=headline)
    except RefusedFile as exc:
        return RefusedItem(guid, str(exc))
    return StoryRecord(
        guid=guid,
        headline=headline,
        standfirst=standfirst,
        blocks=blocks,
        credit=credit,
        byline=squash(entry.get("author")),
        language=language,
        original_url=_url(entry.get("link")),
        tags=tag_names(tag.get("label") or tag.get("term") or "" for tag in entry.get("tags", [])),
        first_created=_time(entry.get("published_parsed")),
        # dict.get: feedparser's own get() maps a missing updated to published with a warning.
        version_created=_time(dict.get(entry, "updated_parsed") or entry.get("published_parsed")),
        copyright=squash(entry.get("rights")),
    )


def _plain(detail, value: str | None) -> str:
    """A title feedparser kept as HTML (Atom ``type="html"``) loses its markup."""
    if detail and "html" in (detail.get("type") or ""):
        return " ".join(block.text for block in html_blocks(value or ""))
    return value or ""


def _url(link: str | None) -> str:
    link = squash(link)
    return link if link.startswith(("http://", "https://")) else ""


def _time(parsed) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime; it is None when unreadable."""
    return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC) if parsed else None
