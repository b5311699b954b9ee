"""Media files in production: every image and document byte leaves through a view that enforces collection privacy.

A proxy that served MEDIA_ROOT as it is would publish the files of private collections, and Wagtail writes an
image's files under names that do not say which collection it is in (which can change after upload). So the
proxy serves nothing by itself: Wagtail's document view and `serve_image_file` decide, and `sendfile` (also
Wagtail's SENDFILE_BACKEND) hands the bytes to nginx with X-Accel-Redirect or streams them (MEDIA_SERVE).
See docs/media.md.
"""

import mimetypes
import re
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import re_path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail.images import get_image_model, permissions
from wagtail.utils import sendfile_streaming_backend

from .visibility import is_public_media

IMAGE_FOLDERS = ("original_images", "images")  # where Wagtail writes originals and renditions


def sendfile(request, filename, mimetype=None, **kwargs):
    """Wagtail's SENDFILE_BACKEND: behind nginx, an empty answer that tells it which internal file to send."""
    if settings.MEDIA_SERVE != "nginx":
        return sendfile_streaming_backend.sendfile(request, filename, mimetype=mimetype, **kwargs)
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse(content_type=mimetype)
    response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT_PREFIX + quote(relative.as_posix())
    return response


def serve_image_file(request, path):
    """An original or a rendition: to anyone if its image is public, else only to who may see the image."""
    image, field_file = _image_file(path)
    if image is None:
        raise Http404("No image file at this path.")
    public = is_public_media(image)
    if not public and not _may_see_private(request, image):
        raise Http404("No image file at this path.")  # the same answer as a missing file: existence is not leaked
    if not Path(field_file.path).is_file():
        raise Http404("The image's file is missing from MEDIA_ROOT.")
    response = sendfile(request, field_file.path, mimetype=mimetypes.guess_type(field_file.name)[0])
    if public:
        patch_cache_control(response, public=True, max_age=settings.MEDIA_PUBLIC_MAX_AGE)
    else:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
    return response


def _image_file(path):
    """The image and the stored file a MEDIA_ROOT-relative path names, by its exact stored name."""
    folder = path.split("/", 1)[0]
    Image = get_image_model()
    if folder == "original_images":
        image = Image.objects.filter(file=path).first()
        return image, image.file if image else None
    if folder == "images":
        rendition = Image.get_rendition_model().objects.filter(file=path).select_related("image").first()
        return (rendition.image, rendition.file) if rendition else (None, None)
    return None, None


def _may_see_private(request, image):
    """Editors who may choose or change the image (the admin's thumbnails), or whoever passes every restriction."""
    if permissions.permission_policy.user_has_any_permission_for_instance(request.user, ["choose", "change"], image):
        return True
    return all(restriction.accept_request(request) for restriction in image.collection.get_view_restrictions())


def image_file_urlpatterns():
    """`serve_image_file` under MEDIA_URL; nothing when MEDIA_URL is on another host (object storage serves it)."""
    if not settings.MEDIA_URL.startswith("/"):
        return []
    pattern = rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>(?:{'|'.join(IMAGE_FOLDERS)})/[^/]+)$"
    return [re_path(pattern, serve_image_file, name="media_image_file")]
