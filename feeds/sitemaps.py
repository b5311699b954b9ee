"""sitemap.xml of the frontend: every public page of the default site, at its frontend address."""

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.requests import RequestSite

from core.paths import site_path

from .pages import frontend_parts, site_pages


class _FrontendHost(RequestSite):
    """What Sitemap.get_urls wants from a site: its domain. Here the frontend's, whatever host served the request."""

    def __init__(self, domain):
        self.domain = self.name = domain


class PageSitemap(Sitemap):
    def items(self):
        return site_pages().order_by("path")

    def location(self, page):
        _scheme, _host, prefix = frontend_parts()
        return prefix + (site_path(page) or "/")

    def lastmod(self, page):
        # Whole seconds: a W3C datetime ("2024-06-01T12:00:00-04:00") that every sitemap reader accepts.
        return page.last_published_at.replace(microsecond=0) if page.last_published_at else None

    def get_urls(self, page=1, site=None, protocol=None):
        scheme, host, _prefix = frontend_parts()
        return super().get_urls(page=page, site=_FrontendHost(host), protocol=scheme)


SITEMAPS = {"pages": PageSitemap}
