"""Named query rules for stories. One definition of "public" feeds every reader surface."""

from django.db import models
from django.utils import timezone


class StoryQuerySet(models.QuerySet):
    def published(self, now=None):
        """Stories a reader may see: published, and their publish time has come."""
        from .models import Story

        now = now or timezone.now()
        return self.filter(status=Story.Status.PUBLISHED, published_at__lte=now)

    def withdrawn(self):
        """Stories taken down after publication; their address answers 410 Gone."""
        from .models import Story

        return self.filter(status=Story.Status.WITHDRAWN)

    def for_tag(self, slug):
        return self.filter(tags__slug=slug)

    def for_source(self, source):
        return self.filter(source=source)

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """The shape of a story in a list: its source for the credit, nothing more."""
        return self.select_related("source")

    def for_page(self):
        """The shape of a story on its own page: source, tags and corrections in three queries."""
        return self.select_related("source").prefetch_related("tags", "corrections")

    def for_preview(self):
        """The page shape plus the pending update, which a preview shows as the text."""
        return self.for_page().select_related("pending_revision")
