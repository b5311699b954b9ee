"""Public pages of the frontend's site, and their addresses on the frontend.

FRONTEND_BASE_URL serves one site: the default Wagtail site. Feeds and the sitemap list only its public pages
(core.visibility.public_pages) and link to `FRONTEND_BASE_URL + <path on the site>`, never to the CMS.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from core.paths import site_path
from core.visibility import public_pages


def default_site():
    return Site.objects.filter(is_default_site=True).select_related("root_page").first()


def site_pages(queryset=None):
    """Public pages (of `queryset`'s type) in the default site, the site root included."""
    queryset = Page.objects.all() if queryset is None else queryset
    site = default_site()
    if site is None:
        return queryset.none()
    return public_pages(queryset).descendant_of(site.root_page, inclusive=True)


def frontend_base():
    return settings.FRONTEND_BASE_URL.rstrip("/")


def frontend_url(page):
    """The page's address on the frontend, e.g. https://lab.example.org/blog/x/; None for a page under no site."""
    path = site_path(page)
    return f"{frontend_base()}{path}" if path else None


def frontend_parts():
    """(scheme, host, path prefix) of FRONTEND_BASE_URL."""
    parts = urlsplit(frontend_base())
    return parts.scheme or "https", parts.netloc, parts.path.rstrip("/")
