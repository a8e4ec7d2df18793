"""What the site keeps about a reader who commented, and where.

The comments awaiting moderation are remembered in the session, so only their author sees
them, and which of them wait for the author to confirm their address (confirmation.py).
Name, email and website go in a signed cookie, and only when the reader ticks the box.
"""

import json

from django.conf import settings

AWAITING_KEY = "comments_awaiting"
CONFIRMING_KEY = "comments_confirming"
REMEMBER_COOKIE = "newsroom_commenter"
REMEMBER_SALT = "comments.remember"
REMEMBER_FIELDS = ["name", "email", "url"]
# Enough for a busy reader; the oldest fall off, and approved ones show to everyone anyway.
AWAITING_LIMIT = 20


def note_awaiting(request, comment, *, confirming=False):
    """`confirming`: held until the reader confirms their address, which the page says."""
    for key, noted in [(AWAITING_KEY, True), (CONFIRMING_KEY, confirming)]:
        if noted:
            ids = request.session.get(key, [])
            request.session[key] = [*ids, comment.pk][-AWAITING_LIMIT:]


def awaiting_ids(request):
    return _noted(request, AWAITING_KEY)


def confirming_ids(request):
    return _noted(request, CONFIRMING_KEY)


def _noted(request, key):
    # No session cookie, no session query: most readers never posted.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return []
    return request.session.get(key, [])


def remember(response, cleaned_data):
    details = {field: cleaned_data.get(field) or "" for field in REMEMBER_FIELDS}
    response.set_signed_cookie(
        REMEMBER_COOKIE,
        json.dumps(details),
        salt=REMEMBER_SALT,
        max_age=settings.NEWSROOM_COMMENTS_REMEMBER_DAYS * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget(response):
    response.delete_cookie(REMEMBER_COOKIE, samesite="Lax")


def remembered(request):
    """The details the reader asked to keep, or {} when there are none (or they were forged)."""
    value = request.get_signed_cookie(REMEMBER_COOKIE, default=None, salt=REMEMBER_SALT)
    try:
        details = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(details, dict):
        return {}
    kept = {field: str(details.get(field, "")) for field in REMEMBER_FIELDS}
    return kept if any(kept.values()) else {}
