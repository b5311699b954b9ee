"""Public responses kept in the shared cache, each indexed by the cache tags of what it showed, and purged by tag.

A response's key is its site, media type, document (by its SHA-256, so a persisted query's hash alone finds it),
variables and operation: a cached answer costs one round trip (one GET of the key), whether the request carries the
document or only its hash. While an answer is computed, `CacheTagMiddleware` records the tags of every object it showed
and every listing it read (core.cache_tags); the answer is stored with them, and each tag's index (a Redis set, in
the same transaction) names the answers that carry it. A content change (core.events.content_changed) purges the
answers of its tags, on every server at once, and the CDN by the same tags (core.frontend_cache). Answers also
carry their tags in `Cache-Tag` and `Surrogate-Key` headers for a CDN. Drafts never enter the cache: a response
that resolved a preview token or a preview link is not stored (see `graphql_api.preview.mark_draft_response`).

A change made while Redis is unreachable cannot purge it: the process that made it purges every answer as soon as
it reaches Redis again. (An answer computed from the old content and stored just after the purge can outlive it,
for at most its TIMEOUT: the same bound as a CDN's copy.)

Automatic persisted queries follow Apollo's protocol: a client sends `extensions.persistedQuery.sha256Hash`, with
the document the first time; the hash must be the SHA-256 of the document; an unknown hash without a document is
answered with the `PersistedQueryNotFound` error, after which the client sends both. A document is remembered only
after it has passed every limit and validation rule, in a table of a fixed number of slots: the store's size is
bounded whatever clients send (docs/redis.md gives the worst case in bytes).
"""

import functools
import hashlib
import json
import re
import threading

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import Model, QuerySet
from graphql import get_named_type
from grapple.types.interfaces import get_page_interface
from wagtail.models import Page

from core import cache_tags, frontend_cache
from core.events import content_changed
from core.redis_cache import ResilientRedisCache

from .validation import limits

PERSISTED_QUERY_PREFIX = "graphql:apq:"
RESPONSE_PREFIX = "graphql:response:"
TAG_PREFIX = "graphql:tag:"
EVERY_ANSWER = "*"  # the tag every answer is indexed under in a local cache, to purge them all
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_local_index_lock = threading.Lock()
_purge_pending = threading.Event()


class CacheTagMiddleware:
    """Records what an answer shows (field middleware on every object field, so any resolver, batched or not, is
    covered: `graphql_api.middleware.apply_object_field_middleware`): each object a field returns, and the type of
    every listing a field returns. An object a query shows was returned by such a field, whichever of its scalar
    fields the query selects."""

    def resolve(self, next, root, info, **kwargs):
        result = next(root, info, **kwargs)
        tags = cache_tags.collector()
        if tags is None:
            return result
        if isinstance(result, Model):
            tags.add(cache_tags.object_tag(result))
        elif isinstance(result, QuerySet):
            tags.add(cache_tags.listing_tag(result.model))
            result = list(result)
            tags.update(cache_tags.object_tag(item) for item in result if isinstance(item, Model))
        elif isinstance(result, list):
            shown = [item for item in result if isinstance(item, Model)]
            tags.update(cache_tags.object_tag(item) for item in shown)
            listed = {type(item) for item in shown} or _models_of_field(info)
            tags.update(cache_tags.listing_tag(model) for model in listed)
        elif result is None:
            tags.update(cache_tags.listing_tag(model) for model in _models_of_field(info))
        return result


def _models_of_field(info):
    """The model a field's type stands for (wagtail's Page for the page interface), for an answer that showed none:
    an empty list, or `page(urlPath:)` with nothing there yet, must still be purged when one is published.
    Batched resolution hands this middleware lists, not querysets, so the type is read from the schema."""
    graphene_type = getattr(get_named_type(info.return_type), "graphene_type", None)
    if isinstance(graphene_type, type) and issubclass(graphene_type, get_page_interface()):
        return {Page}
    model = getattr(getattr(graphene_type, "_meta", None), "model", None)
    return {model} if model is not None else set()


def tag_headers(tags):
    """What a CDN purges an answer by: Cloudflare reads `Cache-Tag` (comma-separated), Fastly `Surrogate-Key`."""
    if not tags:
        return {}
    ordered = sorted(tags)
    return {"Cache-Tag": ",".join(ordered), "Surrogate-Key": " ".join(ordered)}


def _redis():
    backend = caches["default"]
    return backend if isinstance(backend, ResilientRedisCache) else None


def _tag_key(tag):
    return f"{TAG_PREFIX}{tag}"


def store_response(key, body, tags, etag):
    """Store an answer with its tags and ETag (hashing a 50 KB body on every hit would cost a cached answer a third of
    its CPU), and index it under each of its tags, atomically (a purge sees both or neither)."""
    timeout = settings.GRAPHQL_CACHE["TIMEOUT"]
    if timeout <= 0:
        return
    stored = (body, sorted(tags), etag)
    redis = _redis()
    if redis is None:
        with _local_index_lock:
            cache.set(key, stored, timeout=timeout)
            for tag in (*tags, EVERY_ANSWER):
                cache.set(_tag_key(tag), cache.get(_tag_key(tag), set()) | {key}, timeout=timeout)
        return
    full_key = redis.make_and_validate_key(key)
    value = redis._cache._serializer.dumps(stored)

    def write(client):
        pipe = client.pipeline(transaction=True)
        pipe.set(full_key, value, ex=timeout)
        for tag in tags:
            tag_key = redis.make_and_validate_key(_tag_key(tag))
            pipe.sadd(tag_key, full_key)
            pipe.expire(tag_key, timeout)
        pipe.execute()

    redis.run(write)


def cached_response(key):
    """(body, tags, etag) of a stored answer, or None (also for an entry of another shape, left by an older release)."""
    if _purge_pending.is_set():
        purge_all()
    stored = cache.get(key)
    return stored if isinstance(stored, tuple) and len(stored) == 3 else None


def purge(tags):
    """Delete every stored answer that carries one of `tags`."""
    tags = list(tags)
    if not tags:
        return
    redis = _redis()
    if redis is None:
        with _local_index_lock:
            for tag in tags:
                keys = cache.get(_tag_key(tag), set())
                cache.delete_many([*keys, _tag_key(tag)])
        return
    tag_keys = [redis.make_and_validate_key(_tag_key(tag)) for tag in tags]

    def delete(client):
        pipe = client.pipeline(transaction=False)
        for tag_key in tag_keys:
            pipe.smembers(tag_key)
        keys = set().union(*pipe.execute())
        client.delete(*keys, *tag_keys)
        return True

    if not redis.run(delete, default=False):
        _purge_pending.set()


def purge_all():
    """Delete every stored answer: after changes made while Redis was unreachable, whose tags it never received."""
    redis = _redis()
    if redis is None:
        purge([EVERY_ANSWER])
        return
    patterns = [f"{redis.make_and_validate_key(prefix)}*" for prefix in (RESPONSE_PREFIX, TAG_PREFIX)]

    def delete(client):
        for pattern in patterns:
            batch = []
            for key in client.scan_iter(match=pattern, count=1000):
                batch.append(key)
                if len(batch) == 1000:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
        return True

    if redis.run(delete, default=False):
        _purge_pending.clear()
    else:
        _purge_pending.set()


def on_content_changed(sender, change, **kwargs):
    """The response cache's and the CDN's one subscription. The shared cache is purged at once, and both it and the
    CDN when the transaction commits (an answer computed from the old rows in between would otherwise stay)."""
    _purge(change)
    transaction.on_commit(functools.partial(_purge, change, cdn=True), robust=True)


def _purge(change, cdn=False):
    purge(change.tags)
    if cdn:
        frontend_cache.purge_tags(change.tags)


def connect_invalidation():
    content_changed.connect(on_content_changed, dispatch_uid="graphql-cache")


class PersistedQueryError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def _persisted_query_slot(sha):
    """The one key a hash may be stored under: the store is a fixed table of PERSISTED_QUERY_SLOTS entries, so
    however many distinct documents clients send, it never holds more than that many."""
    return f"{PERSISTED_QUERY_PREFIX}{int(sha[:16], 16) % settings.GRAPHQL_CACHE['PERSISTED_QUERY_SLOTS']}"


def document_hash(query, extensions):
    """The SHA-256 of the request's document, which keys its answer: the persisted query's hash (checked against the
    document when both are sent), else the document's own. A request by hash alone is thus answered from the cache
    with one round trip, without looking its document up first."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return hashlib.sha256(query.encode("utf-8")).hexdigest()
    sha = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha) or persisted.get("version", 1) != 1:
        raise PersistedQueryError(
            "`persistedQuery` needs `version: 1` and a `sha256Hash` of 64 hexadecimal digits.", "BAD_PERSISTED_QUERY"
        )
    sha = sha.lower()
    if query is not None and hashlib.sha256(query.encode("utf-8")).hexdigest() != sha:
        raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
    return sha


def persisted_document(sha):
    """The document remembered under a hash, or PersistedQueryError `PersistedQueryNotFound` (the client then sends
    the document with its hash). Documents are remembered by the view (`remember_persisted_query`) only once they
    have passed every limit and validation rule, so a refused document never reaches the cache."""
    stored = cache.get(_persisted_query_slot(sha))
    if not (isinstance(stored, tuple) and stored[0] == sha):
        raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
    return stored[1]


def remember_persisted_query(sha, query):
    """Store a validated document under its hash (replacing whichever document held its slot), if it is no longer
    in UTF-8 than MAX_DOCUMENT_CHARS bytes: the store then never exceeds slots x that many bytes (docs/redis.md)."""
    if len(query.encode("utf-8")) <= limits()["MAX_DOCUMENT_CHARS"]:
        cache.set(_persisted_query_slot(sha), (sha, query), timeout=settings.GRAPHQL_CACHE["PERSISTED_QUERY_TIMEOUT"])


def response_key(request, media_type, document_sha, variables, operation_name):
    """One key per site, media type, document (by its SHA-256), variables and operation."""
    material = json.dumps(
        [request.get_host(), media_type, document_sha, variables, operation_name], sort_keys=True, separators=(",", ":")
    )
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
    return f"{RESPONSE_PREFIX}{digest}"


def etag_for(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
