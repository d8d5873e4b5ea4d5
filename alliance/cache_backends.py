"""Django's Redis cache, without the cost of a new client object on every call.

Django's RedisCacheClient makes a new redis.Redis for each operation; building one fills a
table of some 160 response callbacks, which costs more than the round trip to Redis itself for
the page cache's small reads. A client only wraps its connection pool and is safe to share, so
this one keeps a client per pool.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
