"""The admin upload page (``admin:ingest_upload``): publishers only; the files are stored and
queued, the worker imports them, and the upload's own page reports one line per story."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from articles.models import Story
from ingest.models import ImportBatch
from tests.conftest import make_source, make_user
from tests.ingest.conftest import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("imports_storage")]

URL = "admin:ingest_upload"


def upload_file(samples_dir, path):
    return SimpleUploadedFile(path.split("/")[-1], (samples_dir / path).read_bytes())


def upload(client, files, **data):
    """POST the files; return the upload the page redirected to."""
    response = client.post(reverse(URL), {"files": files, **data})
    assert response.status_code == 302, response.text
    batch = ImportBatch.objects.latest("pk")
    assert response.url == reverse("admin:ingest_upload_batch", args=[batch.pk])
    return batch


def report(client, batch):
    response = client.get(reverse("admin:ingest_upload_batch", args=[batch.pk]))
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize("role", ["Translator", "Reviewer", "Moderator"])
def test_users_who_cannot_add_stories_are_refused_the_upload_pages(client, role, samples_dir):
    publisher = make_user("Publisher")
    client.force_login(publisher)
    batch = upload(client, [upload_file(samples_dir, "nitf/ntb-nitf-sample.xml")])
    client.force_login(make_user(role))

    get = client.get(reverse(URL))
    post = client.post(
        reverse(URL), {"files": [upload_file(samples_dir, "nitf/ntb-nitf-sample.xml")]}
    )
    page = client.get(reverse("admin:ingest_upload_batch", args=[batch.pk]))
    resume = client.post(reverse("admin:ingest_upload_resume", args=[batch.pk]))

    statuses = (get.status_code, post.status_code, page.status_code, resume.status_code)
    assert statuses == (403, 403, 403, 403)
    assert "needs permission to add stories, which publishers have" in get.text
    assert 'href="/admin/"' in get.text, "a way back from where they are"
    assert ImportBatch.objects.count() == 1
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


def test_an_upload_is_stored_and_queued_and_nothing_is_imported_in_the_request(
    client, samples_dir, imports_storage
):
    client.force_login(make_user("Publisher"))

    batch = upload(client, [upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json")])

    assert not Story.objects.exists()
    (stored,) = stored_files(imports_storage)
    assert stored.endswith("/ninjs-3.0-dpa-text.json")
    assert (
        imports_storage.open(stored).read()
        == (samples_dir / "ninjs/ninjs-3.0-dpa-text.json").read_bytes()
    )
    (task,) = DBTaskResult.objects.filter(status="READY")
    assert task.task_path == "ingest.tasks.import_batch"
    assert task.args_kwargs["args"] == [batch.pk]
    assert "Waiting for the worker to start." in report(client, batch)


def test_the_worker_imports_the_upload_and_its_page_shows_a_line_per_story(
    client, samples_dir, run_tasks, imports_storage
):
    publisher = make_user("Publisher")
    client.force_login(publisher)
    files = [
        upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json"),
        upload_file(samples_dir, "newsml-g2/tt-newsmlg2-sample.xml"),
        SimpleUploadedFile("broken.xml", b"<nitf><head></nitf>"),
    ]
    batch = upload(client, files)

    run_tasks()

    text = report(client, batch)
    assert "5 of 5 done" in text
    assert "<strong>created</strong> ninjs-3.0-dpa-text.json:" in text
    assert "<strong>skipped</strong> tt-newsmlg2-sample.xml#1:" in text
    assert "<strong>created</strong> tt-newsmlg2-sample.xml#2:" in text
    assert "<strong>refused</strong> broken.xml: The XML is malformed" in text
    assert "2 created, 0 updated, 0 unchanged, 2 skipped, 1 refused" in text
    assert Story.objects.count() == 2
    story = Story.objects.get(source__name="dpa")
    assert reverse("admin:articles_story_change", args=[story.pk]) in text
    assert story.revisions.get().created_by == publisher
    assert stored_files(imports_storage) == [], "an imported file is not kept"
    assert 'http-equiv="refresh"' not in text


def test_the_upload_page_lists_recent_uploads_with_their_progress(client, samples_dir, run_tasks):
    client.force_login(make_user("Publisher"))
    batch = upload(client, [upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json")])
    run_tasks()

    response = client.get(reverse(URL))

    assert f'href="{batch.get_absolute_url()}">Upload {batch.pk}</a>' in response.text
    assert "1 of 1 done" in response.text


def test_the_chosen_source_is_credited_and_the_size_limit_holds(
    client, samples_dir, settings, run_tasks, imports_storage
):
    client.force_login(make_user("Publisher"))
    ap = make_source(name="AP", language="en")
    settings.NEWSROOM_IMPORT_MAX_BYTES = 3000
    files = [
        upload_file(samples_dir, "ninjs/ninjs-1.4-simple-text.json"),
        upload_file(samples_dir, "ninjs/ninjs-3.0-dpa-text.json"),
    ]

    batch = upload(client, files, source=ap.pk)
    kept = stored_files(imports_storage)
    run_tasks()

    text = report(client, batch)
    assert [name.split("/")[1] for name in kept] == ["ninjs-1.4-simple-text.json"]
    assert "<strong>created</strong> ninjs-1.4-simple-text.json: " in text
    assert "over the import limit of 3000 bytes" in text
    assert Story.objects.get().source == ap


def test_a_script_in_an_uploaded_file_name_or_body_is_shown_escaped(client, run_tasks):
    client.force_login(make_user("Publisher"))
    source = make_source(language="en")
    data = b'{"uri": "urn:x", "headline": "<script>alert(1)</script>", "body_text": "Fine."}'

    batch = upload(client, [SimpleUploadedFile("<b>x.json", data)], source=source.pk)
    run_tasks()

    text = report(client, batch)
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;x.json" in text
