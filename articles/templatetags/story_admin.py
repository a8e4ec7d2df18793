"""Tags of the story admin's list."""

from django import template
from django.contrib.admin.templatetags.base import InclusionAdminNode

from articles import admin_list

register = template.Library()


@register.tag(name="story_date_hierarchy")
def story_date_hierarchy_tag(parser, token):
    """Django's {% date_hierarchy cl %}, its template included, without a full pass."""
    return InclusionAdminNode(
        parser,
        token,
        func=admin_list.date_hierarchy,
        template_name="date_hierarchy.html",
        takes_context=False,
    )
