"""RSS 2.0 and Atom feeds of public stories: all of them, per tag and per source.

Every item credits its source in its text and names the outlet as its author. With
``NEWSROOM_FEED_FULL_CONTENT`` the whole story goes in ``content:encoded`` (RSS) or
``<content>`` (Atom) beside the summary; otherwise readers get the standfirst and a link.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from newsroom import text

from .models import Source, Story, public_tags


def _xml_safe(values):
    return {
        key: [text.safe(v) for v in value] if isinstance(value, list | tuple) else text.safe(value)
        for key, value in values.items()
    }


class XMLSafeFeed:
    """Every text a feed writes passes the XML rule (newsroom/text.py) on its way in, so a
    story stored with a control character still gives a well-formed feed, not a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = _xml_safe(self.feed)

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = _xml_safe(self.items[-1])


class StoryRss(XMLSafeFeed, Rss201rev2Feed):
    """RSS 2.0 with the full text in content:encoded and the outlet's feed in <source>."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("source_feed"):
            handler.addQuickElement("source", item["source_name"], {"url": item["source_feed"]})
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class StoryAtom(XMLSafeFeed, Atom1Feed):
    """Atom with the full text in <content type="html">."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestStoriesFeed(Feed):
    """The newest public stories. Subclasses narrow ``stories()`` to a tag or a source."""

    feed_type = StoryRss
    # Django hands the template the story as "obj".
    description_template = "articles/feeds/summary.html"
    feed_view_name = "articles:feed"

    def title(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def description(self, obj):
        return _("Translated news, each story credited to its source.")

    def link(self, obj):
        return reverse("articles:home")

    def feed_url(self, obj):
        return reverse(self.feed_view_name)

    def author_name(self, obj):
        return settings.NEWSROOM_SITE_NAME

    def stories(self, obj):
        return Story.objects.published()

    def items(self, obj):
        stories = self.stories(obj).latest_first().for_feed()
        return stories[: settings.NEWSROOM_FEED_ITEMS]

    def item_title(self, item):
        return item.headline

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.content_updated_at or item.published_at

    def item_author_name(self, item):
        return item.source.name

    def item_author_link(self, item):
        return item.source.homepage or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        extra = {"source_name": item.source.name, "source_feed": item.source.feed_url}
        if settings.NEWSROOM_FEED_FULL_CONTENT:
            extra["content"] = render_to_string("articles/feeds/content.html", {"obj": item})
        return extra


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = StoryAtom
    feed_view_name = "articles:feed-atom"

    def subtitle(self, obj):
        return self.description(obj)


class TagFeed(LatestStoriesFeed):
    feed_view_name = "articles:tag-feed"

    def get_object(self, request, slug):
        return get_object_or_404(public_tags(), slug=slug)

    def title(self, obj):
        return _("%(site)s: stories tagged “%(tag)s”") % {
            "site": settings.NEWSROOM_SITE_NAME,
            "tag": obj.name,
        }

    def link(self, obj):
        return reverse("articles:tag", args=[obj.slug])

    def feed_url(self, obj):
        return reverse(self.feed_view_name, args=[obj.slug])

    def stories(self, obj):
        return Story.objects.published().for_tag(obj.slug)


class TagAtomFeed(TagFeed, LatestStoriesAtomFeed):
    feed_view_name = "articles:tag-feed-atom"


class SourceFeed(LatestStoriesFeed):
    feed_view_name = "articles:source-feed"

    def get_object(self, request, slug):
        return get_object_or_404(Source.objects.with_public_stories(), slug=slug)

    def title(self, obj):
        return _("%(site)s: stories from %(source)s") % {
            "site": settings.NEWSROOM_SITE_NAME,
            "source": obj.name,
        }

    def link(self, obj):
        return reverse("articles:source", args=[obj.slug])

    def feed_url(self, obj):
        return reverse(self.feed_view_name, args=[obj.slug])

    def stories(self, obj):
        return Story.objects.published().for_source(obj)


class SourceAtomFeed(SourceFeed, LatestStoriesAtomFeed):
    feed_view_name = "articles:source-feed-atom"
