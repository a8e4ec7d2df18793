"""The story admin at scale: server time and queries of the list, every filter, the form.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- sh -c \
        '.venv/bin/python bench/make_data.py && .venv/bin/python bench/admin.py'

Runs each page through Django's test client in this process (no network), five times,
and reports the median time and the query count. Prints a table and a JSON line.
"""

import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

# The project, not bench/, comes first: bench/http.py would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

# Sets Django up, so it comes before any model.
from bench.common import staff_client  # noqa: E402

# isort: split

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Source, Story  # noqa: E402

RUNS = 5
LIST = "/admin/articles/story/"


def pages(user):
    story = Story.objects.published().latest_first().first()
    source = Source.objects.order_by("pk").first()
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    year = story.published_at.year
    # make_data.py ends each headline with two made-up words: each is in a few dozen headlines.
    word = story.headline.rsplit("(", 1)[-1].split()[0]
    quoted = f'"{source.name}"'
    every_filter = (
        f"status__exact=published&translation_status__exact=reviewed&needs_update=no"
        f"&source__id__exact={source.pk}&original_language__exact=de&tags__id__exact={tag.pk}"
    )
    return {
        "list": LIST,
        "list, middle page": f"{LIST}?p={max(1, Story.objects.count() // 200)}",
        "status": f"{LIST}?status__exact=in_review",
        "translation status": f"{LIST}?translation_status__exact=reviewed",
        "needs update": f"{LIST}?needs_update=yes",
        "queue: mine": f"{LIST}?queue=mine",
        "queue: review": f"{LIST}?queue=review",
        "source": f"{LIST}?source__id__exact={source.pk}",
        "language": f"{LIST}?original_language__exact=de",
        "tag": f"{LIST}?tags__id__exact={tag.pk}",
        "translator": f"{LIST}?translator__id__exact={user.pk}",
        "date": f"{LIST}?published_at__year={year}",
        "search": f"{LIST}?q={word}",
        "search, a GUID": f"{LIST}?q={story.guid}",
        # Quoted, as an editor would: one outlet's stories, not every "Outlet".
        "search, a source": f"{LIST}?{urlencode({'q': quoted})}",
        # In every headline: counting the matches reads every story, whatever the index.
        "search, every story": f"{LIST}?q=offensive",
        "all filters": f"{LIST}?{every_filter}",
        "change form": f"{LIST}{story.pk}/change/",
    }


def measure(client, url):
    times, queries = [], 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return {"median_ms": round(statistics.median(times), 1), "queries": queries}


def main():
    client, user = staff_client()
    total = Story.objects.count()
    results = []
    for name, url in pages(user).items():
        results.append({"page": name, **measure(client, url)})
    print(f"\nAdmin, {total} stories, median of {RUNS} runs (test client, in process)")
    print(f"{'page':22}{'ms':>8}{'queries':>9}")
    for r in results:
        print(f"{r['page']:22}{r['median_ms']:>8}{r['queries']:>9}")
    print(json.dumps({"bench": "admin", "stories": total, "results": results}))


if __name__ == "__main__":
    main()
