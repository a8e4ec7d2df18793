"""Ingest throughput: N generated ninjs files, imported once and then again.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- \
        .venv/bin/python bench/ingest.py [N]

Prints stories per second for the first import and for the re-import, which must write
no rows (the content hash is compared first). Migrates the database it is given, so run
it on a throwaway one.
"""

import json
import os
import sys
import tempfile
import time
from pathlib import Path

# The project, not bench/, comes first: bench/http.py would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from articles.models import OriginalVersion, Story  # noqa: E402
from ingest.importer import import_paths  # noqa: E402

PARAGRAPH = (
    "Der Bundestag hat am Donnerstag nach langer Debatte ein Gesetz beschlossen, das die "
    "Förderung erneuerbarer Energien neu regelt und Kommunen mehr Mitsprache gibt. "
)


def write_files(directory: Path, count: int) -> list[Path]:
    """ninjs 3 items of realistic size: a headline, a teaser and eight paragraphs of HTML."""
    paths = []
    for n in range(count):
        body = "".join(f"<p>{PARAGRAPH * 3}({n}.{p})</p>" for p in range(8))
        item = {
            "uri": f"urn:newsml:dpa.com:bench:{n}",
            "version": "1",
            "versionCreated": "2024-09-02T10:00:00+02:00",
            "pubStatus": "usable",
            "language": "de",
            "copyrightHolder": "dpa",
            "headlines": [{"role": "main", "value": f"Bundestag beschließt Gesetz Nummer {n}"}],
            "descriptions": [{"role": "summary", "value": PARAGRAPH}],
            "bodies": [{"role": "html", "contentType": "text/html", "value": body}],
            "subjects": [{"name": "Politik"}, {"name": "Energie"}],
        }
        path = directory / f"{n:06d}.json"
        path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def timed(directory: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    outcomes: dict[str, int] = {}
    for result in import_paths([directory]):
        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
    return time.perf_counter() - start, outcomes


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        write_files(directory, count)
        size = sum(p.stat().st_size for p in directory.iterdir()) / count
        print(f"{count} ninjs files, {size / 1024:.1f} KiB each on average")
        first, outcomes = timed(directory)
        print(f"first import: {first:.1f} s, {count / first:.0f} stories/s, {outcomes}")
        versions = OriginalVersion.objects.count()
        again, outcomes = timed(directory)
        print(f"re-import:    {again:.1f} s, {count / again:.0f} stories/s, {outcomes}")
        assert OriginalVersion.objects.count() == versions, "a re-import wrote versions"
        print(f"{Story.objects.count()} stories, {versions} original versions in the database")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
