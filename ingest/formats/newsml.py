"""NewsML-G2 XML: a ``newsItem``, or a ``newsMessage`` carrying several items.

Each text ``newsItem`` is one story, identified by ``@guid`` and ordered by ``@version``.
Packages (``packageItem``) only point at other items and pictures are no text to
translate: both are skipped with the reason. The body is the ``contentSet``'s
``inlineXML`` (NITF or XHTML, sanitised) or ``inlineData`` (plain text).
"""

from django.utils.translation import gettext as _
from lxml import etree

from ingest.errors import RefusedFile
from ingest.formats.fields import parse_time, parse_version, require_headline, tag_names
from ingest.formats.fields import text_blocks as plain_blocks
from ingest.formats.html import html_blocks
from ingest.formats.nitf import XML_LANG, nitf_blocks, read_nitf
from ingest.formats.safe_xml import attribute, child, children, local_name, parse_xml, text
from ingest.records import SkippedItem, StoryRecord

ITEMS = {"newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem"}
ROOTS = ITEMS | {"newsMessage"}
SUMMARY_ROLES = {"", "drol:summary", "drol:teaser", "drol:abstract"}
CANONICAL_RELS = {"irel:canonical", "canonical"}


def parse_newsml(data: bytes) -> list[StoryRecord | SkippedItem]:
    """The stories in a NewsML-G2 file, with a SkippedItem for each item that is none."""
    root = parse_xml(data)
    if local_name(root) not in ROOTS:
        raise RefusedFile(
            _("The XML is not a NewsML-G2 item or message: its root element is <%(name)s>.")
            % {"name": local_name(root)}
        )
    items = [root] if local_name(root) in ITEMS else _message_items(root)
    if not items:
        raise RefusedFile(_("The NewsML-G2 message carries no items."))
    return [read_item(item) for item in items]


def read_item(item: etree._Element) -> StoryRecord | SkippedItem:
    guid = attribute(item, "guid")
    if not guid:
        raise RefusedFile(_("A NewsML-G2 item has no guid."))
    kind = local_name(item)
    if kind != "newsItem":
        return SkippedItem(
            guid, _("A NewsML-G2 %(kind)s is not a story; skipped.") % {"kind": kind}
        )
    item_meta, content_meta = child(item, "itemMeta"), child(item, "contentMeta")
    item_class = attribute(child(item_meta, "itemClass"), "qcode")
    if item_class and item_class.split(":")[-1] != "text":
        return SkippedItem(
            guid,
            _("The item is %(class)s, not text; skipped.") % {"class": item_class},
        )
    headline = require_headline(text(child(content_meta, "headline")) or _nitf_headline(item))
    rights = child(item, "rightsInfo")
    return StoryRecord(
        guid=guid,
        headline=headline,
        standfirst=_summary(content_meta),
        blocks=_body(child(item, "contentSet"), headline=headline),
        credit=text(child(rights, "copyrightHolder", "name")) or _provider(item_meta) or None,
        byline=text(child(content_meta, "by")) or text(child(content_meta, "creator", "name")),
        language=attribute(child(content_meta, "language"), "tag") or item.get(XML_LANG) or "",
        original_url=_canonical_link(item_meta),
        tags=tag_names(_tags(content_meta)),
        version=parse_version(item.get("version")),
        first_created=parse_time(
            text(child(item_meta, "firstCreated")) or text(child(content_meta, "contentCreated")),
            field="first created time",
        ),
        version_created=parse_time(
            text(child(item_meta, "versionCreated")), field="version created time"
        ),
        embargoed_until=parse_time(text(child(item_meta, "embargoed")), field="embargo time"),
        pub_status=attribute(child(item_meta, "pubStatus"), "qcode").split(":")[-1].lower()
        or "usable",
        copyright_holder=text(child(rights, "copyrightHolder", "name")),
        copyright=text(child(rights, "copyrightNotice")),
        usage_terms=text(child(rights, "usageTerms")),
    )


def _message_items(message: etree._Element) -> list[etree._Element]:
    item_set = child(message, "itemSet")
    return [item for item in item_set if local_name(item) in ITEMS] if item_set is not None else []


def _body(content_set: etree._Element | None, *, headline: str) -> list:
    inline_xml = child(content_set, "inlineXML")
    if inline_xml is not None:
        nitf = child(inline_xml, "nitf")
        if nitf is not None:
            return nitf_blocks(child(nitf, "body", "body.content"), headline=headline)
        for element in inline_xml.iter():
            # TT's rich HTML puts a vignette and the agency in a div of class "dat".
            if isinstance(element.tag, str) and "dat" in (element.get("class") or "").split():
                element.getparent().remove(element)
        markup = "".join(etree.tostring(node, encoding="unicode") for node in inline_xml)
        return html_blocks(_unqualified(markup), headline=headline)
    inline_data = child(content_set, "inlineData")
    return plain_blocks(inline_data.text or "") if inline_data is not None else []


def _unqualified(markup: str) -> str:
    """XHTML inside NewsML-G2 carries its namespace; the HTML sanitiser wants bare tags."""
    return markup.replace(' xmlns="http://www.w3.org/1999/xhtml"', "")


def _nitf_headline(item: etree._Element) -> str:
    nitf = child(item, "contentSet", "inlineXML", "nitf")
    return read_nitf(nitf, require_id=False).headline if nitf is not None else ""


def _summary(content_meta: etree._Element | None) -> str:
    """A description meant as a summary; TT's caption-role teaser is cut mid-word, so not it."""
    for description in children(content_meta, "description"):
        if attribute(description, "role") in SUMMARY_ROLES:
            return text(description)
    return ""


def _provider(item_meta: etree._Element | None) -> str:
    provider = child(item_meta, "provider")
    return text(child(provider, "name")) or attribute(provider, "qcode").split(":")[-1]


def _canonical_link(item_meta: etree._Element | None) -> str:
    for link in children(item_meta, "link"):
        href = attribute(link, "href")
        if attribute(link, "rel") in CANONICAL_RELS and href.startswith(("http://", "https://")):
            return href
    return ""


def _tags(content_meta: etree._Element | None) -> list[str]:
    names = [text(child(subject, "name")) for subject in children(content_meta, "subject")]
    return names + [text(keyword) for keyword in children(content_meta, "keyword")]
