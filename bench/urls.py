"""The benchmark's URLconf: the project's URLs, Wagtail's REST API v2 and a floor view, all in one process."""

from django.http import HttpResponse
from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter

from cms.urls import urlpatterns as project_urlpatterns

from .api import BenchPagesAPIViewSet, StockPagesAPIViewSet

FLOOR_BODY = b'{"data":{"floor":true}}'


def floor(request):
    """A fixed JSON body through the same middleware: what Django and gunicorn cost before any application code."""
    return HttpResponse(FLOOR_BODY, content_type="application/json")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", BenchPagesAPIViewSet)
api_router.register_endpoint("stock-pages", StockPagesAPIViewSet)

urlpatterns = [
    path("bench/floor/", floor),
    path("api/v2/", api_router.urls),
    *project_urlpatterns,
]
