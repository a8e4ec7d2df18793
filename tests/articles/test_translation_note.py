import pytest

from articles.models import OriginalVersion
from articles.templatetags.articles import language_name
from tests.conftest import make_published_story, make_source, make_user

pytestmark = pytest.mark.django_db


def page(client, story):
    return client.get(story.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("de", "German"),
        ("de-AT", "German"),
        ("pt-BR", "Brazilian Portuguese"),
        ("nb", "Norwegian Bokmal"),
        ("sv-SE", "Swedish"),
        ("zh-Hant-TW", "Traditional Chinese"),
        ("tlh", "tlh"),
        ("", ""),
    ],
)
def test_language_names_come_from_bcp_47_tags_falling_back_to_the_primary_subtag(tag, name):
    assert str(language_name(tag)) == name


def test_article_says_which_language_it_was_translated_from(client):
    story = make_published_story(original_language="de")

    assert "Translated from German." in page(client, story)


def test_the_sources_language_stands_in_when_the_story_has_none(client):
    story = make_published_story(original_language="", source=make_source(language="sv"))

    assert "Translated from Swedish." in page(client, story)


def test_a_story_in_the_site_language_has_no_translation_note(client):
    story = make_published_story(original_language="en-GB")

    assert "Translated from" not in page(client, story)


def test_the_original_headline_is_shown_in_its_own_language(client):
    story = make_published_story(original_language="de")
    story.translated_from = OriginalVersion.objects.create(
        story=story, number=1, headline="Putin sieht Offensive gescheitert", language="de"
    )
    story.save()

    html = page(client, story)

    assert 'Original headline: <cite lang="de">Putin sieht Offensive gescheitert</cite>' in html


def test_translator_and_reviewer_are_named_only_when_the_newsroom_chooses(client, settings):
    story = make_published_story(
        translator=make_user(first_name="Anna", last_name="Schmidt"),
        reviewer=make_user(first_name="Ben", last_name="Ode"),
    )

    settings.NEWSROOM_SHOW_TRANSLATOR = False
    hidden = page(client, story)
    settings.NEWSROOM_SHOW_TRANSLATOR = True
    shown = page(client, story)

    assert "Anna Schmidt" not in hidden
    assert "Translated from German." in hidden
    assert "Translated from German by Anna Schmidt, reviewed by Ben Ode." in shown


@pytest.mark.parametrize("show", [False, True])
def test_naming_the_translator_costs_no_extra_query(
    client, settings, django_assert_max_num_queries, show
):
    settings.NEWSROOM_SHOW_TRANSLATOR = show
    story = make_published_story(translator=make_user(), reviewer=make_user())

    # story with source, original, translator and reviewer; tags; corrections; latest
    # posts; the comment section's three
    with django_assert_max_num_queries(7):
        assert client.get(story.get_absolute_url()).status_code == 200


def test_a_machine_assisted_translation_names_the_person_who_reviewed_it(client, settings):
    settings.NEWSROOM_SHOW_TRANSLATOR = False
    reviewer = make_user("Reviewer", first_name="Rita", last_name="Berger")
    story = make_published_story(
        original_language="de", translation_method="machine_post_edited", reviewer=reviewer
    )

    html = page(client, story)

    assert "Translated from German with machine assistance, reviewed by Rita Berger." in html


def test_a_human_translation_says_nothing_of_machines(client):
    story = make_published_story(original_language="de", reviewer=make_user("Reviewer"))

    assert "machine assistance" not in page(client, story)
