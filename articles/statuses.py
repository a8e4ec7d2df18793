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


class Origin(models.TextChoices):
    """Which door a revision's words came in by (Story.change_words)."""

    ADMIN = "admin", _("the admin")
    XLIFF = "xliff", _("an XLIFF file")
    MACHINE = "machine", _("a machine draft")
    WIRE = "wire", _("the wire")
    ARCHIVE = "archive", _("an archive import")
    RESTORE = "restore", _("a restore")


# The review of a live story's pending update: the path of a first publication, up to
# the publisher's "Publish the pending update".
UPDATE_STATUSES = [Status.NEW, Status.IN_REVIEW, Status.CHANGES_REQUESTED, Status.APPROVED]


class TranslationMethod(models.TextChoices):
    HUMAN = "human", _("Human")
    MACHINE = "machine", _("Machine")
    MACHINE_POST_EDITED = "machine_post_edited", _("Machine, post-edited")
