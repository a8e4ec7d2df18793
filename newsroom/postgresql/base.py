"""Django's PostgreSQL backend, plus the client's own bound on waiting for the server.

statement_timeout and lock_timeout are enforced by the server, so a hung server (stopped,
swapped out, stuck on its disk) enforces neither; its kernel still acknowledges every
packet, so TCP keepalives and tcp_user_timeout never fire either. Only the client can
notice. A connection made here waits at most ``reply_timeout`` seconds (an OPTIONS key
that settings.py sets for web processes only) for any one answer, and never past a
``deadline()`` around it (/healthz has one); then it closes, and the query raises
OperationalError, which a view turns into the 503 page.
"""

import contextlib
import contextvars
import math
import time

import psycopg
from django.db import OperationalError
from django.db.backends.postgresql import base

_deadline = contextvars.ContextVar("newsroom_database_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds):
    """Every wait for the database in this block, connecting included, ends within `seconds`."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def seconds_left(limit=None):
    """How long the next wait may last: `limit` (None: forever), or less if a deadline is nearer."""
    end = _deadline.get()
    if end is None:
        return limit
    left = max(end - time.monotonic(), 0.0)
    return left if limit is None else min(limit, left)


class NoAnswer(psycopg.OperationalError):
    """The server did not answer in time; the connection has been closed."""


class BoundedConnection(psycopg.Connection):
    """A psycopg connection that gives up on a server that does not answer."""

    reply_timeout = None
    unanswered = False

    def wait(self, gen, *args, timeout=None, **kwargs):
        limit = seconds_left(self.reply_timeout)
        if limit is None or (timeout is not None and timeout <= limit):
            # A wait with a timeout of its own (psycopg's notifies()) handles its expiry.
            return super().wait(gen, *args, timeout=timeout, **kwargs)
        try:
            return super().wait(gen, *args, timeout=limit, **kwargs)
        except psycopg.errors._WaitTimeout:  # psycopg's own, for callers of wait() to convert
            # Halfway through an exchange the connection can never be used again, and a
            # cancel request would go to the same silent server: close it.
            self.unanswered = True
            self.pgconn.finish()
            raise NoAnswer(f"The database server did not answer within {limit:.1f} s.") from None


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self):
        params = super().get_connection_params()
        params.pop("reply_timeout", None)  # ours, not libpq's
        left = seconds_left()
        if left is not None:
            if left <= 0:
                raise psycopg.errors.ConnectionTimeout("No time left to connect to the database.")
            # libpq counts whole seconds, and at least 2.
            timeout = math.ceil(left)
            if params.get("connect_timeout"):
                timeout = min(timeout, int(params["connect_timeout"]))
            params["connect_timeout"] = timeout
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # psycopg.connect(), which Django calls, makes a plain Connection; the subclass only
        # bounds its waits, so the object is the same either way.
        connection.__class__ = BoundedConnection
        connection.reply_timeout = self.settings_dict["OPTIONS"].get("reply_timeout")
        return connection

    def close_if_health_check_failed(self):
        checked = self.connection
        super().close_if_health_check_failed()
        # Django connects again after a failed check, which is right after a restart. A
        # server that did not answer the check at all is hung: connecting would only wait
        # once more, so the request gives up now, into the 503 page.
        if checked is not None and checked.unanswered:
            raise OperationalError("The database server did not answer the health check.")
