"""Polling each active source's feed: fetch, import, and remember how it went.

Each source is polled on its own: a feed that times out, answers 500 or sends garbage is
recorded as failed on its FeedState and the next source is polled all the same.
"""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Source
from ingest.fetching import FetchError, fetch_feed
from ingest.importer import import_data, summary_line
from ingest.models import FeedState

Outcome = FeedState.Outcome


def pollable_sources():
    return Source.objects.filter(is_active=True).exclude(feed_url="").order_by("name")


def poll_sources(*, now: datetime | None = None) -> Iterator[FeedState]:
    """Poll every active source with a feed URL, yielding each one's state as it is saved."""
    for source in pollable_sources():
        yield poll_source(source, now=now)


def poll_source(source: Source, *, now: datetime | None = None) -> FeedState:
    """Fetch and import one source's feed; the outcome is saved on its FeedState."""
    state, _created = FeedState.objects.get_or_create(source=source)
    state.polled_at = now or timezone.now()
    try:
        fetched = fetch_feed(source.feed_url, etag=state.etag, last_modified=state.last_modified)
    except FetchError as exc:
        return _save(state, Outcome.FAILED, str(exc))
    except Exception as exc:  # One source's failure must not stop the others.
        return _save(state, Outcome.FAILED, f"{type(exc).__name__}: {exc}")
    if fetched.not_modified:
        state.last_success_at = state.polled_at
        return _save(state, Outcome.NOT_MODIFIED, _("The feed has not changed since last time."))
    results = import_data(fetched.content, path=Path(source.slug), source=source)
    counts = Counter(result.outcome for result in results)
    message = summary_line(counts)
    refusals = [result.as_line() for result in results if result.outcome == "refused"]
    if counts["refused"] == len(results):
        return _save(state, Outcome.FAILED, "\n".join(refusals))
    # Only a feed that was read may be skipped next time as unchanged.
    state.etag, state.last_modified = fetched.etag[:500], fetched.last_modified[:100]
    state.last_success_at = state.polled_at
    return _save(state, Outcome.IMPORTED, "\n".join([message, *refusals]))


def _save(state: FeedState, outcome: str, message: str) -> FeedState:
    state.outcome, state.message = outcome, message
    state.save()
    return state
