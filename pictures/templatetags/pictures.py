"""The lead picture on the story's page and in the cards that share it."""

from django import template

register = template.Library()


def picture_of(story):
    """The story's lead picture, or None; free when the story came from ``for_page()``."""
    return getattr(story, "lead_picture", None)


def absolute_url(request, picture):
    # Object storage answers with a full address already; the file system with a path.
    return request.build_absolute_uri(picture.image.url)


@register.inclusion_tag("pictures/lead_picture.html")
def lead_picture(story, first=True):
    """The picture in a <figure> with its caption and credit. ``first``: the top of the page,
    fetched at once; further down, the browser fetches it as it scrolls into view."""
    return {"picture": picture_of(story), "first": first}


@register.inclusion_tag("pictures/meta.html", takes_context=True)
def lead_picture_meta(context, story):
    """Open Graph and Twitter card tags for the picture; a plain summary card without one."""
    picture = picture_of(story)
    if picture is None:
        return {}
    return {"picture": picture, "url": absolute_url(context["request"], picture)}
