"""XLIFF 1.2 out to external translators and back, matched by unit id, kept as a revision."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from lxml import etree

from articles.models import OriginalVersion
from tests.conftest import make_story, make_user
from translation.xliff import NS, XliffError, export_stories, import_xliff

pytestmark = pytest.mark.django_db

BODY = "First paragraph.\n\n## A subheading\n\nSecond paragraph."


def story_with_original(**overrides):
    overrides.setdefault("body", BODY)
    story = make_story(**overrides)
    OriginalVersion.objects.create(
        story=story,
        number=1,
        headline="Schlagzeile",
        standfirst="Vorspann.",
        body="Erster Absatz.\n\n## Zwischentitel\n\nZweiter Absatz.",
    )
    return story


def units(data):
    root = etree.fromstring(data)
    return {unit.get("id"): unit for unit in root.iter(f"{{{NS}}}trans-unit")}


def set_target(data, unit_id, text):
    root = etree.fromstring(data)
    for unit in root.iter(f"{{{NS}}}trans-unit"):
        if unit.get("id") == unit_id:
            unit.find(f"{{{NS}}}target").text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_a_story_exports_as_xliff_1_2_with_one_unit_per_paragraph():
    story = story_with_original()

    data = export_stories([story])

    root = etree.fromstring(data)
    assert root.get("version") == "1.2"
    file = root.find(f"{{{NS}}}file")
    assert file.get("original") == f"newsroom:story:{story.pk}:version:1"
    assert file.get("source-language") == "de"
    found = units(data)
    assert list(found) == ["headline", "standfirst", "p1", "p2", "p3"]
    assert found["p2"].get("restype") == "x-subheading"
    assert found["p1"].findtext(f"{{{NS}}}source") == "Erster Absatz."
    assert found["p1"].findtext(f"{{{NS}}}target") == "First paragraph."


def test_a_round_trip_with_one_paragraph_changed_yields_exactly_that_change():
    story = story_with_original()
    translator = make_user("Translator")
    data = set_target(export_stories([story]), "p3", "The second paragraph, revised.")

    [(imported, revision)] = import_xliff(data, by=translator, story=story, filename="s.xlf")

    story.refresh_from_db()
    assert story.body == "First paragraph.\n\n## A subheading\n\nThe second paragraph, revised."
    assert (revision.headline, revision.standfirst) == (imported.headline, imported.standfirst)
    assert revision.body == story.body
    assert revision.created_by == translator
    assert revision.note == "Imported from XLIFF s.xlf."


def test_an_unchanged_round_trip_changes_nothing():
    story = story_with_original()

    [(_story, revision)] = import_xliff(export_stories([story]), by=make_user("Translator"))

    assert revision is None
    assert not story.revisions.exists()


def test_a_file_for_another_story_is_refused():
    story, other = story_with_original(), story_with_original()

    with pytest.raises(XliffError, match="This file is for another story"):
        import_xliff(export_stories([other]), by=make_user("Translator"), story=story)


def test_a_file_for_an_older_version_of_the_original_is_refused():
    story = story_with_original()
    data = set_target(export_stories([story]), "p1", "Changed.")
    OriginalVersion.objects.create(story=story, number=2, headline="Neu", body="Neu.")

    with pytest.raises(
        XliffError, match="made from version 1 of the original, but the newest is 2"
    ):
        import_xliff(data, by=make_user("Translator"))

    story.refresh_from_db()
    assert story.body == BODY


def test_a_unit_the_story_does_not_have_is_refused():
    story = story_with_original()
    data = export_stories([story]).replace(b'id="p3"', b'id="p9"')

    with pytest.raises(XliffError, match="has units this story does not: p9"):
        import_xliff(data, by=make_user("Translator"))


def test_external_entities_are_refused():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">&e;</xliff>'
    )

    with pytest.raises(XliffError):
        import_xliff(data, by=make_user("Translator"))


def test_a_batch_exports_and_imports_several_stories_all_or_nothing():
    first, second = story_with_original(), story_with_original()
    data = export_stories([first, second])
    root = etree.fromstring(data)
    for file in root.iter(f"{{{NS}}}file"):
        for unit in file.iter(f"{{{NS}}}trans-unit"):
            if unit.get("id") == "p1":
                unit.find(f"{{{NS}}}target").text = f"Batch {file.get('original')[-11:]}"
    data = etree.tostring(root)

    results = import_xliff(data, by=make_user("Translator"))

    assert [story.pk for story, _revision in results] == [first.pk, second.pk]
    assert all(revision is not None for _story, revision in results)


def test_an_untranslated_story_exports_no_placeholder_headline_as_its_target():
    story = story_with_original(headline="Schlagzeile", body="", translation_status="untranslated")

    found = units(export_stories([story]))

    assert found["headline"].find(f"{{{NS}}}target") is None


def test_the_admin_exports_and_imports_a_story(client):
    story = story_with_original()
    client.force_login(make_user("Translator"))

    exported = client.get(reverse("admin:articles_story_xliff", args=[story.pk]))
    data = set_target(exported.content, "p1", "The first, from the agency.")
    response = client.post(
        reverse("admin:articles_story_xliff_import", args=[story.pk]),
        {"file": SimpleUploadedFile("story.xlf", data, content_type="application/xml")},
    )

    assert exported["Content-Type"] == "application/x-xliff+xml"
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body.startswith("The first, from the agency.")


def test_the_admin_shows_why_an_import_is_refused(client):
    story, other = story_with_original(), story_with_original()
    client.force_login(make_user("Translator"))

    response = client.post(
        reverse("admin:articles_story_xliff_import", args=[story.pk]),
        {"file": SimpleUploadedFile("other.xlf", export_stories([other]))},
    )

    assert response.status_code == 200
    assert "This file is for another story" in response.content.decode()


def test_the_story_list_exports_selected_stories_as_one_file(client):
    stories = [story_with_original(), story_with_original()]
    client.force_login(make_user("Reviewer"))

    response = client.post(
        reverse("admin:articles_story_changelist"),
        {"action": "export_xliff", "_selected_action": [s.pk for s in stories]},
    )

    root = etree.fromstring(response.content)
    assert len(root.findall(f"{{{NS}}}file")) == 2


def test_a_file_changing_a_unit_edited_since_its_export_is_refused_naming_the_unit():
    story = story_with_original()
    exported = export_stories([story])
    colleague = make_user("Translator")
    story.change_words(
        {"body": BODY.replace("First paragraph.", "A colleague's correction.")},
        by=colleague,
        origin="admin",
    )
    data = set_target(exported, "p1", "The freelancer's version.")

    with pytest.raises(XliffError, match=r"p1: “A colleague.s correction\.”") as refusal:
        import_xliff(data, by=make_user("Translator"))

    assert "Nothing was imported" in str(refusal.value)
    story.refresh_from_db()
    assert story.body.startswith("A colleague's correction.")


def test_a_file_changing_other_units_than_the_edited_ones_is_imported():
    story = story_with_original()
    exported = export_stories([story])
    story.change_words(
        {"body": BODY.replace("Second paragraph.", "Corrected in Newsroom.")},
        by=make_user("Translator"),
        origin="admin",
    )
    data = set_target(exported, "p1", "The freelancer's first paragraph.")

    import_xliff(data, by=make_user("Translator"))

    story.refresh_from_db()
    assert story.body == (
        "The freelancer's first paragraph.\n\n## A subheading\n\nCorrected in Newsroom."
    )


def test_a_file_whose_tool_dropped_the_exported_targets_still_imports():
    story = story_with_original()
    root = etree.fromstring(set_target(export_stories([story]), "p1", "Revised."))
    for kept in root.iter("{urn:newsroom:xliff}exported"):
        kept.getparent().remove(kept)

    import_xliff(etree.tostring(root), by=make_user("Translator"))

    story.refresh_from_db()
    assert story.body.startswith("Revised.")


def test_a_headline_longer_than_a_headline_may_be_is_refused_with_its_length():
    story = story_with_original()
    data = set_target(export_stories([story]), "headline", "x" * 400)

    with pytest.raises(XliffError, match="is 400 characters long; a headline may have 300"):
        import_xliff(data, by=make_user("Translator"))
