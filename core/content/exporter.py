"""Writing the database out as a `labcms-content` dataset."""

import shutil
from pathlib import Path

import yaml
from wagtail.images import get_image_model

from .mapping import plain_stream
from .registry import KINDS, SECTIONS
from .schema import FORMAT, VERSION


class Exporter:
    """Runs the apps' kinds and sections over the database; their `dump` functions use its helpers."""

    def __init__(self):
        self.images = {image.pk: image for image in get_image_model().objects.all()}

    def image_key(self, image_id):
        image = self.images.get(image_id)
        return (image.import_key or f"image-{image.pk}") if image else None

    def stream(self, value):
        return plain_stream(value.get_prep_value(), self.image_key)

    def key(self, kind_name, obj):
        """The natural key by which a record refers to `obj` (of that kind), or None for no object."""
        return getattr(obj, KINDS[kind_name].key_field) if obj is not None else None

    def keys(self, kind_name, objects):
        """Sorted: the many-to-many links a record lists have no order."""
        return sorted(self.key(kind_name, obj) for obj in objects)

    def records(self):
        """The site's own content: sample content (`is_sample`) is never written out as if it were the site's."""
        return {name: [kind.dump(self, obj) for obj in own(kind.objects(self))] for name, kind in KINDS.items()}

    def site(self):
        """site.yaml's sections; nothing when the site has no root page yet."""
        records = {name: section.dump(self) for name, section in SECTIONS.items()}
        if any(records[name] is None for name, section in SECTIONS.items() if section.root):
            return {}
        return {name: record for name, record in records.items() if record is not None}


def own(objects):
    return [obj for obj in objects if not getattr(obj, "is_sample", False)]


def export_dataset(folder):
    """Write every kind of content, the site settings and the image files into `folder`."""
    folder = Path(folder)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    exporter = Exporter()
    records = exporter.records()
    for record, image in zip(records["images"], own(exporter.images.values()), strict=True):
        suffix = Path(image.file.name).suffix or ".png"
        with (
            image.open_file() as source,
            open(folder / "images" / Path(f"{record['key']}{suffix}").name, "wb") as target,
        ):
            shutil.copyfileobj(source, target)
        record["file"] = f"images/{record['key']}{suffix}"
    _write(folder / "manifest.yaml", {"format": FORMAT, "version": VERSION})
    _write(folder / "site.yaml", exporter.site())
    for name, kind in KINDS.items():
        _write(folder / kind.file, records[name])
    return {name: len(items) for name, items in records.items()}


class _Dumper(yaml.SafeDumper):
    """Never writes anchors and aliases: the importer refuses them (see schema._NoAliasLoader)."""

    def ignore_aliases(self, data):
        return True


def _write(path, data):
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")
