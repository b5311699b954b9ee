"""Which frontend paths a content change affects: the object's own page, and the listings that show it.

Paths are relative to the page's site ("/blog/x/"), as the frontend routes them and as the API's `url` field gives
them. Every list starts with the object's own path (if it has one), so a receiver can simply revalidate all of
`affected`.

Only public paths are listed (`core.visibility`): a payload must not reveal a draft, or a path under a view
restriction. The one exception is the path of a page that was public until this change (unpublished, deleted, moved
under a restriction), which the caller passes as `own_path`/`extra`: the frontend has it and must purge it.
"""

from core.paths import site_path
from core.visibility import is_public

SITE_ROOT = "/"


def public_path(page):
    """The page's path if the public may see the page, else None."""
    return site_path(page) if is_public(page) else None


def unique(paths):
    seen, result = set(), []
    for path in paths:
        if path and path not in seen:
            seen.add(path)
            result.append(path)
    return result


def related_paths(instance):
    """Public paths of the pages that show the instance, as its model declares them (`affected_pages()`: index
    pages, listings, pages that link to it), in the declared order."""
    declared = getattr(instance, "affected_pages", None)
    return [public_path(page) for page in declared()] if declared else []


def for_page(page, *, own_path=None, parent=None, extra=()):
    """Affected paths of a page (specific instance): its own, its parent, the site's root and the related pages.
    `own_path`/`parent` override what the tree says now; the caller decides whether the page's own path may be told
    (see the module's docstring)."""
    own_path = own_path if own_path is not None else public_path(page)
    if parent is None:
        parent = page.get_parent()
    return unique([own_path, *extra, public_path(parent), SITE_ROOT, *related_paths(page)])


def for_snippet(snippet):
    return unique([SITE_ROOT, *related_paths(snippet)])


def is_site_wide(instance):
    """Whether a change shows on every page (the header's lab name, the footer's contact details): `site_wide`."""
    return getattr(instance, "site_wide", False)


__all__ = ["for_page", "for_snippet", "is_site_wide", "public_path", "related_paths"]
