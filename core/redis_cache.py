"""Django's Redis cache, made an optimisation that can fail: when Redis is unreachable or slow, a read is a miss and
a write is dropped, so every page, feed, the sitemap and the admin keep answering from the database.

- Each call is bounded by a short socket timeout (OPTIONS `socket_timeout`, `socket_connect_timeout`; the settings
  give 0.25 s).
- After a failure the cache is skipped for `RETRY_AFTER` seconds (a circuit breaker), so a request makes no more
  than one slow call; the first call after that tries Redis again, and the cache resumes by itself.
- Failures are logged once per `LOG_INTERVAL` seconds, not once per call.
- One client per connection pool, reused by every call (Django's own makes a new client object per call).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 2))
        self.log_interval = float(options.pop("LOG_INTERVAL", 60))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        self._logged_at = None
        self._lock = threading.Lock()

    @property
    def available(self):
        """False while the circuit is open (a recent call failed): callers skip Redis instead of waiting on it."""
        return time.monotonic() >= self._down_until

    def _failed(self, error):
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.retry_after
            if self._logged_at is None or now - self._logged_at >= self.log_interval:
                self._logged_at = now
                logger.warning("The Redis cache is unavailable (%s); answering from the database.", error)

    def run(self, operation, default=None):
        """`operation(client)` against Redis, or `default` when Redis is down or fails: the one guarded path, also
        for callers that need Redis' own commands (the response cache's tag index)."""
        if not self.available:
            return default
        try:
            return operation(self._cache.get_client(write=True))
        except RedisError as error:
            self._failed(error)
            return default

    def _guarded(self, default, method, *args, **kwargs):
        if not self.available:
            return default
        try:
            return method(*args, **kwargs)
        except RedisError as error:
            self._failed(error)
            return default

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guarded(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guarded({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guarded(False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        return self._guarded(None, super().incr, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guarded(None, super().delete_many, keys, version)

    def clear(self):
        return self._guarded(False, super().clear)
