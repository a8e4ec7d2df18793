"""Hostile and broken files are refused with a reason, never a traceback, and reach nothing.

The attack files are written here, not kept in samples/: samples are real wire copy.
"""

import json
from html import escape
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import OriginalVersion, Story
from ingest.errors import RefusedFile
from ingest.formats import read_stories
from ingest.formats.html import html_blocks, sanitize
from ingest.formats.html_limits import check_html_size
from ingest.formats.safe_xml import parse_xml
from ingest.importer import import_data
from tests.conftest import make_source
from tests.ingest.conftest import Reply

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE nitf [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nitf><head><docdata><doc-id id-string="lol"/></docdata></head>
<body><body.head><hedline><hl1>&lol9;</hl1></hedline></body.head></body></nitf>"""

NITF = """<?xml version="1.0" encoding="utf-8"?>{doctype}
<nitf baselang="de"><head><docdata><doc-id id-string="urn:test:1" regsrc="Stern"/>
<du-key version="1"/>{docdata}</docdata></head>
<body><body.head><hedline><hl1>{headline}</hl1></hedline></body.head>
<body.content>{content}</body.content></body></nitf>"""


def nitf(headline="Hochwasser im Süden", content="<p>Flüsse traten über die Ufer.</p>", **parts):
    parts.setdefault("doctype", "")
    parts.setdefault("docdata", "")
    return NITF.format(headline=headline, content=content, **parts).encode()


def refusal(data, **options):
    (result,) = import_data(data, path=Path("hostile.xml"), **options)
    assert result.outcome == "refused", f"expected a refusal, got {result.as_line()}"
    return result.detail


@pytest.mark.django_db
def test_billion_laughs_is_refused_without_expanding_anything():
    detail = refusal(BILLION_LAUGHS)

    assert "declares entities" in detail
    assert not Story.objects.exists()


@pytest.mark.django_db
def test_external_entity_reading_a_local_file_is_refused_and_the_file_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:the-secret")
    data = nitf(
        doctype=f'<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "file://{secret}">]>', headline="&xxe;"
    )

    detail = refusal(data)

    assert "declares entities" in detail
    assert "the-secret" not in detail
    assert not Story.objects.exists()


def test_external_entities_and_dtds_are_never_fetched_from_the_network(local_server):
    """Fails if the parser ever asks the local server for an entity or a DTD."""
    local_server.replies["/evil.dtd"] = Reply(body=b'<!ENTITY hl "fetched">')
    local_server.replies["/entity"] = Reply(body=b"fetched")
    attacks = [
        nitf(doctype=f'<!DOCTYPE nitf [<!ENTITY xxe SYSTEM "{local_server.url("/entity")}">]>'),
        nitf(
            doctype=f'<!DOCTYPE nitf [<!ENTITY % dtd SYSTEM "{local_server.url("/evil.dtd")}">'
            "%dtd;]>"
        ),
        # Hides its declaration behind a bracket in a comment, past the quick byte check.
        nitf(
            doctype="<!DOCTYPE nitf [<!-- ] -->"
            f'<!ENTITY xxe SYSTEM "{local_server.url("/entity")}">]>',
            headline="&xxe;",
        ),
    ]
    for data in attacks:
        with pytest.raises(RefusedFile, match="declares entities"):
            read_stories(data)

    # An external DTD without entities is what real NITF has: read, and never fetched.
    tolerated = nitf(doctype=f'<!DOCTYPE nitf SYSTEM "{local_server.url("/evil.dtd")}">')
    assert read_stories(tolerated)[0].headline == "Hochwasser im Süden"
    assert local_server.requests == [], "the parser must not reach the network"


@pytest.mark.django_db
def test_nitf_character_entities_are_read_without_fetching_the_dtd_that_declares_them(
    local_server,
):
    """NITF's DTD declares the XHTML entities; they are known here, so it is never fetched."""
    dtd = local_server.url("/dtd/nitf-3-6.dtd")
    data = nitf(
        doctype=f'<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.6//EN" "{dtd}">',
        headline="Caf&eacute; &amp; Bar",
        content="<p>Vier&nbsp;Tage &mdash; ohne <![CDATA[&eacute;]]> Strom.</p>",
    )

    (result,) = import_data(data, path=Path("entities.xml"), source=make_source())

    assert result.outcome == "created", result.detail
    original = OriginalVersion.objects.get()
    assert original.headline == "Café & Bar"
    # Paragraphs squash whitespace, the no-break space included, so look at the parse too.
    assert original.body == "Vier Tage \u2014 ohne &eacute; Strom."
    assert "Vier\u00a0Tage" in "".join(parse_xml(data).itertext())
    assert local_server.requests == [], "the parser must not reach the network"


@pytest.mark.parametrize(
    "doctype",
    [
        pytest.param("", id="no-doctype"),
        pytest.param('<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">', id="external-dtd"),
    ],
)
@pytest.mark.parametrize("place", ["headline", "attribute"])
def test_an_entity_nitf_does_not_declare_is_refused_by_name(doctype, place):
    """Under a DOCTYPE, lxml would keep it as an empty node and the words would be lost."""
    if place == "headline":
        data = nitf(doctype=doctype, headline="Wahl &wahlkreis; gewonnen")
    else:
        data = nitf(doctype=doctype, content='<p><a href="/&wahlkreis;">Wahl</a></p>')

    with pytest.raises(RefusedFile, match="uses the entity “&wahlkreis;”"):
        read_stories(data)


def test_an_entity_in_a_utf16_nitf_file_is_refused_rather_than_dropped():
    data = (
        nitf(doctype='<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">', headline="Caf&eacute; Europa")
        .decode()
        .replace("utf-8", "utf-16")
        .encode("utf-16")
    )

    with pytest.raises(RefusedFile, match="uses the entity “&eacute;”"):
        read_stories(data, format="nitf")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"<nitf><head></nitf>", "The XML is malformed", id="malformed-xml"),
        pytest.param(b'{"uri": "urn:x", "headline": ', "The JSON is malformed", id="bad-json"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, "nested too deeply", id="deep-json"),
        pytest.param(b'{"headline": "No uri"}', "has no “uri”", id="ninjs-without-uri"),
        pytest.param(b'{"uri": "urn:x", "body_text": "Text."}', "no headline", id="no-headline"),
        pytest.param(
            b'{"uri": "urn:x", "headline": "H", "versioncreated": "yesterday"}',
            "The version created time “yesterday” is not a date and time.",
            id="invalid-date",
        ),
        pytest.param(
            b'{"uri": "urn:x", "headline": "K\xf6ln"}', "not valid UTF-8", id="undecodable"
        ),
        pytest.param(b"<html><body>Hi</body></html>", "root element is <html>", id="unknown-xml"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3", "a PDF, an image or an archive", id="pdf"),
        pytest.param(
            nitf(docdata='<date.issue norm="2021-13-45T99:00"/>'),
            "issue date “2021-13-45T99:00” is not a date",
            id="invalid-nitf-date",
        ),
    ],
)
@pytest.mark.django_db
def test_broken_files_are_refused_with_the_reason(data, reason):
    assert reason in refusal(data, source=make_source())


@pytest.mark.django_db
def test_file_over_the_size_cap_is_refused_before_it_is_parsed(tmp_path, settings):
    settings.NEWSROOM_IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"uri": "urn:big", "headline": "Big", "body_text": "x" * 2000}))

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_stories", str(path), stdout=out)

    assert "over the import limit of 1000 bytes" in out.getvalue()
    assert not Story.objects.exists()


def test_scripts_handlers_javascript_links_and_iframes_are_sanitised_away():
    blocks = html_blocks(
        '<p onclick="steal()">Safe <em>words</em> and <a href="javascript:steal()">a link</a>.'
        '</p><script>steal()</script><iframe src="https://evil.example/"></iframe>'
        '<h3 onmouseover="steal()">A heading</h3><style>p{}</style><img src=x onerror="steal()">'
        "<p>Last.</p>"
    )

    assert [(b.text, b.is_subheading) for b in blocks] == [
        ("Safe words and a link.", False),
        ("A heading", True),
        ("Last.", False),
    ]


@pytest.mark.django_db
def test_hostile_html_in_a_ninjs_body_never_reaches_the_stored_original():
    source = make_source(language="en")
    body = '<p>Fine.</p><script>alert("x")</script><p><a href="javascript:alert(1)">Click</a></p>'
    data = json.dumps({"uri": "urn:x", "headline": "H", "body_html": body}).encode()

    (result,) = import_data(data, path=Path("x.json"), source=source)

    version = OriginalVersion.objects.get()
    assert result.outcome == "created"
    assert version.body == "Fine.\n\nClick"
    assert Story.objects.get().body == "Fine.\n\nClick"


@pytest.mark.django_db
def test_nul_characters_are_stripped_before_they_reach_the_database():
    data = json.dumps(
        {"uri": "urn:nul", "headline": "Nul\u0000 byte", "body_text": "A\u0000B"}
    ).encode()

    (result,) = import_data(data, path=Path("x.json"), source=make_source())

    assert result.outcome == "created", result.detail
    assert OriginalVersion.objects.get().headline == "Nul byte"
    assert OriginalVersion.objects.get().body == "AB"


@pytest.mark.django_db
def test_feed_declaring_entities_is_refused_before_feedparser_reads_it():
    data = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>
    <rss version="2.0"><channel><title>T</title><item><title>&x;</title></item></channel></rss>"""

    assert "declares entities" in refusal(data)


def ninjs(body_html):
    return json.dumps({"uri": "urn:deep", "headline": "Deep", "body_html": body_html}).encode()


def nested(depth, tag="div", text="Deep text."):
    return f"<{tag}>" * depth + text + f"</{tag}>" * depth


@pytest.fixture
def sanitised(monkeypatch):
    """The HTML the sanitiser was given, as it was given it."""
    calls = []

    def spy(markup):
        calls.append(markup)
        return sanitize(markup)

    monkeypatch.setattr("ingest.formats.html.sanitize", spy)
    return calls


@pytest.mark.django_db
def test_html_nested_100000_deep_is_refused_with_the_limit_before_it_is_sanitised(sanitised):
    detail = refusal(ninjs(nested(100_000)), source=make_source())

    assert detail == (
        "The HTML nests elements more than 200 levels deep; Newsroom reads at most 200 "
        "(NEWSROOM_IMPORT_MAX_HTML_DEPTH)."
    )
    assert not Story.objects.exists()
    assert not any("<div>" in markup for markup in sanitised)


@pytest.mark.django_db
def test_html_of_60000_sibling_elements_is_refused_with_the_limit(sanitised):
    detail = refusal(ninjs("<p>Word.</p>" * 60_000), source=make_source())

    assert detail == (
        "The HTML holds more than 50,000 elements; Newsroom reads at most 50,000 "
        "(NEWSROOM_IMPORT_MAX_HTML_ELEMENTS)."
    )
    assert not Story.objects.exists()
    assert not any("<p>" in markup for markup in sanitised)


@pytest.mark.django_db
def test_a_wire_file_at_the_limits_still_imports(settings):
    settings.NEWSROOM_IMPORT_MAX_HTML_ELEMENTS = 250
    body = nested(199) + "<p>Last.</p>" * 50  # 200 levels deep, 249 elements.

    (result,) = import_data(ninjs(body), path=Path("x.json"), source=make_source())

    assert result.outcome == "created", result.detail
    assert OriginalVersion.objects.get().body == "\n\n".join(["Deep text."] + ["Last."] * 50)


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<p>A paragraph never closed." * 1000, id="unclosed-paragraphs"),
        pytest.param("<ul>" + "<li>An item never closed." * 1000 + "</ul>", id="unclosed-items"),
        pytest.param("<p>" + "<br>" * 1000 + "</p>", id="void-elements"),
        pytest.param(nested(150, "span") * 20, id="deep-but-closed"),
        pytest.param("<script>if (a<b) {}</script>" * 300 + "<p>Text.</p>", id="script-text"),
        pytest.param('<p title="a > b">Text.</p><!-- <div><div> -->' * 300, id="quotes-comments"),
    ],
)
def test_ordinary_html_is_not_counted_as_nesting(markup):
    check_html_size(markup)


@pytest.mark.parametrize(
    "markup",
    [
        pytest.param("<span><div></span>" * 150, id="end-tag-past-a-special-element"),
        pytest.param("<li><section>" * 150, id="item-not-closed-past-a-section"),
        pytest.param("<form><span></form>" * 250, id="form-end-tag-closes-the-form-alone"),
        pytest.param(("<body>" + "<span>" * 150 + "</body>") * 2, id="ignored-body-tags"),
        pytest.param("<!-->" + "<div>" * 300, id="abrupt-empty-comment"),
        pytest.param("<svg><style>" + "<div>" * 300, id="style-in-svg-holds-markup"),
        pytest.param("<SCRIPT\v>" + "<div>" * 300, id="only-html-whitespace-ends-a-name"),
        pytest.param(
            "<div>" + "".join(f"<b id={n}>" for n in range(150)) + "</div>" + "<p>x</p>" * 400,
            id="formatting-opened-again-in-each-paragraph",
        ),
        pytest.param("<span>" * 150 + "</zz>" * 60_000, id="stray-end-tags"),
    ],
)
def test_tricks_a_browser_nests_or_multiplies_are_counted(markup):
    with pytest.raises(RefusedFile, match=r"NEWSROOM_IMPORT_MAX_HTML_(DEPTH|ELEMENTS)"):
        check_html_size(markup)


@pytest.mark.django_db
def test_xml_nested_past_256_levels_is_refused_by_the_xml_parser_itself():
    detail = refusal(nitf(content=nested(300, "block")), source=make_source())

    assert "Excessive depth in document: 256" in detail
    assert not Story.objects.exists()


def feed_of(*items):
    entries = "".join(
        f"<item><title>{guid}</title><guid>{guid}</guid><description>{escape(html)}</description>"
        "</item>"
        for guid, html in items
    )
    channel = f"<channel><title>T</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'


@pytest.mark.django_db
def test_a_polled_feed_entry_with_deep_html_is_refused_alone_and_the_others_import(
    local_server, settings, sanitised
):
    settings.NEWSROOM_POLL_ALLOWED_PRIVATE_HOSTS = ["127.0.0.1"]
    feed = feed_of(("urn:deep", nested(100_000)), ("urn:fine", "<p>Fine.</p>"))
    local_server.replies["/feed.xml"] = Reply(body=feed.encode())
    source = make_source(slug="wire", feed_url=local_server.url("/feed.xml"))

    out = StringIO()
    call_command("poll_sources", stdout=out)

    assert out.getvalue().splitlines() == [
        "imported wire: 1 created, 0 updated, 0 unchanged, 0 skipped, 1 refused",
        "    refused wire#1: urn:deep: The HTML nests elements more than 200 levels deep; "
        "Newsroom reads at most 200 (NEWSROOM_IMPORT_MAX_HTML_DEPTH).",
    ]
    assert list(Story.objects.values_list("guid", flat=True)) == ["urn:fine"]
    assert [markup for markup in sanitised if "<" in markup] == ["<p>Fine.</p>"]
    assert source.feed_state.message.endswith("(NEWSROOM_IMPORT_MAX_HTML_DEPTH).")
