"""What ingest remembers between runs: how each source's feed answered when last polled,
and each admin upload, its files and its report, line by line, as the worker writes it."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Source, Story
from ingest.errors import UploadError


class FeedState(models.Model):
    """The last poll of one source's feed, and the validators for the next conditional GET."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", _("Imported")
        NOT_MODIFIED = "not_modified", _("Not modified")
        FAILED = "failed", _("Failed")

    source = models.OneToOneField(
        Source,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="feed_state",
    )
    polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome, blank=True)
    message = models.TextField(
        _("message"), blank=True, help_text=_("What the last poll imported, or why it failed.")
    )
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["source__name"]

    def __str__(self):
        return str(self.source)


class ImportBatchQuerySet(models.QuerySet):
    def recent(self):
        return self.select_related("created_by").order_by("-created_at", "-pk")


class ImportBatch(models.Model):
    """One upload through the admin: its files wait in the "imports" storage for the worker.

    The worker owns a batch through ``run``, a token it takes when it starts: a resumed run
    takes a new one, so a run presumed dead that wakes up finds the batch no longer its own.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        STOPPED = "stopped", _("Stopped")
        DONE = "done", _("Done")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Every story is credited to this source; empty: the one each file names."),
    )
    format = models.CharField(_("format"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.QUEUED)
    total = models.PositiveIntegerField(
        _("stories"), null=True, help_text=_("Known once the worker has read the files.")
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    error = models.TextField(_("error"), blank=True, help_text=_("Why the last run stopped."))
    run = models.UUIDField(null=True, editable=False)
    heartbeat_at = models.DateTimeField(_("last progress"), null=True)
    finished_at = models.DateTimeField(_("finished"), null=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self):
        return _("Upload %(number)d") % {"number": self.pk}

    def get_absolute_url(self):
        return reverse("admin:ingest_upload_batch", args=[self.pk])

    def report(self):
        """Its report lines, file by file, story by story."""
        lines = ImportLine.objects.filter(file__batch=self).select_related("file")
        return lines.order_by("file__position", "index")

    def is_stalled(self, now: datetime | None = None) -> bool:
        """Running, but no progress for longer than any one story takes: the worker died."""
        if self.status != self.Status.RUNNING or self.heartbeat_at is None:
            return False
        now = now or timezone.now()
        limit = timedelta(seconds=settings.NEWSROOM_IMPORT_STALL_SECONDS)
        return self.heartbeat_at < now - limit

    def is_stopped(self, now: datetime | None = None) -> bool:
        return self.status == self.Status.STOPPED or self.is_stalled(now)

    def shown_status(self, now: datetime | None = None) -> str:
        return self.Status.STOPPED.label if self.is_stalled(now) else self.get_status_display()

    def start(self) -> uuid.UUID:
        """Take the batch for a new run and return its token."""
        self.run = uuid.uuid4()
        self.status, self.error, self.heartbeat_at = self.Status.RUNNING, "", timezone.now()
        self.save(update_fields=["run", "status", "error", "heartbeat_at"])
        return self.run

    def count(self, total: int, *, run: uuid.UUID) -> bool:
        return self._mine(run).update(total=total, heartbeat_at=timezone.now()) == 1

    def advance(self, *, run: uuid.UUID) -> bool:
        """Count one more story done; False when another run has taken the batch over."""
        done = models.F("done") + 1
        return self._mine(run).update(done=done, heartbeat_at=timezone.now()) == 1

    def finish(self, *, run: uuid.UUID) -> bool:
        return self._mine(run).update(status=self.Status.DONE, finished_at=timezone.now()) == 1

    def stop(self, error: str, *, run: uuid.UUID) -> bool:
        return self._mine(run).update(status=self.Status.STOPPED, error=error) == 1

    def reopen(self, now: datetime | None = None) -> None:
        """Queue a stopped batch again; UploadError says why one still running or done cannot be."""
        if not self.is_stopped(now):
            raise UploadError(
                _("Only a stopped upload can be resumed; this one is %(status)s.")
                % {"status": self.get_status_display().lower()}
            )
        self.status = self.Status.QUEUED
        self.save(update_fields=["status"])

    def _mine(self, run: uuid.UUID):
        return ImportBatch.objects.filter(pk=self.pk, run=run)


class ImportFile(models.Model):
    """One uploaded file, kept in the "imports" storage until its batch is done."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(_("file name"), max_length=255, help_text=_("As uploaded."))
    stored_name = models.CharField(
        max_length=500,
        blank=True,
        help_text=_("The file in the imports storage; empty once imported, or when refused."),
    )
    size = models.PositiveBigIntegerField(_("size"))
    item_count = models.PositiveIntegerField(
        null=True, help_text=_("Its report lines: one per story, or one for a refused file.")
    )

    class Meta:
        ordering = ["batch", "position"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="unique_file_per_batch")
        ]

    def __str__(self):
        return self.name


class ImportLine(models.Model):
    """One line of an upload's report: what became of one story in one file.

    Written in the same transaction as the story, so a resumed run skips exactly what was done.
    """

    file = models.ForeignKey(ImportFile, on_delete=models.CASCADE, related_name="lines")
    index = models.PositiveIntegerField(help_text=_("The story's place in its file, from 1."))
    outcome = models.CharField(_("outcome"), max_length=20)
    detail = models.TextField(_("detail"))
    story = models.ForeignKey(Story, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["file", "index"], name="unique_line_per_file_item")
        ]

    def __str__(self):
        return f"{self.outcome} {self.label}: {self.detail}"

    @property
    def label(self) -> str:
        """The file's name, and the story's number in it when it holds several (as the command)."""
        return f"{self.file.name}#{self.index}" if self.file.item_count > 1 else self.file.name
