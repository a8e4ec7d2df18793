"""NITF 3.x XML: one story per file, as NTB and many agencies still send it.

Identity is ``docdata/doc-id/@id-string``; a file without it is refused, because a
headline-derived id would turn every corrected headline into a new story. The version is
``du-key/@version`` (NITF's "dynamic use key", which agencies bump on each update).
The body is NITF markup; it is renamed to HTML (``hl2`` → ``h2``) and sanitised like any
other outside HTML. The paragraph marked ``lede`` is the standfirst.
"""

from django.utils.translation import gettext as _
from lxml import etree

from ingest.errors import RefusedFile
from ingest.formats.fields import (
    parse_time,
    parse_version,
    require_headline,
    squash,
    tag_names,
)
from ingest.formats.html import html_blocks
from ingest.formats.safe_xml import attribute, child, children, local_name, parse_xml, text
from ingest.records import StoryRecord

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# NITF names for what HTML calls otherwise; anything else unknown keeps only its text.
RENAMED = {"hl1": "h2", "hl2": "h2", "block": "div", "bq": "blockquote", "pre": "p"}
DROPPED = {"media", "byline", "dateline", "note", "tagline", "distributor", "credit"}


def parse_nitf(data: bytes) -> list[StoryRecord]:
    """Read one NITF article, or raise RefusedFile saying why the file is not one."""
    root = parse_xml(data)
    if local_name(root) != "nitf":
        raise RefusedFile(
            _("The XML is not NITF: its root element is <%(name)s>.") % {"name": local_name(root)}
        )
    return [read_nitf(root)]


def read_nitf(root: etree._Element, *, require_id: bool = True) -> StoryRecord:
    """The story in a parsed ``<nitf>`` element (NewsML-G2 carries NITF without a doc-id)."""
    head, body = child(root, "head"), child(root, "body")
    docdata = child(head, "docdata")
    guid = attribute(child(docdata, "doc-id"), "id-string")
    if not guid and require_id:
        raise RefusedFile(
            _(
                "The NITF file has no doc-id: without one a later version could not be "
                "recognised as the same story."
            )
        )
    hedline = text(child(body, "body.head", "hedline", "hl1")) or text(child(head, "title"))
    headline = require_headline(hedline)
    content = child(body, "body.content")
    lede = next((p for p in _paragraphs(content) if p.get("lede") == "true"), None)
    standfirst = text(lede) or text(child(body, "body.head", "abstract"))
    if lede is not None:
        lede.getparent().remove(lede)
    return StoryRecord(
        guid=guid or None,
        headline=headline,
        standfirst=standfirst,
        blocks=nitf_blocks(content, headline=headline),
        credit=attribute(child(docdata, "doc-id"), "regsrc")
        or attribute(child(docdata, "doc.copyright"), "holder")
        or text(child(body, "body.head", "distributor"))
        or None,
        byline=text(child(body, "body.head", "byline")),
        language=root.get(XML_LANG) or root.get("baselang") or "",
        tags=tag_names(_tags(head)),
        version=parse_version(attribute(child(docdata, "du-key"), "version")),
        first_created=parse_time(
            attribute(child(docdata, "date.issue"), "norm"), field="issue date"
        ),
        version_created=parse_time(
            attribute(child(head, "pubdata"), "date.publication"), field="publication date"
        ),
        embargoed_until=parse_time(
            attribute(child(docdata, "date.release"), "norm"), field="release date"
        ),
        pub_status=attribute(docdata, "management-status").lower() or "usable",
        copyright_holder=attribute(child(docdata, "doc.copyright"), "holder"),
        copyright=_copyright(docdata),
        usage_terms=attribute(child(docdata, "doc.rights"), "limitations"),
    )


def nitf_blocks(content: etree._Element | None, *, headline: str = "") -> list:
    """The paragraphs and subheadings of ``body.content``, sanitised as outside HTML."""
    if content is None:
        return []
    content = etree.fromstring(etree.tostring(content))  # A copy to rename in.
    for element in list(content.iter()):
        if not isinstance(element.tag, str):
            continue
        name = local_name(element)
        if name in DROPPED and element is not content:
            element.getparent().remove(element)
            continue
        element.tag = RENAMED.get(name, name)
        element.attrib.clear()
    etree.cleanup_namespaces(content)
    markup = "".join(etree.tostring(node, encoding="unicode", with_tail=True) for node in content)
    return html_blocks((content.text or "") + markup, headline=headline)


def _paragraphs(content: etree._Element | None) -> list[etree._Element]:
    return [e for e in content.iter() if local_name(e) == "p"] if content is not None else []


def _tags(head: etree._Element | None) -> list[str]:
    keywords = [
        attribute(k, "key") for k in children(child(head, "docdata", "key-list"), "keyword")
    ]
    subjects = []
    for subject in children(child(head, "tobject"), "tobject.subject"):
        subjects.append(
            attribute(subject, "tobject.subject.matter")
            or attribute(subject, "tobject.subject.type")
        )
    return subjects + keywords


def _copyright(docdata: etree._Element | None) -> str:
    holder = child(docdata, "doc.copyright")
    return squash(" ".join(filter(None, [attribute(holder, "year"), attribute(holder, "holder")])))
