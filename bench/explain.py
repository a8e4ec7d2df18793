"""No sequential scan of the stories table behind the pages readers and editors use most.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- sh -c \
        '.venv/bin/python bench/make_data.py && .venv/bin/python bench/explain.py'

Requests the public pages (home, page 50 of home, an article, a tag and a source
archive, a search) with the page cache off, and the admin story list with each filter;
captures every query that reads articles_story, runs EXPLAIN on it, and reports the
plan's scans of that table. Exits 1 when any is a Seq Scan. Prints a table and a JSON line.
"""

import json
import os
import re
import sys
from pathlib import Path

# The project, not bench/, comes first: bench/http.py would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ["NEWSROOM_PAGE_CACHE_SECONDS"] = "0"

# Sets Django up, so it comes before any model.
from bench.admin import pages as admin_pages  # noqa: E402
from bench.common import staff_client  # noqa: E402

# isort: split

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from taggit.models import Tag  # noqa: E402

from articles.models import Source, Story  # noqa: E402

# A term in every headline: counting its matches must read every story, and a sequential
# scan is the cheapest way to (bench/admin.py times it).
MAY_READ_EVERY_STORY = {"admin search, every story"}
STORY_SCAN = re.compile(
    r"(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)[^\n]* on articles_story\b"
)


def public_pages():
    story = Story.objects.published().latest_first().first()
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    return {
        "home": "/",
        "home page 50": "/?page=50",
        "article": story.get_absolute_url(),
        "tag": f"/tags/{tag.slug}/",
        "source": f"/sources/{Source.objects.order_by('pk').first().slug}/",
        "search": f"/search/?q={tag.slug}",
        "feed": "/feed/",
    }


def story_plans(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    scans = []
    for query in captured:
        sql = query["sql"]
        if '"articles_story"' not in sql or not sql.lstrip().upper().startswith("SELECT"):
            continue
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        # "Index Scan using story_by_publish_time on articles_story": what, and which index.
        scans += [m.group(0).split(" on articles_story")[0] for m in STORY_SCAN.finditer(plan)]
    return scans


def main():
    staff, user = staff_client()
    rows = []
    for name, url in public_pages().items():
        rows.append({"page": name, "scans": story_plans(Client(), url)})
    for name, url in admin_pages(user).items():
        rows.append({"page": f"admin {name}", "scans": story_plans(staff, url)})
    print(f"\nScans of articles_story, {Story.objects.count()} stories")
    for row in rows:
        row["seq_scan"] = any(s.startswith("Seq Scan") for s in row["scans"])
        flag = "SEQ SCAN " if row["seq_scan"] else ""
        if row["seq_scan"] and row["page"] in MAY_READ_EVERY_STORY:
            flag = "seq scan (expected) "
        print(f"{row['page']:30}{flag}{', '.join(row['scans'])}")
    print(json.dumps({"bench": "explain", "results": rows}))
    failed = [r for r in rows if r["seq_scan"] and r["page"] not in MAY_READ_EVERY_STORY]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
