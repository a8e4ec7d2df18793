"""Whether two short texts look alike: Unicode's confusable skeleton (UTS #39), widened.

UTS #39 (Unicode Security Mechanisms) calls two strings confusable when their *skeletons*
are equal: each character mapped through Unicode's ``confusables.txt`` to its prototype,
in NFD. The table (version 13.0.0, some 6,300 entries, kept unmodified in
``newsroom/unicode/`` with its licence) covers Cyrillic, Greek, Armenian, Cherokee,
mathematical alphanumerics and the rest: a Cyrillic "paypal" meets the Latin one.

On top of the standard skeleton, for its one use (keeping a reader from commenting under
a name that passes for a member of staff's), this errs towards "alike":

- compatibility forms fold first (NFKD: fullwidth letters, ligatures), and accents and
  other combining marks are dropped (``é`` is ``e``);
- Greek chi reads as ``x``; case is folded and the table applied again, and ``i`` reads
  as ``l``, as ``1``, ``I`` and ``|`` already do in the table;
- ``rn`` reads as ``m`` (the table maps ``m`` to ``rn``), ``vv`` as ``w``, ``cl`` as ``d``;
- spaces, dots, hyphens, underscores and invisible characters are left out, so
  ``jane.doe`` and ``Jane Doe`` are one name.
"""

import functools
import re
import unicodedata
from pathlib import Path

TABLE = Path(__file__).with_name("unicode") / "confusables.txt"


@functools.cache
def prototypes() -> dict[int, str]:
    """confusables.txt as a str.translate table: each character to its prototype."""
    table = {}
    with TABLE.open(encoding="utf-8-sig") as lines:
        for line in lines:
            fields = line.partition("#")[0].split(";")
            if len(fields) >= 3:
                target = "".join(chr(int(point, 16)) for point in fields[1].split())
                table[int(fields[0], 16)] = target
    return table


def uts39_skeleton(text: str) -> str:
    """UTS #39's skeleton(X): NFD, each character to its prototype, NFD again."""
    mapped = unicodedata.normalize("NFD", text).translate(prototypes())
    return unicodedata.normalize("NFD", mapped)


# Lookalikes the table keeps apart that a reader of a comment's name would not: Greek chi.
BEYOND_TABLE = str.maketrans({"\u03c7": "x", "\u03a7": "X"})
# After case folding: glyphs that stand for one another in most typefaces.
SAME_GLYPH = str.maketrans({"i": "l"})
LETTER_PAIRS = re.compile("rn|vv|cl")
PAIR_GLYPH = {"rn": "m", "vv": "w", "cl": "d"}
SEPARATORS = re.compile(r"[\s._\-]+")


def skeleton(text: str) -> str:
    """What ``text`` looks like, reduced so that lookalikes compare equal."""
    mapped = uts39_skeleton(unicodedata.normalize("NFKD", text).translate(BEYOND_TABLE))
    folded = _without_marks(uts39_skeleton(_without_marks(mapped).casefold()))
    folded = folded.translate(SAME_GLYPH)
    joined = SEPARATORS.sub("", folded)
    return LETTER_PAIRS.sub(lambda pair: PAIR_GLYPH[pair[0]], joined)


def _without_marks(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Cf"))
