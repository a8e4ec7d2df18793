"""A word-level comparison of two texts, for the revision history.

Both texts come from editors and wire services, so every piece is escaped before it is
wrapped in ``<ins>`` or ``<del>``; nothing from the text reaches the page unescaped.
"""

import re
from difflib import SequenceMatcher

from django.utils.html import format_html, format_html_join

# Words, single punctuation marks and the whitespace between them: a changed full stop
# does not mark its word as changed, and paragraphs keep their line breaks.
TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def diff_words(before: str, after: str):
    """HTML of ``after`` with removed words in ``<del>`` and added words in ``<ins>``."""
    old, new = TOKENS.findall(before), TOKENS.findall(after)
    pieces = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(format_html("{}", "".join(old[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return format_html_join("", "{}", ((piece,) for piece in pieces))
