"""Translation metadata for the desk's reports: who, how, and how long in each status.

Time in a status is read from the story's timeline: every transition event says when the
story left one status for the next, so nothing has to be stamped twice.
"""

import csv
import io

from django.utils import timezone

from articles.statuses import Status, TranslationStatus

# Editorial statuses a report counts time in; the rest are ends, not waits.
EDITORIAL_WAITS = [Status.NEW, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]


def _spans(start_status, start, events, now):
    """Seconds spent in each status, from the first status at ``start`` through ``events``."""
    spent = {}
    status, since = start_status, start
    for event in events:
        spent[status] = spent.get(status, 0) + (event.at - since).total_seconds()
        status, since = event.to_status, event.at
    spent[status] = spent.get(status, 0) + (now - since).total_seconds()
    return spent


def time_in_statuses(story, now=None):
    """Seconds in each translation and editorial status, keyed by the status value."""
    now = now or timezone.now()
    events = sorted(story.events.all(), key=lambda event: (event.at, event.pk))
    translation = [e for e in events if e.action.startswith("articles.translation.")]
    editorial = [
        e
        for e in events
        if e.action.startswith("articles.story.") and e.from_status and e.to_status != e.from_status
    ]
    first_translation = translation[0].from_status if translation else story.translation_status
    first_status = editorial[0].from_status if editorial else story.status
    return {
        **_spans(first_translation, story.created_at, translation, now),
        **_spans(first_status, story.created_at, editorial, now),
    }


COLUMNS = [
    "id",
    "headline",
    "source",
    "translation method",
    "engine",
    "translator",
    "reviewer",
    "translation status",
    "editorial status",
    *(f"hours {status.label.lower()}" for status in TranslationStatus),
    *(f"hours {status.label.lower()}" for status in EDITORIAL_WAITS),
]


def translation_report(stories, now=None) -> str:
    """A CSV of the stories' translation metadata, one row per story."""
    now = now or timezone.now()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for story in stories:
        spent = time_in_statuses(story, now=now)
        writer.writerow(
            [
                story.pk,
                story.headline,
                story.source.name,
                story.get_translation_method_display(),
                story.machine_engine,
                story.translator.get_username() if story.translator else "",
                story.reviewer.get_username() if story.reviewer else "",
                story.get_translation_status_display(),
                story.get_status_display(),
                *(
                    f"{spent.get(status.value, 0) / 3600:.2f}"
                    for status in [*TranslationStatus, *EDITORIAL_WAITS]
                ),
            ]
        )
    return out.getvalue()
