import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import OriginalVersion, Story
from tests.conftest import make_story, make_user

pytestmark = pytest.mark.django_db


def receive(story, number, body):
    return OriginalVersion.objects.create(
        story=story, number=number, headline="Putin sieht Offensive gescheitert", body=body
    )


def test_marking_translated_records_the_version_translated():
    story = make_story(translation_status=Story.TranslationStatus.IN_TRANSLATION)
    first = receive(story, 1, "Erster Absatz.")

    story.mark_translated(by=make_user("Translator"))

    story.refresh_from_db()
    assert story.translated_from == first


def test_a_translation_that_needs_updating_shows_how_the_original_changed(client):
    story = make_story(translation_status=Story.TranslationStatus.IN_TRANSLATION)
    receive(story, 1, "Rund 10.000 Soldaten.")
    story.mark_translated(by=make_user("Translator"))
    receive(story, 2, "Rund 12.000 Soldaten.")
    story.flag_original_changed(note="Version 2 arrived.")
    client.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    assert "The original changed since it was translated: version 1 → 2" in html
    assert "<del>10</del>" in html
    assert "<ins>12</ins>" in html


def test_an_up_to_date_translation_shows_no_original_changes(client):
    story = make_story(translation_status=Story.TranslationStatus.IN_TRANSLATION)
    receive(story, 1, "Erster Absatz.")
    story.mark_translated(by=make_user("Translator"))
    client.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    html = client.get(reverse("admin:articles_story_change", args=[story.pk])).content.decode()

    assert "The original changed since it was translated" not in html


def test_a_10000_word_paragraph_rewritten_in_the_original_shows_replaced_whole(client):
    paragraph = " ".join(f"Wort{n % 500}" for n in range(10_000))
    rewritten = f"Neuer Anfang. {paragraph} Neues Ende."
    story = make_story(translation_status=Story.TranslationStatus.IN_TRANSLATION)
    receive(story, 1, paragraph)
    story.mark_translated(by=make_user("Translator"))
    receive(story, 2, rewritten)
    story.flag_original_changed(note="Version 2 arrived.")
    client.force_login(User.objects.create_superuser("chief", password="a-long-password"))

    response = client.get(reverse("admin:articles_story_change", args=[story.pk]))

    assert response.status_code == 200
    (row,) = response.context["original_changes"].rows
    assert row["diff"] == f"<del>{paragraph}</del><ins>{rewritten}</ins>"
    assert row["diff"] in response.content.decode()
    assert row["label"] == "Changed: too long to compare word by word, shown whole"
    assert str(row["label"]) in response.content.decode(), "the translator is told why it is whole"
