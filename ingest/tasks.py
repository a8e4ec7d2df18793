"""Background work for ingest, run by ``manage.py db_worker``."""

from django.db import transaction
from django_tasks import task

from articles.models import Source

from .models import ImportBatch, ImportFile
from .polling import poll_source, pollable_sources
from .uploads import discard_files, keep_files, run_batch


@task()
def poll_feed(source_id: int) -> str:
    """Fetch and import one source's feed; return the outcome line the command prints."""
    source = pollable_sources().filter(pk=source_id).first()
    if source is None:
        return f"skipped {source_id}: the source is inactive, gone or has no feed URL"
    state = poll_source(source)
    return f"{state.outcome} {source.slug}: {state.message}"


def enqueue_polls(sources) -> list[Source]:
    """Queue one poll per source, so several workers poll several feeds at once."""
    sources = list(sources)
    for source in sources:
        poll_feed.enqueue(source.pk)
    return sources


@task()
def import_batch(batch_id: int) -> str:
    """Import an uploaded batch, or what is left of it after a run that stopped."""
    return run_batch(batch_id)


def queue_upload(uploaded, *, source: Source | None, format: str | None, by) -> ImportBatch:
    """Store the uploaded files and queue their import; nothing is imported in the request.

    The database backend saves the task in the batch's transaction: neither exists alone.
    """
    files = keep_files(uploaded)
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(created_by=by, source=source, format=format or "")
            for file in files:
                file.batch = batch
            ImportFile.objects.bulk_create(files)
            import_batch.enqueue(batch.pk)
    except BaseException:
        discard_files(files)
        raise
    return batch


@transaction.atomic
def queue_resume(batch: ImportBatch) -> None:
    """Queue a stopped batch again; UploadError says why one still running or done cannot be."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    batch.reopen()
    import_batch.enqueue(batch.pk)
