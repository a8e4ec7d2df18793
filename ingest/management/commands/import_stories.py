"""``manage.py import_stories [--source SLUG] [--format F] [--publish] [--json] PATH...``.

Scrapes, ninjs, NITF, NewsML-G2 and RSS/Atom files, folders of them, or ``-`` for
standard input. One line per story (``created|updated|unchanged|skipped|refused
<path>: <detail>``, with ``#n`` after the path for the n-th story of a file holding
several), then a summary; ``--json`` prints the same as one JSON document instead. The
exit status is 1 when anything was refused, so a scheduled run can alert on it.
"""

import json
import sys
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from articles.models import Source
from ingest.formats import PARSERS
from ingest.importer import OUTCOMES, import_paths, summary_line


class Command(BaseCommand):
    help = "Import story files (scrape, ninjs, NITF, NewsML-G2, RSS/Atom), reporting on each."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--source",
            metavar="SLUG",
            help="Credit every story to this source, whatever the file's credit line says.",
        )
        parser.add_argument(
            "--format",
            choices=sorted(PARSERS),
            help="Read every file as this format instead of detecting it from the content.",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish imported stories that are still new (archive stories were reviewed).",
        )
        parser.add_argument(
            "--json", action="store_true", help="Report as one JSON document, for machines."
        )

    def handle(self, *args, paths, source, format, publish, json: bool, **options):
        chosen = self._source(source) if source else None
        counts = Counter()
        results = []
        stdin = sys.stdin.buffer if Path("-") in paths else None
        for result in import_paths(
            paths, source=chosen, publish=publish, format=format, stdin=stdin
        ):
            counts[result.outcome] += 1
            if json:
                results.append(result.as_dict())
            else:
                style = self.style.ERROR if result.outcome == "refused" else None
                self.stdout.write(result.as_line(), style)
        summary = {outcome: counts[outcome] for outcome in OUTCOMES}
        if json:
            self.stdout.write(_dumps({"results": results, "summary": summary}))
        else:
            self.stdout.write(summary_line(summary))
        if refused := counts["refused"]:
            message = ngettext(
                "%d file or story was refused.", "%d files or stories were refused.", refused
            )
            raise CommandError(message % refused, returncode=1)

    def _source(self, slug):
        """Checked before any file is read, so a typo imports nothing."""
        try:
            return Source.objects.get(slug=slug)
        except Source.DoesNotExist:
            raise CommandError(f"No source has the slug “{slug}”.") from None


def _dumps(document):
    return json.dumps(document, ensure_ascii=False, indent=2)
