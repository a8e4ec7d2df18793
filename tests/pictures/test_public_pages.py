"""The lead picture on the article page and in the cards and data that share it."""

import json
import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_published_story, make_story, make_user
from tests.pictures.conftest import make_picture

pytestmark = pytest.mark.django_db


def json_ld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_the_article_page_shows_the_picture_with_its_alt_text_caption_and_credit(client):
    picture = make_picture(
        alt_text="Rescue workers carry a stretcher.",
        caption="Kursk, on Tuesday.",
        credit="Photo: Reuters/Jane Doe",
    )

    html = client.get(picture.story.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="lead-picture">.*?</figure>', html, re.S).group(0)
    assert (
        f'<img src="/media/{picture.image.name}" width="1200" height="800" '
        'alt="Rescue workers carry a stretcher." fetchpriority="high" decoding="async">'
    ) in figure
    assert "loading=" not in figure, "the picture at the top of the page is fetched at once"
    assert (
        '<figcaption>Kursk, on Tuesday. <span class="picture-credit">Photo: Reuters/Jane Doe'
        "</span></figcaption>"
    ) in figure
    assert html.index("</header>") < html.index("<figure") < html.index('<div class="story-body">')


def test_a_picture_further_down_a_page_is_loaded_lazily():
    picture = make_picture()
    template = Template("{% load pictures %}{% lead_picture story first=False %}")

    html = template.render(Context({"story": picture.story}))

    assert 'loading="lazy"' in html
    assert "fetchpriority" not in html


def test_the_credit_is_printed_without_a_caption(client):
    picture = make_picture(caption="", credit="Photo: AP")

    html = client.get(picture.story.get_absolute_url()).content.decode()

    assert '<figcaption><span class="picture-credit">Photo: AP</span></figcaption>' in html


def test_the_picture_is_shared_with_the_story_on_social_media(client):
    picture = make_picture(alt_text="Rescue workers carry a stretcher.")
    url = f"http://testserver/media/{picture.image.name}"

    html = client.get(picture.story.get_absolute_url()).content.decode()

    assert f'<meta property="og:image" content="{url}">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="800">' in html
    assert '<meta property="og:image:alt" content="Rescue workers carry a stretcher.">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert f'<meta name="twitter:image" content="{url}">' in html
    assert 'content="summary"' not in html


def test_the_structured_data_names_the_picture_and_its_credit(client):
    picture = make_picture(caption="Kursk, on Tuesday.", credit="Photo: Reuters/Jane Doe")

    data = json_ld(client.get(picture.story.get_absolute_url()).content.decode())

    url = f"http://testserver/media/{picture.image.name}"
    assert data["image"] == {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "width": 1200,
        "height": 800,
        "creditText": "Photo: Reuters/Jane Doe",
        "caption": "Kursk, on Tuesday.",
    }


def test_a_story_without_a_picture_has_no_figure_and_a_plain_card(client):
    story = make_published_story()

    html = client.get(story.get_absolute_url()).content.decode()

    assert "<figure" not in html
    assert "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "image" not in json_ld(html)


def test_lists_of_stories_show_no_pictures(client):
    picture = make_picture()

    html = client.get(reverse("articles:home")).content.decode()

    assert picture.story.headline in html
    assert picture.image.name not in html


def test_staff_preview_shows_the_picture_of_a_draft(client):
    client.force_login(make_user("Reviewer"))
    picture = make_picture(story=make_story())

    response = client.get(reverse("articles:preview", args=[picture.story.pk]))

    assert picture.image.name in response.content.decode()


def queries_for(client, story):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.get_absolute_url()).status_code == 200
    return len(queries)


@pytest.mark.parametrize("stories", [1, 50])
def test_a_picture_adds_no_query_to_the_article_page(
    client, django_assert_max_num_queries, stories
):
    for _ in range(stories):
        story = make_published_story(tags=["Ukraine", "Russia"], content_updated_at=timezone.now())
        story.corrections.create(text="The first version misspelt a name.")
        make_picture(story=story)
    without = make_published_story(tags=["Ukraine", "Russia"], content_updated_at=timezone.now())
    without.corrections.create(text="The first version misspelt a name.")

    # The bound of tests/articles/test_public_pages.py: the picture comes with the story.
    with django_assert_max_num_queries(7):
        assert client.get(story.get_absolute_url()).status_code == 200
    assert queries_for(client, story) == queries_for(client, without)
