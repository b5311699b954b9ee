"""Purging a CDN by cache tag, through Wagtail's frontend-cache settings (WAGTAILFRONTENDCACHE).

Wagtail's backends purge URLs; the public API's answers are GraphQL requests whose URLs no one can list, so they
are purged by the tags they carry in `Cache-Tag` / `Surrogate-Key` (graphql_api.cache). A backend that can purge by
tag has `purge_tags(tags)`; others are left alone (their cached copies expire after the answers' max-age).

Wagtail's own `wagtail.contrib.frontend_cache` app is not installed: its signal handlers would purge a published
page's URL a second time, a URL the CMS does not serve (the frontend does); only its settings and backends are used.
"""

import logging

import requests
from wagtail.contrib.frontend_cache.backends import CloudflareBackend
from wagtail.contrib.frontend_cache.utils import get_backends

logger = logging.getLogger(__name__)


def _tag_backends():
    return [backend for backend in get_backends().values() if hasattr(backend, "purge_tags")]


def purge_tags(tags):
    tags = sorted(tags)
    for backend in _tag_backends() if tags else ():
        backend.purge_tags(tags)


class CloudflareTagBackend(CloudflareBackend):
    """Wagtail's Cloudflare backend (same settings) that also purges by tag, 30 tags a request (Cloudflare's
    limit)."""

    def _post(self, data):
        headers = {"Content-Type": "application/json"}
        if self.cloudflare_token:
            headers["Authorization"] = f"Bearer {self.cloudflare_token}"
        else:
            headers["X-Auth-Email"] = self.cloudflare_email
            headers["X-Auth-Key"] = self.cloudflare_api_key
        url = f"https://api.cloudflare.com/client/v4/zones/{self.cloudflare_zoneid}/purge_cache"
        try:
            requests.post(url, json=data, headers=headers, timeout=10).raise_for_status()
        except requests.RequestException:
            logger.exception("Could not purge Cloudflare (%s)", data)

    def purge_tags(self, tags):
        for start in range(0, len(tags), 30):
            self._post({"tags": tags[start : start + 30]})
