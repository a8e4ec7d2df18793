"""Full-text search over the publishable text, in PostgreSQL.

One weighted vector (headline A, standfirst B, body C, English stemming), stored by
PostgreSQL in Story.search_vector (a generated column): the GIN index covers it, and ranking
reads it instead of parsing every matching story's text again.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchVector

SEARCH_CONFIG = "english"
# Longer queries are refused with a message, not cut: a cut query searches for something
# the reader did not ask.
MAX_QUERY_LENGTH = 200
# Private-use characters mark the hits in a snippet; the template escapes the text first,
# then turns these into <mark>, so nothing in a story's text can become markup.
MARK_START = "\ue000"
MARK_END = "\ue001"


def story_search_vector():
    """The weighted vector PostgreSQL keeps in Story.search_vector."""
    return (
        SearchVector("headline", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG)
    )


def search_query(text):
    """Words as a reader types them: quotes for phrases, "or", a minus to leave out."""
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def snippet(field, query, **options):
    """The best passages of ``field`` around the hits, the hits between the marks."""
    options.setdefault("max_fragments", 2)
    options.setdefault("min_words", 12)
    options.setdefault("max_words", 30)
    return SearchHeadline(
        field,
        query,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_END,
        fragment_delimiter=" … ",
        **options,
    )
