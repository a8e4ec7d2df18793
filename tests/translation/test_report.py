"""Translation metadata: method, engine, people and time in each status, as CSV for the desk."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from tests.conftest import make_story, make_user
from translation.report import time_in_statuses, translation_report

pytestmark = pytest.mark.django_db

T = Story.TranslationStatus


def test_time_in_each_status_is_read_from_the_timeline():
    story = make_story(translation_status=T.UNTRANSLATED)
    start = story.created_at
    story.start_translation(by=make_user("Translator"))
    story.events.filter(action="articles.translation.in_translation").update(
        at=start + timezone.timedelta(hours=2)
    )

    spent = time_in_statuses(story, now=start + timezone.timedelta(hours=5))

    assert round(spent["untranslated"] / 3600) == 2
    assert round(spent["in_translation"] / 3600) == 3
    assert round(spent["new"] / 3600) == 5


def test_the_report_has_a_row_per_story_with_method_engine_and_people():
    translator = make_user("Translator", username="anna")
    story = make_story(
        translator=translator,
        translation_method=Story.TranslationMethod.MACHINE_POST_EDITED,
        machine_engine="DeepL",
    )

    rows = list(csv.DictReader(io.StringIO(translation_report([story]))))

    assert rows[0]["translation method"] == "Machine, post-edited"
    assert rows[0]["engine"] == "DeepL"
    assert rows[0]["translator"] == "anna"
    assert "hours in review" in rows[0]


def test_the_story_list_exports_the_report(client):
    stories = [make_story(), make_story()]
    client.force_login(make_user("Reviewer"))

    response = client.post(
        reverse("admin:articles_story_changelist"),
        {"action": "export_translation_report", "_selected_action": [s.pk for s in stories]},
    )

    assert response["Content-Type"] == "text/csv"
    assert len(response.content.decode().strip().splitlines()) == 3


def test_the_change_form_shows_the_method_and_the_time_in_each_status(client):
    client.force_login(make_user("Translator"))
    story = make_story(machine_engine="DeepL", translation_method="machine")

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    assert "Time in each status" in html
    assert "DeepL" in html
