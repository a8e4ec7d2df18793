import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from articles.models import Story, WorkflowError
from articles.transitions import TRANSITIONS
from tests.articles.states import MATRIX, ready_for
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)
S = Story.Status
T = Story.TranslationStatus


def run(story, transition, user):
    note = "A note for the timeline." if TRANSITIONS[transition].note_required else ""
    method = getattr(story, transition)
    return method(by=user, note=note) if transition != "publish_update" else method(by=user)


ROLES = ["Translator", "Reviewer", "Publisher", "Moderator", "Superuser"]


def test_the_matrix_covers_every_transition():
    assert set(MATRIX) == set(TRANSITIONS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", sorted(TRANSITIONS))
def test_permission_matrix(transition, role):
    if role == "Superuser":
        user = User.objects.create_superuser(f"chief-{transition}", password="a-long-password")
    else:
        user = make_user(role)
    story = ready_for(transition, someone_else=make_user("Translator"))
    events_before = story.events.count()

    if role == "Superuser" or role in MATRIX[transition]:
        run(story, transition, user)
        assert story.events.count() == events_before + 1
        assert story.events.last().actor == user
    else:
        with pytest.raises(WorkflowError, match="You do not have permission to"):
            run(story, transition, user)
        assert story.events.count() == events_before


def test_a_translator_can_never_publish_even_an_approved_story():
    story = make_story(status=S.APPROVED)

    with pytest.raises(WorkflowError, match="permission to publish or schedule"):
        story.publish(by=make_user("Translator"))
    assert not Story.objects.published().exists()


def test_submitting_needs_a_finished_translation():
    story = make_story(translation_status=T.IN_TRANSLATION)

    with pytest.raises(WorkflowError, match="its translation is in translation"):
        story.submit(by=make_user("Translator"))


def test_translator_cannot_approve_own_translation():
    reviewer = make_user("Reviewer")
    story = make_story(status=S.IN_REVIEW, translator=reviewer, written_by=reviewer)

    with pytest.raises(WorkflowError, match="second pair of eyes"):
        story.approve(by=reviewer)
    story.refresh_from_db()
    assert story.status == S.IN_REVIEW


def test_the_four_eyes_setting_can_allow_self_approval(settings):
    settings.NEWSROOM_FOUR_EYES = False
    reviewer = make_user("Reviewer")
    story = make_story(status=S.IN_REVIEW, translator=reviewer)

    story.approve(by=reviewer)

    assert story.status == S.APPROVED


def test_approving_marks_the_translation_and_its_text_as_reviewed():
    reviewer = make_user("Reviewer")
    story = make_story(status=S.IN_REVIEW)
    story.record_revision()

    story.approve(by=reviewer, note="Clean copy.")

    story.refresh_from_db()
    assert (story.status, story.translation_status, story.reviewer) == (
        S.APPROVED,
        T.REVIEWED,
        reviewer,
    )
    assert story.revisions.first().reviewed_at is not None


def test_a_reviewer_can_approve_after_requesting_changes():
    reviewer = make_user("Reviewer")
    story = make_story(status=S.IN_REVIEW)

    story.request_changes(by=reviewer, note="Kiev is spelled Kyiv.")
    story.approve(by=reviewer)

    assert [e.to_status for e in story.events.all()] == [S.CHANGES_REQUESTED, S.APPROVED]


def test_requesting_changes_needs_a_note():
    story = make_story(status=S.IN_REVIEW)

    with pytest.raises(WorkflowError, match="“Request changes” needs a note"):
        story.request_changes(by=make_user("Reviewer"), note="  ")


def test_withdrawing_needs_a_reason_and_keeps_it():
    publisher = make_user("Publisher")
    story = make_published_story()
    with pytest.raises(WorkflowError, match="“Withdraw” needs a note"):
        story.withdraw(by=publisher, note="")

    story.withdraw(by=publisher, note="The agency withdrew the report.")

    story.refresh_from_db()
    assert story.status == S.WITHDRAWN
    assert story.withdrawal_reason == "The agency withdrew the report."


def test_publishing_needs_the_original_url_for_the_credit():
    story = make_story(status=S.APPROVED, original_url="")

    with pytest.raises(WorkflowError, match="needs the original URL before it can be published"):
        story.publish(by=make_user("Publisher"))


def test_an_embargo_blocks_publishing_before_it_passes():
    embargo = timezone.now() + 2 * HOUR
    story = make_story(status=S.APPROVED, embargoed_until=embargo)
    publisher = make_user("Publisher")

    with pytest.raises(WorkflowError, match="embargoed until"):
        story.publish(by=publisher)
    story.publish(by=publisher, at=embargo + HOUR)

    assert story.is_scheduled()


def test_a_translation_that_needs_updating_cannot_be_published():
    story = make_story(status=S.APPROVED, translation_status=T.REVIEWED)
    story.flag_original_changed(note="Version 2 arrived.")

    with pytest.raises(WorkflowError, match="translation needs updating"):
        story.publish(by=make_user("Publisher"))
    assert story.translation_status == T.NEEDS_UPDATE


def test_marking_the_update_translated_clears_needs_update():
    story = make_story(translation_status=T.NEEDS_UPDATE)

    story.mark_translated(by=make_user("Translator"))

    assert story.translation_status == T.TRANSLATED


def test_publishing_at_a_future_time_schedules_the_story():
    story = make_story(status=S.APPROVED)
    at = timezone.now() + 3 * HOUR

    story.publish(by=make_user("Publisher"), at=at)

    story.refresh_from_db()
    assert story.status == S.PUBLISHED
    assert story.published_at == at
    assert story.is_scheduled()
    assert not Story.objects.published().exists()
    assert story.events.get().action == "articles.story.scheduled"


@pytest.mark.parametrize(
    ("transition", "status", "message"),
    [
        ("approve", S.NEW, "“Approve” is not possible while the story is new"),
        ("submit", S.APPROVED, "“Submit for review” is not possible while the story is approved"),
        ("spike", S.PUBLISHED, "“Spike” is not possible while the story is published"),
        ("publish", S.SPIKED, "“Publish or schedule” is not possible while the story is spiked"),
        ("withdraw", S.APPROVED, "“Withdraw” is not possible while the story is approved"),
    ],
)
def test_transitions_refuse_the_wrong_state(transition, status, message):
    story = make_story(status=status, published_at=timezone.now())
    superuser = User.objects.create_superuser("chief", password="a-long-password")

    with pytest.raises(WorkflowError, match=message):
        run(story, transition, superuser)


def test_a_stale_copy_of_the_story_cannot_approve_twice():
    story = make_story(status=S.IN_REVIEW)
    first, second = Story.objects.get(pk=story.pk), Story.objects.get(pk=story.pk)

    first.approve(by=make_user("Reviewer"))

    with pytest.raises(WorkflowError, match="while the story is approved"):
        second.approve(by=make_user("Reviewer"))
    assert story.events.count() == 1


def test_every_transition_is_on_the_timeline_with_who_when_and_why():
    translator, reviewer, publisher = (
        make_user(r) for r in ["Translator", "Reviewer", "Publisher"]
    )
    story = make_story(translation_status=T.UNTRANSLATED)

    story.start_translation(by=translator)
    story.mark_translated(by=translator)
    story.submit(by=translator)
    story.request_changes(by=reviewer, note="Check the numbers.")
    story.submit(by=translator, note="Numbers checked.")
    story.approve(by=reviewer)
    story.publish(by=publisher)

    timeline = [(e.action, e.actor, e.from_status, e.to_status, e.note) for e in story.events.all()]
    assert timeline == [
        ("articles.translation.in_translation", translator, "untranslated", "in_translation", ""),
        ("articles.translation.translated", translator, "in_translation", "translated", ""),
        ("articles.story.submitted", translator, "new", "in_review", ""),
        (
            "articles.story.changes_requested",
            reviewer,
            "in_review",
            "changes_requested",
            "Check the numbers.",
        ),
        (
            "articles.story.submitted",
            translator,
            "changes_requested",
            "in_review",
            "Numbers checked.",
        ),
        ("articles.story.approved", reviewer, "in_review", "approved", ""),
        ("articles.story.published", publisher, "approved", "published", ""),
    ]
    assert story.translator == translator
    assert story.is_public()


def test_allowed_transitions_list_what_the_user_can_do_now():
    story = make_story(status=S.IN_REVIEW, translator=make_user("Translator"))

    names = {t.name for t in story.allowed_transitions(make_user("Reviewer"))}

    assert names == {"request_changes", "approve", "spike"}
