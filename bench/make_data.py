"""Fill the database with a newsroom's archive: N stories (default 100,000) in minutes.

    DEBUG=true .venv/bin/python -m newsroom.embedded_db --throwaway -- \
        .venv/bin/python bench/make_data.py [N]

Stories are the length of the sample (samples/scrape/stern-putin-kursk.txt: a headline, a
standfirst, five paragraphs and a subheading, about 2.5 KB), from 50 sources, with 3 to 6
tags each from a vocabulary of 2,000; 95% are published over the last two years, a few
are scheduled for the coming days, the rest are drafts in every status; 10% of the
published ones carry a few comments. Everything goes in by bulk inserts (taggit's
TaggedItem directly), the search indexes are built once at the end; VACUUM ANALYZE at the
end gives the planner the new sizes.
Migrates the database it is given, so run it on a throwaway one.
"""

import os
import random
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

# The project, not bench/, comes first: bench/http.py would hide the standard library's http.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from taggit.models import Tag, TaggedItem  # noqa: E402

from articles.models import Source, Story  # noqa: E402
from comments.models import Comment  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "scrape" / "stern-putin-kursk.txt"
BATCH = 2_000
SOURCES = 50
VOCABULARY = 2_000
S = Story.Status
# Drafts, in roughly the proportions of a working desk.
DRAFT_STATUSES = [S.NEW, S.IN_REVIEW, S.CHANGES_REQUESTED, S.APPROVED, S.SPIKED, S.WITHDRAWN]


def sample_text():
    """Headline, standfirst and the body paragraphs of the sample, its subheading marked."""
    blocks = [b.strip() for b in SAMPLE.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    headline, standfirst = blocks[0], blocks[2]
    body = [f"## {b}" if len(b) < 80 else b for b in blocks[3:8]]
    return headline, standfirst, body


def words(rng, n):
    return [
        f"{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}" for _ in range(n)
    ]


SYLLABLES = [
    *["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "bri"],
    *["cha", "dro", "fle", "gra", "kle", "pro", "stu", "tri", "vel", "wen"],
]


def make_sources():
    sources = [
        Source(
            name=f"Outlet {n}",
            slug=f"outlet-{n}",
            name_key=f"outlet {n}",
            homepage=f"https://outlet{n}.example/",
            language=["de", "fr", "es", "it", "pl"][n % 5],
            credit_line=f"Source: Outlet {n}",
        )
        for n in range(SOURCES)
    ]
    return Source.objects.bulk_create(sources)


def make_tags(rng):
    names = sorted(set(words(rng, VOCABULARY * 2)))[:VOCABULARY]
    return Tag.objects.bulk_create([Tag(name=name.title(), slug=name) for name in names])


def make_stories(count, rng, sources, tags, now):
    headline, standfirst, paragraphs = sample_text()
    story_type = ContentType.objects.get_for_model(Story)
    published_ids = []
    for start in range(0, count, BATCH):
        stories = []
        for n in range(start, min(start + BATCH, count)):
            extra = " ".join(words(rng, 12))
            body = paragraphs[:]
            rng.shuffle(body)
            body.append(f"The correspondents also spoke to {extra}.")
            roll = rng.random()
            if roll < 0.95:
                status, at = S.PUBLISHED, now - timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))
            elif roll < 0.951:
                status, at = S.PUBLISHED, now + timedelta(minutes=rng.randrange(1, 3 * 24 * 60))
            else:
                status, at = rng.choice(DRAFT_STATUSES), None
            title = f"{headline} ({' '.join(words(rng, 2))} {n})"
            stories.append(
                Story(
                    source=sources[n % SOURCES],
                    guid=f"urn:bench:{n}",
                    original_url=f"https://outlet{n % SOURCES}.example/story/{n}",
                    original_language="de",
                    headline=title,
                    standfirst=standfirst,
                    body="\n\n".join(body),
                    slug=f"{slugify(title)[:180]}-{n}",
                    translation_status=Story.TranslationStatus.REVIEWED,
                    status=status,
                    published_at=at,
                    withdrawal_reason="Legal advice." if status == S.WITHDRAWN else "",
                )
            )
        with transaction.atomic():
            stories = Story.objects.bulk_create(stories)
            TaggedItem.objects.bulk_create(
                [
                    TaggedItem(tag=tag, content_type=story_type, object_id=story.pk)
                    for story in stories
                    for tag in rng.sample(tags, rng.randint(3, 6))
                ]
            )
        published_ids += [s.pk for s in stories if s.status == S.PUBLISHED]
        print(f"\r{start + len(stories)} stories", end="", flush=True)
    print()
    return published_ids


def make_comments(rng, published_ids, now):
    commented = rng.sample(published_ids, len(published_ids) // 10)
    comments = [
        Comment(
            story_id=pk,
            name=f"Reader {n}",
            email=f"reader{n}@mail.example",
            body="Thank you for translating this. " * rng.randint(1, 4),
            status=Comment.Status.APPROVED if rng.random() < 0.9 else Comment.Status.PENDING,
            created_at=now - timedelta(minutes=rng.randrange(60 * 24 * 30)),
        )
        for pk in commented
        for n in range(rng.randint(1, 5))
    ]
    Comment.objects.bulk_create(comments, batch_size=BATCH)
    return len(comments)


# GIN indexes: one sort at the end beats 100,000 insertions into each.
BUILT_AFTER = ["story_search", "story_headline_trgm", "story_guid_trgm"]


@contextmanager
def search_indexes_built_after():
    """Build the full-text and trigram indexes once, at the end."""
    definitions = []
    with connection.cursor() as cursor:
        for name in BUILT_AFTER:
            cursor.execute("SELECT pg_get_indexdef(%s::regclass)", [name])
            definitions.append(cursor.fetchone()[0])
            cursor.execute(f"DROP INDEX {name}")
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '256MB'")
            for definition in definitions:
                cursor.execute(definition)
        print(f"search indexes built in {time.perf_counter() - started:.0f} s")


def main(count: int) -> None:
    call_command("migrate", verbosity=0)
    if Story.objects.exists():
        print(f"The database already holds {Story.objects.count()} stories; nothing added.")
        return
    with connection.cursor() as cursor:
        # A throwaway database: no need to wait for the disk at every batch.
        cursor.execute("SET synchronous_commit = off")
    rng = random.Random(8)
    now = timezone.now()
    start = time.perf_counter()
    sources, tags = make_sources(), make_tags(rng)
    with search_indexes_built_after():
        published_ids = make_stories(count, rng, sources, tags, now)
    comments = make_comments(rng, published_ids, now)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    elapsed = time.perf_counter() - start
    print(
        f"{count} stories ({len(published_ids)} published), {len(tags)} tags, "
        f"{len(sources)} sources, {comments} comments in {elapsed:.0f} s"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
