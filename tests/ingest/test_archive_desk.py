"""The archive import respects the desk: it compares with what it imported last, never
overwrites an editor's or a reviewer's text, and offers a changed file instead."""

from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Story
from ingest.importer import import_data
from tests.articles.test_doors import put_in
from tests.conftest import SAMPLES_DIR, make_user

pytestmark = pytest.mark.django_db

S = Story.Status
SCRAPE = SAMPLES_DIR / "scrape" / "stern-putin-kursk.txt"
EDITED = SCRAPE.read_text(encoding="utf-8").replace("shock", "alarm").encode()


def imported(data=None, name="stern.txt", **options):
    (result,) = import_data(data or SCRAPE.read_bytes(), path=Path(name), **options)
    return result


@pytest.fixture
def story():
    return imported().story


def test_the_same_file_after_an_editors_edit_is_unchanged_and_keeps_the_edit(story):
    story.change_words(
        {"headline": "An editor's better headline"}, by=make_user("Translator"), origin="admin"
    )

    assert imported().outcome == "unchanged"

    story.refresh_from_db()
    assert story.headline == "An editor's better headline"


def test_a_changed_file_replaces_the_text_nobody_touched_yet(story):
    result = imported(EDITED, "edited.txt")

    assert result.outcome == "updated"
    story.refresh_from_db()
    assert "alarm" in story.standfirst
    assert story.revisions.order_by("-pk").first().origin == "archive"


def test_a_changed_file_over_an_editors_text_is_offered_not_applied(story):
    story.change_words({"headline": "Edited"}, by=make_user("Translator"), origin="admin")

    imported(EDITED, "edited.txt")

    story.refresh_from_db()
    assert (story.headline, story.translation_status) == ("Edited", "needs_update")
    assert "shock" in story.standfirst


@pytest.mark.parametrize("status", [S.APPROVED, S.PUBLISHED])
def test_a_changed_file_over_a_reviewed_story_needs_an_update_shown_on_the_desk(
    client, story, status
):
    put_in(story, status)
    live = (story.headline, story.standfirst, story.body)

    imported(EDITED, "edited.txt")

    story.refresh_from_db()
    assert (story.headline, story.standfirst, story.body) == live
    assert (story.status, story.translation_status) == (status, "needs_update")
    client.force_login(make_user("Translator"))
    page = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()
    assert "The archive sent a changed text" in page
    assert "<ins>alarm</ins>" in page
    assert "Take the archive\u2019s text" in page


def test_taking_the_offered_text_goes_through_review_like_any_edit(client, story):
    put_in(story, S.PUBLISHED)
    imported(EDITED, "edited.txt")
    translator = make_user("Translator")
    client.force_login(translator)
    offered = story.revisions.get(proposed=True)

    client.post(reverse("admin:articles_story_revision_adopt", args=[story.pk, offered.pk]))

    story.refresh_from_db()
    assert "shock" in story.standfirst, "readers keep the reviewed text until review"
    update = story.pending_revision
    assert "alarm" in update.standfirst
    assert (update.created_by, update.origin, update.update_status) == (
        translator,
        "archive",
        "new",
    )
    assert story.translation_status == "translated"
    page = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()
    assert "The archive sent a changed text" not in page
