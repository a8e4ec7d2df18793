from django import template

from comments.models import Comment

register = template.Library()


@register.inclusion_tag("admin/comments/pending_notice.html", takes_context=True)
def pending_comments_notice(context):
    """How many comments wait for a moderator, for those allowed to moderate them."""
    user = context["request"].user
    if not user.has_perm("comments.change_comment"):
        return {"count": None}
    return {"count": Comment.objects.pending().count()}
