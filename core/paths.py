"""A page's path on its site, the one way every module works it out (SEO, search, feeds, webhooks).

Every page URL needs Wagtail's site root paths, which it keeps in Django's default cache (Redis in production).
Asked without a request, Wagtail reads them from the cache once per page object: a listing of 100 pages cost 100
Redis round trips. Inside `urls_for(request)` (the API's execution) they are asked with the request, on which Wagtail
keeps them: one read per request, however many pages, links and JSON-LD descriptions need a URL.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from wagtail.models import Site

_request = contextvars.ContextVar("url_request", default=None)


@contextmanager
def urls_for(request):
    """Resolve the page URLs asked for inside the block with `request` (see the module's docstring)."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def url_parts(page):
    """`page.get_url_parts()`, with the request of `urls_for` when there is one."""
    return page.get_url_parts(request=_request.get())


def page_url(page):
    """`page.url` (relative on its own site), with the request of `urls_for` when there is one.

    Wagtail's `get_url(request)` looks the request's site up in the database (a query per request, with its query
    building) only to choose between a relative URL and an absolute one, which it needs when pages are served from
    several sites. With one site the URL is relative whatever the request's site: the lookup is skipped.
    """
    request = _request.get()
    if request is None or _site_count(page, request) > 1:
        return page.get_url(request=request)
    parts = page.get_url_parts(request=request)
    if parts is None or (parts[1] is None and parts[2] is None):
        return None  # not routable, as `get_url` answers
    return parts[2]


def _site_count(page, request):
    """How many sites pages are served from, as `Page.get_url` counts them (from the root paths it keeps on the
    request)."""
    return len({root.site_id for root in page._get_site_root_paths(request)})


def site_path(page):
    """The page's path relative to its site's root, e.g. "/blog/x/" ("/" for the root); None when the page is None
    or under no site."""
    parts = url_parts(page) if page is not None else None
    return parts[2] if parts else None


def frontend_url(page):
    """The page's address on the frontend (`FRONTEND_BASE_URL` + its path on the site); None under no site."""
    path = site_path(page)
    return f"{settings.FRONTEND_BASE_URL}{path}" if path is not None else None


def site_path_of_url_path(url_path):
    """A tree `url_path` ("/home/blog/x/") as a path on its site ("/blog/x/"): what a page was before a move."""
    if not url_path:
        return None
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None
