"""An upload whose worker died: its page says where it stopped, and Resume finishes it
without importing a story twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from ingest import uploads
from ingest.models import ImportBatch, ImportLine
from ingest.tasks import queue_upload
from tests.conftest import make_user
from tests.ingest.conftest import stored_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("imports_storage")]


def feed(count, *, start=1):
    """An RSS feed of ``count`` stories, each with its own guid."""
    items = "".join(
        f"<item><title>Meldung {n}</title><link>https://stern.example/{n}</link>"
        f"<guid>urn:stern:{n}</guid><description>Absatz {n}.</description></item>"
        for n in range(start, start + count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Stern</title><language>de</language>{items}</channel></rss>"
    ).encode()


def queue_feed(count, *, by=None):
    files = [SimpleUploadedFile("stern.rss", feed(count))]
    return queue_upload(files, source=None, format=None, by=by or make_user("Publisher"))


def worker_dies_after(done, *, patch):
    """Make the worker die (as on a second Ctrl+C) when it reaches the story after ``done``."""
    calls = 0
    real = uploads.import_item

    def import_item(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls > done:
            raise SystemExit(1)
        return real(*args, **kwargs)

    patch.setattr(uploads, "import_item", import_item)


def page(client, batch):
    response = client.get(reverse("admin:ingest_upload_batch", args=[batch.pk]))
    assert response.status_code == 200
    return response.text


def resume(client, batch):
    return client.post(reverse("admin:ingest_upload_resume", args=[batch.pk]), follow=True)


def test_an_interrupted_upload_says_where_it_stopped_and_resume_finishes_it_once(
    client, run_tasks, monkeypatch, imports_storage
):
    publisher = make_user("Publisher")
    client.force_login(publisher)
    batch = queue_feed(5, by=publisher)
    with monkeypatch.context() as patch:
        worker_dies_after(3, patch=patch)
        run_tasks(failing=True)

    text = page(client, batch)
    assert "Stopped after 3 of 5: created stern.rss#3: “Meldung 3” from Stern." in text
    assert "SystemExit: 1" in text
    assert 'value="Resume"' in text
    assert Story.objects.count() == 3
    assert stored_files(imports_storage), "a stopped upload keeps its file to resume from"

    resumed = resume(client, batch)
    run_tasks()

    assert "The upload is queued again; it resumes where it stopped." in resumed.text
    text = page(client, batch)
    assert "5 of 5 done" in text
    assert "5 created, 0 updated, 0 unchanged, 0 skipped, 0 refused" in text
    assert Story.objects.count() == 5
    assert ImportLine.objects.filter(file__batch=batch).count() == 5
    assert text.count("<strong>created</strong> stern.rss#3:") == 1
    assert stored_files(imports_storage) == []


def test_a_killed_worker_is_seen_by_its_silence_and_the_upload_can_be_resumed(
    client, run_tasks, monkeypatch, settings
):
    client.force_login(make_user("Publisher"))
    batch = queue_feed(4)
    with monkeypatch.context() as patch:
        worker_dies_after(2, patch=patch)
        # SIGKILL runs no handler: the batch stays "running" and nobody says it stopped.
        patch.setattr(ImportBatch, "stop", lambda *args, **kwargs: None)
        run_tasks(failing=True)

    running = page(client, batch)
    refused = resume(client, batch)
    silent_since = timezone.now() - timezone.timedelta(
        seconds=settings.NEWSROOM_IMPORT_STALL_SECONDS + 1
    )
    ImportBatch.objects.filter(pk=batch.pk).update(heartbeat_at=silent_since)
    stalled = page(client, batch)
    resume(client, batch)
    run_tasks()

    assert "2 of 4 done" in running
    assert 'http-equiv="refresh"' in running
    assert "Only a stopped upload can be resumed; this one is running." in refused.text
    assert "Stopped after 2 of 4: created stern.rss#2" in stalled
    assert "The worker made no progress for several minutes" in stalled
    assert "4 of 4 done" in page(client, batch)
    assert Story.objects.count() == 4


def test_a_run_presumed_dead_that_wakes_up_writes_nothing_once_another_took_over():
    batch = queue_feed(2)
    presumed_dead = batch.start()
    resumed = batch.start()

    assert not batch.advance(run=presumed_dead)
    assert batch.advance(run=resumed)
    assert ImportBatch.objects.get(pk=batch.pk).done == 1


def test_a_finished_upload_cannot_be_resumed(client, run_tasks):
    client.force_login(make_user("Publisher"))
    batch = queue_feed(1)
    run_tasks()

    response = resume(client, batch)

    assert "Only a stopped upload can be resumed; this one is done." in response.text
    assert run_tasks() == []
