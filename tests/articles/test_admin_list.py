"""The story list at scale: the same pages, filters, search and drill-down, from the indexes."""

from datetime import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import date_hierarchy as django_date_hierarchy
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import admin_list
from articles.admin_filters import TagFilter, distinct_values
from articles.models import Story
from tests.conftest import make_published_story, make_source, make_story, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:articles_story_changelist"


@pytest.fixture
def editor(client):
    user = make_user("Publisher")
    client.force_login(user)
    return user


def changelist(client, **query):
    response = client.get(reverse(CHANGELIST), query)
    assert response.status_code == 200
    return response


def filter_choices(response, title):
    spec = next(spec for spec in response.context["cl"].filter_specs if spec.title == title)
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def test_the_row_checkbox_is_the_html_django_renders(rf):
    story = make_story(headline='Fish & "chips" <b>now</b>')
    model_admin = admin.site.get_model_admin(Story)

    ours = model_admin.action_checkbox(story)
    djangos = admin.ModelAdmin.action_checkbox(model_admin, story)

    assert ours == djangos


def test_the_tag_filter_lists_the_tags_the_newest_stories_use_most(client, editor, monkeypatch):
    monkeypatch.setattr(TagFilter, "limit", 2)
    make_story(tags=["Old"])
    for _ in range(3):
        make_story(tags=["Ukraine", "Kursk"])
    make_story(tags=["Weather"])

    choices = filter_choices(changelist(client), "tags")

    assert choices == ["All", "Kursk", "Ukraine", "-"]


def test_a_tag_outside_the_list_still_filters_and_shows_as_chosen(client, editor, monkeypatch):
    monkeypatch.setattr(TagFilter, "limit", 1)
    rare = make_story(headline="Rare", tags=["Rare"])
    for _ in range(2):
        make_story(tags=["Common"])

    response = changelist(client, tags__id__exact=rare.tags.get().pk)

    assert list(response.context["cl"].result_list) == [rare]
    assert filter_choices(response, "tags") == ["All", "Common", "Rare", "-"]


def test_a_tag_id_that_is_not_a_number_is_refused_like_any_bad_filter(client, editor):
    make_story(tags=["Ukraine"])

    response = client.get(reverse(CHANGELIST), {"tags__id__exact": "x"})

    assert response.status_code == 302
    assert response.url.endswith("?e=1")


def test_the_translator_filter_lists_only_those_who_translated_a_story(client, editor):
    tess = make_user("Translator", username="tess")
    make_user("Translator", username="idle")
    make_story(translator=tess)

    assert filter_choices(changelist(client), "translator") == ["All", "tess", "-"]


def test_the_language_filter_lists_each_original_language_once_in_order(client, editor):
    for language in ["fr", "de", "fr", "pt-BR", ""]:
        make_story(original_language=language)

    assert filter_choices(changelist(client), "original language") == [
        "All",
        "",
        "de",
        "fr",
        "pt-BR",
    ]
    expected = Story.objects.order_by("original_language").distinct()
    assert distinct_values(Story, "original_language") == list(
        expected.values_list("original_language", flat=True)
    )


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("kursk", {"kursk"}),
        ("URN:AFP:7", {"guid"}),
        ("stern", {"from-stern"}),
        ("STERN kursk", set()),
        ("50%", {"percent"}),
    ],
)
def test_search_finds_stories_by_headline_guid_or_source_name(client, editor, query, found):
    stern = make_source(name="Stern")
    stories = {
        "kursk": make_story(headline="Fighting in Kursk"),
        "guid": make_story(guid="urn:afp:7"),
        "from-stern": make_story(source=stern),
        "percent": make_story(headline="Turnout 50% higher"),
        "other": make_story(headline="50 percent"),
    }

    listed = set(changelist(client, q=query).context["cl"].result_list)

    assert listed == {stories[name] for name in found}


def test_search_can_use_the_trigram_indexes():
    model_admin = admin.site.get_model_admin(Story)
    stories, _ = model_admin.get_search_results(None, Story.objects.order_by(), "offensive")
    with connection.cursor() as cursor:
        # A test table is tiny, so the planner is told to avoid scans to show what it can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = stories.values("pk").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "story_headline_trgm" in plan
    assert "story_guid_trgm" in plan
    assert "Seq Scan on articles_story" not in plan


def test_a_page_of_the_list_is_the_same_stories_as_a_slice(client, editor, monkeypatch):
    model_admin = admin.site.get_model_admin(Story)
    monkeypatch.setattr(model_admin, "list_per_page", 3)
    for n in range(8):
        make_published_story(published_at=timezone.now() - timezone.timedelta(hours=n))

    response = changelist(client, p=2)

    expected = list(Story.objects.order_by("-published_at", "-pk")[3:6])
    assert list(response.context["cl"].result_list) == expected


def test_a_page_of_the_list_leaves_the_long_texts_in_the_database(client, editor):
    make_story()
    make_story()

    with CaptureQueriesContext(connection) as queries:
        changelist(client)

    page_query = next(q["sql"] for q in queries if '"articles_story"."headline"' in q["sql"])
    assert '"articles_story"."body"' not in page_query


def stories_on(*moments):
    for moment in moments:
        make_published_story(published_at=moment)


def at(year, month, day):
    return timezone.make_aware(datetime(year, month, day, 12))


DRILL_DOWNS = {
    "years": ({}, [at(2023, 5, 1), at(2024, 2, 3), at(2026, 7, 9)]),
    "one year": ({}, [at(2025, 3, 1), at(2025, 5, 2), at(2025, 5, 20)]),
    "one month": ({}, [at(2025, 5, 2), at(2025, 5, 20)]),
    "a year": ({"published_at__year": "2025"}, [at(2024, 1, 1), at(2025, 1, 31), at(2025, 12, 1)]),
    "a month": (
        {"published_at__year": "2025", "published_at__month": "5"},
        [at(2025, 5, 2), at(2025, 5, 20), at(2025, 6, 1)],
    ),
    "a day": (
        {"published_at__year": "2025", "published_at__month": "5", "published_at__day": "2"},
        [at(2025, 5, 2)],
    ),
    "no dates": ({}, []),
}


@pytest.mark.parametrize("probe_above", [0, 5_000], ids=["probes", "distinct"])
@pytest.mark.parametrize("name", DRILL_DOWNS)
def test_the_date_drill_down_offers_what_djangos_does(
    client, editor, monkeypatch, name, probe_above
):
    query, moments = DRILL_DOWNS[name]
    stories_on(*moments)
    make_story()  # a draft: no publish time
    monkeypatch.setattr(admin_list, "PROBE_ABOVE", probe_above)
    cl = changelist(client, **query).context["cl"]

    assert admin_list.date_hierarchy(cl) == django_date_hierarchy(cl)


def test_a_long_list_finds_its_years_without_reading_every_story(client, editor, monkeypatch):
    stories_on(at(2023, 5, 1), at(2024, 2, 3), at(2026, 7, 9))
    monkeypatch.setattr(admin_list, "PROBE_ABOVE", 0)
    cl = changelist(client).context["cl"]

    with CaptureQueriesContext(connection) as queries:
        years = admin_list.date_hierarchy(cl)["choices"]

    assert [year["title"] for year in years] == ["2023", "2024", "2026"]
    assert not any("DISTINCT" in query["sql"] for query in queries)
    assert any("LIMIT 1" in query["sql"] and "UNION ALL" in query["sql"] for query in queries)


def test_the_filters_still_count_their_choices_on_request(client, editor):
    tess = make_user("Translator", username="tess")
    make_story(tags=["Ukraine"], translator=tess, original_language="fr")

    response = changelist(client, _facets="True")

    assert "Ukraine (1)" in filter_choices(response, "tags")
    assert "fr (1)" in filter_choices(response, "original language")
    assert "tess (1)" in filter_choices(response, "translator")
