"""What one import costs the database, pinned: every door the words pass adds its writes
(revision, timeline event, audit entry), and no more, whatever the story's length."""

from pathlib import Path

import pytest

from ingest.importer import import_data
from tests.conftest import SAMPLES_DIR
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
