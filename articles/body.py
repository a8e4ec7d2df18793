"""The body of a story as text: blocks separated by a blank line, ``## `` for a subheading.

Plain text keeps the body editable in a textarea, searchable as it stands, and alignable
paragraph by paragraph with its original.
"""

from dataclasses import dataclass

SUBHEADING_PREFIX = "## "


@dataclass(frozen=True)
class Block:
    text: str
    is_subheading: bool = False

    def __str__(self):
        return f"{SUBHEADING_PREFIX}{self.text}" if self.is_subheading else self.text


def parse_body(text: str) -> list[Block]:
    blocks = []
    for chunk in text.replace("\r\n", "\n").split("\n\n"):
        chunk = " ".join(chunk.split())
        if chunk.startswith(SUBHEADING_PREFIX.strip()):
            heading = chunk.removeprefix(SUBHEADING_PREFIX.strip()).strip()
            if heading:
                blocks.append(Block(heading, is_subheading=True))
        elif chunk:
            blocks.append(Block(chunk))
    return blocks


def format_body(blocks: list[Block]) -> str:
    return "\n\n".join(str(block) for block in blocks)
