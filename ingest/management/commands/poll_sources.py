"""``manage.py poll_sources [--source SLUG] [--enqueue]``: fetch and import every feed.

One line per source (``imported|not_modified|failed <slug>: <message>``). A failing
source never stops the others; the exit status is 1 when any failed, so cron can alert.
With ``--enqueue`` it only queues one ``poll_feed`` task per source for ``db_worker``
(that is what the systemd timer does); each outcome is then on the source's FeedState.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from ingest.models import FeedState
from ingest.polling import poll_source, pollable_sources
from ingest.tasks import enqueue_polls


class Command(BaseCommand):
    help = "Poll the feed of every active source that has a feed URL, and import its stories."

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help="Poll only this source.")
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the polls for the background worker (manage.py db_worker) instead.",
        )

    def handle(self, *args, source, enqueue, **options):
        sources = pollable_sources()
        if source:
            sources = sources.filter(slug=source)
            if not sources.exists():
                raise CommandError(f"No active source with a feed URL has the slug “{source}”.")
        if enqueue:
            for item in enqueue_polls(sources):
                self.stdout.write(f"queued {item.slug}")
            return
        failed = 0
        for item in sources:
            state = poll_source(item)
            failed += state.outcome == FeedState.Outcome.FAILED
            style = self.style.ERROR if state.outcome == FeedState.Outcome.FAILED else None
            message = state.message.replace("\n", "\n    ")
            self.stdout.write(f"{state.outcome} {item.slug}: {message}", style)
        if failed:
            message = ngettext("%d feed failed.", "%d feeds failed.", failed)
            raise CommandError(message % failed, returncode=1)
