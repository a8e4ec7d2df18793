"""Staff sessions end sooner than readers': at browser close, and a working day after login.

An admin session left open on a shared newsroom computer is a way in for anyone passing.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

DEADLINE_KEY = "newsroom.staff_session_until"


@receiver(user_logged_in, dispatch_uid="accounts.staff_session")
def shorten_staff_session(sender, request, user, **kwargs):
    if request is None or not user.is_staff or not hasattr(request, "session"):
        return
    seconds = settings.NEWSROOM_STAFF_SESSION_SECONDS
    request.session[DEADLINE_KEY] = time.time() + seconds
    request.session.set_expiry(0 if settings.NEWSROOM_STAFF_SESSION_AT_BROWSER_CLOSE else seconds)


def staff_session_expired(request):
    deadline = request.session.get(DEADLINE_KEY)
    return deadline is not None and time.time() > deadline
