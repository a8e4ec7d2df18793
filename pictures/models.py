import secrets
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from articles.models import Story
from articles.public_cache import is_or_was_public

from .validators import read_picture, validate_picture


def picture_path(picture, filename):
    """pictures/2026/11/rescue-workers-Xq3v_k9A.jpg: filed by month, not guessable before the
    story is public, and with the extension of what the file holds, whatever it was called."""
    try:
        extension = read_picture(picture.image.file).extension
    except ValidationError:
        # Only a file saved around the form's checks; nginx serves it as a download.
        extension = "bin"
    stem = slugify(PurePath(filename).stem)[:60].strip("-") or "picture"
    return f"pictures/{timezone.now():%Y/%m}/{stem}-{secrets.token_urlsafe(6)}.{extension}"


def delete_file_on_commit(storage, name):
    """Remove a file from storage once the transaction that dropped it has committed."""
    if name:
        transaction.on_commit(lambda: storage.delete(name), robust=True)


class LeadPicture(models.Model):
    """The picture at the top of a story's page, with the credit its owner is owed."""

    story = models.OneToOneField(
        Story, verbose_name=_("story"), on_delete=models.CASCADE, related_name="lead_picture"
    )
    image = models.ImageField(
        _("picture"),
        upload_to=picture_path,
        max_length=150,
        width_field="width",
        height_field="height",
        validators=[validate_picture],
        help_text=_(
            "A JPEG, PNG or WebP file, shown at the top of the story and when it is shared."
        ),
    )
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_(
            "What the picture shows, for readers who cannot see it: “Rescue workers carry a "
            "stretcher out of a damaged building in Kursk.”"
        ),
    )
    caption = models.CharField(
        _("caption"),
        max_length=500,
        blank=True,
        help_text=_("Printed under the picture. Optional."),
    )
    credit = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("Whose picture it is, printed under it: “Photo: Reuters/Jane Doe”."),
    )
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)

    class Meta:
        verbose_name = _("lead picture")
        verbose_name_plural = _("lead pictures")

    def __str__(self):
        return self.alt_text

    def save(self, *args, **kwargs):
        replaced = self._replaced_file()
        super().save(*args, **kwargs)
        # A picture taken off the story (its rights, say) leaves the public address too.
        delete_file_on_commit(self.image.storage, replaced)

    def _replaced_file(self):
        """The stored file a new upload replaces, if any."""
        if self.pk is None or not self.image or self.image._committed:
            return ""
        stored = type(self).objects.filter(pk=self.pk).values_list("image", flat=True).first()
        return stored or ""

    @staticmethod
    def may_change(user, story):
        """Whether ``user``, who may change ``story``, may change its picture too.

        On a story readers see (or will see at a set time) only a publisher may: a new
        picture goes live at once, where an edit of the text waits for a publisher.
        """
        return not is_or_was_public(story) or user.has_perm("articles.publish_story")

    def image_object(self, url):
        """schema.org ImageObject for structured data, ``url`` being the file's full address."""
        data = {
            "@type": "ImageObject",
            "url": url,
            "contentUrl": url,
            "width": self.width,
            "height": self.height,
            "creditText": self.credit,
        }
        if self.caption:
            data["caption"] = self.caption
        return data
