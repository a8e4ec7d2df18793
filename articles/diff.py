"""A word-level comparison of two texts, for the revision history and the original's changes.

Both texts come from editors and wire services, so every piece is escaped before it is
wrapped in ``<ins>`` or ``<del>``; nothing from the text reaches the page unescaped.

``SequenceMatcher`` takes time in the product of its two lengths, and one wire paragraph
of 10,000 words made a page take a minute. So a text is compared paragraph by paragraph
first, and a changed paragraph word by word only while its changed middle (what lies
between the words both versions share at its start and end) stays under a cap, and all
the paragraphs of one text (a body with its headline and standfirst) under a budget; past
either, the paragraph is shown replaced whole: the old one struck out, the new inserted.
"""

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import zip_longest

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Words, single punctuation marks and the whitespace between them: a changed full stop
# does not mark its word as changed.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
# Paragraphs are parted by a blank line, as in a story's body (articles.body).
PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*\r?\n\s*")
# Token pairs (old tokens times new tokens) one paragraph may cost, and all the paragraphs
# of one comparison (a page shows one or two): about 30 ms and 0.25 s of SequenceMatcher
# here (bench/diff.py). 250,000 pairs is two versions of some 250 words changed throughout.
MAX_WORD_PAIRS = 250_000
MAX_WORD_PAIRS_PER_COMPARISON = 2_000_000
# Paragraph pairs the alignment of the paragraphs may cost; past it, the changed middle
# of the text is paired paragraph by paragraph in order.
MAX_PARAGRAPH_PAIRS = 250_000


class Budget:
    """The token pairs left for word-by-word comparison in one comparison of two texts."""

    def __init__(self, pairs: int = MAX_WORD_PAIRS_PER_COMPARISON):
        self.left = pairs

    def spend(self, pairs: int) -> bool:
        """Take ``pairs`` from the budget, or say no when the paragraph or the whole is over."""
        if pairs > MAX_WORD_PAIRS or pairs > self.left:
            return False
        self.left -= pairs
        return True


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the comparison, and how it was compared.

    ``kind`` is "equal", "added", "removed", "changed" (compared word by word) or
    "replaced" (too long to compare word by word: the old struck out, the new inserted).
    """

    kind: str
    html: SafeString


def diff_words(before: str, after: str, *, budget: Budget | None = None) -> SafeString:
    """HTML of ``after`` with removed words in ``<del>`` and added words in ``<ins>``."""
    return as_html(diff_paragraphs(before, after, budget=budget))


def as_html(paragraphs: Sequence[Paragraph]) -> SafeString:
    """The compared paragraphs as one text, a blank line between them."""
    return format_html_join("\n\n", "{}", ((p.html,) for p in paragraphs))


def diff_paragraphs(before: str, after: str, *, budget: Budget | None = None) -> list[Paragraph]:
    """The paragraphs of the comparison, in order; one ``budget`` serves a text's fields."""
    budget = budget or Budget()
    old, new = _paragraphs(before), _paragraphs(after)
    paragraphs = []
    for op, i1, i2, j1, j2 in align(old, new):
        if op == "equal":
            paragraphs += [Paragraph("equal", format_html("{}", text)) for text in old[i1:i2]]
            continue
        for old_text, new_text in zip_longest(old[i1:i2], new[j1:j2]):
            if new_text is None:
                paragraphs.append(Paragraph("removed", format_html("<del>{}</del>", old_text)))
            elif old_text is None:
                paragraphs.append(Paragraph("added", format_html("<ins>{}</ins>", new_text)))
            else:
                paragraphs.append(_compare(old_text, new_text, budget))
    return paragraphs


def align(old: Sequence[str], new: Sequence[str]) -> Iterator[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes for two lists of paragraphs, in bounded work.

    The paragraphs both lists start and end with are equal without a search; the middle is
    aligned by SequenceMatcher when it is small enough, else it is one "replace" whose
    paragraphs are paired in order.
    """
    start, end_old, end_new = _common_ends(old, new)
    if start:
        yield ("equal", 0, start, 0, start)
    middle_old, middle_new = old[start:end_old], new[start:end_new]
    if len(middle_old) * len(middle_new) <= MAX_PARAGRAPH_PAIRS:
        matcher = SequenceMatcher(None, middle_old, middle_new, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            yield (op, start + i1, start + i2, start + j1, start + j2)
    else:
        yield ("replace", start, end_old, start, end_new)
    if end_old < len(old):
        yield ("equal", end_old, len(old), end_new, len(new))


def _compare(before: str, after: str, budget: Budget) -> Paragraph:
    if before == after:
        return Paragraph("equal", format_html("{}", after))
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    start, end_old, end_new = _common_ends(old, new)
    middle_old, middle_new = old[start:end_old], new[start:end_new]
    if not budget.spend(len(middle_old) * len(middle_new)):
        return Paragraph("replaced", format_html("<del>{}</del><ins>{}</ins>", before, after))
    pieces = [format_html("{}", "".join(old[:start]))]
    matcher = SequenceMatcher(None, middle_old, middle_new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(format_html("{}", "".join(middle_old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", "".join(middle_old[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", "".join(middle_new[j1:j2])))
    pieces.append(format_html("{}", "".join(old[end_old:])))
    return Paragraph("changed", format_html_join("", "{}", ((piece,) for piece in pieces)))


def _paragraphs(text: str) -> list[str]:
    return [part for part in PARAGRAPH_BREAK.split(text) if part]


def _common_ends(old: Sequence, new: Sequence) -> tuple[int, int, int]:
    """Where the shared start ends, and where the shared end begins in each sequence."""
    shortest = min(len(old), len(new))
    start = 0
    while start < shortest and old[start] == new[start]:
        start += 1
    end = 0
    while end < shortest - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return start, len(old) - end, len(new) - end
