"""What one import costs the database, pinned: every door the words pass adds its writes
(revision, timeline event, audit entry), and no more, whatever the story's length."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from articles.models import Story
from ingest.importer import import_data
from ingest.tasks import queue_upload
from ingest.uploads import run_batch
from tests.conftest import SAMPLES_DIR, make_user
from tests.ingest.test_upload_resume import feed
from tests.newsroom.test_xml_chars import ninjs

pytestmark = pytest.mark.django_db

SCRAPE = SAMPLES_DIR / "scrape" / "stern-putin-kursk.txt"


def run(data, name="story.json"):
    (result,) = import_data(data, path=Path(name))
    assert result.outcome != "refused", result.detail
    return result


@pytest.mark.parametrize("paragraphs", [1, 40])
def test_a_new_wire_story_costs_a_fixed_number_of_queries(
    django_assert_max_num_queries, paragraphs
):
    body = "\n\n".join(f"Paragraph {n} of the wire story." for n in range(paragraphs))
    with django_assert_max_num_queries(15):
        run(ninjs(headline="A new wire story", body=body))


def test_a_new_archive_story_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(13):
        run(SCRAPE.read_bytes(), SCRAPE.name)


def test_the_same_archive_file_again_costs_a_few_reads(django_assert_max_num_queries):
    run(SCRAPE.read_bytes(), SCRAPE.name)

    with django_assert_max_num_queries(5):
        assert run(SCRAPE.read_bytes(), SCRAPE.name).outcome == "unchanged"


def test_an_edited_archive_file_costs_a_fixed_number_of_queries(django_assert_max_num_queries):
    run(SCRAPE.read_bytes(), SCRAPE.name)
    edited = SCRAPE.read_text(encoding="utf-8").replace("shock", "alarm").encode()

    with django_assert_max_num_queries(13):
        assert run(edited, "edited.txt").outcome == "updated"


@pytest.mark.bulk
@pytest.mark.usefixtures("imports_storage")
def test_a_3000_story_feed_uploaded_costs_a_fixed_number_of_queries_per_story(
    django_assert_max_num_queries, client
):
    """Issue #13: such a feed was cut off by the request's timeout after 2,726 stories."""
    stories = 3000
    publisher = make_user("Publisher")
    batch = queue_upload(
        [SimpleUploadedFile("big.rss", feed(stories))], source=None, format=None, by=publisher
    )
    client.force_login(publisher)

    # Counted by hand: Django's query log keeps only the last 9,000.
    queries = 0

    def count(execute, *args):
        nonlocal queries
        queries += 1
        return execute(*args)

    with connection.execute_wrapper(count):
        assert run_batch(batch.pk) == f"upload {batch.pk}: done"

    # Each story: what importing it costs alone, plus its progress and its report line in
    # the same transaction (an UPDATE, an INSERT, a savepoint and its release).
    assert queries <= 16 * stories + 12
    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:ingest_upload_batch", args=[batch.pk]))

    assert f"{stories} of {stories} done" in response.text
    assert f"{stories} created, 0 updated" in response.text
    assert Story.objects.count() == stories
