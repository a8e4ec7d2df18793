"""Sitemaps of the public site, and the Google News sitemap of the last two days.

Each section's ``lastmod`` is when its page last changed for readers (a story's update
time, the newest story of a tag or source), and each section asks the database once for
its newest date rather than walking every item.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from .models import Source, Story


class StorySitemap(Sitemap):
    def items(self):
        return (
            Story.objects.published()
            .latest_first()
            .only("slug", "published_at", "content_updated_at")
        )

    def lastmod(self, story):
        return story.content_updated_at or story.published_at

    def get_latest_lastmod(self):
        latest = Coalesce("content_updated_at", "published_at")
        return Story.objects.published().aggregate(latest=Max(latest))["latest"]


class ArchiveSitemap(Sitemap):
    """Tag or source archives that hold at least one public story, newest story as lastmod."""

    model = None
    stories = None  # The reverse relation from the archive's model to Story.
    url_name = None

    def items(self):
        public = Story.objects.published()
        return (
            self.model.objects.filter(**{f"{self.stories}__in": public})
            .annotate(latest=Max(f"{self.stories}__published_at"))
            .order_by("slug")
        )

    def location(self, archive):
        return reverse(self.url_name, args=[archive.slug])

    def lastmod(self, archive):
        return archive.latest

    def get_latest_lastmod(self):
        return Story.objects.published().aggregate(latest=Max("published_at"))["latest"]


class TagSitemap(ArchiveSitemap):
    model = Tag
    stories = "story"
    url_name = "articles:tag"


class SourceSitemap(ArchiveSitemap):
    model = Source
    stories = "stories"
    url_name = "articles:source"


class NewsSitemap(StorySitemap):
    """Google News: stories published in the last two days, at most 1,000 of them."""

    limit = 1000
    window = timedelta(days=2)

    def items(self):
        since = timezone.now() - self.window
        stories = Story.objects.published().since(since).latest_first()
        return stories.only("slug", "headline", "published_at", "content_updated_at")[: self.limit]


SITEMAPS = {"stories": StorySitemap, "tags": TagSitemap, "sources": SourceSitemap}
