import datetime

import pytest
import time_machine
from django.urls import reverse

from articles.models import WorkflowError
from tests.articles.states import review_update
from tests.conftest import make_published_story, make_user

pytestmark = pytest.mark.django_db

UPDATE_TIME = datetime.datetime(2026, 3, 5, 10, 30, tzinfo=datetime.UTC)


@pytest.fixture
def publisher(db):
    return make_user("Publisher")


def test_a_published_update_shows_when_the_story_was_updated(client, publisher):
    story = make_published_story(headline="First version")
    story.headline = "Second version"
    translator = make_user("Translator")
    story.save_edit(by=translator, base_version=story.lock_version)
    review_update(story, translator)

    with time_machine.travel(UPDATE_TIME, tick=False):
        story.publish_update(by=publisher)
    html = client.get(story.get_absolute_url()).content.decode()

    assert "<h1>Second version</h1>" in html
    assert 'Updated <time datetime="2026-03-05T10:30:00+00:00">5 March 2026, 10:30</time>' in html
    assert 'class="corrections"' not in html, "an update without a correction adds no note"


def test_a_story_never_updated_shows_only_its_publish_time(client):
    story = make_published_story()

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'datetime="{story.published_at.isoformat()}"' in html
    assert "Updated" not in html
    assert "Correction" not in html


def test_a_correction_is_a_dated_note_at_the_end_of_the_article(client, publisher):
    story = make_published_story(body="Opening paragraph.\n\nClosing paragraph.")

    with time_machine.travel(UPDATE_TIME, tick=False):
        story.add_correction(by=publisher, note="An earlier version misnamed the region.")
    html = client.get(story.get_absolute_url()).content.decode()

    note = (
        '<strong>Correction, <time datetime="2026-03-05T10:30:00+00:00">5 March 2026</time>:'
        "</strong> An earlier version misnamed the region."
    )
    assert note in html
    assert '<h2 id="corrections-heading">Correction</h2>' in html
    assert html.index("Closing paragraph.") < html.index(note) < html.index('class="credit"')
    assert "Updated <time" in html, "a correction also marks the story as updated"


def test_corrections_are_listed_oldest_first_under_one_heading(client, publisher):
    story = make_published_story()
    story.headline = "Fixed headline"
    story.save_edit(by=publisher, base_version=story.lock_version)
    review_update(story, publisher)

    with time_machine.travel(UPDATE_TIME, tick=False):
        story.publish_update(by=publisher, correction="The headline named the wrong city.")
    with time_machine.travel(UPDATE_TIME + datetime.timedelta(days=1), tick=False):
        story.add_correction(by=publisher, note="The casualty figure was 12, not 21.")
    html = client.get(story.get_absolute_url()).content.decode()

    assert '<h2 id="corrections-heading">Corrections</h2>' in html
    first = html.index("5 March 2026</time>:</strong> The headline named the wrong city.")
    second = html.index("6 March 2026</time>:</strong> The casualty figure was 12, not 21.")
    assert first < second
    assert "Updated <time" in html
    assert "6 March 2026, 10:30</time>" in html


def test_a_correction_goes_live_at_once_and_waits_for_a_second_look(client, publisher):
    story = make_published_story()
    story.add_correction(by=publisher, note="An earlier version named the wrong city.")
    correction = story.corrections.get()
    reviewer = make_user("Reviewer")
    client.force_login(reviewer)

    assert "named the wrong city" in client.get(story.get_absolute_url()).content.decode()
    queue = client.get(reverse("admin:articles_story_changelist"), {"queue": "corrections"})
    assert list(queue.context["cl"].result_list) == [story]
    client.post(reverse("admin:articles_story_correction_confirm", args=[story.pk, correction.pk]))

    correction.refresh_from_db()
    assert correction.second_look_by == reviewer
    assert story.events.last().action == "articles.story.correction_confirmed"
    queue = client.get(reverse("admin:articles_story_changelist"), {"queue": "corrections"})
    assert list(queue.context["cl"].result_list) == []


def test_the_publisher_who_wrote_a_correction_cannot_give_it_its_second_look(publisher):
    story = make_published_story()
    story.add_correction(by=publisher, note="A date was wrong.")

    with pytest.raises(WorkflowError, match="you wrote this correction"):
        story.confirm_correction(story.corrections.get(), by=publisher)
