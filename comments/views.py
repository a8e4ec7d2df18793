"""Posting a comment. No JavaScript needed: a refused post comes back on a page of its own,
with the reason beside the field and everything typed still in place."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from articles.models import Story

from . import abuse, readers
from .forms import CommentForm
from .models import Comment, CommentRules
from .origin import same_origin_post
from .tasks import send_moderator_digest


@same_origin_post
@require_POST
def post_comment(request, story_id):
    story = get_object_or_404(Story.objects.published(), pk=story_id)
    rules = CommentRules.load()
    if not rules.is_open_for(story):
        return render(request, "comments/closed.html", {"story": story}, status=403)
    form = CommentForm(request.POST, story=story, rules=rules)
    if not form.is_valid():
        return send_back(request, form, status=400)
    ip = abuse.client_ip(request)
    if not abuse.take_turn(ip=ip, email=form.cleaned_data["email"]):
        message = _("You are posting comments too quickly. Wait a few seconds and post again.")
        form.add_error(None, ValidationError(message, code="rate_limited"))
        return send_back(request, form, status=429)

    comment = form.save(commit=False)
    comment.story = story
    comment.ip_address = ip
    comment.user_agent = request.META.get("HTTP_USER_AGENT", "")[:500]
    comment.submit(rules=rules)
    if not comment.is_public:
        readers.note_awaiting(request, comment)
    if comment.status == Comment.Status.PENDING:
        queue_url = request.build_absolute_uri(reverse("admin:comments_comment_changelist"))
        send_moderator_digest.enqueue(queue_url=queue_url)

    response = redirect(comment.get_absolute_url())
    if form.cleaned_data["remember"]:
        readers.remember(response, form.cleaned_data)
    else:
        readers.forget(response)
    return response


def send_back(request, form, *, status):
    form.renew_token()
    context = {"story": form.story, "form": form, "is_open": True}
    return render(request, "comments/form_page.html", context, status=status)
