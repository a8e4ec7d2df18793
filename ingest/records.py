"""The one record every format parser returns, so the importer never learns a format."""

import re
from dataclasses import dataclass, field, fields
from datetime import datetime

from articles.body import Block, format_body

# psycopg refuses NUL in text, and no other C0 control character belongs in a story;
# tab, line feed and carriage return are whitespace the parsers fold anyway.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
    copyright: str = ""
    usage_terms: str = ""

    def __post_init__(self):
        """Control characters are stripped at the edge, so none reaches the database."""
        for item in fields(self):
            value = getattr(self, item.name)
            if isinstance(value, str):
                setattr(self, item.name, CONTROL_CHARACTERS.sub("", value))
        self.tags = [CONTROL_CHARACTERS.sub("", tag) for tag in self.tags]
        self.blocks = [
            Block(CONTROL_CHARACTERS.sub("", block.text), block.is_subheading)
            for block in self.blocks
        ]

    @property
    def body(self) -> str:
        """The blocks as a story stores them (see ``articles.body``)."""
        return format_body(self.blocks)

    @property
    def is_canceled(self) -> bool:
        return self.pub_status == "canceled"


@dataclass(frozen=True)
class SkippedItem:
    """An item of a file that is no story to import (a package, a picture), and why."""

    guid: str
    reason: str
