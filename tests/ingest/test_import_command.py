"""``manage.py import_stories``: scraped files in, one report line per file, nothing half-saved."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.body import parse_body
from articles.models import OriginalVersion, Source, Story
from tests.conftest import make_source
from translation.models import GlossaryTerm

pytestmark = pytest.mark.django_db

SAMPLE_HEADLINE = "Russian-Ukrainian war: Putin sees Ukrainian offensive in Kursk failed"


def write_scrape(directory, name="story.txt", *, headline="Floods in the south", credit="Stern"):
    """A small scraped page in ``directory``; ``credit=None`` leaves out the credit line."""
    lines = [headline, headline, "Rivers rose overnight.", "Towns were evacuated.", "Help came."]
    lines += [f"Source: {credit}"] if credit else []
    path = directory / name
    path.write_text("\n\n".join([*lines, "Leave a Reply", "Latest Posts"]), encoding="utf-8")
    return path


def import_stories(*args):
    """Run the command; return its output, which must end in a summary line."""
    out = StringIO()
    call_command("import_stories", *map(str, args), stdout=out)
    return out.getvalue()


def import_stories_refusing(*args):
    """Run a command that refuses some file; return its output and the error it ended with."""
    out = StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("import_stories", *map(str, args), stdout=out)
    return out.getvalue(), excinfo.value


@pytest.fixture
def sample(samples_dir):
    return samples_dir / "scrape" / "stern-putin-kursk.txt"


def test_sample_imports_as_one_new_translated_story_credited_to_stern(sample):
    output = import_stories(sample)

    story = Story.objects.get()
    assert output.splitlines() == [
        f"created {sample}: “{SAMPLE_HEADLINE}” from Stern",
        "1 created, 0 updated, 0 unchanged, 0 skipped, 0 refused",
    ]
    assert story.headline == SAMPLE_HEADLINE
    assert story.standfirst.startswith("The shock in Moscow over the invasion of Ukrainian")
    assert [block.is_subheading for block in story.blocks] == [False, False, False, True, False]
    assert story.blocks[3].text == "Putin again speaks of willingness to negotiate"
    assert story.source.name == "Stern"
    assert story.source.language == "", "nobody has said what language Stern writes in"
    assert story.status == Story.Status.NEW
    assert story.translation_status == Story.TranslationStatus.TRANSLATED
    assert not OriginalVersion.objects.exists(), "the scrape's original text is unknown"
    assert story.revisions.count() == 1, "the imported text is kept as the first revision"


def test_sample_body_carries_no_credit_line_or_site_boilerplate(sample):
    import_stories(sample)

    body = Story.objects.get().body
    for furniture in (SAMPLE_HEADLINE, "Source: Stern", "Leave a Reply", "Your email", "Latest"):
        assert furniture not in body, f"{furniture!r} leaked into the body"


def test_importing_the_same_file_twice_reports_unchanged_and_keeps_one_story(sample):
    import_stories(sample)
    output = import_stories(sample)

    assert output.startswith(f"unchanged {sample}: “{SAMPLE_HEADLINE}” from Stern\n")
    assert "0 created, 0 updated, 1 unchanged, 0 skipped, 0 refused" in output
    assert Story.objects.count() == 1
    assert Story.objects.get().revisions.count() == 1, "a repeat must not add a revision"


def test_edited_copy_updates_the_story_and_keeps_a_revision(sample, tmp_path):
    import_stories(sample)
    edited = tmp_path / "edited.txt"
    text = sample.read_text(encoding="utf-8")
    edited.write_text(text.replace("The shock in Moscow", "The alarm in Moscow"), encoding="utf-8")

    output = import_stories(edited)

    story = Story.objects.get()
    assert output.startswith(f"updated {edited}: ")
    assert story.standfirst.startswith("The alarm in Moscow")
    assert [r.note for r in story.revisions.all()] == [
        "Updated from edited.txt",
        "Imported from stern-putin-kursk.txt",
    ]
    assert story.revisions.first().standfirst.startswith("The alarm in Moscow")


@pytest.fixture
def glossary_off(db):
    """The sample spells "Kiev", which the house glossary refuses; some tests are about
    publishing, not the glossary."""
    GlossaryTerm.objects.update(is_active=False)


@pytest.mark.usefixtures("glossary_off")
def test_an_edited_copy_of_a_published_story_is_offered_to_the_desk(sample, tmp_path):
    import_stories("--publish", sample)
    edited = tmp_path / "edited.txt"
    edited.write_text(sample.read_text(encoding="utf-8").replace("shock", "alarm"), "utf-8")

    output = import_stories(edited)

    assert output.startswith(f"updated {edited}:")
    story = Story.objects.get()
    assert "shock" in story.standfirst, "readers keep the reviewed text"
    assert story.pending_revision is None, "the file's text is offered, not applied"
    assert story.translation_status == Story.TranslationStatus.NEEDS_UPDATE
    offered = story.revisions.get(proposed=True)
    assert "alarm" in offered.standfirst
    assert story.alerts.get().kind == "changed"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"", "The file is empty.", id="empty"),
        pytest.param(b"  \r\n\r\n\t  \r\n", "The file is empty.", id="whitespace-only"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text", id="not-text"),
        pytest.param(
            b"Floods\n\nRivers rose.\n\nTowns were evacuated.",
            "no credit line (“Source: …”) and no source was chosen",
            id="no-credit",
        ),
        pytest.param(
            b"Floods\n\nFloods\n\nSource: Stern\n\nLeave a Reply", "no story text", id="no-body"
        ),
        pytest.param(
            ("A" * 301 + "\n\nRivers rose.\n\nSource: Stern").encode(),
            "The headline is 301 characters long; the limit is 300.",
            id="long-headline",
        ),
    ],
)
def test_a_refused_file_is_reported_with_its_reason_and_the_others_still_import(
    tmp_path, content, reason
):
    bad = tmp_path / "a-bad.txt"
    bad.write_bytes(content)
    good = write_scrape(tmp_path, "b-good.txt")

    output, error = import_stories_refusing(bad, good)

    lines = output.splitlines()
    assert lines[0].startswith(f"refused {bad}: ")
    assert reason in lines[0]
    assert lines[1].startswith(f"created {good}: ")
    assert lines[2] == "1 created, 0 updated, 0 unchanged, 0 skipped, 1 refused"
    assert error.returncode == 1, "a refused file makes the command exit with status 1"
    assert str(error) == "1 file or story was refused."
    assert Story.objects.get().headline == "Floods in the south"


def test_file_over_the_size_limit_is_refused_not_truncated(tmp_path, settings):
    path = write_scrape(tmp_path)
    settings.NEWSROOM_IMPORT_MAX_BYTES = 50

    output, _error = import_stories_refusing(path)

    size = path.stat().st_size
    assert f"refused {path}: The file is {size} bytes, over the import limit of 50 bytes." in output
    assert not Story.objects.exists()


def test_missing_path_is_refused_and_the_rest_still_import(tmp_path):
    missing = tmp_path / "nowhere.txt"
    good = write_scrape(tmp_path)

    output, error = import_stories_refusing(missing, good)

    assert f"refused {missing}: There is no such file or folder." in output
    assert f"created {good}: " in output
    assert error.returncode == 1


def test_folder_imports_its_txt_files_in_name_order(tmp_path):
    write_scrape(tmp_path, "b.txt", headline="Second story")
    write_scrape(tmp_path, "a.TXT", headline="First story")
    (tmp_path / "notes.md").write_text("not a story")

    output = import_stories(tmp_path)

    assert [line.split(":")[0] for line in output.splitlines()[:2]] == [
        f"created {tmp_path / 'a.TXT'}",
        f"created {tmp_path / 'b.txt'}",
    ]
    assert "2 created, 0 updated, 0 unchanged, 0 skipped, 0 refused" in output


def test_windows_1252_file_with_crlf_keeps_wurttemberg_intact(tmp_path):
    path = tmp_path / "floods.txt"
    lines = ["Floods in Württemberg", "Rivers rose.", "Baden-Württemberg is wet.", "Source: SWR"]
    path.write_bytes("\r\n\r\n".join(lines).encode("cp1252"))

    import_stories(path)

    story = Story.objects.get()
    assert story.headline == "Floods in Württemberg"
    assert parse_body(story.body)[0].text == "Baden-Württemberg is wet."
    assert "\r" not in story.body


def test_credit_line_matches_an_existing_source_whatever_its_case_and_spacing(tmp_path):
    stern = make_source(name="Stern", slug="stern", language="de")
    path = tmp_path / "story.txt"
    path.write_text("Floods\n\nRivers rose.\n\nTowns were evacuated.\n\nsource:  STERN \n")

    import_stories(path)

    story = Story.objects.get()
    assert story.source == stern
    assert Source.objects.count() == 1, "no second Stern may be created"
    assert story.original_language == "de", "the original language comes from the source"


def test_source_option_overrides_the_credit_line(sample):
    reuters = make_source(name="Reuters", slug="reuters", language="en")

    output = import_stories("--source", "reuters", sample)

    assert Story.objects.get().source == reuters
    assert f"“{SAMPLE_HEADLINE}” from Reuters" in output
    assert not Source.objects.named("Stern").exists()


def test_unknown_source_slug_is_an_error_before_any_file_is_read(sample):
    out = StringIO()
    with pytest.raises(CommandError, match=r"No source has the slug “nope”\."):
        call_command("import_stories", "--source", "nope", str(sample), stdout=out)

    assert out.getvalue() == "", "no file may be reported on"
    assert not Story.objects.exists()


@pytest.mark.usefixtures("glossary_off")
def test_publish_makes_a_new_story_public(sample):
    output = import_stories("--publish", sample)

    story = Story.objects.get()
    assert list(Story.objects.published()) == [story]
    assert output.startswith(f"created {sample}: “{SAMPLE_HEADLINE}” from Stern; published\n")
    assert [event.action for event in story.events.all()] == [
        "articles.story.created",
        "articles.story.published_from_archive",
    ]


def test_publish_holds_a_story_that_breaks_the_glossary_for_review(sample):
    output = import_stories("--publish", sample)

    assert output.startswith(
        f"created {sample}: “{SAMPLE_HEADLINE}” from Stern; held for review: 3 glossary errors\n"
    )
    story = Story.objects.get()
    assert story.status == Story.Status.IN_REVIEW
    assert story.events.last().action == "articles.story.held_for_review"
    assert not Story.objects.published().exists()


@pytest.mark.usefixtures("glossary_off")
def test_publish_leaves_a_published_story_alone_and_explains_a_refusal(sample):
    import_stories("--publish", sample)
    assert "; already published" in import_stories("--publish", sample)

    Story.objects.update(status=Story.Status.IN_REVIEW, published_at=None)
    output = import_stories("--publish", sample)

    assert output.startswith(f"unchanged {sample}: ")
    assert "not published: Only a newly imported story can be published" in output
    assert Story.objects.get().status == Story.Status.IN_REVIEW


def test_crash_while_saving_leaves_nothing_behind_and_the_next_file_imports(tmp_path, monkeypatch):
    crashing = write_scrape(tmp_path, "a.txt", headline="Crash", credit="Crash Weekly")
    good = write_scrape(tmp_path, "b.txt", headline="Fine")
    record_revision = Story.record_revision
    calls = []

    def crash_once(story, **kwargs):
        calls.append(story.headline)
        if len(calls) == 1:
            raise RuntimeError("disk on fire")
        return record_revision(story, **kwargs)

    monkeypatch.setattr(Story, "record_revision", crash_once)

    output, error = import_stories_refusing(crashing, good)

    assert f"refused {crashing}: Saving failed: RuntimeError: disk on fire" in output
    assert f"created {good}: “Fine” from Stern" in output
    assert list(Story.objects.values_list("headline", flat=True)) == ["Fine"]
    assert not Source.objects.named("Crash Weekly").exists(), "the new source rolls back too"
    assert error.returncode == 1


def test_two_outlets_whose_names_slugify_alike_get_their_own_sources(tmp_path):
    write_scrape(tmp_path, "a.txt", headline="One", credit="Die Zeit")
    write_scrape(tmp_path, "b.txt", headline="Two", credit="Die-Zeit")

    import_stories(tmp_path)

    assert sorted(Source.objects.values_list("slug", flat=True)) == ["die-zeit", "die-zeit-2"]
