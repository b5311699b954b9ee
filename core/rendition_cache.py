"""CACHES["renditions"]: Wagtail's rendition cache, per process, without pickling (issue 12).

Wagtail writes every rendition it hands out into this cache (`AbstractImage.get_rendition`, `get_renditions`) and
reads it when an image's renditions are not prefetched (`find_existing_renditions`). Django's LocMemCache pickles every
value on set and unpickles it on get: with a rendition's cached image (and that image's prefetched renditions) in the
pickle, a listing's ~34 `pickle.dumps` were ~5% of an uncached request's CPU.

This backend is a LocMemCache (same per-process store, shared by every thread's instance under one LOCATION, same
lock, LRU order, MAX_ENTRIES culling and timeouts) that keeps a model instance as a snapshot of its column values:

* set() stores the concrete fields' values (a file field as its name, as the database has it), not the instance: no
  related objects, prefetched lists, open files or attributes set on it after loading are kept alive or shared.
* get() builds a fresh instance from that snapshot, as `Model.from_db` would. A fresh one, because Wagtail mutates
  what it reads (`rendition.image = self`, for the image's contextual alt text): a shared instance would hand one
  block's image, alt text included, to another block, or to another thread.
* A value that is not a model instance, or one with a mutable column value (a JSONField's dict), is pickled, as
  LocMemCache does.

delete() and clear() are LocMemCache's: Wagtail's post_delete handler deletes a deleted rendition's key, so a
regenerated rendition is never served stale.

Wagtail marks a rendition it found among an image's prefetched renditions `_from_cache`, "to prevent writing of cached
data back to the cache"; `get_renditions` honours the mark, `get_rendition` does not. set() honours it too: a
prefetched rendition came from the database in this request and is not written again (the GraphQL optimizer
prefetches every listing's renditions).

Keys are used as given (prefix and version applied): they never leave the process, so memcached's key rules, which
LocMemCache checks character by character on every call, do not apply.
"""

import datetime
import decimal
import pickle
import uuid

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.db import models
from django.db.models.base import ModelState
from django.db.models.fields.files import FieldFile

# Column values a snapshot may share between the instances it builds: nobody can change them in place.
IMMUTABLE = (str, int, float, bool, bytes, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta, uuid.UUID)


class _Snapshot:
    """A model instance's column values, as loaded from the database."""

    __slots__ = ("db", "model", "values")

    def __init__(self, model, db, values):
        self.model, self.db, self.values = model, db, values

    def instance(self):
        obj = self.model.__new__(self.model)
        obj.__dict__.update(self.values)
        state = obj._state = ModelState()
        state.db, state.adding = self.db, False
        return obj


def _snapshot(value):
    """The snapshot of a saved model instance whose column values are all immutable; None for anything else."""
    if not isinstance(value, models.Model) or value._state.adding:
        return None
    loaded = value.__dict__
    values = {}
    for field in value._meta.concrete_fields:
        name = field.attname
        if name not in loaded:
            continue  # deferred: the instance built from the snapshot loads it on access, as the original would
        column = loaded[name]
        if isinstance(column, FieldFile):
            column = column.name
        elif column is not None and not isinstance(column, IMMUTABLE):
            return None
        values[name] = column
    return _Snapshot(type(value), value._state.db, values)


class RenditionCache(LocMemCache):
    """A LocMemCache that keeps saved model instances as snapshots, unpickled (see the module's docstring)."""

    def _stored(self, value):
        snapshot = _snapshot(value)
        return snapshot if snapshot is not None else pickle.dumps(value, self.pickle_protocol)

    @staticmethod
    def _value(stored):
        return stored.instance() if isinstance(stored, _Snapshot) else pickle.loads(stored)  # noqa: S301 (our own)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        stored = self._stored(value)
        with self._lock:
            if self._has_expired(key):
                self._set(key, stored, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            stored = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return self._value(stored)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if getattr(value, "_from_cache", False):
            return  # Wagtail's mark of a rendition it found prefetched: already known, not written back
        key = self.make_key(key, version=version)
        stored = self._stored(value)
        with self._lock:
            self._set(key, stored, timeout)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        for key, value in data.items():
            self.set(key, value, timeout=timeout, version=version)
        return []

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                return False
            self._expire_info[key] = self.get_backend_timeout(timeout)
            return True

    def incr(self, key, delta=1, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            new_value = self._value(self._cache[key]) + delta
            self._cache[key] = self._stored(new_value)
            self._cache.move_to_end(key, last=False)
        return new_value

    def has_key(self, key, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return False
            return True

    def delete(self, key, version=None):
        key = self.make_key(key, version=version)
        with self._lock:
            return self._delete(key)
