"""How deep HTML from outside nests and how many elements it holds, counted in one pass.

nh3's time grows with the square of the nesting (100,000 nested elements took it 54
seconds), so HTML past ``NEWSROOM_IMPORT_MAX_HTML_DEPTH`` or ``_ELEMENTS`` is refused
before it is sanitised. The count cannot use ``html.parser``: on this Python its time grows
with the square of some malformed input too (``"<a" * 200_000`` took five minutes).

The tags are read as the HTML tokenizer reads them (a quoted attribute value may hold a
``>``, a comment ends at ``-->``), each character once. Where this reading and a browser's
could differ, it errs towards counting more: a tag a browser would not see may be counted,
a tag a browser would see is never missed.
"""

import re
import string

from django.conf import settings
from django.utils.translation import gettext as _

from ingest.errors import RefusedFile

# HTML's whitespace, which is not Python's \s: "<script\v>" is no script to a browser.
WS = r"\t\n\f\r "
# After "<": a start or end tag (a letter); anything else is text, a comment or a bogus
# comment that runs to the next ">".
TAG_NAME = re.compile(rf"(/?)([a-zA-Z][^{WS}/>]*+)")
# The rest of a tag up to its ">": attribute names, and values quoted (which may hold ">")
# or not. Possessive, so a tag never closed costs one scan to the end, not a backtrack.
TAG_REST = re.compile(
    rf"""(?:[{WS}]++|/|(?:=[^{WS}/>=]*+|[^{WS}/>=]++)"""
    rf"""(?:[{WS}]*+=[{WS}]*+(?:"[^"]*+"|'[^']*+'|[^{WS}>]*+))?)*+>"""
)
COMMENT = re.compile(r"!--(?:-?>|.*?--!?>)", re.DOTALL)
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Tags a browser ignores inside a body, and elements that never hold others.
IGNORED = {"html", "head", "body", "frameset", "frame"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Elements whose content is text up to their end tag, outside SVG and MathML.
RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"}
FOREIGN = {"svg", "math"}
# An end tag closes an element only through elements that are not "special" in HTML's
# parsing rules: past a special one (a div, a table) a browser ignores it.
SPECIAL = {
    *("address", "applet", "area", "article", "aside", "base", "basefont", "bgsound"),
    *("blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd"),
    *("details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure"),
    *("footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head"),
    *("header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link"),
    *("listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes"),
    *("noscript", "object", "ol", "p", "param", "plaintext", "pre", "script", "search"),
    *("section", "select", "source", "style", "summary", "table", "tbody", "td"),
    *("template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr"),
    *("xmp", "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc"),
}
# Formatting elements closed by another element's end tag are opened again by a browser at
# the next text, so they stay counted, and their copies are counted as elements.
FORMATTING = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike"}
FORMATTING |= {"strong", "tt", "u"}
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A start tag that closes the element of its kind open just before it, as HTML lets a
# writer leave a <p> or an <li> open: an unclosed <p> in an old feed is no nesting.
IMPLIED_ENDS = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
    **dict.fromkeys(HEADINGS, HEADINGS),
}
CLOSES_PARAGRAPH = {
    *("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset"),
    *("figcaption", "figure", "footer", "header", "hr", "main", "nav", "ol", "p", "pre"),
    *("section", "table", "ul", "li", "dd", "dt", *HEADINGS),
}


def check_html_size(markup: str) -> None:
    """Raise RefusedFile when ``markup`` nests deeper or holds more elements than allowed.

    The pass stops at the first element past a limit; its work is bounded by the length of
    the text times the depth limit, however the HTML is built.
    """
    counter = _Counter(
        max_depth=settings.NEWSROOM_IMPORT_MAX_HTML_DEPTH,
        max_elements=settings.NEWSROOM_IMPORT_MAX_HTML_ELEMENTS,
    )
    position = markup.find("<")
    while position != -1:
        position += 1
        tag = TAG_NAME.match(markup, position)
        if tag is None:
            position = _past_other(markup, position)
            continue
        rest = TAG_REST.match(markup, tag.end())
        if rest is None:
            return  # A tag never closed runs to the end: nothing after it is markup.
        position = rest.end()
        name = tag[2].translate(ASCII_LOWER)
        if tag[1]:
            counter.end(name)
            position = markup.find("<", position)
            continue
        counter.start(name)
        if name == "plaintext":
            return
        if name in RAW_TEXT and not counter.is_foreign():
            end = re.compile(rf"</{name}[{WS}/>]", re.IGNORECASE | re.ASCII)
            found = end.search(markup, position)
            if found is None:
                return
            position = found.start()
        position = markup.find("<", position)


class _Counter:
    """The elements seen so far and those still open, as a browser would have them.

    An open element is its name and whether it is a formatting element a browser opens
    again after each element closed around it: each such close counts it once more.
    """

    def __init__(self, *, max_depth: int, max_elements: int):
        self.max_depth, self.max_elements = max_depth, max_elements
        self.open: list[tuple[str, bool]] = []
        self.elements = 0

    def is_foreign(self) -> bool:
        return any(name in FOREIGN for name, _reopened in self.open)

    def start(self, name: str) -> None:
        self._count(1)
        if name in IGNORED or name in VOID:
            return
        if self.open and self.open[-1][0] == "p" and name in CLOSES_PARAGRAPH:
            self.open.pop()
        if self.open and self.open[-1][0] in IMPLIED_ENDS.get(name, ()):
            self.open.pop()
        self.open.append((name, False))
        if len(self.open) > self.max_depth:
            raise RefusedFile(
                _(
                    "The HTML nests elements more than %(limit)s levels deep; Newsroom reads "
                    "at most %(limit)s (NEWSROOM_IMPORT_MAX_HTML_DEPTH)."
                )
                % {"limit": f"{self.max_depth:,}"}
            )

    def end(self, name: str) -> None:
        """Close the innermost open ``name`` when only non-special elements are above it.

        The search goes no further than the depth limit. An end tag that closes nothing is
        counted as an element (a browser makes one of a stray </p> or </br>), so searching
        for what stray end tags close costs no more than the limits allow.
        """
        if name in IGNORED:
            return
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == name:
                above = self.open[index + 1 :]
                if name == "form":  # A form's end tag takes the form alone off the stack.
                    self.open[index:] = above
                    return
                self.open[index:] = [(tag, True) for tag, _ in above if tag in FORMATTING]
                self._count(sum(reopened for _tag, reopened in self.open))
                return
            if self.open[index][0] in SPECIAL:
                break
        self._count(1)

    def _count(self, elements: int) -> None:
        self.elements += elements
        if self.elements > self.max_elements:
            raise RefusedFile(
                _(
                    "The HTML holds more than %(limit)s elements; Newsroom reads at most "
                    "%(limit)s (NEWSROOM_IMPORT_MAX_HTML_ELEMENTS)."
                )
                % {"limit": f"{self.max_elements:,}"}
            )


def _past_other(markup: str, position: int) -> int:
    """The next "<" past a comment, a bogus comment or a lone "<", from just after the "<"."""
    if markup.startswith("!--", position):
        comment = COMMENT.match(markup, position)
        return -1 if comment is None else markup.find("<", comment.end())  # Else to the end.
    if markup.startswith(("!", "?", "/"), position):
        end = markup.find(">", position)
        return -1 if end == -1 else markup.find("<", end)
    return markup.find("<", position)
