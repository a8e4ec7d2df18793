"""``manage.py import_stories`` on every sample file: what each brings in, or why it is refused."""

import io
import json
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import OriginalVersion, Story
from tests.conftest import make_source

pytestmark = pytest.mark.django_db


def run(*args):
    """The command's output and, when it ended in an error, that error (else None)."""
    out = StringIO()
    try:
        call_command("import_stories", *map(str, args), stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_ninjs_3_sample_imports_as_an_untranslated_german_story_from_dpa(samples_dir):
    path = samples_dir / "ninjs" / "ninjs-3.0-dpa-text.json"

    output, error = run(path)

    story = Story.objects.get()
    assert error is None
    assert output.splitlines() == [
        f"created {path}: “Faktencheck Derby-Elfmeter: Hat Schiedsrichter Zwayer recht?” "
        "from dpa (version 2)",
        "1 created, 0 updated, 0 unchanged, 0 skipped, 0 refused",
    ]
    assert (story.source.name, story.guid) == (
        "dpa",
        "urn:newsml:dpa.com:20090101:190510-99-167362",
    )
    assert (story.original_language, story.translation_status) == ("de", "untranslated")
    assert story.original.byline == "Von Christian Hollmann, dpa"
    assert len(story.original.blocks) == 9


def test_ninjs_1_sample_is_refused_without_a_source_and_imported_with_one(samples_dir):
    path = samples_dir / "ninjs" / "ninjs-1.4-simple-text.json"

    output, error = run(path)
    assert "no credit line (“Source: …”) and no source was chosen" in output
    assert error.returncode == 1

    make_source(name="AP", slug="ap", language="en")
    output, error = run("--source", "ap", path)
    story = Story.objects.get()
    assert error is None, output
    assert story.translation_status == "translated", "English is the site language"
    assert story.body.startswith("GROSSETO, Italy (AP)")
    assert story.original_url == "http://ninjs.example.com/newsitems/20130709simp123"


def test_ninjs_2_sample_imports_norwegian_with_its_subjects_as_tags(samples_dir):
    run(samples_dir / "ninjs" / "ninjs-2.1-ntb-text.json")

    story = Story.objects.get()
    assert (story.source.name, story.original_language) == ("NTB", "nb-NO")
    assert story.original.number == 6
    assert story.original.standfirst.startswith("IT-giganten Google")
    assert sorted(story.tags.names()) == ["Industri", "Innenriks", "Olje og energi", "Teknologi"]


def test_nitf_sample_imports_with_its_subheadings_kept_in_the_original(samples_dir):
    run(samples_dir / "nitf" / "ntb-nitf-sample.xml")

    version = OriginalVersion.objects.get()
    assert version.story.guid == "NTB5df9281a-a270-4dc5-a618-869bbc3bbca7_00"
    assert version.language == "nb-NO"
    assert "\n\n## Ingen fagfolk\n\n" in version.body
    assert version.first_published_at.isoformat() == "2021-05-16T09:00:04+00:00"


def test_newsml_folder_imports_items_skips_package_and_picture_and_refuses_the_fragment(
    samples_dir,
):
    folder = samples_dir / "newsml-g2"

    output, error = run(folder)

    lines = output.splitlines()
    tt = folder / "tt-newsmlg2-sample.xml"
    assert lines[0].startswith(f"created {folder / 'LISTING_1_A_NewsML-G2_News_Item.xml'}: ")
    assert lines[1].startswith(
        f"refused {folder / 'LISTING_28_Located_Subject_and_Dateline.xml'}: "
    )
    assert "root element is <contentMeta>" in lines[1]
    assert lines[2].startswith(f"created {folder / 'LISTING_2_NewsML-G2_Text_Document.xml'}: ")
    assert lines[3].startswith(f"skipped {tt}#1: http://tt.se/media/text/210919-janguillou-")
    assert (
        lines[4]
        == f'created {tt}#2: “Jan Guillou skriver på ny "Hamilton"-bok” from TT (version 1)'
    )
    assert lines[5].startswith(f"skipped {tt}#3: ")
    assert lines[6] == "3 created, 0 updated, 0 unchanged, 2 skipped, 1 refused"
    assert error.returncode == 1
    embargoed = Story.objects.get(guid="urn:newsml:acmenews.com:20161018:US-FINANCE-FED")
    assert embargoed.embargoed_until.isoformat() == "2018-10-23T12:00:00+00:00"


def test_importing_every_sample_twice_changes_nothing_the_second_time(samples_dir):
    paths = [samples_dir / f for f in ("ninjs", "nitf", "newsml-g2", "scrape")]
    run(*paths)
    versions = OriginalVersion.objects.count()

    output, _error = run(*paths)

    assert "0 created, 0 updated" in output.splitlines()[-1]
    assert OriginalVersion.objects.count() == versions


def test_json_report_lists_every_story_and_the_summary(samples_dir):
    path = samples_dir / "newsml-g2" / "tt-newsmlg2-sample.xml"

    output, error = run("--json", path)

    report = json.loads(output)
    assert error is None
    assert [r["outcome"] for r in report["results"]] == ["skipped", "created", "skipped"]
    assert report["results"][1]["item"] == 2
    assert report["results"][1]["story"] == Story.objects.get().pk
    assert report["summary"] == {
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "skipped": 2,
        "refused": 0,
    }


def test_a_dash_reads_the_file_from_standard_input(samples_dir, monkeypatch):
    data = (samples_dir / "nitf" / "ntb-nitf-sample.xml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    output, error = run("-")

    assert error is None
    assert output.startswith("created -: “Pandemien herjer på den legeløse indiske landsbygda”")


def test_format_option_overrides_detection(samples_dir):
    output, error = run("--format", "ninjs", samples_dir / "nitf" / "ntb-nitf-sample.xml")

    assert "The JSON is malformed" in output
    assert error.returncode == 1


def test_the_sources_copyright_notice_is_kept_with_the_original(samples_dir):
    run(samples_dir / "ninjs" / "ninjs-3.0-dpa-text.json")

    original = OriginalVersion.objects.get()
    assert original.copyright == "Copyright 2019, dpa (www.dpa.de). Alle Rechte vorbehalten"
