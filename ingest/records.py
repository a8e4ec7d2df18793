"""The one record every format parser returns, so the importer never learns a format."""

import re
from dataclasses import dataclass, field, fields
from datetime import datetime
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from articles.body import Block, format_body
from newsroom import text

# What PostgreSQL's text (NUL) and UTF-8 (a lone surrogate) cannot hold at all.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# The original's own words, kept as the source sent them (less what cannot be stored).
ORIGINAL_TEXT = {"headline", "standfirst"}


@dataclass(frozen=True)
class SiteText:
    """The record's text as the site may carry it (newsroom/text.py), and what that removed."""

    headline: str
    standfirst: str
    body: str
    stripped: text.Stripped


@dataclass(kw_only=True)
class StoryRecord:
    """A story as read from one file, before it meets the database.

    Text a format does not carry is an empty string, a time or version it does not carry
    is None. ``guid`` and ``credit`` are None when absent, because what their absence
    means (refuse, or take ``--source``) is the importer's call, not the parser's.
    """

    guid: str | None
    headline: str
    standfirst: str = ""
    blocks: list[Block] = field(default_factory=list)
    credit: str | None = None
    byline: str = ""
    language: str = ""
    original_url: str = ""
    is_translation: bool = False
    tags: list[str] = field(default_factory=list)
    # Wire metadata: the scrape carries none of it.
    version: int | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    embargoed_until: datetime | None = None
    pub_status: str = "usable"
    copyright_holder: str = ""
    copyright: str = ""
    usage_terms: str = ""

    def __post_init__(self):
        """The original's text stays as sent, less what cannot be stored; every other field
        (guid, credit, tags, byline…) follows the XML rule at once."""
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str):
                clean = _storable if item.name in ORIGINAL_TEXT else text.strip
                setattr(self, item.name, clean(value))
        self.tags = [tag for tag in map(text.strip, self.tags) if tag.strip()]
        self.blocks = [Block(_storable(block.text), block.is_subheading) for block in self.blocks]

    @cached_property
    def site(self) -> SiteText:
        """The text a story copies from this record: what XML cannot carry is stripped."""
        (headline, standfirst, *texts), stripped = text.strip_fields(
            [
                (_("headline"), self.headline),
                (_("standfirst"), self.standfirst),
                *((_("body"), block.text) for block in self.blocks),
            ]
        )
        blocks = [
            Block(clean, block.is_subheading)
            for clean, block in zip(texts, self.blocks, strict=True)
            if clean.strip()
        ]
        body = format_body(blocks)
        return SiteText(headline, standfirst, body, stripped)

    @property
    def body(self) -> str:
        """The blocks as a story stores them (see ``articles.body``)."""
        return format_body(self.blocks)

    @property
    def is_canceled(self) -> bool:
        return self.pub_status == "canceled"

    @property
    def is_canceled_or_withheld(self) -> bool:
        return self.pub_status in {"canceled", "withheld"}


@dataclass(frozen=True)
class SkippedItem:
    """An item of a file that is no story to import (a package, a picture), and why."""

    guid: str
    reason: str


class RefusedItem(SkippedItem):
    """An item refused on its own (a feed entry with hostile HTML) while the rest imports."""


def _storable(value: str) -> str:
    return UNSTORABLE.sub("", value)
