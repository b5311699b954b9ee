"""What the public API may show. Every public resolver funnels its pages through here."""

import contextvars
from contextlib import contextmanager

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

_restricted_paths = contextvars.ContextVar("restricted_paths", default=None)


@contextmanager
def visibility_cache():
    """Within one request, read the view-restricted page paths once instead of once per linked page."""
    token = _restricted_paths.set({})
    try:
        yield
    finally:
        _restricted_paths.reset(token)


def per_request(key, compute):
    """`compute()` once per request for `key` (each call outside a request): for what every page of a list reads
    alike, such as its site's home page."""
    cache = _restricted_paths.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def _is_restricted(page):
    paths = _restricted_path_list()
    if paths is None:
        return page.get_view_restrictions().exists()
    return bool(paths) and page.path.startswith(paths)


def public_pages(queryset=None):
    """Live, not view-restricted, not past their expiry, and not the tree's root."""
    queryset = Page.objects.all() if queryset is None else queryset
    return _unrestricted(queryset.live().filter(depth__gt=1)).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())
    )


def _unrestricted(queryset):
    """Wagtail's `.public()` reads every restriction each time it is called; within a request, once."""
    paths = _restricted_path_list()
    if paths is None:
        return queryset.public()
    for path in paths:
        queryset = queryset.exclude(path__startswith=path)
    return queryset


def _restricted_path_list():
    cache = _restricted_paths.get()
    if cache is None:
        return None
    if "paths" not in cache:
        cache["paths"] = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    return cache["paths"]


def not_expired(page):
    return page.expire_at is None or page.expire_at > timezone.now()


def is_public(page):
    """The single-object form of `public_pages`, for foreign keys and chooser blocks."""
    if page is None or not page.live or page.depth <= 1 or not not_expired(page):
        return False
    return not _is_restricted(page)


def was_public(page):
    """For a page just unpublished: it was public until now unless a view restriction (or being the root) hid it."""
    return page is not None and page.depth > 1 and not _is_restricted(page)


def public_or_none(page):
    return page.specific if is_public(page) else None


def private_collection_ids():
    """Collections under a view restriction, with everything nested in them, read once per request."""
    cache = _restricted_paths.get()
    if cache is not None and "collections" in cache:
        return cache["collections"]
    restricted = tuple(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    private = set()
    if restricted:
        private = {
            collection_id
            for collection_id, path in Collection.objects.values_list("id", "path")
            if path.startswith(restricted)
        }
    if cache is not None:
        cache["collections"] = private
    return private


def is_public_media(item):
    """An image or document is public unless its collection, or one it is nested in, is view-restricted."""
    return item.collection_id not in private_collection_ids()


def public_media_or_none(item):
    """The image or document if the public may see it: every path that names one (SEO, feeds, rich text) asks here."""
    return item if item is not None and is_public_media(item) else None
