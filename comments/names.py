"""What a reader may call themselves under a comment.

A name is shown inline beside other text: on the story page, in the moderators' digest
mail, in the admin's queue. So it may not carry

- a line break or separator (CR, LF, NEL, U+2028, U+2029): in the digest mail it would
  start a line of its own, dressed up as whatever the reader wrote there;
- a bidirectional control (U+202A to U+202E, U+2066 to U+2069, U+200E, U+200F, U+061C): it
  reorders the text around it, so a name can make a sentence read backwards;
- an invisible format character (zero-width space, word joiner, soft hyphen, …): two
  names that look the same would be different names.

The zero-width joiner and non-joiner are the exception where they do work: between two
letters of a script past Latin, Greek and Cyrillic (Persian and Indic names need them).
Pages still show every name inside ``<bdi>``, so one stored before these rules cannot
turn its neighbours round.

Nor may a name pass for a member of staff's: its confusable skeleton
(newsroom/confusables.py, Unicode's UTS #39 skeleton, widened) may not equal that
of an active staff user's username or full name.
"""

import unicodedata

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from newsroom import text
from newsroom.confusables import skeleton

CHARACTERS = {
    "\t": _("a tab"),
    "\n": _("a line break"),
    "\r": _("a carriage return"),
    "\x85": _("a next-line character"),
    "\u2028": _("a line separator"),
    "\u2029": _("a paragraph separator"),
    "\u061c": _("an Arabic letter mark"),
    "\u200e": _("a left-to-right mark"),
    "\u200f": _("a right-to-left mark"),
    "\u202a": _("a left-to-right embedding"),
    "\u202b": _("a right-to-left embedding"),
    "\u202c": _("a pop directional formatting"),
    "\u202d": _("a left-to-right override"),
    "\u202e": _("a right-to-left override"),
    "\u2066": _("a left-to-right isolate"),
    "\u2067": _("a right-to-left isolate"),
    "\u2068": _("a first strong isolate"),
    "\u2069": _("a pop directional isolate"),
    "\u00ad": _("a soft hyphen"),
    "\u200b": _("a zero-width space"),
    "\u200c": _("a zero-width non-joiner"),
    "\u200d": _("a zero-width joiner"),
    "\u2060": _("a word joiner"),
    "\ufeff": _("a zero-width no-break space"),
}
# Controls, format characters, line and paragraph separators.
REFUSED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp"}
JOINERS = {"\u200c", "\u200d"}
# Hebrew onwards: the scripts whose shaping a joiner can change.
FIRST_JOINING_SCRIPT = "\u0590"


def refusal(name: str, *, field: str) -> str | None:
    """The message refusing ``name`` for a character it may not hold, or None."""
    for index, char in enumerate(name):
        if unicodedata.category(char) in REFUSED_CATEGORIES and not _joins(name, index):
            kind = CHARACTERS.get(char) or (
                _("a control character")
                if unicodedata.category(char) == "Cc"
                else _("an invisible formatting character")
            )
            return str(
                _("%(field)s contains %(kind)s (%(char)s) at %(where)s; please remove it.")
                % {
                    "field": field,
                    "kind": kind,
                    "char": text.name(char),
                    "where": text.position(name, index),
                }
            )
    return None


def passes_for_staff(name: str) -> bool:
    """Whether ``name`` looks like an active staff member's username or full name."""
    mine = skeleton(name)
    return bool(mine) and mine in staff_skeletons()


def staff_skeletons() -> set[str]:
    """The skeletons of every active staff member's username and full name: one query."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    found = set()
    for username, first_name, last_name in staff.values_list("username", "first_name", "last_name"):
        # As AbstractUser.get_full_name() writes it.
        found.update({skeleton(username), skeleton(f"{first_name} {last_name}".strip())})
    found.discard("")
    return found


def _joins(name: str, index: int) -> bool:
    """Whether the joiner at ``index`` sits between two letters of a script that uses it."""
    if name[index] not in JOINERS or not 0 < index < len(name) - 1:
        return False
    return all(
        char >= FIRST_JOINING_SCRIPT and unicodedata.category(char)[0] in "LM"
        for char in (name[index - 1], name[index + 1])
    )
