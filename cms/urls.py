from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from cms.security import throttle_password_form
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
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(graphql_urls)),
    path("", include(feeds_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own page serving stays last: it answers the admin's "view live" links with a redirect to the frontend.
urlpatterns += [path("", include(wagtail_urls))]
