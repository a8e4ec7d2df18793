"""``manage.py import_stories [--source SLUG] [--publish] PATH...``: scraped stories in.

One line per file (``created|updated|unchanged|refused <path>: <detail>``), then a summary.
The exit status is 1 when any file was refused, so a scheduled run can alert on it.
"""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from articles.models import Source
from ingest.importer import OUTCOMES, import_paths


class Command(BaseCommand):
    help = "Import scraped story files, or folders of .txt files, reporting on each file."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--source",
            metavar="SLUG",
            help="Credit every story to this source, whatever the file's credit line says.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish imported stories that are still new (archive stories were reviewed).",
        )

    def handle(self, *args, paths, source, publish, **options):
        chosen = self._source(source) if source else None
        counts = Counter()
        for result in import_paths(paths, source=chosen, publish=publish):
            counts[result.outcome] += 1
            style = self.style.ERROR if result.outcome == "refused" else None
            self.stdout.write(f"{result.outcome} {result.path}: {result.detail}", style)
        self.stdout.write(", ".join(f"{counts[outcome]} {outcome}" for outcome in OUTCOMES))
        if refused := counts["refused"]:
            message = ngettext("%d file was refused.", "%d files were refused.", refused)
            raise CommandError(message % refused, returncode=1)

    def _source(self, slug):
        """Checked before any file is read, so a typo imports nothing."""
        try:
            return Source.objects.get(slug=slug)
        except Source.DoesNotExist:
            raise CommandError(f"No source has the slug “{slug}”.") from None
