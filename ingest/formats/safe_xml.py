"""XML from outside, parsed so that it cannot reach the network, the disk or the memory limit.

One explicitly hardened lxml parser: no entity resolution, no DTD loading, no network,
no huge trees. A DOCTYPE is tolerated, because real NITF carries one; a DOCTYPE that
declares entities is refused, because wire copy never needs them and the known attacks
(billion laughs, external entities reading files or URLs) all start with one.

NITF's DTD declares the XHTML character entities (ISO 8879's Latin-1, symbol and special
sets: ``&eacute;``, ``&nbsp;``, ``&mdash;``), and agencies use them. The DTD is never
loaded, so before parsing one linear pass turns those names into numeric references
(``&#233;``), which need no DTD; CDATA sections, comments and processing instructions
are passed over, as XML would. A name outside that table and XML's five is refused,
named, rather than dropped from the text (a file that also declares entities is refused
for that). The pass works on the bytes, which is sound for UTF-8 and the single-byte
encodings wire copy comes in; in UTF-16 it finds nothing, and the parsed tree is checked
for references left unresolved, so such a file's named entities are refused too.
"""

import re
from html.entities import name2codepoint

from django.utils.translation import gettext as _
from lxml import etree

from ingest.errors import RefusedFile

ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY", re.DOTALL)
XML_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
# The XHTML 1.0 sets NITF's DTD includes are HTML 4's 252 names (HTML5's list is larger).
CHARACTER_ENTITIES = {
    name.encode(): f"&#{codepoint};".encode()
    for name, codepoint in name2codepoint.items()
    if name.encode() not in XML_PREDEFINED
}
# An unterminated section runs to the end (``\Z``), so no byte is scanned twice.
ENTITY_REFERENCE = re.compile(
    rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)"
    rb"|&([A-Za-z_:\x80-\xff][-A-Za-z0-9._:\x80-\xff]*);",
    re.DOTALL,
)


def parse_xml(data: bytes) -> etree._Element:
    """The root element of ``data``, or RefusedFile saying why it is not safe, sound XML."""
    if ENTITY_DECLARATION.search(data):
        raise _entities_refused()
    data, unknown = _numeric_character_references(data)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if unknown:
            raise _unknown_entity(unknown) from None
        raise RefusedFile(_("The XML is malformed: %(error)s") % {"error": exc}) from None
    if root is None:
        raise RefusedFile(_("The file is empty."))
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise _entities_refused()
    # Under a DOCTYPE, lxml keeps a reference it cannot resolve as an empty node, and an
    # unknown one in an attribute as nothing: the words would be lost without a word.
    unresolved = next(root.iter(etree.Entity), None)
    if unknown or unresolved is not None:
        raise _unknown_entity(unknown or unresolved.name)
    return root


def _numeric_character_references(data: bytes) -> tuple[bytes, str]:
    """``data`` with each named character entity written as its number, which needs no
    DTD, and the first name that is no character entity ("" if none)."""
    unknown = []

    def numeric(match: re.Match) -> bytes:
        name = match[1]
        if name is None or name in XML_PREDEFINED:
            return match[0]
        if name not in CHARACTER_ENTITIES:
            unknown.append(name.decode("utf-8", "replace"))
            return match[0]
        return CHARACTER_ENTITIES[name]

    if b"&" not in data:
        return data, ""
    return ENTITY_REFERENCE.sub(numeric, data), unknown[0] if unknown else ""


def local_name(element: etree._Element) -> str:
    """A tag without its namespace: NewsML-G2 and NITF come with and without one."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: etree._Element | None, name: str) -> list[etree._Element]:
    """The child elements called ``name``, in any namespace."""
    if element is None:
        return []
    return [child for child in element if local_name(child) == name]


def child(element: etree._Element | None, *path: str) -> etree._Element | None:
    """The first element down ``path`` of child names, or None."""
    for name in path:
        found = children(element, name)
        element = found[0] if found else None
    return element


def text(element: etree._Element | None) -> str:
    """All the text inside an element, whitespace squashed; empty for None."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def attribute(element: etree._Element | None, name: str) -> str:
    return (element.get(name) or "").strip() if element is not None else ""


def _unknown_entity(name: str) -> RefusedFile:
    return RefusedFile(
        _(
            "The XML uses the entity “&%(name)s;”, which is neither one of XML's nor one of "
            "the XHTML character entities NITF declares; it was not read."
        )
        % {"name": name}
    )


def _entities_refused() -> RefusedFile:
    return RefusedFile(
        _(
            "The XML declares entities (<!ENTITY>), which wire files do not need and "
            "attacks (entity expansion, external entities) do; it was not read."
        )
    )
