"""A page's path on its site, the one way every module works it out (SEO, search, feeds, webhooks)."""

from django.conf import settings
from wagtail.models import Site


def site_path(page):
    """The page's path relative to its site's root, e.g. "/blog/x/" ("/" for the root); None when the page is None
    or under no site."""
    parts = page.get_url_parts() if page is not None else None
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
