"""robots.txt of the host that serves it: the CMS (see docs/webhooks-and-feeds.md); sitemap.xml."""

from django.contrib.sitemaps import views as sitemaps_views
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.paths import urls_for

# The admin (Wagtail's and Django's) is for editors; everything else on the CMS host may be crawled.
DISALLOWED = ["/admin/", "/django-admin/"]


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('feeds:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap(request, **kwargs):
    """Django's sitemap view, its page URLs resolved with the request: one read of Wagtail's site root paths per
    sitemap, not one per page (issue 12). The view works out every URL before it returns (only the template is
    rendered later), so all of them are inside the block."""
    with urls_for(request):
        return sitemaps_views.sitemap(request, **kwargs)
