"""The one rule for text that enters Newsroom or leaves it: XML 1.0's ``Char`` production.

Feeds, sitemaps and XLIFF are XML, and a page is read by parsers that follow the same
rule, so a character XML cannot carry (a C0 control other than tab, line feed and
carriage return, a lone surrogate, U+FFFE or U+FFFF) is never stored in a text readers
get, and never emitted whatever is stored. Where text enters:

- a form or an XLIFF file refuses it, naming the field and the position (``validate``);
- an import or a machine draft strips it and says so (``strip``, ``describe``);
- output filters it (``safe_bytes``, ``safe``), for text stored before the rule.

Originals are kept as the source sent them; only their copy in the site's text is cleaned.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# Everything outside #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The same, as UTF-8 bytes of a rendered page: lone surrogates cannot be encoded at all.
_C0_BYTES = bytes(c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D))
_NONCHARACTER_BYTES = (b"\xef\xbf\xbe", b"\xef\xbf\xbf")


def first_invalid(text: str) -> re.Match | None:
    return NOT_XML_CHAR.search(text)


def strip(text: str) -> str:
    """``text`` without the characters XML cannot carry."""
    return NOT_XML_CHAR.sub("", text) if NOT_XML_CHAR.search(text) else text


def safe(value):
    """``strip`` for a value that may not be text (feed attributes, template values)."""
    return strip(value) if isinstance(value, str) else value


def name(char: str) -> str:
    """U+000B, as the refusal and the import report write a character."""
    return f"U+{ord(char):04X}"


def kind(char: str) -> str:
    code = ord(char)
    if code < 0x20:
        return str(_("a control character"))
    if 0xD800 <= code <= 0xDFFF:
        return str(_("half of a surrogate pair"))
    return str(_("a non-character"))


def position(text: str, index: int) -> str:
    """Where ``index`` is, as an editor finds it: a line and column in text of several lines."""
    line = text.count("\n", 0, index) + 1
    if line == 1:
        return str(_("character %(column)d") % {"column": index + 1})
    column = index - text.rfind("\n", 0, index)
    return str(_("line %(line)d, character %(column)d") % {"line": line, "column": column})


def refusal(text: str, *, field: str = "") -> str | None:
    """The message refusing ``text``, or None when XML can carry all of it."""
    match = first_invalid(text)
    if match is None:
        return None
    char = match.group()
    where = position(text, match.start())
    if field:
        message = _(
            "%(field)s contains %(kind)s (%(char)s) at %(where)s, which cannot be published. "
            "Text pasted from a word processor often brings one along: delete it and save again."
        )
    else:
        message = _(
            "This contains %(kind)s (%(char)s) at %(where)s, which cannot be published. "
            "Text pasted from a word processor often brings one along: delete it and save again."
        )
    return str(message % {"field": field, "kind": kind(char), "char": name(char), "where": where})


@deconstructible
class XMLCharValidator:
    """A form field's validator: refuse text with a character XML cannot carry."""

    code = "xml_char"

    def __init__(self, field=""):
        self.field = field

    def __call__(self, value):
        if not isinstance(value, str):
            return
        message = refusal(value, field=str(self.field))
        if message:
            raise ValidationError(message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, XMLCharValidator) and self.field == other.field


@dataclass
class Stripped:
    """What cleaning some named texts removed, for an import line or a timeline note."""

    removed: dict  # field label -> set of character names

    def __bool__(self):
        return bool(self.removed)

    def describe(self) -> str:
        chars = sorted({c for names in self.removed.values() for c in names})
        fields = ", ".join(str(label) for label in self.removed)
        return ngettext(
            "removed a character XML cannot carry (%(chars)s) from %(fields)s",
            "removed characters XML cannot carry (%(chars)s) from %(fields)s",
            len(chars),
        ) % {"chars": ", ".join(chars), "fields": fields}


def strip_fields(pairs) -> tuple[list[str], Stripped]:
    """Clean each text of ``[(label, text), …]``; return the clean texts and what was removed."""
    clean, removed = [], {}
    for label, value in pairs:
        found = {name(m.group()) for m in NOT_XML_CHAR.finditer(value)}
        if found:
            removed.setdefault(label, set()).update(found)
        clean.append(strip(value))
    return clean, Stripped(removed)


def safe_bytes(content: bytes) -> bytes:
    """A rendered UTF-8 document without what XML cannot carry; cheap when there is none."""
    has_control = len(content.translate(None, _C0_BYTES)) != len(content)
    if not has_control and not any(seq in content for seq in _NONCHARACTER_BYTES):
        return content
    return strip(content.decode("utf-8", "surrogatepass")).encode("utf-8")
