from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from cms.security import throttle_password_form
from core.health import health_view
from core.media import image_file_urlpatterns
from feeds import urls as feeds_urls
from graphql_api import urls as graphql_urls

urlpatterns = [
    # Wagtail's page and document password forms, throttled like logins; they shadow Wagtail's own routes below.
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        throttle_password_form(wagtail_views.authenticate_with_password, "page-password"),
        name="wagtailcore_authenticate_with_password",
    ),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        throttle_password_form(wagtaildocs_serve.authenticate_with_password, "document-password"),
        name="wagtaildocs_authenticate_with_password",
    ),
    path("health/", health_view, name="health"),  # for load balancers: core.health
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(graphql_urls)),
    path("", include(feeds_urls)),
]

# Image files only through a view that refuses those of private collections, in every environment (docs/media.md).
urlpatterns += image_file_urlpatterns()

# Static files in development; media never as a folder, not even there (private collections' files are in it).
if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail's own page serving stays last: every page URL on this host (`/`, `/blog/x/`) redirects to the same path on
# the frontend (core.models.LabPage.serve); the admin's own live links point at the frontend directly.
urlpatterns += [path("", include(wagtail_urls))]
