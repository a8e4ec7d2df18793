"""The story change form and its workflow buttons, as each editorial role uses them."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import OriginalVersion, Story
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def transition_url(story, name):
    return reverse("admin:articles_story_transition", args=[story.pk, name])


def form_data(story, base_version, **text):
    """What the change form posts when opened at ``base_version`` and ``text`` typed in."""
    headline, standfirst, body = story.editable_text
    data = {
        "headline": headline,
        "standfirst": standfirst,
        "body": body,
        "revision_note": "",
        "base_version": base_version,
        "tags": ", ".join(story.tags.names()),
        "source": story.source_id,
        "guid": story.guid,
        "original_url": story.original_url,
        "original_language": story.original_language,
        "embargoed_until_0": "",
        "embargoed_until_1": "",
        "slug": story.slug,
        # The lead picture's inline (pictures/admin.py), empty, as a browser sends it.
        "lead_picture-TOTAL_FORMS": "0",
        "lead_picture-INITIAL_FORMS": "0",
    }
    data.update(text)
    return data


def logged_in(client, role):
    user = make_user(role)
    client.force_login(user)
    return user


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_change_form_carries_the_version_it_was_rendered_from(client):
    logged_in(client, "Translator")
    story = make_story(translation_status=Story.TranslationStatus.UNTRANSLATED)
    story.start_translation(by=make_user("Translator"))

    form = client.get(change_url(story)).context["adminform"].form

    assert form.initial["base_version"] == 1, "the hidden base_version is the story's lock_version"
    assert "lock_version" not in form.fields
    for workflow_field in ["status", "translation_status", "published_at", "pending_revision"]:
        assert workflow_field not in form.fields, f"{workflow_field} belongs to the workflow"


def test_the_second_of_two_saves_from_the_same_version_is_refused_and_the_first_kept(client):
    alice, bob = make_user("Translator", username="alice"), make_user("Reviewer", username="bob")
    story = make_story(headline="Draft headline", body="First paragraph.")
    story.record_revision()
    base = story.lock_version

    client.force_login(alice)
    first = client.post(change_url(story), form_data(story, base, headline="Alice's headline"))
    client.force_login(bob)
    second = client.post(change_url(story), form_data(story, base, body="Bob's paragraph."))

    assert first.status_code == 302, "the first save goes through"
    assert second.status_code == 200, "the second save comes back as the form with an error"
    errors = " ".join(second.context["adminform"].form.non_field_errors())
    assert "alice changed this story" in errors
    assert "nothing was overwritten" in errors
    assert "Changed meanwhile: headline." in errors
    assert "Bob&#x27;s paragraph." in second.content.decode(), "what Bob typed stays in the form"
    story.refresh_from_db()
    assert (story.headline, story.body) == ("Alice's headline", "First paragraph.")
    assert story.revisions.count() == 2


def test_a_save_through_the_admin_keeps_a_revision_with_its_note(client):
    translator = logged_in(client, "Translator")
    story = make_story(headline="Draft")

    response = client.post(
        change_url(story),
        form_data(story, story.lock_version, headline="Final", revision_note="Tightened"),
    )

    assert response.status_code == 302
    revision = story.revisions.get()
    assert (revision.headline, revision.note, revision.created_by) == (
        "Final",
        "Tightened",
        translator,
    )


def test_editing_a_published_story_leaves_the_live_text_and_makes_a_pending_update(client):
    logged_in(client, "Translator")
    story = make_published_story(headline="Live headline")

    response = client.post(
        change_url(story), form_data(story, story.lock_version, headline="Corrected headline")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Live headline", "readers keep the published text"
    assert story.pending_revision.headline == "Corrected headline"
    assert story.pending_revision.pending
    assert any("waits as a pending update" in m for m in messages_of(client.get(change_url(story))))


def test_the_change_form_of_a_published_story_offers_the_pending_text(client):
    logged_in(client, "Publisher")
    story = make_published_story(headline="Live headline")
    story.headline = "Pending headline"
    story.save_edit(by=make_user("Translator"), base_version=story.lock_version)

    response = client.get(change_url(story))

    assert response.context["adminform"].form.initial["headline"] == "Pending headline"
    assert "Pending update: new" in response.content.decode()


def test_editorial_fields_posted_to_the_change_form_are_ignored(client):
    logged_in(client, "Translator")
    story = make_story()

    client.post(
        change_url(story),
        form_data(story, story.lock_version, status="published", published_at="2020-01-01"),
    )

    story.refresh_from_db()
    assert (story.status, story.published_at) == (S.NEW, None)


def test_adding_a_story_saves_it_and_records_a_first_revision(client):
    publisher = logged_in(client, "Publisher")
    source = make_story().source

    response = client.post(
        reverse("admin:articles_story_add"),
        {
            "headline": "A new story",
            "standfirst": "",
            "body": "One paragraph.",
            "revision_note": "",
            "base_version": "",
            "tags": "",
            "source": source.pk,
            "guid": "urn:new:1",
            "original_url": "",
            "original_language": "de",
            "embargoed_until_0": "",
            "embargoed_until_1": "",
            "slug": "",
            "lead_picture-TOTAL_FORMS": "0",
            "lead_picture-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    story = Story.objects.get(guid="urn:new:1")
    assert story.revisions.get().created_by == publisher


def test_the_change_form_aligns_the_original_and_the_translation_block_by_block(client):
    logged_in(client, "Translator")
    story = make_story(body="First paragraph.\n\n## A subheading\n\nSecond paragraph.")
    OriginalVersion.objects.create(
        story=story, number=1, headline="Schlagzeile", body="Erster Absatz.\n\n## Zwischentitel"
    )

    response = client.get(change_url(story))

    rows = response.context["aligned_rows"]
    blocks = [(row["original"], row["translation"]) for row in rows if "number" in row]
    assert [(o and o.text, t and t.text) for o, t in blocks] == [
        ("Erster Absatz.", "First paragraph."),
        ("Zwischentitel", "A subheading"),
        (None, "Second paragraph."),
    ]
    assert rows[0]["original"].text == "Schlagzeile"


@pytest.mark.parametrize(
    ("role", "status", "shown", "hidden"),
    [
        ("Translator", S.NEW, ["Submit for review"], ["Publish or schedule", "Approve"]),
        ("Reviewer", S.IN_REVIEW, ["Approve", "Request changes", "Spike"], ["Publish or schedule"]),
        ("Publisher", S.APPROVED, ["Publish or schedule", "Spike"], ["Submit for review"]),
        ("Translator", S.APPROVED, [], ["Publish or schedule", "Spike"]),
    ],
)
def test_the_change_form_shows_the_buttons_of_the_role_and_the_state(
    client, role, status, shown, hidden
):
    logged_in(client, role)
    story = make_story(status=status, translator=make_user("Translator"))

    html = client.get(change_url(story)).content.decode()

    for label in shown:
        assert f">{label}</a>" in html, f"{role} should see {label!r} on a {status} story"
    for label in hidden:
        assert f">{label}</a>" not in html, f"{role} should not see {label!r} on a {status} story"


def test_a_transition_view_asks_for_confirmation_with_a_note_field(client):
    logged_in(client, "Reviewer")
    story = make_story(status=S.IN_REVIEW)

    response = client.get(transition_url(story, "request_changes"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="csrfmiddlewaretoken"' in html
    assert '<textarea name="note"' in html
    assert response.context["form"].fields["note"].required


def test_a_transition_view_runs_the_model_method_and_reports_success(client):
    reviewer = logged_in(client, "Reviewer")
    story = make_story(status=S.IN_REVIEW, translator=make_user("Translator"))

    response = client.post(transition_url(story, "approve"), {"note": "Reads well."}, follow=True)

    story.refresh_from_db()
    assert story.status == S.APPROVED
    assert story.reviewer == reviewer
    assert response.redirect_chain[-1][0] == change_url(story)
    assert f"“{story}”: Approved." in messages_of(response)
    assert story.events.last().note == "Reads well."


def test_a_refused_transition_shows_the_workflow_message(client):
    reviewer_who_translated = logged_in(client, "Reviewer")
    story = make_story(status=S.IN_REVIEW, written_by=reviewer_who_translated)

    response = client.post(transition_url(story, "approve"), {"note": ""}, follow=True)

    story.refresh_from_db()
    assert story.status == S.IN_REVIEW
    assert any("second pair of eyes" in m for m in messages_of(response))


def test_a_transition_that_needs_a_note_is_not_run_without_one(client):
    logged_in(client, "Reviewer")
    story = make_story(status=S.IN_REVIEW)

    response = client.post(transition_url(story, "request_changes"), {"note": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors["note"] == ["This field is required."]
    story.refresh_from_db()
    assert story.status == S.IN_REVIEW


def test_a_translator_cannot_publish_through_the_transition_view(client):
    logged_in(client, "Translator")
    story = make_story(status=S.APPROVED)

    response = client.post(transition_url(story, "publish"), {"note": "", "at": ""}, follow=True)

    story.refresh_from_db()
    assert story.status == S.APPROVED
    assert "You do not have permission to publish or schedule." in messages_of(response)


def test_publishing_at_a_local_time_schedules_the_story(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    logged_in(client, "Publisher")
    story = make_story(status=S.APPROVED)
    tomorrow = timezone.localtime() + timezone.timedelta(days=1)

    client.post(
        transition_url(story, "publish"), {"note": "", "at": tomorrow.strftime("%Y-%m-%dT%H:%M")}
    )

    story.refresh_from_db()
    assert story.is_scheduled()
    assert story.published_at == tomorrow.replace(second=0, microsecond=0)
    assert "Scheduled for" in client.get(change_url(story)).content.decode()


def test_an_unknown_transition_is_not_found(client):
    logged_in(client, "Publisher")
    story = make_story()

    assert client.get(transition_url(story, "teleport")).status_code == 404
    assert client.get(transition_url(story, "_guard_approve")).status_code == 404


def test_the_change_form_shows_review_notes_oldest_first_and_the_timeline(client):
    translator, reviewer = make_user("Translator"), make_user("Reviewer", username="rita")
    story = make_story(translator=translator)
    story.submit(by=translator)
    story.request_changes(by=reviewer, note="Check the figures.")
    story.submit(by=translator, note="Figures checked.")
    logged_in(client, "Reviewer")

    response = client.get(change_url(story))

    notes = [event.note for event in response.context["notes"]]
    assert notes == ["Check the figures.", "Figures checked."]
    assert len(response.context["timeline"]) == 3
    html = response.content.decode()
    assert "<strong>rita</strong>" in html
    assert "Changes requested" in html


def test_a_second_editor_is_warned_who_has_the_story_open(client):
    story = make_story()
    client.force_login(make_user("Translator", username="alice"))
    client.get(change_url(story))

    client.force_login(make_user("Reviewer"))
    response = client.get(change_url(story))

    assert any(m.startswith("Being edited by alice since") for m in messages_of(response))
    story.refresh_from_db()
    assert story.editing_by.username != "alice", "the second editor now has it open"


def test_the_editor_who_has_the_story_open_is_not_warned_about_themselves(client):
    logged_in(client, "Translator")
    story = make_story()

    client.get(change_url(story))
    response = client.get(change_url(story))

    assert not any("Being edited" in m for m in messages_of(response))


def test_an_edit_lock_older_than_the_window_is_not_reported(client):
    story = make_story()
    stale = timezone.now() - timezone.timedelta(minutes=settings.NEWSROOM_EDIT_LOCK_MINUTES + 1)
    story.mark_editing(make_user("Translator"), now=stale)
    logged_in(client, "Reviewer")

    response = client.get(change_url(story))

    assert not any("Being edited" in m for m in messages_of(response))
