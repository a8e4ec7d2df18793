"""What changed in the original since the translation, paragraph by paragraph."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import OriginalVersion, Story
from tests.conftest import make_story, make_user
from translation.changes import original_changes

pytestmark = pytest.mark.django_db

T = Story.TranslationStatus


def translated_then_updated(before, after, translation):
    story = make_story(body=translation, translation_status=T.IN_TRANSLATION)
    OriginalVersion.objects.create(story=story, number=1, headline="Putin", body=before)
    story.mark_translated(by=make_user("Translator"))
    OriginalVersion.objects.create(story=story, number=2, headline="Putin", body=after)
    story.flag_original_changed(note="Version 2 arrived.")
    story.refresh_from_db()
    return story


def test_changed_added_and_removed_paragraphs_are_named_with_their_translation():
    story = translated_then_updated(
        "Erster.\n\nRund 10.000 Soldaten.\n\nDritter.\n\nVierter.",
        "Erster.\n\nRund 12.000 Soldaten.\n\nDritter.\n\nNeu am Ende.",
        "First.\n\nAround 10,000 soldiers.\n\nThird.\n\nFourth.",
    )

    changes = original_changes(story, story.original)

    rows = [
        (r["kind"], r["old"], r["new"], r["translation"] and r["translation"].text)
        for r in changes.rows
    ]
    assert rows == [
        ("changed", 2, 2, "Around 10,000 soldiers."),
        ("changed", 4, 4, "Fourth."),
    ]
    assert "<del>10</del><ins>12</ins>" in str(changes.rows[0]["diff"])
    assert changes.changed_blocks == {2, 4}


def test_an_inserted_paragraph_has_no_translation_yet():
    story = translated_then_updated(
        "Erster.\n\nZweiter.", "Erster.\n\nEingefügt.\n\nZweiter.", "First.\n\nSecond."
    )

    rows = original_changes(story, story.original).rows

    assert [(r["kind"], r["old"], r["new"]) for r in rows] == [("added", None, 2)]


def test_the_editor_marks_the_translated_paragraphs_whose_original_changed(client):
    story = translated_then_updated("Eins.\n\nZwei.", "Eins.\n\nZwei, geändert.", "One.\n\nTwo.")
    client.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    response = client.get(reverse("admin:articles_story_change", args=[story.pk]))

    rows = [row for row in response.context["aligned_rows"] if "number" in row]
    assert [row["changed"] for row in rows] == [False, True]
    assert (
        "The original of this paragraph changed since it was translated."
        in response.content.decode()
    )


def test_marking_the_update_done_records_the_version_now_translated():
    story = translated_then_updated("Eins.", "Eins, geändert.", "One.")

    story.mark_translated(by=make_user("Translator"))

    story.refresh_from_db()
    assert story.translated_from.number == 2
    assert story.translation_status == T.TRANSLATED
    assert original_changes(story, story.original) is None
