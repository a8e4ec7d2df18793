"""Redis as Django's cache, degrading to this process's memory while Redis is away.

Django's own RedisCache lets a connection error through, so a Redis outage would turn
every page that touches the cache into a 500. Here a failed call is logged once, the
call is answered from a local-memory cache instead, and Redis is tried again after
``retry_after`` seconds (an OPTIONS key): the site keeps serving from the database and
goes back to Redis by itself. What that means for the comment rate limit: while Redis
is away each worker counts alone, as with the default local-memory cache, so the limit
loosens by the number of workers but never refuses a reader because of the outage.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Per process, shared by every thread's cache instance: when Redis was last seen failing.
_retry_at = {}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("retry_after", 5))
        # An unreachable host must cost a fraction of a second, not a worker's timeout.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        super().__init__(server, {**params, "OPTIONS": options})
        shared = {k: v for k, v in params.items() if k in {"TIMEOUT", "KEY_PREFIX", "VERSION"}}
        self._fallback = LocMemCache(f"redis-fallback:{server}", shared)
        self._server_key = str(server)

    def is_available(self):
        """Ask Redis itself (for /healthz), whatever the last failure said."""
        try:
            self._cache.get_client().ping()
        except UNAVAILABLE:
            return False
        _retry_at.pop(self._server_key, None)
        return True

    def _call(self, name, *args, **kwargs):
        if time.monotonic() >= _retry_at.get(self._server_key, 0):
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except UNAVAILABLE as error:
                if self._server_key not in _retry_at:
                    logger.warning("Redis cache unavailable, using local memory: %s", error)
                _retry_at[self._server_key] = time.monotonic() + self.retry_after
            else:
                if _retry_at.pop(self._server_key, None) is not None:
                    logger.warning("Redis cache available again.")
                return result
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
