"""Images: Wagtail's, not an app's, so the one kind core declares itself. A new image's file comes from the
dataset's folder, or is a plain rectangle of its `color`; an existing image keeps its file."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from .schema import OPTIONAL_S, Field, Kind, S


def load(importer, record, raw):
    image_model = get_image_model()
    image = image_model.objects.filter(import_key=record["key"]).first()
    if image is not None and (image.title, image.description) == (record["title"], record["alt"] or ""):
        return "unchanged"
    created = image is None
    image = image or image_model(import_key=record["key"])
    image.title, image.description = record["title"], record["alt"] or ""
    importer.mark(image)
    if created:
        image.file = image_file(importer.folder, raw)
    image.save()
    if created:
        importer.written_files.append(image.file.name)
    importer.exporter.images[image.pk] = image
    return "created" if created else "updated"


def image_file(folder, raw):
    if raw.get("file"):
        path = folder / raw["file"]
        return ImageFile(io.BytesIO(path.read_bytes()), name=path.name)
    buffer = io.BytesIO()
    PILImage.new("RGB", (1200, 675), raw.get("color") or "#888888").save(buffer, format="PNG")
    return ImageFile(buffer, name=f"{raw['key']}.png")


def dump(exporter, image):
    return {"key": exporter.image_key(image.pk), "title": image.title, "alt": image.description}


IMAGES = Kind(
    "images.yaml",
    "key",
    {
        "key": Field("key"),
        "title": S,
        "alt": OPTIONAL_S,
        "color": Field("color", False, written=False),
        "file": Field("str", False, written=False),
    },
    lookup="import_key",
    load=load,
    dump=dump,
    objects=lambda exporter: exporter.images.values(),
)
