"""Whether two short texts look alike: a reduced form of Unicode's confusable skeleton.

UTS #39 (Unicode Security Mechanisms) calls two strings confusable when their *skeletons*
are equal, the skeleton mapping each character through Unicode's ``confusables.txt``
(some 6,000 entries). That file is not shipped with Python nor with any package Newsroom
installs, so this is a documented subset, not the full table:

- compatibility forms fold to the plain letter (NFKD: fullwidth ``ａ``, mathematical ``𝐚``,
  ligatures), and accents and other combining marks are dropped (``é`` is ``e``);
- a compact table maps the letters of Cyrillic, Greek and Latin's own extensions that look
  like a Latin letter (``а`` ``е`` ``о`` ``р`` ``с`` ``у`` ``х`` ``і`` ``ј`` ``ԁ`` ``ɡ``,
  ``Α`` ``Β`` ``Ε`` ``Η`` ``Ι`` ``Κ`` ``Μ`` ``Ν`` ``Ο`` ``Ρ`` ``Τ`` ``Χ`` ``Υ`` ``Ζ`` …);
- case is folded, ``0`` reads as ``o``, and ``1``, ``i``, ``l`` and ``|`` as one letter;
- ``rn`` reads as ``m``, ``vv`` as ``w`` and ``cl`` as ``d``;
- spaces, dots, hyphens, underscores and invisible characters are left out, so
  ``jane.doe`` and ``Jane Doe`` are one name.

It errs towards "alike" (UTS #39 keeps accents and case apart), which suits its one use:
keeping a reader from commenting under a name that passes for a member of staff's. Lookalikes
from scripts outside the table (Cherokee, Armenian, mathematical alphanumerics beyond NFKD)
are not caught.
"""

# The lookalikes are this module's subject, written as they look so a reader can judge them.
# ruff: noqa: RUF001, RUF002, RUF003

import re
import unicodedata

# Before case folding, because case decides the look: Greek Η is H, but η is n.
# fmt: off
LOOKALIKES = str.maketrans(
    {
        # Cyrillic
        "А": "A", "а": "a", "В": "B", "в": "b", "Е": "E", "е": "e", "К": "K", "к": "k",
        "М": "M", "м": "m", "Н": "H", "н": "h", "О": "O", "о": "o", "Р": "P", "р": "p",
        "С": "C", "с": "c", "Т": "T", "т": "t", "У": "Y", "у": "y", "Х": "X", "х": "x",
        "Ѕ": "S", "ѕ": "s", "І": "I", "і": "i", "Ј": "J", "ј": "j", "Һ": "h", "һ": "h",
        "ԁ": "d", "Ԛ": "Q", "ԛ": "q", "Ԝ": "W", "ԝ": "w", "Ӏ": "l", "ӏ": "l", "Ь": "b",
        "ь": "b", "Ү": "Y", "ү": "y", "Ԍ": "G", "ԍ": "g",
        # Greek
        "Α": "A", "α": "a", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "η": "n", "Ι": "I",
        "ι": "i", "Κ": "K", "κ": "k", "Μ": "M", "Ν": "N", "ν": "v", "Ο": "O", "ο": "o",
        "Ρ": "P", "ρ": "p", "Τ": "T", "τ": "t", "Υ": "Y", "υ": "u", "Χ": "X", "χ": "x",
        "ϲ": "c", "Ϲ": "C", "ϳ": "j",
        # Latin letters that pass for others
        "ı": "i", "ɩ": "i", "ɑ": "a", "ɡ": "g", "ʀ": "r", "ᴅ": "d", "ꞵ": "b", "ſ": "f",
        "ⅼ": "l", "ǀ": "l", "ɪ": "i",
    }
)
# fmt: on
# After case folding: glyphs that stand for one another in most typefaces.
SAME_GLYPH = str.maketrans({"0": "o", "1": "l", "i": "l", "|": "l"})
LETTER_PAIRS = re.compile("rn|vv|cl")
PAIR_GLYPH = {"rn": "m", "vv": "w", "cl": "d"}
SEPARATORS = re.compile(r"[\s._\-]+")


def skeleton(text: str) -> str:
    """What ``text`` looks like, reduced so that lookalikes compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    folded = letters.translate(LOOKALIKES).casefold().translate(SAME_GLYPH)
    joined = SEPARATORS.sub("", folded)
    return LETTER_PAIRS.sub(lambda pair: PAIR_GLYPH[pair[0]], joined)
