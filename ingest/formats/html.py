"""HTML from outside, made safe and brought down to the blocks the site renders.

Every body in HTML (ninjs, NewsML-G2's XHTML, RSS and Atom, NITF once renamed) goes
through nh3 first, which drops scripts, styles, iframes and objects with their content,
event handlers and ``javascript:`` links; only then is it read into paragraphs and
subheadings. The body format is plain text (``articles.body``), so emphasis and links
keep their words and lose their markup: nothing a wire sends can reach a reader's browser.
HTML nested too deeply or with too many elements is refused before nh3 sees it
(``ingest.formats.html_limits``).
"""

import nh3
from lxml import etree
from lxml import html as lxml_html

from articles.body import Block
from ingest.formats.fields import paragraph, squash
from ingest.formats.html_limits import check_html_size

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCKS = HEADINGS | {"p", "li", "blockquote", "pre", "dd", "dt", "td", "th", "caption"}
CONTAINERS = {"div", "section", "article", "ul", "ol", "dl", "table", "tbody", "thead", "tr"}
INLINE = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "span", "abbr", "q", "cite"}
# Removed with everything inside them: code, embeds, and furniture that is no story text.
DROPPED = {
    "head",
    "title",
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "svg",
    "math",
    "figure",
    "aside",
    "nav",
    "form",
    "select",
    "textarea",
    "button",
}
SAFE_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(markup: str) -> str:
    """The HTML with only text structure left: no script, handler, frame or unsafe link."""
    return nh3.clean(
        markup,
        tags=BLOCKS | CONTAINERS | INLINE | {"br"},
        clean_content_tags=DROPPED,
        attributes={"a": {"href"}},
        url_schemes=SAFE_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_blocks(markup: str, *, headline: str = "") -> list[Block]:
    """Paragraphs and subheadings of an HTML body; a first heading repeating the headline goes.

    Raises RefusedFile when the HTML nests or holds more elements than Newsroom reads.
    """
    check_html_size(markup)
    cleaned = sanitize(markup)
    if not cleaned.strip():
        return []
    root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    blocks: list[Block] = []
    _walk(root, blocks)
    while blocks and headline and blocks[0].text.casefold() == squash(headline).casefold():
        blocks = blocks[1:]
    return blocks


def _walk(element: etree._Element, blocks: list[Block]) -> None:
    """Blocks in document order; loose text between blocks becomes a paragraph of its own."""
    loose = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCKS and not _holds_blocks(child):
            _flush(loose, blocks)
            text = paragraph(child.text_content())
            if text:
                blocks.append(Block(text, is_subheading=tag in HEADINGS))
        elif tag in BLOCKS or tag in CONTAINERS:
            _flush(loose, blocks)
            _walk(child, blocks)
        elif tag == "br" and child.getnext() is not None and child.getnext().tag == "br":
            _flush(loose, blocks)  # Two line breaks in a row are how old feeds part paragraphs.
        else:
            loose.append(child.text_content() if tag != "br" else " ")
        loose.append(child.tail or "")
    _flush(loose, blocks)


def _holds_blocks(element: etree._Element) -> bool:
    return any(
        isinstance(node.tag, str) and node.tag in BLOCKS | CONTAINERS
        for node in element.iterdescendants()
    )


def _flush(loose: list[str], blocks: list[Block]) -> None:
    if text := paragraph("".join(loose)):
        blocks.append(Block(text))
    loose.clear()
