import hashlib
import unicodedata

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import Tag

from newsroom import text

from .body import parse_body
from .editing import StoryEditing
from .fields import WORD_FIELDS
from .querysets import StoryManager
from .search import story_search_vector
from .statuses import UPDATE_STATUSES, Origin, Status, TranslationMethod, TranslationStatus
from .workflow import StoryWorkflow, WorkflowError

__all__ = [
    "Correction",
    "OriginalVersion",
    "Revision",
    "Source",
    "SourceAlert",
    "Story",
    "StoryEvent",
    "WorkflowError",
]


def normalize_name(name):
    """Outlet names match whatever their case and spacing: "STERN " is "Stern"."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class SourceQuerySet(models.QuerySet):
    def named(self, name):
        return self.filter(name_key=normalize_name(name))

    def with_public_stories(self):
        """Sources a reader may see an archive of: one with no public story would confirm
        an embargoed or draft story's outlet."""
        return self.filter(Exists(Story.objects.published().filter(source=OuterRef("pk"))))


def public_tags():
    """Tags a reader may see an archive of: one only drafts carry would confirm a topic
    nobody may read yet (an embargoed story's, say)."""
    return Tag.objects.filter(Exists(Story.objects.published().filter(tags=OuterRef("pk"))))


class Source(models.Model):
    class Kind(models.TextChoices):
        # What attribution the source asks for (Story._guard_publishable).
        OUTLET = "outlet", _("Outlet: a website; each story credits its original URL")
        AGENCY = "agency", _("Agency: a wire; each story credits the agency and its item id")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.OUTLET)
    name_key = models.CharField(max_length=200, unique=True, editable=False)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    homepage = models.URLField(_("homepage"), blank=True)
    language = models.CharField(
        _("language"),
        max_length=35,
        blank=True,
        help_text=_("BCP 47 tag of the language the outlet publishes in, e.g. de or pt-BR."),
    )
    credit_line = models.CharField(
        _("credit line"),
        max_length=200,
        blank=True,
        help_text=_('Printed under every story from this source. Empty: "Source: <name>".'),
    )
    terms = models.TextField(_("licence and usage terms"), blank=True)
    licence_days = models.PositiveIntegerField(
        _("licence period in days"),
        null=True,
        blank=True,
        help_text=_(
            "Stories from this source may stay up this many days after publication; then "
            "they are withdrawn, with the reason, by the daily expire_licences run. Empty: "
            "no limit."
        ),
    )
    feed_url = models.URLField(_("feed URL"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_name(self.name)
        if not self.slug:
            self.slug = self._free_slug()
        if not self.credit_line:
            self.credit_line = f"Source: {self.name}"
        super().save(*args, **kwargs)

    def _free_slug(self):
        """Two names can slugify alike ("Stern", "Stern!"), or to nothing ("新华社")."""
        base = slugify(self.name)[:90].strip("-") or "source"
        slug, suffix = base, 2
        while Source.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug


class Story(StoryWorkflow, StoryEditing, models.Model):
    """One piece of news from one source, with the publishable text in the site language."""

    Status = Status
    TranslationStatus = TranslationStatus
    TranslationMethod = TranslationMethod

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="stories"
    )
    guid = models.CharField(
        _("GUID"), max_length=500, help_text=_("The source's own identifier for this story.")
    )
    original_url = models.URLField(_("original URL"), max_length=1000, blank=True)
    original_language = models.CharField(
        _("original language"), max_length=35, blank=True, help_text=_("BCP 47 tag, e.g. de.")
    )
    embargoed_until = models.DateTimeField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("The story cannot be published before this time."),
    )

    headline = models.CharField(_("headline"), max_length=300)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line. A line starting with ## is a subheading."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        unique=True,
        help_text=_("The story's address on the site; it does not change once published."),
    )
    tags = TaggableManager(_("tags"), blank=True)

    translation_status = models.CharField(
        _("translation status"),
        max_length=20,
        choices=TranslationStatus,
        default=TranslationStatus.UNTRANSLATED,
    )
    status = models.CharField(
        _("editorial status"), max_length=20, choices=Status, default=Status.NEW
    )
    published_at = models.DateTimeField(
        _("publish time"),
        null=True,
        blank=True,
        help_text=_("A story is public once it is published and its publish time has passed."),
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("translator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    translated_from = models.ForeignKey(
        "OriginalVersion",
        verbose_name=_("translated from version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    omission_note = models.TextField(
        _("intended omission"),
        blank=True,
        help_text=_(
            "Why the translation has more or fewer paragraphs than the original. Without "
            "this note, a story whose paragraphs do not match cannot go to review."
        ),
    )
    translation_method = models.CharField(
        _("translation method"),
        max_length=20,
        choices=TranslationMethod,
        default=TranslationMethod.HUMAN,
    )
    machine_engine = models.CharField(
        _("machine engine"),
        max_length=50,
        blank=True,
        help_text=_("The engine that drafted the translation, when a machine did."),
    )
    content_updated_at = models.DateTimeField(
        _("updated"),
        null=True,
        blank=True,
        help_text=_("When a published story last changed for readers; shown on the page."),
    )
    pending_revision = models.ForeignKey(
        "Revision",
        verbose_name=_("pending update"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An edit of the published story that waits for a publisher."),
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    lock_version = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text=_("Counts saves, so a save based on an older version is refused."),
    )
    editing_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    editing_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modified"), auto_now=True)
    # The weighted words of headline, standfirst and body (search.py), kept by PostgreSQL:
    # ranking a match reads them here instead of parsing the story's whole text again.
    search_vector = models.GeneratedField(
        expression=story_search_vector(), output_field=SearchVectorField(), db_persist=True
    )

    objects = StoryManager()

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("review_story", _("Can approve stories or request changes")),
            ("publish_story", _("Can publish, schedule and withdraw stories")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source", "guid"], name="unique_story_per_source"),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="published_story_has_publish_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["-published_at", "-id"],
                condition=models.Q(status="published"),
                name="story_public_listing",
            ),
            models.Index(
                fields=["source", "-published_at"],
                condition=models.Q(status="published"),
                name="story_public_by_source",
            ),
            models.Index(fields=["status", "translation_status"], name="story_statuses"),
            # The admin's list: its order, its date drill-down and the language filter's choices.
            models.Index(fields=["-published_at", "-id"], name="story_by_publish_time"),
            models.Index(fields=["original_language"], name="story_original_language"),
            # A status's stories by date: the list filtered by status, and its date range.
            models.Index(fields=["status", "published_at"], name="story_status_publish_time"),
            GinIndex(fields=["search_vector"], name="story_search"),
            # The admin's search: icontains is UPPER(column) LIKE UPPER('%term%').
            GinIndex(OpClass(Upper("headline"), name="gin_trgm_ops"), name="story_headline_trgm"),
            GinIndex(OpClass(Upper("guid"), name="gin_trgm_ops"), name="story_guid_trgm"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def _unique_slug(self):
        base = slugify(self.headline)[:180].strip("-") or "story"
        slug, suffix = base, 2
        while Story.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return slug

    @property
    def blocks(self):
        return parse_body(self.body)

    @property
    def credit_line(self):
        return self.source.credit_line

    @property
    def original(self):
        """The newest version received from the source, or None when it is unknown."""
        return self.versions.order_by("-number").first()

    def is_public(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
        )

    def is_scheduled(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > now
        )


class OriginalVersion(models.Model):
    """One version of the original as the source sent it, kept verbatim."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    content_hash = models.CharField(max_length=64, editable=False)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    headline = models.TextField(_("headline"))
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True)
    byline = models.CharField(_("byline"), max_length=300, blank=True)
    language = models.CharField(_("language"), max_length=35, blank=True)
    copyright_holder = models.CharField(_("copyright holder"), max_length=300, blank=True)
    copyright = models.CharField(_("copyright notice"), max_length=500, blank=True)
    usage_terms = models.TextField(
        _("usage terms"), blank=True, help_text=_("What the source allows, as it sent it.")
    )
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    version_created_at = models.DateTimeField(_("version created"), null=True, blank=True)

    class Meta:
        verbose_name = _("original version")
        verbose_name_plural = _("original versions")
        ordering = ["story", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["story", "number"], name="unique_version_per_story"),
        ]

    def __str__(self):
        return f"{self.headline} (v{self.number})"

    def save(self, *args, **kwargs):
        self.content_hash = self.compute_hash(self.headline, self.standfirst, self.body)
        super().save(*args, **kwargs)

    @staticmethod
    def compute_hash(*parts):
        """The hash of the text as the site reads it: a character XML cannot carry, or the
        DEL that imports once stripped before storing, makes no new version."""
        parts = [text.strip(part).replace("\x7f", "") for part in parts]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @property
    def blocks(self):
        return parse_body(self.body)


class RevisionQuerySet(models.QuerySet):
    def since_last_approval(self):
        """Revisions written after their story's last approved one (all, if none was): the
        words a reviewer would now approve. One subquery, so it serves a story's revisions
        and the review queue's EXISTS alike."""
        last_approved = (
            Revision.objects.filter(story=OuterRef("story"), reviewed_at__isnull=False)
            .order_by("-pk")
            .values("pk")[:1]
        )
        return self.filter(pk__gt=Coalesce(Subquery(last_approved), 0))


class Revision(models.Model):
    """The publishable text of a story as it stood after one save."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    origin = models.CharField(
        _("came from"), max_length=20, choices=Origin, default=Origin.ADMIN, editable=False
    )
    headline = models.CharField(_("headline"), max_length=300)
    standfirst = models.TextField(_("standfirst"), blank=True)
    body = models.TextField(_("body"), blank=True)
    omission_note = models.TextField(_("intended omission"), blank=True)
    details = models.JSONField(
        _("details changed"),
        default=dict,
        blank=True,
        help_text=_("The source, URL, GUID, address, tags or embargo this revision changes."),
    )
    pending = models.BooleanField(
        _("pending"),
        default=False,
        help_text=_(
            "An edit of a published story that is not live until it is reviewed and published."
        ),
    )
    proposed = models.BooleanField(
        _("proposed"),
        default=False,
        help_text=_(
            "A changed text an archive import offers the desk; not the story's words until "
            "someone takes it."
        ),
    )
    update_status = models.CharField(
        _("review of the update"),
        max_length=20,
        blank=True,
        choices=[(status.value, status.label) for status in UPDATE_STATUSES],
        help_text=_("Where a pending update of a published story stands in its review."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(
        _("reviewed"), null=True, blank=True, help_text=_("Set when a reviewer approved this text.")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    story_version = models.PositiveIntegerField(
        default=0, help_text=_("The story's lock version when this text was saved.")
    )

    objects = RevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["story", "-created_at", "-pk"]
        indexes = [
            # The desk's count of live updates in review, without reading every revision.
            models.Index(
                fields=["update_status"], condition=models.Q(pending=True), name="revision_pending"
            ),
        ]

    def __str__(self):
        return f"{self.headline} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def text(self):
        return self.headline, self.standfirst, self.body

    @property
    def words(self):
        return {name: getattr(self, name) for name in WORD_FIELDS}


class StoryEvent(models.Model):
    """A step in a story's timeline: who moved it from which status to which, and why."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=100)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    # Editorial or translation status, as the action's name says.
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline")
        ordering = ["story", "at", "pk"]

    def __str__(self):
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    """A dated public note at the end of an article saying what was wrong in it."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="corrections")
    text = models.TextField(_("correction"))
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A correction goes live at once (urgent legal fixes cannot wait for review); a second
    # person looks at it afterwards, on the desk.
    second_look_at = models.DateTimeField(_("looked at again"), null=True, blank=True)
    second_look_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["story", "created_at"]

    def __str__(self):
        return self.text[:80]


class SourceAlertQuerySet(models.QuerySet):
    def unresolved(self):
        return self.filter(resolved_at__isnull=True)


class SourceAlert(models.Model):
    """The source canceled, withheld or changed a story readers see: every publisher is
    told, on every admin page, until one withdraws the story or dismisses this with a note."""

    class Kind(models.TextChoices):
        CANCELED = "canceled", _("canceled by the source")
        WITHHELD = "withheld", _("withheld by the source")
        CHANGED = "changed", _("changed by the source")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(_("what happened"), max_length=20, choices=Kind)
    message = models.TextField(_("message"))
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution = models.TextField(_("how it was resolved"), blank=True)

    objects = SourceAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("source alert")
        verbose_name_plural = _("source alerts")
        ordering = ["-raised_at", "-pk"]
        indexes = [
            # Every admin page asks for the unresolved ones: a handful, whatever the history.
            models.Index(
                fields=["-raised_at"],
                condition=models.Q(resolved_at__isnull=True),
                name="source_alert_unresolved",
            ),
        ]

    def __str__(self):
        return f"{self.story}: {self.get_kind_display()}"
