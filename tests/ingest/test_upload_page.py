"""The admin upload page (``admin:ingest_upload``): publishers only, one report line per story."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Story
from tests.conftest import make_source, make_user

pytestmark = pytest.mark.django_db

URL = "admin:ingest_upload"


def upload_file(samples_dir, path):
    return SimpleUploadedFile(path.split("/")[-1], (samples_dir / path).read_bytes())


@pytest.mark.parametrize("role", ["Translator", "Reviewer", "Moderator"])
def test_users_who_cannot_add_stories_are_refused_the_upload_page(client, role, samples_dir):
    client.force_login(make_user(role))

    get = client.get(reverse(URL))
    post = client.post(
        reverse(URL), {"files": [upload_file(samples_dir, "nitf/ntb-nitf-sample.xml")]}
    )

    assert (get.status_code, post.status_code) == (403, 403)
    assert not Story.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(reverse(URL))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_publisher_sees_the_form(client):
    client.force_login(make_user("Publisher"))

    response = client.get(reverse(URL))

    assert response.status_code == 200
    assert 'type="file"' in response.text
    assert "multiple" in response.text


def test_a_publisher_uploads_several_files_and_sees_a_line_per_story(client, samples_dir):
    client.force_login(make_user("Publisher"))
    files = [
        upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json"),
        upload_file(samples_dir, "newsml-g2/tt-newsmlg2-sample.xml"),
        SimpleUploadedFile("broken.xml", b"<nitf><head></nitf>"),
    ]

    response = client.post(reverse(URL), {"files": files})

    text = response.text
    assert response.status_code == 200
    assert "<strong>created</strong> ninjs-3.0-dpa-text.json:" in text
    assert "<strong>skipped</strong> tt-newsmlg2-sample.xml#1:" in text
    assert "<strong>created</strong> tt-newsmlg2-sample.xml#2:" in text
    assert "<strong>refused</strong> broken.xml: The XML is malformed" in text
    assert "2 created, 0 updated, 0 unchanged, 2 skipped, 1 refused" in text
    assert Story.objects.count() == 2
    story = Story.objects.get(source__name="dpa")
    assert reverse("admin:articles_story_change", args=[story.pk]) in text


def test_the_chosen_source_is_credited_and_the_size_limit_holds(client, samples_dir, settings):
    client.force_login(make_user("Publisher"))
    ap = make_source(name="AP", language="en")
    settings.NEWSROOM_IMPORT_MAX_BYTES = 3000
    files = [
        upload_file(samples_dir, "ninjs/ninjs-1.4-simple-text.json"),
        upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json"),
    ]

    response = client.post(reverse(URL), {"files": files, "source": ap.pk})

    assert "<strong>created</strong> ninjs-1.4-simple-text.json: " in response.text
    assert "over the import limit of 3000 bytes" in response.text
    assert Story.objects.get().source == ap


def test_a_script_in_an_uploaded_file_name_or_body_is_shown_escaped(client):
    client.force_login(make_user("Publisher"))
    source = make_source(language="en")
    data = b'{"uri": "urn:x", "headline": "<script>alert(1)</script>", "body_text": "Fine."}'

    response = client.post(
        reverse(URL), {"files": [SimpleUploadedFile("x.json", data)], "source": source.pk}
    )

    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
