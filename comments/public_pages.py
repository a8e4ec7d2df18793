"""Which comment changes show on the public story pages, so their cached copies are retired.

A new comment held for moderation or sent to spam changes no public page, so a flood of
them cannot empty the page cache; one approved on arrival, any later change of a comment
(moderation, an edit in the admin), and a discussion closed or reopened all do.
"""

from django.db.models.signals import post_delete, post_save

from articles.public_cache import public_content_changed

from .models import ClosedDiscussion, Comment, CommentRules
from .signals import comments_moderated


def comment_saved(sender, instance, created, **kwargs):
    if not created or instance.status == Comment.Status.APPROVED:
        public_content_changed()


def discussion_changed(sender, **kwargs):
    public_content_changed()


def connect():
    """Called once from CommentsConfig.ready()."""
    post_save.connect(comment_saved, sender=Comment, dispatch_uid="comments.public.comment")
    comments_moderated.connect(discussion_changed, dispatch_uid="comments.public.moderated")
    for model in (ClosedDiscussion, CommentRules):
        for signal in (post_save, post_delete):
            signal.connect(
                discussion_changed, sender=model, dispatch_uid=f"comments.public.{model.__name__}"
            )
