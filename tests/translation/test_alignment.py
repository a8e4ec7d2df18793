"""Original beside translation: dropped and untranslated paragraphs flagged, counts guarded."""

import pytest
from django.urls import reverse

from articles.models import OriginalVersion, Story, WorkflowError
from tests.articles.test_admin_workflow import form_data
from tests.conftest import make_story, make_user
from translation.alignment import aligned_rows

pytestmark = pytest.mark.django_db

ORIGINAL = (
    "Erster Absatz.\n\n## Zwischentitel\n\nZweiter Absatz mit vielen Worten hier.\n\nDritter."
)


def story_with_original(body, **overrides):
    story = make_story(body=body, **overrides)
    OriginalVersion.objects.create(story=story, number=1, headline="Schlagzeile", body=ORIGINAL)
    return story


def test_a_count_mismatch_submission_is_refused_with_the_counts():
    story = story_with_original("First paragraph.\n\n## A subheading\n\nSecond paragraph.")

    with pytest.raises(WorkflowError, match="The original has 4 paragraphs and the translation 3"):
        story.submit(by=make_user("Translator"))

    story.refresh_from_db()
    assert story.status == Story.Status.NEW


def test_an_omission_marked_as_intended_with_a_note_may_go_to_review():
    story = story_with_original(
        "First paragraph.\n\n## A subheading\n\nSecond paragraph.",
        omission_note="The last sentence repeats the first; left out.",
    )

    story.submit(by=make_user("Translator"))

    assert story.status == Story.Status.IN_REVIEW


def test_matching_counts_go_to_review_without_a_note():
    story = story_with_original("One.\n\n## Sub\n\nTwo, translated.\n\nThree.")

    story.submit(by=make_user("Translator"))

    assert story.status == Story.Status.IN_REVIEW


def test_a_story_without_a_known_original_is_not_counted():
    story = make_story(body="Only one paragraph.")

    story.submit(by=make_user("Translator"))

    assert story.status == Story.Status.IN_REVIEW


def test_dropped_and_untranslated_paragraphs_are_flagged():
    original = OriginalVersion(headline="Schlagzeile", body=ORIGINAL)
    text = (
        "Headline",
        "",
        "First paragraph.\n\n## A subheading\n\nZweiter Absatz mit vielen Worten hier.",
    )

    rows = [row for row in aligned_rows(original, text) if "number" in row]

    assert [str(row["flag"]) for row in rows] == [
        "",
        "",
        "Left untranslated: it reads as the original does.",
        "Missing: this paragraph of the original has no translation.",
    ]


def test_the_editor_says_why_submit_is_refused_beside_the_disabled_button(client):
    client.force_login(make_user("Translator"))
    story = story_with_original("First paragraph.")

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    assert "The original has 4 paragraphs, the translation 1." in html
    assert 'aria-describedby="refusal-submit">Submit for review</span>' in html
    assert f'href="/admin/articles/story/{story.pk}/transition/submit/"' not in html


def test_the_translator_marks_the_omission_in_the_change_form_and_submits(client):
    translator = make_user("Translator")
    client.force_login(translator)
    story = story_with_original("First paragraph.")

    client.post(
        reverse("admin:articles_story_change", args=[story.pk]),
        form_data(
            story, story.lock_version, omission_note="Only the news; the rest is background."
        ),
    )
    response = client.post(
        reverse("admin:articles_story_transition", args=[story.pk, "submit"]), {"note": ""}
    )

    story.refresh_from_db()
    assert response.status_code == 302
    assert story.omission_note == "Only the news; the rest is background."
    assert story.status == Story.Status.IN_REVIEW
