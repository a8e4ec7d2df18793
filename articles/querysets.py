"""Named query rules for stories. One definition of "public" feeds every reader surface."""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db import models, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F, Func, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone

from .search import MARK_END, MARK_START, search_query, snippet


class StoryQuerySet(models.QuerySet):
    def published(self, now=None):
        """Stories a reader may see: published, and their publish time has come."""
        from .models import Story

        now = now or timezone.now()
        return self.filter(status=Story.Status.PUBLISHED, published_at__lte=now)

    def scheduled(self, now=None):
        """Stories published for a time still to come: public once that time has passed."""
        from .models import Story

        now = now or timezone.now()
        return self.filter(status=Story.Status.PUBLISHED, published_at__gt=now)

    def licence_ended(self, now=None):
        """Published stories whose source's licence period has run out by ``now``."""
        now = now or timezone.now()
        ends = ExpressionWrapper(
            F("published_at") + F("source__licence_days") * Value(timedelta(days=1)),
            output_field=DateTimeField(),
        )
        return (
            self.published(now)
            .filter(source__licence_days__isnull=False)
            .alias(licence_ends=ends)
            .filter(licence_ends__lte=now)
        )

    def withdrawn(self):
        """Stories taken down after publication; their address answers 410 Gone."""
        from .models import Story

        return self.filter(status=Story.Status.WITHDRAWN)

    def for_tag(self, slug):
        return self.filter(tags__slug=slug)

    def for_source(self, source):
        return self.filter(source=source)

    def since(self, moment):
        return self.filter(published_at__gte=moment)

    def search(self, text):
        """Stories matching the words, best first: a headline hit outranks a body hit."""
        query = search_query(text)
        return (
            self.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-pk")
        )

    def with_excerpts(self, text):
        """Each story with ``excerpt``: passages of its standfirst and body, the hits of
        ``text`` marked. (Not the headline: ts_headline drops anything shaped like an HTML
        tag, and the headline is the link a reader clicks, so it is shown as written.)

        ts_headline reads the whole text of every story it is given, before any LIMIT:
        give it a page of results, not every match (at 100,000 stories, 150 matches of a
        word took 90 ms where their page of 20 takes 12).
        """
        text_of = Concat("standfirst", Value("\n\n"), "body", output_field=TextField())
        # The marks are private-use characters: any a story holds is dropped from the text
        # first, so only the hits are marked and every <mark> is closed.
        text_of = Func(
            text_of,
            Value(MARK_START + MARK_END),
            Value(""),
            function="translate",
            output_field=TextField(),
        )
        return self.annotate(excerpt=snippet(text_of, search_query(text)))

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_listing(self):
        """The shape of a story in a list: its source for the credit, nothing more."""
        return self.select_related("source")

    def for_feed(self):
        """The shape of a story in a feed: its source and its tags, in two queries."""
        return self.select_related("source").prefetch_related("tags")

    def for_page(self):
        """The shape of a story on its own page: source, original, reviewer, lead picture,
        tags and corrections in three queries; the translator too where the site names them."""
        # The reviewer is named under every machine-assisted translation, whatever the setting.
        stories = self.select_related(
            "source", "translated_from", "reviewer", "lead_picture"
        ).prefetch_related("tags", "corrections")
        if settings.NEWSROOM_SHOW_TRANSLATOR:
            stories = stories.select_related("translator")
        return stories

    def for_preview(self):
        """The page shape plus the pending update, which a preview shows as the text."""
        return self.for_page().select_related("pending_revision")

    @transaction.atomic
    def create_story(self, story=None, *, by, origin, note="", tags=(), **fields):
        """The one way a story comes to be: saved with its first revision and timeline event.

        ``story`` is an unsaved Story (the admin's form builds one), else one is made of
        ``fields``. After this, only ``Story.change_words`` changes the words (editing.py).
        """
        from .timeline import record_event

        story = story or self.model(**fields)
        story.save()
        story.record_revision(by=by, origin=origin, note=note)
        record_event(story, "articles.story.created", actor=by, to_status=story.status, note=note)
        if tags:
            story.tags.add(*tags)
        return story


class StoryManager(models.Manager.from_queryset(StoryQuerySet)):
    def get_queryset(self):
        # The search vector is as long as the text and only PostgreSQL reads it: a story
        # loaded in Python leaves it behind.
        return super().get_queryset().defer("search_vector")
