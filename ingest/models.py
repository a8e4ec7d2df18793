"""What ingest remembers between runs: how each source's feed answered when last polled."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Source


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
