"""Cross-site request protection for the comment form, without a token in the page.

Story pages are the same for every anonymous reader, so a cache or a CDN can keep one copy;
a per-reader CSRF token in the form would either be shared by everyone (and protect no one)
or make every page personal. A browser says where a form was sent from instead: the
Sec-Fetch-Site header (every current browser) or, failing that, Origin. A post from another
site is refused; one with neither header did not come from a browser, which is what
cross-site request forgery needs. This is the check Go's net/http CrossOriginProtection makes.
"""

from functools import wraps

from django.conf import settings
from django.views.csrf import csrf_failure
from django.views.decorators.csrf import csrf_exempt

REASON = "The comment was sent from another site."


def is_same_origin(request):
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        # "none": typed or bookmarked by the reader themselves, never a page's doing.
        return site in {"same-origin", "none"}
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    own = f"{request.scheme}://{request.get_host()}"
    return origin == own or origin in settings.CSRF_TRUSTED_ORIGINS


def same_origin_post(view):
    """Replace Django's token check on ``view`` by the browser's word on where the post began."""

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "POST" and not is_same_origin(request):
            return csrf_failure(request, reason=REASON)
        return view(request, *args, **kwargs)

    return wrapped
