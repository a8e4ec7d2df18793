"""The house glossary: how a name or term must be written in the site language, and why."""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _


def lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


class GlossaryTermQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class GlossaryTerm(models.Model):
    """One house-style rule: write ``rendering``, never one of the forbidden variants."""

    class Severity(models.TextChoices):
        WARNING = "warning", _("Warning: shown to translator and reviewer")
        ERROR = "error", _("Error: the story cannot be approved")

    rendering = models.CharField(
        _("required rendering"),
        max_length=200,
        help_text=_("How the site writes it, e.g. Kyiv."),
    )
    term = models.CharField(
        _("term in the source language"),
        max_length=200,
        blank=True,
        help_text=_(
            "How originals write it, e.g. Kyjiw. Where an original paragraph has it, its "
            "translation should have the required rendering."
        ),
    )
    source_language = models.CharField(
        _("source language"),
        max_length=35,
        blank=True,
        help_text=_("BCP 47 tag of the originals the term appears in; empty: any language."),
    )
    forbidden = models.TextField(
        _("forbidden variants"),
        blank=True,
        help_text=_("One per line, e.g. Kiev. Matched as whole words, in any case."),
    )
    exceptions = models.TextField(
        _("allowed in"),
        blank=True,
        help_text=_(
            "Phrases in which a forbidden variant is correct, one per line, e.g. chicken Kiev. "
            "Text inside quotation marks is never flagged: a quotation stays as it was said."
        ),
    )
    reason = models.TextField(_("reason"), help_text=_("Shown with every warning."))
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity, default=Severity.WARNING
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = GlossaryTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["rendering"]
        constraints = [
            models.UniqueConstraint(
                fields=["rendering", "source_language"], name="unique_rendering_per_language"
            ),
        ]

    def __str__(self):
        return self.rendering

    def applies_to(self, language):
        """Whether originals in ``language`` (a BCP 47 tag) are covered by this term."""
        if not self.source_language:
            return True
        primary = self.source_language.lower().split("-")[0]
        return (language or "").lower().split("-")[0] == primary

    @property
    def forbidden_variants(self):
        return lines(self.forbidden)

    @property
    def allowed_phrases(self):
        return lines(self.exceptions)

    def pattern(self, words):
        """A regular expression matching any of ``words`` as whole words, in any case."""
        alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)
