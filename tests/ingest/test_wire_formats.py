"""Each wire format's parser on the real sample files: what it maps, and how it is detected."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from articles.body import Block
from ingest.errors import RefusedFile
from ingest.formats import detect_format, read_stories
from ingest.formats.feed import parse_feed
from ingest.formats.newsml import parse_newsml
from ingest.formats.ninjs import ninjs_version, parse_ninjs
from ingest.formats.nitf import parse_nitf
from ingest.records import SkippedItem


def read(samples_dir, name):
    return (samples_dir / name).read_bytes()


def only(records):
    assert len(records) == 1, f"expected one story, got {records!r}"
    return records[0]


def test_ninjs_1_sample_maps_headline_byline_time_and_xhtml_paragraphs(samples_dir):
    record = only(parse_ninjs(read(samples_dir, "ninjs/ninjs-1.4-simple-text.json")))

    assert record.guid == "http://ninjs.example.com/newsitems/20130709simp123"
    assert record.headline == "Captain of wrecked cruise ship on trial in Italy"
    assert record.byline == "Paulo Santalucia and Frances d'Emilio"
    assert record.version_created == datetime(2013, 7, 9, 10, 37, tzinfo=UTC)
    assert record.version is None, "the 1.4 sample carries no version"
    assert len(record.blocks) == 4, "body_xhtml has four paragraphs"
    assert record.blocks[0].text.startswith("GROSSETO, Italy (AP) -- The trial")
    assert record.credit is None, "no copyright holder: the importer needs --source"
    assert record.original_url == record.guid, "an http uri doubles as the original URL"


def test_ninjs_2_sample_maps_lists_language_subjects_and_version(samples_dir):
    record = only(parse_ninjs(read(samples_dir, "ninjs/ninjs-2.1-ntb-text.json")))

    assert record.guid == "urn:8d19cf88-b3ab-4972-8fec-1207599f2872"
    assert record.headline == "Google har kjøpt giganttomt i Skien"
    assert record.standfirst.startswith("IT-giganten Google har kjøpt en tomt")
    assert record.blocks == [], "the NTB sample has a description and no body"
    assert (record.version, record.language, record.credit) == (6, "nb-NO", "NTB")
    assert record.first_created == datetime(2019, 8, 9, 9, 30, 4, tzinfo=UTC)
    assert record.tags == ["Innenriks", "Teknologi", "Industri", "Olje og energi"]
    assert record.pub_status == "usable"


def test_ninjs_3_sample_maps_camel_case_keys_and_html_body(samples_dir):
    record = only(parse_ninjs(read(samples_dir, "ninjs/ninjs-3.0-dpa-text.json")))

    assert record.headline == "Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?"
    assert (record.version, record.language, record.credit) == (2, "de", "dpa")
    assert record.version_created == datetime(
        2019, 5, 10, 16, 2, 28, tzinfo=timezone(timedelta(hours=2))
    )
    assert record.byline == "Von Christian Hollmann, dpa"
    assert record.copyright.startswith("Copyright 2019, dpa")
    assert len(record.blocks) == 9
    assert record.blocks[0].text.startswith("Für Lucien Favre war es «der größte Skandal")


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("ninjs-1.4-simple-text.json", 1),
        ("ninjs-2.1-ntb-text.json", 2),
        ("ninjs-3.0-dpa-text.json", 3),
    ],
)
def test_ninjs_version_is_told_by_the_keys_used(samples_dir, name, version):
    import json

    assert ninjs_version(json.loads(read(samples_dir, f"ninjs/{name}"))) == version


def test_nitf_sample_maps_doc_id_lede_subheadings_and_keywords(samples_dir):
    record = only(parse_nitf(read(samples_dir, "nitf/ntb-nitf-sample.xml")))

    assert record.guid == "NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00"
    assert record.headline == "Pandemien herjer på den legeløse indiske landsbygda"
    assert record.standfirst.startswith("Koronapandemien herjer også i landsbyer")
    assert (record.version, record.language, record.credit) == (1, "nb-NO", "NTB")
    assert record.byline == "NTB-AFP-DPA"
    assert record.first_created == datetime(2021, 5, 16, 9, 0, 4, tzinfo=UTC)
    assert [b.text for b in record.blocks if b.is_subheading] == [
        "- Det skjulte India",
        "Myndighetene patruljerer langs elvebredden",
        "Ingen fagfolk",
        "Amatørleger uten utstyr",
    ]
    assert record.blocks[0].text.startswith("\N{EN DASH} Det er så mye fattigdom")
    assert "Kremasjonsbål" not in record.body, "the photo caption is no story text"
    assert "mailto" not in record.body
    assert "kenneth" not in record.body
    assert record.tags == ["Sykdom", "Medisin og helse", "india-korona-bygd"]


def test_nitf_without_doc_id_is_refused_rather_than_given_a_made_up_identity():
    data = b"<nitf><body><body.head><hedline><hl1>Floods</hl1></hedline></body.head></body></nitf>"

    with pytest.raises(RefusedFile, match="The NITF file has no doc-id"):
        parse_nitf(data)


def test_nitf_with_a_doctype_is_read(samples_dir):
    data = read(samples_dir, "nitf/ntb-nitf-sample.xml").replace(
        b"<nitf ",
        b'<!DOCTYPE nitf PUBLIC "-//IPTC//DTD NITF 3.6//EN" '
        b'"http://www.nitf.org/IPTC/NITF/3.6/specification/dtd/nitf-3-6.dtd">\n<nitf ',
        1,
    )

    assert only(parse_nitf(data)).headline.startswith("Pandemien herjer")


def test_newsml_news_item_maps_rights_embargo_subjects_and_inline_nitf(samples_dir):
    record = only(
        parse_newsml(read(samples_dir, "newsml-g2/LISTING_2_NewsML-G2_Text_Document.xml"))
    )

    assert record.guid == "urn:newsml:acmenews.com:20161121:US-FINANCE-FED"
    assert record.headline == 'Fed to halt QE to avert "bubble"'
    assert (record.version, record.language) == (11, "en-US")
    assert record.credit == "Acme News and Media LLC"
    assert record.byline == "Meredith Jameson"
    assert record.tags == [
        "economy, business and finance",
        "central bank",
        "money and monetary policy",
    ]
    assert len(record.blocks) == 2
    assert record.blocks[0].text.startswith("(New York, NY - October 21) Et, sent luptat")


def test_newsml_listing_1_has_an_embargo_usage_terms_and_no_body(samples_dir):
    record = only(parse_newsml(read(samples_dir, "newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml")))

    assert record.embargoed_until == datetime(2018, 10, 23, 12, 0, tzinfo=UTC)
    assert record.usage_terms == "Not for use outside the United States"
    assert record.copyright == "Copyright 2017-18 Example Enews LLP, all rights reserved"
    assert record.blocks == [], "its inlineXML holds only comments"


def test_newsml_message_yields_its_text_item_and_skips_the_package_and_picture(samples_dir):
    items = parse_newsml(read(samples_dir, "newsml-g2/tt-newsmlg2-sample.xml"))

    package, story, picture = items
    assert isinstance(package, SkippedItem)
    assert "packageItem is not a story" in package.reason
    assert isinstance(picture, SkippedItem)
    assert "ninat:picture, not text" in picture.reason
    assert story.headline == 'Jan Guillou skriver på ny "Hamilton"-bok'
    assert (story.language, story.credit, story.version) == ("sv", "TT", 1)
    assert story.blocks[0].text.startswith("Jan Guillou arbetar just nu med det sista kapitlet")
    assert story.headline not in story.body, "the h1 repeating the headline is dropped"
    assert "Arkivbild" not in story.body, "the figure caption is no story text"
    assert "Litteratur" not in story.body, "TT's vignette line is metadata"
    assert story.standfirst == "", "TT's caption-role teaser is cut mid-word"


def test_newsml_fragment_without_an_item_is_refused_with_its_root(samples_dir):
    data = read(samples_dir, "newsml-g2/LISTING_28_Located_Subject_and_Dateline.xml")

    with pytest.raises(RefusedFile, match="root element is <contentMeta>"):
        read_stories(data)


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Stern</title><language>de</language>
<item><title>Erste Meldung</title><link>https://stern.example/a</link><guid>urn:stern:a</guid>
<pubDate>Mon, 02 Sep 2024 10:00:00 +0200</pubDate><author>Anna</author>
<description>&lt;p&gt;Erster Absatz.&lt;/p&gt;&lt;h2&gt;Zwischen&lt;/h2&gt;
&lt;p&gt;Zweiter.&lt;/p&gt;</description>
<category>Politik</category></item>
<item><title>Zweite Meldung</title><link>https://stern.example/b</link>
<description>Nur Text.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Monde</title><id>urn:lm</id>
<updated>2024-09-02T10:00:00Z</updated>
<entry><title>Titre</title><id>urn:lm:1</id><link href="https://lemonde.example/1"/>
<updated>2024-09-02T10:00:00Z</updated><published>2024-09-01T08:00:00Z</published>
<summary>Le résumé.</summary><content type="html">&lt;p&gt;Le corps.&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_gives_one_story_per_item_with_link_time_and_category():
    first, second = parse_feed(RSS.encode())

    assert (first.guid, first.headline, first.credit, first.language) == (
        "urn:stern:a",
        "Erste Meldung",
        "Stern",
        "de",
    )
    assert first.blocks == [Block("Erster Absatz."), Block("Zwischen", True), Block("Zweiter.")]
    assert first.original_url == "https://stern.example/a"
    assert first.version_created == datetime(2024, 9, 2, 8, 0, tzinfo=UTC)
    assert first.tags == ["Politik"]
    assert second.guid == "https://stern.example/b", "without a guid the link identifies it"


def test_atom_entry_keeps_summary_as_standfirst_and_content_as_body():
    entry = only(parse_feed(ATOM.encode()))

    assert (entry.guid, entry.language, entry.standfirst) == ("urn:lm:1", "fr", "Le résumé.")
    assert entry.blocks == [Block("Le corps.")]
    assert entry.first_created == datetime(2024, 9, 1, 8, 0, tzinfo=UTC)
    assert entry.version_created == datetime(2024, 9, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("scrape/stern-putin-kursk.txt", "scrape"),
        ("ninjs/ninjs-1.4-simple-text.json", "ninjs"),
        ("ninjs/ninjs-3.0-dpa-text.json", "ninjs"),
        ("nitf/ntb-nitf-sample.xml", "nitf"),
        ("newsml-g2/LISTING_1_A_NewsML-G2_News_Item.xml", "newsml"),
        ("newsml-g2/tt-newsmlg2-sample.xml", "newsml"),
    ],
)
def test_format_is_detected_from_the_content(samples_dir, path, expected):
    assert detect_format(read(samples_dir, path)) == expected


def test_feeds_are_detected_from_their_root_element():
    assert detect_format(RSS.encode()) == detect_format(ATOM.encode()) == "feed"
