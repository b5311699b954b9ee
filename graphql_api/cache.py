"""Public responses kept in the shared cache, and invalidated on any content change, on every server at once.

Every cached response's key includes the site's *content version*, a counter kept in the shared cache (Redis in
production). Publishing, unpublishing, moving or deleting a page, and saving or deleting a snippet, an image or a
setting, increments it: from then on every server computes new keys, so no process can serve a stale answer, and
old entries simply expire. Drafts never enter the cache: a response that resolved a preview token or a preview link
is not stored (see `graphql_api.preview.mark_draft_response`).

Automatic persisted queries follow Apollo's protocol: a client sends `extensions.persistedQuery.sha256Hash`, with
the document the first time; the hash must be the SHA-256 of the document; an unknown hash without a document is
answered with the `PersistedQueryNotFound` error, after which the client sends both. A document is remembered only
after it has passed every limit and validation rule, in a table of a fixed number of slots: the store's size is
bounded whatever clients send (docs/redis.md gives the worst case in bytes).
"""

import hashlib
import json
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.public_content import is_public_content

from .validation import limits

CONTENT_VERSION_KEY = "graphql:content-version"
PERSISTED_QUERY_PREFIX = "graphql:apq:"
RESPONSE_PREFIX = "graphql:response:"
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")


class PersistedQueryError(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def content_version():
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, 1, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, 1)
    return version


def bump_content_version(**kwargs):
    """Invalidate every cached public response, in every process that shares this cache."""
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(CONTENT_VERSION_KEY, content_version() + 1, timeout=None)


# What saving a draft, locking or commenting writes to the page row: none of it is public.
EDITING_FIELDS = {
    "comments", "latest_revision_created_at", "draft_title", "latest_revision", "has_unpublished_changes",
    "locked", "locked_at", "locked_by",
}  # fmt: skip


def _content_changed(sender, instance, **kwargs):
    """Pages change public answers when published, unpublished, moved, deleted or saved while live (saving a draft
    does not); other models when they are content (core.public_content), whenever they are saved or deleted."""
    if isinstance(instance, Page):
        # A live page saved directly (an import, a script) changes what the public sees; a draft saved on a
        # live page writes only editing fields, and a page that is not live is not public in the first place.
        update_fields = kwargs.get("update_fields")
        written = set(update_fields) if update_fields is not None else None
        if kwargs.get("signal") is post_delete or (
            instance.live and (written is None or not written <= EDITING_FIELDS)
        ):
            bump_content_version()
        return
    if is_public_content(sender):
        bump_content_version()


def connect_invalidation():
    page_published.connect(bump_content_version, dispatch_uid="graphql-cache-published")
    page_unpublished.connect(bump_content_version, dispatch_uid="graphql-cache-unpublished")
    post_page_move.connect(bump_content_version, dispatch_uid="graphql-cache-moved")
    post_save.connect(_content_changed, dispatch_uid="graphql-cache-saved")
    post_delete.connect(_content_changed, dispatch_uid="graphql-cache-deleted")


def _persisted_query_slot(sha):
    """The one key a hash may be stored under: the store is a fixed table of PERSISTED_QUERY_SLOTS entries, so
    however many distinct documents clients send, it never holds more than that many."""
    return f"{PERSISTED_QUERY_PREFIX}{int(sha[:16], 16) % settings.GRAPHQL_CACHE['PERSISTED_QUERY_SLOTS']}"


def resolve_persisted_query(query, extensions):
    """(document, hash to remember) of a request: the document checked against its hash, or looked up by it.

    Nothing is stored here: the view remembers the document (`remember_persisted_query`) only once it has passed
    every limit and validation rule, so a refused document never reaches the cache."""
    persisted = (extensions or {}).get("persistedQuery")
    if persisted is None:
        return query, None
    sha = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
    if not isinstance(sha, str) or not _SHA256.fullmatch(sha) or persisted.get("version", 1) != 1:
        raise PersistedQueryError(
            "`persistedQuery` needs `version: 1` and a `sha256Hash` of 64 hexadecimal digits.", "BAD_PERSISTED_QUERY"
        )
    sha = sha.lower()
    if query is None:
        stored = cache.get(_persisted_query_slot(sha))
        if not (isinstance(stored, tuple) and stored[0] == sha):
            raise PersistedQueryError("PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND")
        return stored[1], None
    if hashlib.sha256(query.encode("utf-8")).hexdigest() != sha:
        raise PersistedQueryError("provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH")
    return query, sha


def remember_persisted_query(sha, query):
    """Store a validated document under its hash (replacing whichever document held its slot), if it is no longer
    in UTF-8 than MAX_DOCUMENT_CHARS bytes: the store then never exceeds slots x that many bytes (docs/redis.md)."""
    if len(query.encode("utf-8")) <= limits()["MAX_DOCUMENT_CHARS"]:
        cache.set(_persisted_query_slot(sha), (sha, query), timeout=settings.GRAPHQL_CACHE["PERSISTED_QUERY_TIMEOUT"])


def response_key(request, media_type, query, variables, operation_name):
    """One key per site, media type, document, variables and operation, within the current content version."""
    material = json.dumps(
        [request.get_host(), media_type, query, variables, operation_name], sort_keys=True, separators=(",", ":")
    )
    digest = hashlib.sha256(material.encode("utf-8")).hexdigest()
    return f"{RESPONSE_PREFIX}{content_version()}:{digest}"


def etag_for(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def cached_response(key):
    return cache.get(key)


def store_response(key, body):
    if settings.GRAPHQL_CACHE["TIMEOUT"] > 0:
        cache.set(key, body, timeout=settings.GRAPHQL_CACHE["TIMEOUT"])
