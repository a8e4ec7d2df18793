"""XML from outside, parsed so that it cannot reach the network, the disk or the memory limit.

One explicitly hardened lxml parser: no entity resolution, no DTD loading, no network,
no huge trees. A DOCTYPE is tolerated, because real NITF carries one; a DOCTYPE that
declares entities is refused, because wire copy never needs them and the known attacks
(billion laughs, external entities reading files or URLs) all start with one.
"""

import re

from django.utils.translation import gettext as _
from lxml import etree

from ingest.errors import RefusedFile

ENTITY_DECLARATION = re.compile(rb"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY", re.DOTALL)


def parse_xml(data: bytes) -> etree._Element:
    """The root element of ``data``, or RefusedFile saying why it is not safe, sound XML."""
    if ENTITY_DECLARATION.search(data):
        raise _entities_refused()
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
        raise RefusedFile(_("The XML is malformed: %(error)s") % {"error": exc}) from None
    if root is None:
        raise RefusedFile(_("The file is empty."))
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise _entities_refused()
    return root


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


def _entities_refused() -> RefusedFile:
    return RefusedFile(
        _(
            "The XML declares entities (<!ENTITY>), which wire files do not need and "
            "attacks (entity expansion, external entities) do; it was not read."
        )
    )
