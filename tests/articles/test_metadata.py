import json
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import OriginalVersion
from tests.conftest import make_published_story, make_source, make_user

pytestmark = pytest.mark.django_db


class Head(HTMLParser):
    """The <link>, <meta> and JSON-LD <script> elements of a page."""

    def __init__(self, html):
        super().__init__()
        self.links, self.meta, self.scripts, self._script = [], {}, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs["name"], []).append(
                attrs.get("content")
            )
        elif tag == "script":
            self._script = attrs
            self.scripts.append({"attrs": attrs, "text": ""})

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1]["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def canonicals(self):
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def json_ld(self):
        [script] = self.scripts
        assert script["attrs"] == {"type": "application/ld+json"}, "the only inline script"
        return json.loads(script["text"])


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return Head(response.content.decode())


@pytest.fixture
def translated_story(db):
    story = make_published_story(
        source=make_source(name="Stern", slug="stern", homepage="https://www.stern.de/"),
        headline="Putin sees offensive failed",
        standfirst="The shock in Moscow was deep.",
        original_url="https://www.stern.de/politik/putin-kursk.html",
        original_language="de",
        tags=["Ukraine", "Kursk"],
        content_updated_at=timezone.now(),
    )
    story.translated_from = OriginalVersion.objects.create(
        story=story, number=1, headline="Putin sieht Offensive gescheitert", language="de"
    )
    story.save()
    return story


def test_each_public_page_has_exactly_one_canonical_link_to_itself(client, translated_story):
    for url in [
        reverse("articles:home"),
        translated_story.get_absolute_url(),
        reverse("articles:tag", args=["kursk"]),
        reverse("articles:source", args=["stern"]),
    ]:
        assert head(client, url + "?utm_source=x").canonicals() == [f"http://testserver{url}"]


def test_a_later_page_of_a_list_canonicalises_to_that_page(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    make_published_story()
    make_published_story()

    assert head(client, "/?page=2").canonicals() == ["http://testserver/?page=2"]


def test_a_translated_article_canonicalises_to_itself_never_to_the_original(
    client, translated_story
):
    page = head(client, translated_story.get_absolute_url())

    assert page.canonicals() == [f"http://testserver{translated_story.get_absolute_url()}"]
    assert not [link for link in page.links if link.get("hreflang")], "no hreflang to the original"


def test_a_staff_preview_canonicalises_to_the_public_address(client, translated_story):
    client.force_login(make_user("Publisher"))

    page = head(client, reverse("articles:preview", args=[translated_story.pk]))

    assert page.canonicals() == [f"http://testserver{translated_story.get_absolute_url()}"]


def test_article_has_title_description_open_graph_and_twitter_tags(client, translated_story):
    response = client.get(translated_story.get_absolute_url())
    page = Head(response.content.decode())
    url = f"http://testserver{translated_story.get_absolute_url()}"

    assert "<title>Putin sees offensive failed · Newsroom</title>" in response.content.decode()
    assert page.meta["description"] == ["The shock in Moscow was deep."]
    assert page.meta["og:type"] == ["article"]
    assert page.meta["og:title"] == ["Putin sees offensive failed"]
    assert page.meta["og:description"] == ["The shock in Moscow was deep."]
    assert page.meta["og:url"] == [url]
    assert page.meta["og:site_name"] == ["Newsroom"]
    assert page.meta["article:published_time"] == [translated_story.published_at.isoformat()]
    assert page.meta["article:modified_time"] == [translated_story.content_updated_at.isoformat()]
    assert sorted(page.meta["article:tag"]) == ["Kursk", "Ukraine"]
    assert page.meta["twitter:card"] == ["summary"]
    assert page.meta["twitter:title"] == ["Putin sees offensive failed"]


def test_article_describes_itself_as_a_news_article_translated_from_the_original(
    client, translated_story
):
    data = head(client, translated_story.get_absolute_url()).json_ld()
    url = f"http://testserver{translated_story.get_absolute_url()}"

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Putin sees offensive failed"
    assert data["url"] == data["mainEntityOfPage"] == url
    assert data["datePublished"] == translated_story.published_at.isoformat()
    assert data["dateModified"] == translated_story.content_updated_at.isoformat()
    assert data["inLanguage"] == "en"
    assert data["isAccessibleForFree"] is True
    assert data["author"] == {
        "@type": "Organization",
        "name": "Stern",
        "url": "https://www.stern.de/",
    }
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Newsroom",
        "url": "http://testserver/",
    }
    assert data["isBasedOn"] == "https://www.stern.de/politik/putin-kursk.html"
    assert data["translationOfWork"] == {
        "@type": "NewsArticle",
        "@id": "https://www.stern.de/politik/putin-kursk.html",
        "url": "https://www.stern.de/politik/putin-kursk.html",
        "inLanguage": "de",
        "headline": "Putin sieht Offensive gescheitert",
    }
    assert sorted(data["keywords"]) == ["Kursk", "Ukraine"]


def test_a_story_in_the_site_language_is_based_on_the_original_but_not_a_translation(client):
    story = make_published_story(original_language="en", source=make_source(language="en"))

    data = head(client, story.get_absolute_url()).json_ld()

    assert data["isBasedOn"] == story.original_url
    assert "translationOfWork" not in data


def test_json_ld_cannot_be_broken_out_of_by_the_story_text(client):
    story = make_published_story(headline="</script><script>alert(1)</script> & <!--")

    html = client.get(story.get_absolute_url()).content.decode()

    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in ld
    assert ">" not in ld
    assert "&" not in ld.replace("\\u0026", "")
    assert json.loads(ld)["headline"] == "</script><script>alert(1)</script> & <!--"
    assert html.count("<script") == 1, "no script but the JSON-LD"


def test_pages_have_no_inline_script_but_the_json_ld(client, translated_story):
    for url in [
        reverse("articles:home"),
        translated_story.get_absolute_url(),
        reverse("articles:tag", args=["kursk"]),
        reverse("articles:source", args=["stern"]),
        reverse("articles:search") + "?q=putin",
    ]:
        scripts = head(client, url).scripts
        assert all(s["attrs"] == {"type": "application/ld+json"} for s in scripts), url


def test_listing_pages_have_open_graph_defaults_and_their_own_title(client, translated_story):
    html = client.get(reverse("articles:source", args=["stern"])).content.decode()
    page = Head(html)

    assert "<title>Stern · Newsroom</title>" in html
    assert page.meta["og:type"] == ["website"]
    assert page.meta["description"] == ["Stories from Stern, translated and credited."]


def test_email_addresses_of_staff_are_never_rendered(client, settings):
    settings.NEWSROOM_SHOW_TRANSLATOR = True
    story = make_published_story(
        translator=make_user(username="anna@newsroom.example"),
        reviewer=make_user(username="ben", email="ben@newsroom.example"),
    )

    html = client.get(story.get_absolute_url()).content.decode()

    assert "@newsroom.example" not in html
    assert "Translated from German." in html
