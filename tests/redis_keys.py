"""Tests that use a real Redis share its database with other runs on the machine: each run works under a key prefix
of its own and, at the end, deletes that prefix's keys and nothing else (never FLUSHDB)."""

import os
import uuid

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def clear_local_cache(alias):
    """Empty a local-memory cache between tests; any other backend is refused, as clear() on Redis is FLUSHDB."""
    backend = caches[alias]
    assert isinstance(backend, LocMemCache), f"Tests clear only local-memory caches; {alias!r} is {type(backend)}."
    backend.clear()


def unique_prefix(name):
    return f"labcms-{name}-{uuid.uuid4().hex[:12]}"


def prefixed_keys(client, prefix):
    """The keys Django's cache wrote under KEY_PREFIX `prefix` (it writes `prefix:version:key`)."""
    return list(client.scan_iter(match=f"{prefix}:*", count=500))


def delete_prefixed(client, prefix):
    keys = prefixed_keys(client, prefix)
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])
