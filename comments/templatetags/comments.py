"""The comment section of a story page, built without touching the story's own view."""

from django import template
from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe

from comments import readers
from comments.forms import CommentForm
from comments.models import Comment, CommentRules

register = template.Library()


@register.inclusion_tag("comments/discussion.html", takes_context=True)
def comment_section(context, story):
    """Approved comments with their replies, the reader's own awaiting ones, and the form.

    Three queries whatever the number of comments: rules, closure, comments. None in a
    staff preview.
    """
    if context.get("preview"):
        # A staff preview of a story's text: the conversation belongs to the live page.
        return {"preview": True}
    request = context["request"]
    rules = CommentRules.load()
    awaiting = readers.awaiting_ids(request)
    visible = list(Comment.objects.for_story(story).visible_to(awaiting).for_display())
    threads = thread(visible)
    is_open = rules.is_open_for(story)
    replying_to = None
    if is_open:
        reply_to = request.GET.get("reply_to", "")
        replying_to = next((c for c in threads if c.is_public and str(c.pk) == reply_to), None)
    initial = readers.remembered(request)
    # Opt-in: ticked only for a reader who asked to be remembered before.
    initial["remember"] = bool(initial)
    initial["parent"] = replying_to.pk if replying_to else None
    return {
        "story": story,
        "threads": threads,
        "confirming": readers.confirming_ids(request) if awaiting else [],
        "count": sum(c.is_public + sum(r.is_public for r in c.thread) for c in threads),
        "is_open": is_open,
        "replying_to": replying_to,
        "form": CommentForm(story=story, rules=rules, initial=initial) if is_open else None,
    }


def thread(comments):
    """Top-level comments in order, each with `.thread` holding its visible replies."""
    replies = {}
    for comment in comments:
        if comment.parent_id:
            replies.setdefault(comment.parent_id, []).append(comment)
    top = [comment for comment in comments if comment.parent_id is None]
    for comment in top:
        comment.thread = replies.get(comment.pk, [])
    return top


@register.filter(needs_autoescape=False)
def comment_text(text):
    """A comment as escaped paragraphs; its links marked as user content, not endorsed."""
    html = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    # The text was escaped first, so the only rel="nofollow" left is the one urlize wrote.
    html = html.replace(' rel="nofollow"', ' rel="nofollow ugc noopener"')
    return mark_safe(linebreaks(html))


@register.filter
def one_line(text):
    """Text on one line, for plain-text mail: a line break in a name cannot start a line."""
    return " ".join(str(text).split())
