"""Public reads from a read replica, everything else from the primary.

With ``DATABASE_REPLICA_URL`` set there is a ``replica`` database alias. A replica lags
the primary by a moment, so only reads that may be a moment old go there: those of the
public site's models (stories, sources, tags, comments), made while serving a *public
request*, which ``ReplicaReadsMiddleware`` marks. A request is public when it is a GET or
HEAD outside the admin, with no session cookie (staff, or a reader whose own comment
awaits moderation) and no pin cookie: a reader who has just posted is pinned to the
primary for a few seconds so that they see what they wrote. For the same few seconds
after any change readers see (a publish, a correction, an approved comment), every
public read goes to the primary: the page cache files the pages rendered then under the
new content generation, and they must not be rendered from a replica that has not yet
replayed the change. Reads inside a transaction stay on the primary too, since whatever
reads inside one is about to write. Writes, migrations, the admin, sessions, logins and
the audit log only ever touch the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse

REPLICA = "replica"
# The apps whose rows the public site shows; any other model is read from the primary.
PUBLIC_APPS = {"articles", "comments", "taggit"}
# Set on the answer to a POST (or any write) so that reader's next pages come from the primary.
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = {"GET", "HEAD"}
# Present in the (shared) cache while the replica may still lack a change readers see.
CATCHING_UP_KEY = "newsroom:replica:catching-up"

_public_request = ContextVar("newsroom_public_request", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


def replica_catching_up(**kwargs):
    """Receiver of public_content_committed: read public pages from the primary for a while."""
    if replica_configured():
        cache.set(CATCHING_UP_KEY, True, timeout=settings.NEWSROOM_REPLICA_PIN_SECONDS)


@contextmanager
def public_reads():
    """Let the public models' reads inside this block go to the replica, when there is one."""
    token = _public_request.set(True)
    try:
        yield
    finally:
        _public_request.reset(token)


class ReplicaRouter:
    """Reads of public models during a public request go to the replica; the rest to default."""

    def db_for_read(self, model, **hints):
        if (
            _public_request.get()
            and replica_configured()
            and model._meta.app_label in PUBLIC_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same rows: a story read from the replica may be the story of
        # a comment saved on the primary.
        databases = {DEFAULT_DB_ALIAS, REPLICA}
        return obj1._state.db in databases and obj2._state.db in databases

    def allow_migrate(self, db, app_label, **hints):
        # The replica copies the primary's schema by replication; it is never migrated.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Mark public requests for the router, and pin a reader who just wrote to the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        if is_public(request):
            with public_reads():
                response = self.get_response(request)
        else:
            response = self.get_response(request)
        if request.method not in SAFE_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.NEWSROOM_REPLICA_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response


def is_public(request):
    if request.method not in SAFE_METHODS:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or PIN_COOKIE in request.COOKIES:
        return False
    if request.path_info.startswith(reverse("admin:index")):
        return False
    return not cache.get(CATCHING_UP_KEY)
