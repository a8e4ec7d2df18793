"""Site-wide response rules: the Permissions-Policy header, and a 503 page for a lost database.

The other security headers come from Django itself (SecurityMiddleware: HSTS, nosniff,
Referrer-Policy, Cross-Origin-Opener-Policy; XFrameOptionsMiddleware: DENY).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views import defaults

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
