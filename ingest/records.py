"""The one record every format parser returns, so the importer never learns a format."""

from dataclasses import dataclass, field

from articles.body import Block, format_body


@dataclass(kw_only=True)
class StoryRecord:
    """A story as read from one file, before it meets the database.

    Text a format does not carry is an empty string. ``guid`` and ``credit`` are None when
    absent, because what their absence means (refuse, or take ``--source``) is the
    importer's call, not the parser's.
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

    @property
    def body(self) -> str:
        """The blocks as a story stores them (see ``articles.body``)."""
        return format_body(self.blocks)
