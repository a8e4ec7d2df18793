"""/healthz for load balancers: is the database answering, and the cache?

Answered before any other middleware, so a probe by IP address needs no ALLOWED_HOSTS
entry, is not redirected to HTTPS and opens no session. 200 while the database answers;
a cache that does not is "degraded", still 200, since pages are served from the
database; 503 when the database does not answer, within NEWSROOM_HEALTH_TIMEOUT seconds
counted by the client (a hung server answers nothing, ever), so the balancer takes the
server out.
With a read replica (DATABASE_REPLICA_URL) it is checked too; one not answering is
"degraded": every server shares it, so taking them all out would help no one.
"""

import json
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpResponse

from .db_routers import REPLICA
from .postgresql.base import deadline

logger = logging.getLogger(__name__)

PATH = "/healthz"


def database_status(alias=DEFAULT_DB_ALIAS):
    database = connections[alias]
    try:
        with deadline(settings.NEWSROOM_HEALTH_TIMEOUT), database.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # Whatever the driver raises, the answer is "down".
        logger.warning("Health check: database %s down: %s", alias, error)
        database.close_if_unusable_or_obsolete()
        return "down"
    return "ok"


def cache_status():
    try:
        is_available = getattr(cache, "is_available", None)
        if is_available is not None:
            return "ok" if is_available() else "down"
        cache.set("newsroom:healthz", 1, timeout=10)
        return "ok" if cache.get("newsroom:healthz") == 1 else "down"
    except Exception as error:
        logger.warning("Health check: cache down: %s", error)
        return "down"


def health(request):
    checks = {"database": database_status(), "cache": cache_status()}
    if REPLICA in connections.settings:
        # Every server shares the replica: losing it is no reason to take this one out.
        checks["replica"] = database_status(REPLICA)
    if checks["database"] != "ok":
        status = "down"
    elif "down" in checks.values():
        status = "degraded"
    else:
        status = "ok"
    response = HttpResponse(
        json.dumps({"status": status, **checks}),
        content_type="application/json",
        status=503 if status == "down" else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in {"GET", "HEAD"}:
            return health(request)
        return self.get_response(request)
