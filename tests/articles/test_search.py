import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Story
from articles.search import MAX_QUERY_LENGTH
from tests.conftest import make_published_story, make_story

pytestmark = pytest.mark.django_db

SEARCH = reverse("articles:search")


def search(client, q, **params):
    return client.get(SEARCH, {"q": q, **params})


def test_search_finds_a_story_by_a_stemmed_word_from_its_body(client):
    story = make_published_story(
        headline="Talks in Geneva", body="The delegations were negotiating through the night."
    )
    make_published_story(headline="Weather", body="Rain everywhere.")

    response = search(client, "negotiations")

    assert response.status_code == 200
    assert list(response.context["page"]) == [story], "negotiations and negotiating share a stem"


def test_a_headline_match_ranks_above_a_body_match(client):
    in_body = make_published_story(
        headline="Markets close higher",
        body="Traders shrugged off news of the harvest.",
        published_at=timezone.now() - timezone.timedelta(minutes=5),
    )
    in_headline = make_published_story(
        headline="Harvest fails in the south",
        body="Farmers count the losses.",
        published_at=timezone.now() - timezone.timedelta(hours=5),
    )

    response = search(client, "harvest")

    assert list(response.context["page"]) == [in_headline, in_body]


def test_a_standfirst_match_ranks_between_headline_and_body(client):
    body = make_published_story(headline="A", standfirst="Nothing.", body="About Kursk.")
    standfirst = make_published_story(headline="B", standfirst="Kursk again.", body="Nothing.")
    headline = make_published_story(headline="Kursk", standfirst="Nothing.", body="Nothing.")

    assert list(Story.objects.published().search("Kursk")) == [headline, standfirst, body]


def test_results_highlight_the_words_found_and_escape_the_text(client):
    make_published_story(
        headline="Kursk <offensive>",
        standfirst="",
        body="Soldiers & officers said the offensive in Kursk had failed.",
    )

    html = search(client, "kursk").content.decode()

    assert ">Kursk &lt;offensive&gt;</a></h2>" in html
    assert "Soldiers &amp; officers" in html
    assert "the offensive in <mark>Kursk</mark> had failed" in html


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": Story.Status.NEW},
        {"status": Story.Status.APPROVED},
        {"status": Story.Status.WITHDRAWN, "published_at": timezone.now()},
        {"status": Story.Status.PUBLISHED, "published_at": timezone.now() + timezone.timedelta(1)},
    ],
    ids=["draft", "approved", "withdrawn", "scheduled"],
)
def test_search_never_finds_a_story_readers_may_not_see(client, overrides):
    make_story(headline="Secret harvest", **overrides)

    response = search(client, "harvest")

    assert list(response.context["page"]) == []
    assert "Secret harvest" not in response.content.decode()
    assert "0 stories found." in response.content.decode()


def test_an_empty_query_shows_the_search_page_without_searching(client, django_assert_num_queries):
    make_published_story(headline="Anything")

    with django_assert_num_queries(1):  # latest posts
        response = search(client, "   ")

    assert response.status_code == 200
    assert response.context["page"] is None
    assert "Type one or more words in the search box" in response.content.decode()


def test_an_absurdly_long_query_is_refused_with_a_message_not_an_error(client):
    response = search(client, "kursk " * 100)

    assert response.status_code == 200
    assert response.context["page"] is None
    assert f"Search for at most {MAX_QUERY_LENGTH} characters." in response.content.decode()


@pytest.mark.parametrize(
    "q", ['"unclosed', "-", "a & b | !c", "'); DROP TABLE x; --", "the", "\ue000"]
)
def test_odd_queries_answer_cleanly(client, q):
    make_published_story(headline="A story about a drop in prices")

    assert search(client, q).status_code == 200


def test_a_query_with_a_nul_character_is_a_bad_request(client):
    # No search box sends one; like any address holding one, it is refused, not searched.
    assert search(client, "drop\x00prices").status_code == 400


def test_results_are_paginated_and_the_query_stays_in_the_page_links(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(3):
        make_published_story(headline=f"Harvest report {n}")

    first = search(client, "harvest")
    second = search(client, "harvest", page=2)

    assert len(first.context["page"]) == 2
    assert len(second.context["page"]) == 1
    assert 'href="?q=harvest&amp;page=2"' in first.content.decode()


def test_search_results_ask_robots_not_to_index_them(client):
    response = search(client, "harvest")

    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, follow">' in response.content.decode()


def test_search_uses_the_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Story.objects.search("harvest").explain()

    assert "story_search" in plan, plan


@pytest.mark.parametrize("stories", [1, 50])
def test_search_uses_constant_queries(client, django_assert_max_num_queries, stories):
    for n in range(stories):
        make_published_story(headline=f"Harvest report {n}", tags=["Ukraine"])

    with django_assert_max_num_queries(3):  # count, page, latest posts
        assert search(client, "harvest").status_code == 200


def test_only_the_stories_on_the_page_are_excerpted(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    for n in range(3):
        make_published_story(headline=f"Harvest report {n}", body="The harvest was poor.")

    with CaptureQueriesContext(connection) as queries:
        response = search(client, "harvest")

    excerpting = [query["sql"] for query in queries if "ts_headline" in query["sql"]]
    assert len(excerpting) == 1
    assert "LIMIT 2" in excerpting[0], "ts_headline reads whole texts: a page of them only"
    assert [bool(story.excerpt) for story in response.context["page"]] == [True, True]


def test_ranking_reads_the_stored_words_not_the_text():
    sql = str(Story.objects.published().search("harvest").query)

    assert "to_tsvector" not in sql


def test_search_follows_an_edit_of_the_text():
    story = make_published_story(headline="Harvest fails", body="Nothing more.")
    story.headline = "Drought ends"
    story.save()

    assert list(Story.objects.published().search("drought")) == [story]
    assert list(Story.objects.published().search("harvest")) == []


def test_a_private_use_character_in_a_story_leaves_every_mark_closed(client):
    make_published_story(
        headline="Kursk", body="Before \ue000 the Kursk offensive \ue001 after \ue000 the end."
    )

    html = client.get(reverse("articles:search"), {"q": "offensive"}).content.decode()

    excerpt = html[html.index('class="excerpt"') :]
    excerpt = excerpt[: excerpt.index("</p>")]
    assert excerpt.count("<mark>") == excerpt.count("</mark>") == 1
    assert "<mark>offensive</mark>" in excerpt
