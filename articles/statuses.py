"""The two statuses every story carries (see DESIGN.md): its translation and its editing."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SPIKED = "spiked", _("Spiked")


class TranslationStatus(models.TextChoices):
    UNTRANSLATED = "untranslated", _("Untranslated")
    MACHINE_DRAFT = "machine_draft", _("Machine draft")
    IN_TRANSLATION = "in_translation", _("In translation")
    TRANSLATED = "translated", _("Translated")
    REVIEWED = "reviewed", _("Reviewed")
    NEEDS_UPDATE = "needs_update", _("Needs update")


class TranslationMethod(models.TextChoices):
    HUMAN = "human", _("Human")
    MACHINE = "machine", _("Machine")
    MACHINE_POST_EDITED = "machine_post_edited", _("Machine, post-edited")
