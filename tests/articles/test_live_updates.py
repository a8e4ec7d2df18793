"""A change to a live story goes through review like a first publication, and four eyes
are read from who wrote the words, not from a field."""

import importlib
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse

from articles.admin_filters import awaiting_review, status_counts
from articles.models import OriginalVersion, Story, WorkflowError
from ingest.importer import import_data
from tests.articles.test_doors import SCRAPE, put_in
from tests.conftest import make_published_story, make_story, make_user
from translation.drafts import create_machine_draft
from translation.machine import DemoBackend

pytestmark = pytest.mark.django_db

S = Story.Status
T = Story.TranslationStatus


@pytest.fixture
def people():
    return {
        role.lower(): make_user(role, first_name=role, last_name="Example")
        for role in ["Translator", "Reviewer", "Publisher"]
    }


def edit(story, by, **words):
    return story.change_words(words, by=by, origin="admin")


def test_a_live_update_goes_translator_reviewer_publisher(client, settings, people):
    settings.NEWSROOM_SHOW_TRANSLATOR = True
    story = make_published_story(
        headline="Attacks on Kyiv", original_language="de", translator=people["translator"]
    )
    edit(story, people["translator"], headline="Attacks on Kyiv continue")

    story.submit(by=people["translator"])
    assert "Attacks on Kyiv continue" not in client.get(story.get_absolute_url()).content.decode()
    story.approve(by=people["reviewer"])
    story.publish_update(by=people["publisher"])

    page = client.get(story.get_absolute_url()).content.decode()
    assert "<h1>Attacks on Kyiv continue</h1>" in page
    assert "reviewed by Reviewer Example" in page
    story.refresh_from_db()
    assert (story.reviewer, story.pending_revision) == (people["reviewer"], None)
    assert [event.action for event in story.events.all()] == [
        "articles.update.edited",
        "articles.update.submitted",
        "articles.update.approved",
        "articles.story.update_published",
    ]


def test_a_publisher_cannot_put_unreviewed_update_text_live(people):
    story = make_published_story(headline="Live")
    edit(story, people["translator"], headline="Never reviewed")

    with pytest.raises(WorkflowError, match="Only a reviewed update goes live: this one is new"):
        story.publish_update(by=people["publisher"])

    story.submit(by=people["translator"])
    with pytest.raises(WorkflowError, match="this one is in review"):
        story.publish_update(by=people["publisher"])
    story.refresh_from_db()
    assert story.headline == "Live"


def test_a_reviewer_cannot_approve_an_update_they_rewrote(people):
    story = make_published_story(translator=people["translator"])
    edit(story, people["translator"], body="The translator's update.")
    story.submit(by=people["translator"])
    edit(story, people["reviewer"], body="The reviewer's own rewrite.")

    with pytest.raises(WorkflowError, match="second pair of eyes: you wrote part of this text"):
        story.approve(by=people["reviewer"])

    story.approve(by=make_user("Reviewer"))
    assert story.pending_revision.update_status == S.APPROVED


def test_an_update_that_breaks_the_glossary_is_not_approved(people):
    story = make_published_story(body="Fighting near Kyiv.")
    edit(story, people["translator"], body="Attacks on Kiev.")
    story.submit(by=people["translator"])

    with pytest.raises(WorkflowError, match="breaks the house glossary"):
        story.approve(by=people["reviewer"])


def test_an_edit_of_an_approved_update_sends_it_back_to_review(people):
    story = make_published_story()
    edit(story, people["translator"], headline="First try")
    story.submit(by=people["translator"])
    story.approve(by=people["reviewer"])

    edit(story, people["translator"], headline="Second try")

    story.refresh_from_db()
    assert story.pending_revision.update_status == S.IN_REVIEW
    assert story.events.last().action == "articles.update.reopened"
    with pytest.raises(WorkflowError, match="this one is in review"):
        story.publish_update(by=people["publisher"])


def test_the_review_queue_and_counts_list_updates_in_review(people):
    story = make_published_story()
    edit(story, people["translator"], headline="Better")
    story.submit(by=people["translator"])

    assert list(awaiting_review(Story.objects.all(), people["reviewer"])) == [story]
    assert list(awaiting_review(Story.objects.all(), people["translator"])) == []
    counts = {row["value"]: row["count"] for row in status_counts()}
    assert counts["update_in_review"] == 1


def test_the_review_queue_leaves_out_what_the_reviewer_wrote(people):
    mine = make_story(status=S.IN_REVIEW, written_by=people["reviewer"])
    theirs = make_story(status=S.IN_REVIEW, written_by=people["translator"])

    assert list(awaiting_review(Story.objects.all(), people["reviewer"])) == [theirs]
    assert mine not in awaiting_review(Story.objects.all(), people["translator"])


def test_the_change_form_offers_the_update_s_review_steps(client, people):
    story = make_published_story()
    edit(story, people["translator"], headline="Better")
    story.submit(by=people["translator"])
    client.force_login(people["reviewer"])

    response = client.get(reverse("admin:articles_story_change", args=[story.pk]))

    names = [transition.name for transition, _url, _refusal in response.context["transitions"]]
    assert {"approve", "request_changes"} <= set(names)
    assert "Pending update: in review" in response.content.decode()


# Four eyes by authorship.


def test_a_reviewer_who_rewrote_the_body_cannot_approve_it_alone(people):
    story = make_story(status=S.IN_REVIEW, translator=people["translator"])
    edit(story, people["reviewer"], body="Rewritten by the reviewer.")

    with pytest.raises(WorkflowError, match="second pair of eyes"):
        story.approve(by=people["reviewer"])


def test_whoever_requested_a_machine_draft_cannot_approve_it(people):
    story = make_story(headline="Hochwasser", body="", translation_status=T.UNTRANSLATED)
    OriginalVersion.objects.create(story=story, number=1, headline="Hochwasser", body="Flüsse.")
    create_machine_draft(story, by=people["reviewer"], backend=DemoBackend())
    story.mark_translated(by=people["translator"])
    story.submit(by=people["translator"])

    with pytest.raises(WorkflowError, match="second pair of eyes"):
        story.approve(by=people["reviewer"])


def test_whoever_restored_a_text_cannot_approve_it(people):
    story = make_story(status=S.IN_REVIEW, written_by=people["translator"])
    edit(story, people["translator"], headline="A later headline")
    story.restore(story.revisions.order_by("pk").first(), by=people["reviewer"])

    with pytest.raises(WorkflowError, match="second pair of eyes"):
        story.approve(by=people["reviewer"])


def test_whoever_imported_a_file_cannot_approve_its_words(people):
    (result,) = import_data(SCRAPE.read_bytes(), path=Path("s.txt"), by=people["reviewer"])
    story = put_in(result.story, S.IN_REVIEW)

    with pytest.raises(WorkflowError, match="second pair of eyes"):
        story.approve(by=people["reviewer"])


def test_a_one_person_desk_may_turn_four_eyes_off(settings, people):
    settings.NEWSROOM_FOUR_EYES = False
    story = make_story(status=S.IN_REVIEW, written_by=people["reviewer"])

    story.approve(by=people["reviewer"])

    assert story.status == S.APPROVED


def test_submitting_does_not_make_anyone_the_translator(people):
    story = make_story()

    story.submit(by=people["publisher"])

    story.refresh_from_db()
    assert story.translator is None


# Upgrading.


def test_pending_updates_from_before_enter_review_and_revisions_get_their_origin():
    story = make_published_story()
    story.revisions.create(headline="Imported", note="Imported from stern.txt")
    story.revisions.create(headline="Machine", note="Machine draft by DeepL.")
    pending = story.revisions.create(headline="Waiting", pending=True)
    Story.objects.filter(pk=story.pk).update(pending_revision=pending)
    module = "articles.migrations.0012_revision_origins_and_pending_updates_in_review"

    importlib.import_module(module).backfill(apps, None)

    origins = dict(story.revisions.values_list("headline", "origin"))
    assert origins == {"Imported": "archive", "Machine": "machine", "Waiting": "admin"}
    pending.refresh_from_db()
    assert pending.update_status == S.IN_REVIEW


def test_a_refused_step_is_shown_disabled_with_its_reason(client, people):
    story = make_published_story()
    edit(story, people["translator"], headline="Unreviewed")
    client.force_login(people["publisher"])

    response = client.get(reverse("admin:articles_story_change", args=[story.pk]))

    refusals = {t.name: refusal for t, _url, refusal in response.context["transitions"]}
    assert refusals["publish_update"].startswith("Only a reviewed update goes live")
    html = response.content.decode()
    assert '<span class="button disabled" aria-disabled="true"' in html
    assert "Only a reviewed update goes live: this one is new." in html
