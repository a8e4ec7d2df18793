"""Background work for ingest, run by ``manage.py db_worker``."""

from django_tasks import task

from articles.models import Source

from .polling import poll_source, pollable_sources


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
