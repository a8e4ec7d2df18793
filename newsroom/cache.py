"""Redis as Django's cache, degrading to this process's memory while Redis is away.

Django's own RedisCache lets a connection error through, so a Redis outage would turn
every page that touches the cache into a 500. Here a failed call is logged once, the
call is answered from a local-memory cache instead, and Redis is tried again after
``retry_after`` seconds (an OPTIONS key): the site keeps serving from the database and
goes back to Redis by itself. What that means for the comment rate limit: while Redis
is away each worker counts alone, as with the default local-memory cache, so the limit
loosens by the number of workers but never refuses a reader because of the outage.

While it is away, ``is_degraded()`` is true, and values written meanwhile live in one
process only: the page cache stands aside (articles/page_cache.py), and when Redis answers
again ``cache_recovered`` is sent, so what changed during the outage is announced there.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Per process, shared by every thread's cache instance: when Redis was last seen failing.
_retry_at = {}

# Sent, with the cache as sender, when this process reaches Redis again after failing to.
cache_recovered = Signal()


class OneClientPerPool(RedisCacheClient):
    """Django's client builds a new redis.Redis (and its table of some 170 reply parsers)
    for every cache call, a third of a cached page's time; one per connection pool is
    enough, as redis-py's clients are safe to share between threads."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", 5))
        # An unreachable host must cost a fraction of a second, not a worker's timeout.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = OneClientPerPool
        shared = {k: v for k, v in params.items() if k in {"TIMEOUT", "KEY_PREFIX", "VERSION"}}
        self._fallback = LocMemCache(f"redis-fallback:{server}", shared)
        self._server_key = str(server)

    def is_available(self):
        """Ask Redis itself (for /healthz), whatever the last failure said."""
        try:
            self._cache.get_client().ping()
        except UNAVAILABLE as error:
            self._failed(error)
            return False
        self._recovered()
        return True

    def is_degraded(self):
        """Whether this process is answering from its own memory because Redis failed."""
        return self._server_key in _retry_at

    def _failed(self, error):
        if self._server_key not in _retry_at:
            logger.warning("Redis cache unavailable, using local memory: %s", error)
        _retry_at[self._server_key] = time.monotonic() + self.retry_after

    def _recovered(self):
        if _retry_at.pop(self._server_key, None) is not None:
            logger.warning("Redis cache available again.")
            cache_recovered.send(sender=self)

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= _retry_at.get(self._server_key, 0):
            try:
                if self.is_degraded():
                    # Back? Announce it before answering, so no caller acts on a value
                    # that the announcement is about to replace.
                    self._cache.get_client().ping()
                    self._recovered()
                return getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as error:
                self._failed(error)
        return getattr(self._fallback, name)(*args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")
