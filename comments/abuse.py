"""Defences against bots and floods: the signed form token, the rate limit, the client's IP.

The rate limit lives in Django's cache. With the default local-memory cache each worker
counts alone; with CACHE_URL pointing to Redis every worker shares one count.
"""

import hashlib
import ipaddress

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .addresses import normalise_email

TOKEN_SALT = "comments.form-token"


class Refused(Exception):
    """A post turned away before the rules look at it; the message is for the reader."""

    def __init__(self, message, code):
        super().__init__(message)
        self.message, self.code = message, code


def issue_token(story, now=None):
    """A signed note of which story the form is for and when it was served."""
    now = now or timezone.now()
    return signing.dumps({"story": story.pk, "at": int(now.timestamp())}, salt=TOKEN_SALT)


def check_token(token, story, now=None):
    """Refuse a form not served by us for this story, sent back too soon or too late."""
    now = now or timezone.now()
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT)
    except signing.BadSignature:
        data = {}
    if data.get("story") != story.pk or not isinstance(data.get("at"), int):
        raise Refused(
            _("This form could not be verified. Please post your comment again."), "token"
        )
    age = now.timestamp() - data["at"]
    if age < settings.NEWSROOM_COMMENTS_MIN_SECONDS:
        raise Refused(
            _(
                "That was quicker than anyone can type. "
                "Please check your comment and post it again."
            ),
            "too_fast",
        )
    if age > settings.NEWSROOM_COMMENTS_FORM_MAX_AGE:
        raise Refused(
            _("This form was open too long and has expired. Please post your comment again."),
            "expired",
        )


def take_turn(*, ip, email):
    """Claim the posting window for this IP and this email; False when either has it already."""
    seconds = settings.NEWSROOM_COMMENTS_RATE_SECONDS
    if not seconds:
        return True
    # Both are claimed even when the first fails: an attempt counts as a post.
    claimed = [
        cache.add(_rate_key(kind, value), 1, timeout=seconds)
        for kind, value in [("ip", ip or "unknown"), ("email", normalise_email(email))]
    ]
    return all(claimed)


def _rate_key(kind, value):
    # Hashed: cache keys must be short and safe, and an email is not kept in the cache.
    return f"comments:rate:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def client_ip(request):
    """The reader's address: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For."""
    hops = settings.NEWSROOM_COMMENTS_PROXY_HOPS
    address = request.META.get("REMOTE_ADDR", "")
    if hops:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        # Only the last `hops` entries were written by proxies we run; the rest is hearsay.
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
