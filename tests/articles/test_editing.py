import pytest
from django.utils import timezone

from articles.editing import EditConflict
from articles.models import Story, WorkflowError
from tests.articles.states import review_update
from tests.conftest import make_published_story, make_story, make_user

pytestmark = pytest.mark.django_db

S = Story.Status


def edit(story, by, **text):
    """Save as the admin form does: start from the text an editor sees, change some of it."""
    story.headline, story.standfirst, story.body = story.editable_text
    for field, value in text.items():
        setattr(story, field, value)
    return story.save_edit(by=by, base_version=story.lock_version)


def test_every_save_keeps_a_revision():
    translator = make_user("Translator")
    story = make_story(headline="First draft")

    edit(story, translator, headline="Second draft")
    edit(story, translator, headline="Third draft")

    assert [r.headline for r in story.revisions.all()] == ["Third draft", "Second draft"]
    assert story.revisions.first().created_by == translator


def test_a_save_without_text_changes_keeps_no_revision():
    story = make_story()

    assert edit(story, make_user("Translator")) is None
    assert not story.revisions.exists()


def test_the_second_of_two_saves_from_the_same_version_is_refused():
    alice, bob = make_user("Translator", username="alice"), make_user("Reviewer", username="bob")
    story = make_story(headline="Original headline")
    story.record_revision()
    alices_copy, bobs_copy = Story.objects.get(pk=story.pk), Story.objects.get(pk=story.pk)

    edit(alices_copy, alice, headline="Alice's headline")
    with pytest.raises(EditConflict, match="alice changed this story at") as conflict:
        edit(bobs_copy, bob, headline="Bob's headline")

    assert conflict.value.changed == ["headline"]
    story.refresh_from_db()
    assert story.headline == "Alice's headline"


def test_an_edit_of_a_published_story_waits_for_review_and_a_publisher():
    translator, publisher = make_user("Translator"), make_user("Publisher")
    story = make_published_story(headline="Live headline")

    revision = edit(story, translator, headline="Better headline")

    story.refresh_from_db()
    assert story.headline == "Live headline"
    assert story.pending_revision == revision
    assert revision.pending
    assert story.editable_text[0] == "Better headline"
    assert story.content_updated_at is None

    review_update(story, translator)
    story.publish_update(by=publisher, correction="An earlier version misnamed the region.")

    story.refresh_from_db()
    assert story.headline == "Better headline"
    assert story.pending_revision is None
    assert story.content_updated_at is not None
    assert story.corrections.get().text == "An earlier version misnamed the region."
    assert story.events.last().action == "articles.story.update_published"


def test_a_second_edit_of_a_published_story_builds_on_the_pending_one():
    translator = make_user("Translator")
    story = make_published_story(headline="Live headline", standfirst="Live standfirst")

    edit(story, translator, headline="Pending headline")
    edit(story, translator, standfirst="Pending standfirst")

    story.refresh_from_db()
    assert story.editable_text[:2] == ("Pending headline", "Pending standfirst")
    assert (story.headline, story.standfirst) == ("Live headline", "Live standfirst")


def test_editing_an_approved_story_sends_it_back_to_review():
    story = make_story(status=S.APPROVED, translation_status=Story.TranslationStatus.REVIEWED)

    edit(story, make_user("Translator"), body="A different body.")

    story.refresh_from_db()
    assert story.status == S.IN_REVIEW
    assert story.translation_status == Story.TranslationStatus.TRANSLATED
    assert story.events.get().action == "articles.story.reopened"


def test_an_edit_never_moves_the_statuses():
    story = make_story()
    story.status = S.PUBLISHED
    story.published_at = timezone.now()

    edit(story, make_user("Translator"), headline="New headline")

    story.refresh_from_db()
    assert story.status == S.NEW
    assert story.published_at is None


@pytest.mark.parametrize("status", [S.WITHDRAWN, S.SPIKED])
def test_withdrawn_and_spiked_stories_cannot_be_edited(status):
    story = make_story(status=status)

    with pytest.raises(WorkflowError, match="story cannot be edited"):
        edit(story, make_user("Translator"), headline="Too late")


def test_restoring_a_revision_is_itself_a_new_revision():
    translator = make_user("Translator")
    story = make_story(headline="One")
    first = edit(story, translator, headline="Two")
    edit(story, translator, headline="Three")

    restored = story.restore(first, by=translator)

    story.refresh_from_db()
    assert story.headline == "Two"
    assert restored.note.startswith("Restored the text of")
    assert story.revisions.count() == 3


def test_being_edited_by_shows_to_others_for_a_while():
    alice, bob = make_user("Translator"), make_user("Reviewer")
    story = make_story()

    story.mark_editing(alice)
    story.refresh_from_db()

    assert story.edited_by_other(bob) == alice
    assert story.edited_by_other(alice) is None
    later = timezone.now() + timezone.timedelta(hours=1)
    assert story.edited_by_other(bob, now=later) is None
