"""What follows a change of a lead picture: cached pages retired, a removed file deleted."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_delete, post_save

from articles.public_cache import is_or_was_public, public_content_changed

from .models import LeadPicture, delete_file_on_commit


def picture_changed(sender, instance, **kwargs):
    """A picture readers see (or will see) changed: the story's page, its shared card."""
    try:
        story = instance.story
    except ObjectDoesNotExist:
        return  # deleted with its story, which retires the pages itself
    if is_or_was_public(story):
        public_content_changed()


def picture_deleted(sender, instance, **kwargs):
    delete_file_on_commit(instance.image.storage, instance.image.name)


def connect():
    """Called once from PicturesConfig.ready()."""
    for signal in (post_save, post_delete):
        signal.connect(picture_changed, sender=LeadPicture, dispatch_uid="pictures.public_cache")
    post_delete.connect(picture_deleted, sender=LeadPicture, dispatch_uid="pictures.file")
