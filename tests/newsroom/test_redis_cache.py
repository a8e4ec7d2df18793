"""The Redis cache backend's own costs, without a Redis server."""

from newsroom.cache import ResilientRedisCache


def test_every_call_on_one_connection_pool_shares_one_redis_client():
    backend = ResilientRedisCache("redis://127.0.0.1:6379/0", {})

    first = backend._cache.get_client("a")
    second = backend._cache.get_client("b", write=True)

    assert first is second
    assert first.connection_pool is backend._cache._get_connection_pool(write=True)
