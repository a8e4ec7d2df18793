"""The lead picture on the story's change form: who may add it, and what is refused."""

import pytest
from django.urls import reverse

from pictures.models import LeadPicture
from tests.articles.test_admin_workflow import form_data, logged_in
from tests.conftest import make_published_story, make_story
from tests.pictures.conftest import bomb_png, make_picture, picture_bytes, stored_files, upload

pytestmark = pytest.mark.django_db

PREFIX = "lead_picture-0-"


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def with_picture(story, image, *, initial=0, **fields):
    """The change form's data with the picture form filled in."""
    fields.setdefault("alt_text", "Rescue workers carry a stretcher out of a building.")
    fields.setdefault("caption", "Kursk, on Tuesday.")
    fields.setdefault("credit", "Photo: Reuters/Jane Doe")
    data = form_data(story, story.lock_version)
    data.update(
        {
            "lead_picture-TOTAL_FORMS": "1",
            "lead_picture-INITIAL_FORMS": str(initial),
            "lead_picture-MIN_NUM_FORMS": "0",
            "lead_picture-MAX_NUM_FORMS": "1",
            f"{PREFIX}story": story.pk,
            f"{PREFIX}id": "",
        }
    )
    if image is not None:
        data[f"{PREFIX}image"] = image
    data.update({PREFIX + name: value for name, value in fields.items()})
    return data


def errors_of(response):
    formset = response.context["inline_admin_formsets"][0].formset
    return [error for form in formset.forms for errors in form.errors.values() for error in errors]


def test_the_change_form_takes_a_picture_upload(client):
    logged_in(client, "Translator")
    story = make_story()

    html = client.get(change_url(story)).content.decode()

    assert 'enctype="multipart/form-data"' in html
    assert f'name="{PREFIX}image"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html


def test_a_translator_adds_a_lead_picture_to_a_story(client, media_root):
    logged_in(client, "Translator")
    story = make_story()

    response = client.post(change_url(story), with_picture(story, upload("kursk.jpg")))

    assert response.status_code == 302, errors_of(response)
    picture = LeadPicture.objects.get(story=story)
    assert picture.alt_text == "Rescue workers carry a stretcher out of a building."
    assert picture.caption == "Kursk, on Tuesday."
    assert picture.credit == "Photo: Reuters/Jane Doe"
    assert (picture.width, picture.height) == (1200, 800)
    assert stored_files(media_root) == [picture.image.name]


def test_the_change_form_shows_the_current_picture_and_its_size(client):
    logged_in(client, "Translator")
    picture = make_picture(story=make_story())

    html = client.get(change_url(picture.story)).content.decode()

    assert f'<img src="{picture.image.url}" width="240" height="160" alt="">' in html
    assert "1200 by 800 pixels" in html


@pytest.mark.parametrize(
    ("image", "error"),
    [
        (
            upload("notes.jpg", b"Meeting notes, renamed to look like a photo.\n"),
            "This file is not a JPEG, PNG or WebP picture, or it is damaged.",
        ),
        (
            upload("animation.gif", picture_bytes("GIF"), content_type="image/gif"),
            "This file is not a JPEG, PNG or WebP picture, or it is damaged.",
        ),
        (
            upload("bomb.png", bomb_png(), content_type="image/png"),
            "The picture has more pixels than Newsroom accepts (at most 50 million).",
        ),
        (
            upload("panorama.png", picture_bytes("PNG", size=(10_001, 20))),
            "The picture is 10001 by 20 pixels; at most 10000 pixels on either side are accepted.",
        ),
    ],
    ids=["renamed-text-file", "gif", "decompression-bomb", "too-wide"],
)
def test_a_refused_file_is_a_form_error_and_nothing_is_saved(client, media_root, image, error):
    logged_in(client, "Translator")
    story = make_story()
    version = story.lock_version

    response = client.post(change_url(story), with_picture(story, image, revision_note="x"))

    assert response.status_code == 200
    [message] = errors_of(response)
    assert message.startswith(error)
    assert not LeadPicture.objects.exists()
    assert stored_files(media_root) == []
    story.refresh_from_db()
    assert story.lock_version == version, "the story was not saved either"
    assert not story.revisions.exists()


def test_a_file_over_the_size_limit_is_refused(client, settings, media_root):
    settings.NEWSROOM_PICTURE_MAX_BYTES = 4096
    logged_in(client, "Translator")
    story = make_story()

    response = client.post(change_url(story), with_picture(story, upload()))

    assert response.status_code == 200
    assert errors_of(response)[0].endswith("a picture may be at most 4.0\xa0KB.")
    assert stored_files(media_root) == []


def test_a_picture_needs_its_credit_and_alt_text_in_the_form(client, media_root):
    logged_in(client, "Translator")
    story = make_story()

    response = client.post(change_url(story), with_picture(story, upload(), credit="", alt_text=""))

    assert errors_of(response) == ["This field is required.", "This field is required."]
    assert stored_files(media_root) == []


def test_a_translator_sees_but_cannot_change_the_picture_of_a_published_story(client):
    logged_in(client, "Translator")
    picture = make_picture(story=make_published_story())

    html = client.get(change_url(picture.story)).content.decode()

    assert picture.credit in html
    assert f'name="{PREFIX}image"' not in html
    assert f'name="{PREFIX}credit"' not in html


def test_a_translator_cannot_add_a_picture_to_a_published_story_by_posting_one(client):
    logged_in(client, "Translator")
    story = make_published_story()

    response = client.post(change_url(story), with_picture(story, upload()))

    assert response.status_code == 302
    assert not LeadPicture.objects.exists()


def test_a_publisher_replaces_the_picture_of_a_published_story(client, media_root):
    logged_in(client, "Publisher")
    picture = make_picture(story=make_published_story())
    data = with_picture(
        picture.story,
        upload("new.png", picture_bytes("PNG", size=(800, 600))),
        initial=1,
        credit="Photo: AFP",
    )
    data[f"{PREFIX}id"] = picture.pk

    response = client.post(change_url(picture.story), data)

    assert response.status_code == 302, errors_of(response)
    picture.refresh_from_db()
    assert (picture.credit, picture.width, picture.image.name[-4:]) == ("Photo: AFP", 800, ".png")
    event = picture.story.events.get(action="pictures.picture.changed")
    assert (event.actor.groups.get().name, event.note) == ("Publisher", "Photo: AFP")
