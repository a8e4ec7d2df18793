"""Posting a comment, and confirming an address. No JavaScript needed: a refused post comes
back on a page of its own, with the reason beside the field and everything typed still in place."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Story

from . import abuse, confirmation, readers
from .forms import CommentForm
from .models import Comment, CommentRules
from .origin import same_origin_post
from .tasks import send_confirmation_mail, send_moderator_digest


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
    verdict = comment.submit(rules=rules, proven_email=confirmation.proven_email(request))
    if not comment.is_public:
        readers.note_awaiting(request, comment, confirming=verdict.needs_proof)
    if verdict.needs_proof and confirmation.claim_mail_turn(comment.email):
        token = confirmation.token_for(comment)
        confirm_url = request.build_absolute_uri(reverse("comments:confirm", args=[token]))
        send_confirmation_mail.enqueue(comment_id=comment.pk, confirm_url=confirm_url)
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


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """The link mailed to a held comment's author. Opening it only asks; mail scanners open
    links too. The reader's click (a POST, with Django's CSRF check) proves the address to
    this browser and publishes the comment if nothing else holds it and this is the browser
    it was posted from: an impostor's comment, confirmed by the address's real owner who
    did not read it closely, still goes to a moderator."""
    try:
        comment = confirmation.comment_for(token)
    except confirmation.Refused as refusal:
        return render(request, "comments/confirm.html", {"refusal": str(refusal)}, status=400)
    if request.method == "GET":
        return render(request, "comments/confirm.html", {"comment": comment})
    posted_here = comment.pk in readers.awaiting_ids(request)
    published = posted_here and comment.release_confirmed(rules=CommentRules.load())
    context = {
        "comment": comment,
        "confirmed": True,
        "published": published,
        "posted_here": posted_here,
    }
    response = render(request, "comments/confirm.html", context)
    confirmation.give_proof(response, comment.email)
    return response
