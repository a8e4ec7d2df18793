"""Proof that a reader controls the email address they type, before it earns them trust.

An address alone proves nothing: anyone who knows a trusted reader's address could type it.
So trust (``trust_after`` approved comments, rules.py) counts only in a browser holding a
*proof*: a signed cookie naming the address, given when the reader followed a confirmation
link mailed to it. A comment that would be trusted but arrives without the proof is held,
and one such mail is sent per address per ``NEWSROOM_COMMENTS_CONFIRM_MAIL_HOURS``.

The link's token names the comment, not the address (a URL ends up in logs), with a keyed
digest of the address the mail went to, so the link stops working if that comment's address
changes or is anonymised. Opening the link (GET) changes nothing, since mail scanners fetch
links; the reader's one click (a POST) gives the proof and releases the comment.

The proof cookie is sent back only to the comment-post URLs (its path), so story pages are
requested without it and stay the same for every reader (articles/page_cache.py).
"""

import hashlib

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .addresses import normalise_email
from .models import Comment

PROOF_COOKIE = "newsroom_commenter_proof"
PROOF_SALT = "comments.proof"
TOKEN_SALT = "comments.confirm"


class Refused(Exception):
    """A confirmation link that cannot be honoured; the message is for the reader."""


def proof_path():
    """The path prefix of every comment-post URL, and nothing else on the site."""
    return reverse("comments:post", args=[0]).removesuffix("0/")


def proven_email(request):
    """The address this browser proved it reads, or "" (none, forged, or expired)."""
    value = request.get_signed_cookie(
        PROOF_COOKIE,
        default="",
        salt=PROOF_SALT,
        max_age=settings.NEWSROOM_COMMENTS_PROOF_DAYS * 86400,
    )
    return normalise_email(value)


def give_proof(response, email):
    response.set_signed_cookie(
        PROOF_COOKIE,
        normalise_email(email),
        salt=PROOF_SALT,
        max_age=settings.NEWSROOM_COMMENTS_PROOF_DAYS * 86400,
        path=proof_path(),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _address_digest(email):
    return salted_hmac(TOKEN_SALT, normalise_email(email)).hexdigest()[:32]


def token_for(comment):
    return signing.dumps(
        {"comment": comment.pk, "address": _address_digest(comment.email)}, salt=TOKEN_SALT
    )


def comment_for(token):
    """The held comment a confirmation link was mailed about; Refused when it cannot be."""
    try:
        data = signing.loads(
            token, salt=TOKEN_SALT, max_age=settings.NEWSROOM_COMMENTS_CONFIRM_DAYS * 86400
        )
    except signing.SignatureExpired:
        raise Refused(
            _("This confirmation link has expired. Post a comment again for a new one.")
        ) from None
    except signing.BadSignature:
        raise Refused(
            _("This confirmation link is not valid. Use the link exactly as it came by mail.")
        ) from None
    comment = Comment.objects.select_related("story").filter(pk=data.get("comment")).first()
    if (
        comment is None
        or not comment.email
        or not constant_time_compare(_address_digest(comment.email), str(data.get("address")))
    ):
        raise Refused(
            _("This confirmation link no longer works. Post a comment again for a new one.")
        )
    return comment


def claim_mail_turn(email):
    """True at most once per address per NEWSROOM_COMMENTS_CONFIRM_MAIL_HOURS, so a
    stranger posting under someone's address cannot flood their inbox."""
    key = f"comments:confirm-mail:{hashlib.sha256(normalise_email(email).encode()).hexdigest()}"
    return cache.add(key, 1, timeout=settings.NEWSROOM_COMMENTS_CONFIRM_MAIL_HOURS * 3600)


def send_confirmation(comment, *, confirm_url):
    """Mail the comment's author the link that proves they read their address."""
    body = render_to_string(
        "comments/email/confirm.txt",
        {
            "comment": comment,
            "confirm_url": confirm_url,
            "days": settings.NEWSROOM_COMMENTS_CONFIRM_DAYS,
        },
    )
    send_mail(_("Confirm your email address for comments"), body, None, [comment.email])
