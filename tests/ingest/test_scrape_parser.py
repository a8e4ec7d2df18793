"""The plain-text scrape parser: what it keeps from a scraped page, and what it refuses."""

import pytest

from articles.body import Block
from ingest.errors import RefusedFile
from ingest.formats.scrape import headline_guid, parse_scrape

HEADLINE = "Russian-Ukrainian war: Putin sees Ukrainian offensive in Kursk failed"


def scrape(*lines, newline="\n"):
    """A scraped page: one line per paragraph, a blank line between them."""
    return (newline * 2).join(lines) + newline


@pytest.fixture
def sample(samples_dir):
    return parse_scrape((samples_dir / "scrape" / "stern-putin-kursk.txt").read_bytes())


def test_sample_keeps_the_headline_once_and_the_standfirst_apart(sample):
    assert sample.headline == HEADLINE
    assert sample.standfirst.startswith("The shock in Moscow over the invasion")
    assert sample.standfirst.endswith("says the enemy miscalculated.")
    assert HEADLINE not in sample.body, "the repeated headline must not open the body"


def test_sample_body_is_four_paragraphs_and_one_subheading(sample):
    # The sample has five paragraph lines; the first is the standfirst, not body.
    paragraphs = [block.text for block in sample.blocks if not block.is_subheading]
    headings = [block.text for block in sample.blocks if block.is_subheading]
    assert [text[:30] for text in paragraphs] == [
        "Around a month after the start",
        "Russian society is consolidate",
        "Ukrainian President Volodymyr ",
        "After the start of the Kursk o",
    ]
    assert headings == ["Putin again speaks of willingness to negotiate"]
    assert sample.blocks[3] == Block(headings[0], is_subheading=True), "heading before last"


def test_sample_is_credited_to_stern_and_loses_the_site_boilerplate(sample):
    assert sample.credit == "Stern"
    for furniture in ("Source:", "Leave a Reply", "Your email address", "Latest Posts"):
        assert furniture not in sample.body, f"{furniture!r} is page furniture, not story"


def test_sample_is_an_english_translation_identified_by_its_headline(sample):
    assert sample.is_translation is True
    assert sample.language == "en"
    assert sample.guid == headline_guid(HEADLINE)


def test_guid_ignores_case_and_spacing_of_the_headline():
    assert headline_guid("Putin  sees\tKursk  failed ") == headline_guid("PUTIN SEES KURSK FAILED")
    assert headline_guid("Putin sees Kursk failed") != headline_guid("Putin sees Kursk won")


def test_windows_1252_with_crlf_line_ends_keeps_umlauts():
    text = scrape(
        "Floods in Württemberg", "Rivers rose.", "Baden-Württemberg is wet.", "Source: SWR"
    )
    record = parse_scrape(text.replace("\n", "\r\n").encode("cp1252"))
    assert record.headline == "Floods in Württemberg"
    assert record.blocks == [Block("Baden-Württemberg is wet.")]
    assert record.credit == "SWR"


def test_utf8_byte_order_mark_is_not_part_of_the_headline():
    record = parse_scrape(
        scrape("Floods in Württemberg", "It rained.", "Source: SWR").encode("utf-8-sig")
    )
    assert record.headline == "Floods in Württemberg"


def test_related_posts_and_everything_after_them_are_dropped():
    record = parse_scrape(
        scrape(
            "Headline", "Standfirst.", "Body.", "Related Posts", "Another story", "Source: X"
        ).encode()
    )
    assert record.blocks == [Block("Body.")]
    assert record.credit is None, "a credit after the page furniture is not this story's"


def test_punctuated_long_or_final_short_lines_are_paragraphs_not_subheadings():
    record = parse_scrape(
        scrape(
            "Headline",
            "Standfirst.",
            "A short line that ends with a full stop.",
            "A line without a full stop but with far too many words to be any kind of heading",
            "Two short lines in a row",
            "Only the second heads the next paragraph",
            "The paragraph.",
            "A last short line",
            "Source: Stern",
        ).encode()
    )
    assert [block.is_subheading for block in record.blocks] == [
        False,
        False,
        False,
        True,
        False,
        False,
    ]


def test_a_story_of_one_paragraph_has_no_standfirst():
    record = parse_scrape(scrape("Headline", "The only paragraph.", "Source: Stern").encode())
    assert record.standfirst == ""
    assert record.blocks == [Block("The only paragraph.")]


def test_missing_credit_line_leaves_the_credit_to_the_importer():
    assert parse_scrape(scrape("Headline", "Standfirst.", "Body.").encode()).credit is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "The file is empty.", id="empty"),
        pytest.param(b" \r\n\t\n \xc2\xa0\n", "The file is empty.", id="whitespace-only"),
        pytest.param(b"Headline\n\nBody\x00\x00", "contains NUL bytes", id="nul-bytes"),
        pytest.param(
            b"Headline\n\n\x81\x8d\x81", "neither UTF-8 nor Windows-1252", id="undecodable"
        ),
        pytest.param(b"\xef\xbb\xbfW\xfcrttemberg", "says it is UTF-8", id="bad-utf8-after-bom"),
        pytest.param("Headline".encode("utf-16"), "UTF-16", id="utf-16"),
        pytest.param(
            b"Headline\n\nHeadline\n\nSource: Stern\n\nLeave a Reply", "no story text", id="no-body"
        ),
    ],
)
def test_files_that_are_not_a_scraped_story_are_refused_with_the_reason(data, reason):
    with pytest.raises(RefusedFile, match=reason):
        parse_scrape(data)
