"""Every public XML document, fetched and parsed by a strict parser: feeds and sitemaps."""

from urllib.parse import urlsplit

from django.urls import reverse
from lxml import etree
from taggit.models import Tag

from articles.models import Source

STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_strictly(url, response):
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    try:
        return etree.fromstring(response.content, STRICT)
    except etree.XMLSyntaxError as error:
        raise AssertionError(f"{url} is not well-formed XML: {error}") from None


def public_xml_urls():
    urls = [
        reverse(name) for name in ["articles:feed", "articles:feed-atom", "articles:news-sitemap"]
    ]
    for kind, slugs in [
        ("tag", Tag.objects.values_list("slug", flat=True)),
        ("source", Source.objects.values_list("slug", flat=True)),
    ]:
        for slug in slugs:
            urls += [
                reverse(f"articles:{kind}-feed", args=[slug]),
                reverse(f"articles:{kind}-feed-atom", args=[slug]),
            ]
    return urls


def fetch_every_xml_document(client):
    """{url: root element} of every feed and sitemap; fails on any that is not well-formed.

    A feed of a tag or source no public story has may answer 404; every other must parse.
    """
    documents = {}
    index_url = reverse("articles:sitemap")
    index = parse_strictly(index_url, client.get(index_url))
    documents[index_url] = index
    sections = [urlsplit(loc.text).path for loc in index.iter(f"{SITEMAP}loc")]
    for url in sections + public_xml_urls():
        response = client.get(url)
        if (
            response.status_code == 404
            and "/feed" in url
            and url.startswith(("/tags/", "/sources/"))
        ):
            continue
        documents[url] = parse_strictly(url, response)
    return documents
