"""An admin upload through the worker: one RSS feed of N items, stored, queued and imported.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- \
        .venv/bin/python bench/upload.py [N]

Prints stories per second and queries per story for the task that imports the upload, and
the same feed uploaded again (every story unchanged). Migrates the database it is given, so
run it on a throwaway one; the files wait in a temporary folder (NEWSROOM_IMPORTS_ROOT).
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
FOLDER = os.environ["NEWSROOM_IMPORTS_ROOT"] = tempfile.mkdtemp(prefix="newsroom-bench-")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from ingest.tasks import queue_upload  # noqa: E402
from ingest.uploads import run_batch  # noqa: E402


def feed(count: int) -> bytes:
    items = "".join(
        f"<item><title>Meldung {n}</title><link>https://stern.example/bench/{n}</link>"
        f"<guid>urn:stern:bench:{n}</guid><description>Absatz {n}.</description></item>"
        for n in range(count)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Stern</title><language>de</language>{items}</channel></rss>"
    ).encode()


def timed(data: bytes, count: int, label: str) -> None:
    batch = queue_upload([SimpleUploadedFile("bench.rss", data)], source=None, format=None, by=None)
    queries = 0

    def counted(execute, *args):
        nonlocal queries
        queries += 1
        return execute(*args)

    start = time.perf_counter()
    with connection.execute_wrapper(counted):
        run_batch(batch.pk)
    seconds = time.perf_counter() - start
    print(
        f"{label}: {seconds:.1f} s, {count / seconds:.0f} stories/s, "
        f"{queries / count:.1f} queries per story"
    )


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    data = feed(count)
    print(f"one RSS feed of {count} items, {len(data) / 1024:.0f} KiB")
    try:
        timed(data, count, "first upload")
        timed(data, count, "same again  ")
    finally:
        shutil.rmtree(FOLDER, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
