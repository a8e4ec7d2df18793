"""``manage.py poll_sources [--source SLUG]``: fetch and import every active source's feed.

One line per source (``imported|not_modified|failed <slug>: <message>``). A failing
source never stops the others; the exit status is 1 when any failed, so cron can alert.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from ingest.models import FeedState
from ingest.polling import poll_source, pollable_sources


class Command(BaseCommand):
    help = "Poll the feed of every active source that has a feed URL, and import its stories."

    def add_arguments(self, parser):
        parser.add_argument("--source", metavar="SLUG", help="Poll only this source.")

    def handle(self, *args, source, **options):
        sources = pollable_sources()
        if source:
            sources = sources.filter(slug=source)
            if not sources.exists():
                raise CommandError(f"No active source with a feed URL has the slug “{source}”.")
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
