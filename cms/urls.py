from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.media import image_file_urlpatterns
from feeds import urls as feeds_urls
from graphql_api import urls as graphql_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include(graphql_urls)),
    path("", include(feeds_urls)),
]

# Image files only through a view that refuses those of private collections, in every environment (docs/media.md).
urlpatterns += image_file_urlpatterns()

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's own page serving stays last: it answers the admin's "view live" links with a redirect to the frontend.
urlpatterns += [path("", include(wagtail_urls))]
