"""The lead picture as the model keeps it: what it needs, what it refuses, where it goes."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles import public_cache
from pictures.models import LeadPicture
from pictures.validators import inspect_picture
from tests.conftest import make_published_story, make_story
from tests.pictures.conftest import (
    bomb_png,
    make_picture,
    picture_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


def test_a_picture_is_stored_under_its_month_with_its_size_read_from_the_file(media_root):
    picture = make_picture(image=upload("Rescue Workers in Kursk.jpg"))

    month = timezone.now().strftime("%Y/%m")
    assert re.fullmatch(
        rf"pictures/{month}/rescue-workers-in-kursk-[\w-]{{8}}\.jpg", picture.image.name
    )
    assert (picture.width, picture.height) == (1200, 800)
    assert stored_files(media_root) == [picture.image.name]


def test_two_uploads_of_the_same_name_never_share_a_file():
    first = make_picture(image=upload("photo.jpg"))
    second = make_picture(image=upload("photo.jpg"))

    assert first.image.name != second.image.name


def test_the_file_name_says_what_the_file_holds_whatever_it_was_called():
    picture = make_picture(image=upload("photo.html", picture_bytes("PNG")))

    assert picture.image.name.endswith(".png")


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_jpeg_png_and_webp_are_accepted(image_format):
    picture = LeadPicture(
        story=make_story(),
        image=upload("picture", picture_bytes(image_format)),
        alt_text="A picture.",
        credit="Photo: AP",
    )

    picture.full_clean()


def test_a_picture_needs_alt_text_and_a_credit():
    picture = LeadPicture(story=make_story(), image=upload(), alt_text="", credit="")

    with pytest.raises(ValidationError) as refused:
        picture.full_clean()

    assert set(refused.value.message_dict) == {"alt_text", "credit"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Not a picture, only a name that ends in .jpg\n", "is not a JPEG, PNG or WebP"),
        (picture_bytes("GIF"), "is not a JPEG, PNG or WebP"),
        (picture_bytes("JPEG")[:200], "or it is damaged"),
        (picture_bytes("PNG", size=(12_000, 10)), "12000 by 10 pixels; at most 10000"),
    ],
    ids=["text-file", "gif", "truncated", "too-wide"],
)
def test_a_file_that_is_no_acceptable_picture_is_refused_with_the_reason(content, message):
    picture = LeadPicture(
        story=make_story(), image=upload("photo.jpg", content), alt_text="A", credit="Photo: AP"
    )

    with pytest.raises(ValidationError, match=message) as refused:
        picture.full_clean()

    assert list(refused.value.message_dict) == ["image"]


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.NEWSROOM_PICTURE_MAX_BYTES = 1024

    # Not a picture either: the size alone refuses it, before Pillow sees a byte.
    with pytest.raises(ValidationError) as refused:
        inspect_picture(upload(content=b"x" * 2048))

    assert refused.value.messages == ["The file is 2.0\xa0KB; a picture may be at most 1.0\xa0KB."]


@pytest.mark.parametrize(
    ("width", "height"),
    [(100_000, 100_000), (9_500, 9_500)],
    ids=["past-pillows-limit", "past-pillows-warning"],
)
def test_a_decompression_bomb_is_refused_by_its_header(width, height):
    bomb = upload("bomb.png", bomb_png(width, height), content_type="image/png")

    with pytest.raises(ValidationError, match="more pixels than Newsroom accepts"):
        inspect_picture(bomb)


def test_a_picture_past_the_pixel_limit_is_refused(settings):
    settings.NEWSROOM_PICTURE_MAX_PIXELS = 500_000

    with pytest.raises(ValidationError, match=r"at most 0.5 million"):
        inspect_picture(upload(content=picture_bytes(size=(1000, 600))))


def test_a_stored_picture_is_not_read_again_when_the_model_is_validated(media_root):
    picture = make_picture()
    (media_root / picture.image.name).write_bytes(b"damaged on disk since")

    LeadPicture.objects.get(pk=picture.pk).full_clean()


def test_deleting_a_picture_deletes_its_file_once_committed(
    media_root, django_capture_on_commit_callbacks
):
    picture = make_picture()

    with django_capture_on_commit_callbacks(execute=True):
        picture.delete()

    assert stored_files(media_root) == []


def test_a_new_upload_replaces_the_old_file_once_committed(
    media_root, django_capture_on_commit_callbacks
):
    picture = make_picture(image=upload("first.jpg"))

    with django_capture_on_commit_callbacks(execute=True):
        picture.image = upload("second.jpg", picture_bytes(size=(640, 480)))
        picture.save()

    assert [name.split("/")[-1][:7] for name in stored_files(media_root)] == ["second-"]
    assert (picture.width, picture.height) == (640, 480)


def test_a_story_deleted_takes_its_picture_file_along(
    media_root, django_capture_on_commit_callbacks
):
    picture = make_picture(story=make_story())

    with django_capture_on_commit_callbacks(execute=True):
        picture.story.delete()

    assert stored_files(media_root) == []


def test_a_picture_change_on_a_public_story_retires_cached_pages():
    story = make_published_story()
    before = public_cache.generation()

    make_picture(story=story)

    assert public_cache.generation() != before


def test_a_picture_on_a_draft_leaves_cached_pages_alone():
    draft = make_story()
    before = public_cache.generation()

    make_picture(story=draft)

    assert public_cache.generation() == before
