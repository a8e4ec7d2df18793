from django import template
from django.conf import settings

from articles.models import Story

register = template.Library()


@register.inclusion_tag("articles/includes/latest_posts.html")
def latest_posts(exclude=None):
    """The newest public stories, leaving out the one on the page."""
    stories = Story.objects.published().latest_first().only("headline", "slug", "published_at")
    if exclude:
        stories = stories.exclude(pk=exclude.pk)
    return {"stories": stories[: settings.NEWSROOM_LATEST_POSTS]}
