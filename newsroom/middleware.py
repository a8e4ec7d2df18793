"""Site-wide response rules: the Permissions-Policy header, a 503 page for a lost database,
and no character XML cannot carry in any page or feed.

The other security headers come from Django itself (SecurityMiddleware: HSTS, nosniff,
Referrer-Policy, Cross-Origin-Opener-Policy; XFrameOptionsMiddleware: DENY).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.views import defaults

from . import text

logger = logging.getLogger(__name__)

# A news site needs none of the browser's powerful features; nothing embedded may ask.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
)

# Long enough for PostgreSQL to restart, short enough that readers come back soon.
RETRY_AFTER_SECONDS = 10

DATABASE_ERRORS = (OperationalError, InterfaceError)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class NulInAddressMiddleware:
    """An address with a NUL character in its query is refused with 400, on every page:
    no link or form puts one there, and PostgreSQL cannot compare text with it, so a
    search or a filter would otherwise fail deep inside a query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "The address holds a NUL character, which no page here reads.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class XMLSafeOutputMiddleware:
    """Nothing XML cannot carry leaves the site, whatever was stored before the rule
    (newsroom/text.py). The page cache cleans a page once when it keeps it and marks its
    copies ``xml_safe``, so a cached hit costs no scan."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(response, "xml_safe", False):
            clean(response)
        return response


def clean(response):
    """Filter a rendered text response in place; files and streams are left as they are."""
    content_type = response.get("Content-Type", "")
    if response.streaming or not (content_type.startswith("text/") or "xml" in content_type):
        return
    response.content = text.safe_bytes(response.content)
    response.xml_safe = True


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 with Retry-After, not a 500 traceback.

    The next request reconnects by itself: CONN_HEALTH_CHECKS drops the broken connection.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s", exception)
            return service_unavailable(request)
        return None


def service_unavailable(request):
    """The 503 page in the site's look; plain text if even the template cannot render."""
    try:
        content = render_to_string("503.html", request=request)
    except Exception:  # The page of last resort must not fail in turn.
        logger.exception("The 503 page could not be rendered.")
        content = "<!doctype html><title>Service unavailable</title><h1>Back in a moment</h1>"
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """handler500: a database error raised outside a view (in a middleware) is a 503 too."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return service_unavailable(request)
    return defaults.server_error(request)
