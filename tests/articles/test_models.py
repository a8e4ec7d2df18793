import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import Source, Story, WorkflowError
from tests.conftest import make_published_story, make_source, make_story

pytestmark = pytest.mark.django_db

HOUR = timezone.timedelta(hours=1)


def test_published_queryset_and_is_public_agree():
    now = timezone.now()
    stories = [
        make_story(status=Story.Status.NEW),
        make_story(status=Story.Status.APPROVED, published_at=now - HOUR),
        make_published_story(published_at=now - HOUR),
        make_published_story(published_at=now + HOUR),
        make_story(status=Story.Status.WITHDRAWN, published_at=now - HOUR),
    ]

    public = set(Story.objects.published(now=now))

    assert public == {story for story in stories if story.is_public(now=now)}
    assert public == {stories[2]}


def test_a_source_cannot_send_the_same_guid_twice():
    story = make_story(guid="urn:dpa:1")

    with pytest.raises(IntegrityError, match="unique_story_per_source"), transaction.atomic():
        make_story(source=story.source, guid="urn:dpa:1")


def test_the_same_guid_from_two_sources_is_two_stories():
    make_story(guid="urn:shared:1")
    make_story(guid="urn:shared:1")

    assert Story.objects.filter(guid="urn:shared:1").count() == 2


def test_a_published_story_must_have_a_publish_time():
    with pytest.raises(IntegrityError, match="published_story_has_publish_time"):
        make_story(status=Story.Status.PUBLISHED, published_at=None)


def test_slugs_come_from_the_headline_and_stay_unique():
    first = make_story(headline="Putin sees offensive failed")
    second = make_story(headline="Putin sees offensive failed")

    assert first.slug == "putin-sees-offensive-failed"
    assert second.slug == "putin-sees-offensive-failed-2"
    assert first.get_absolute_url() == "/news/putin-sees-offensive-failed/"


def test_body_keeps_paragraphs_and_subheadings_in_order():
    story = make_story(body="One.\r\n\r\n## Two\n\nThree\nstill three.")

    assert [(b.text, b.is_subheading) for b in story.blocks] == [
        ("One.", False),
        ("Two", True),
        ("Three still three.", False),
    ]


def test_sources_match_by_name_whatever_the_case_and_spacing():
    stern = make_source(name="Stern")

    assert list(Source.objects.named("  STERN ")) == [stern]
    assert stern.credit_line == "Source: Stern"


def test_publishing_from_the_archive_records_the_step_on_the_timeline():
    story = make_story()

    story.publish_archived(note="Imported from the old site")

    story.refresh_from_db()
    assert story.is_public()
    event = story.events.get()
    assert (event.action, event.from_status, event.to_status) == (
        "articles.story.published_from_archive",
        "new",
        "published",
    )


def test_an_untranslated_story_cannot_be_published_from_the_archive():
    story = make_story(translation_status=Story.TranslationStatus.UNTRANSLATED)

    with pytest.raises(WorkflowError, match="Only a translated story"):
        story.publish_archived()
    assert not story.events.exists()


def test_an_embargoed_story_cannot_be_published_from_the_archive():
    story = make_story(embargoed_until=timezone.now() + HOUR)

    with pytest.raises(WorkflowError, match="embargoed until"):
        story.publish_archived()


def test_only_a_new_story_can_be_published_from_the_archive():
    story = make_story(status=Story.Status.SPIKED)

    with pytest.raises(WorkflowError, match="this one is Spiked"):
        story.publish_archived()
