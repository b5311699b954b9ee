"""Loading a checked dataset into the site, in one transaction: created, updated or left alone, item by item."""

from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .exporter import Exporter
from .mapping import normalise, number_children, plain_stream, stream_with_image_ids
from .registry import INDEXES, KINDS, SECTIONS
from .schema import DatasetError, read_dataset

# What a block raises reading a value of the wrong shape (a string where a struct's mapping belongs ...).
MALFORMED_BLOCK = (TypeError, ValueError, AttributeError, KeyError, IndexError)


class Importer:
    """Runs the apps' kinds over a checked dataset; their `load` functions use its helpers and lookups."""

    def __init__(self, dataset, folder):
        self.dataset = dataset
        self.folder = Path(folder)
        self.report = {}
        self.exporter = None
        self.position = 0  # of the record being loaded, in its file
        self.problems = []
        self.written_files = []  # deleted from storage if the import is refused or fails

    def run(self):
        home = self.existing_root() if self.dataset.samples else self.root()
        self.indexes = {model: self.index(home, model, title, slug) for model, title, slug in INDEXES}
        self.exporter = Exporter()
        for name, kind in KINDS.items():
            counts = Counter()
            for self.position, record in enumerate(self.dataset.items[name]):
                counts[kind.load(self, normalise(kind.fields, record), record)] += 1
            self.report[name] = counts
        if not self.dataset.samples:
            self.report["site"] = Counter(self.load_section(name, section) for name, section in SECTIONS.items())
        if self.problems:
            raise DatasetError(self.problems)
        return self.report

    # The tree

    def root(self):
        """The site's root page, from the section that declares one (the home page)."""
        name, section = next((name, section) for name, section in SECTIONS.items() if section.root)
        return section.root(self, self.dataset.site[name])

    def existing_root(self):
        """Samples go into a site that has its own content: they never make its home page."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None or site.root_page.specific_class is Page:
            raise DatasetError(["Sample content goes on top of a site's own content: import that dataset first."])
        return site.root_page.specific

    def mark(self, obj):
        """An object a sample dataset writes says so (the admin, the API and the frontend show it)."""
        if self.dataset.samples:
            obj.is_sample = True

    def make_root(self, page):
        """Put `page` at the top of a fresh site, in place of Wagtail's "Welcome" page, as the default site's root."""
        root = Page.get_first_root_node()
        for placeholder in root.get_children():
            placeholder.delete()
        page = root.add_child(instance=page)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": page}
        )
        return page

    def index(self, home, model, title, slug):
        return model.objects.child_of(home).first() or home.add_child(instance=model(title=title, slug=slug))

    def load_section(self, name, section):
        record = normalise(section.field.fields, self.dataset.site.get(name) or {})
        if section.dump(self.exporter) == record:
            return "unchanged"
        obj = section.load(self, record)
        number_children(obj)
        obj.save()
        return "updated"

    def upsert_page(self, model, parent, slug, record, unchanged, fill):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None and unchanged(self.exporter, page) == record:
            return "unchanged"
        created = page is None
        page = page or model(slug=slug)
        fill(page)
        self.mark(page)
        number_children(page)
        if created:
            parent.add_child(instance=page)
        page.save()
        return "created" if created else "updated"

    def upsert(self, model, lookup, record, unchanged, fill):
        obj = model.objects.filter(**lookup).first()
        if obj is not None and unchanged(self.exporter, obj) == record:
            return "unchanged"
        created = obj is None
        obj = obj or model(**lookup)
        fill(obj)
        self.mark(obj)
        number_children(obj)
        obj.save()
        return "created" if created else "updated"

    # Lookups by natural key

    def image_id(self, key):
        return get_image_model().objects.filter(import_key=key).values_list("pk", flat=True).first()

    def find(self, kind_name, key):
        """The object of another kind a reference names, or None."""
        kind = KINDS[kind_name]
        return kind.model.objects.filter(**{kind.key_field: key}).first() if key is not None else None

    def find_all(self, kind_name, keys):
        """The objects of another kind references name, in their order (the dataset was checked: all exist)."""
        kind = KINDS[kind_name]
        by_key = {
            getattr(obj, kind.key_field): obj for obj in kind.model.objects.filter(**{f"{kind.key_field}__in": keys})
        }
        return [by_key[key] for key in keys]

    # Stream fields

    def canonical_body(self, record, stream_block):
        """A file's body as the blocks store it (defaults filled in), so an unchanged body compares equal."""
        try:
            value = stream_block.to_python(stream_with_image_ids(record["body"], self.image_id))
            value = stream_block.clean(value)
        except (ValidationError, *MALFORMED_BLOCK):
            return  # reported with its item and field when the body is written
        record["body"] = plain_stream(stream_block.get_prep_value(value), self.exporter.image_key)

    def body(self, stream, stream_block, label):
        """Image keys resolved, then the blocks' own validation, as if an editor had saved the body."""
        raw = stream_with_image_ids(stream, self.image_id)
        if not raw:
            return raw  # an empty body is allowed by the field (blank=True), not asked of the blocks
        try:
            stream_block.clean(stream_block.to_python(raw))
        except ValidationError as error:
            self.problems.extend(f"{label}: field 'body': {message}" for message in block_error_messages(error))
        except MALFORMED_BLOCK as error:
            self.problems.append(f"{label}: field 'body': a block's value has the wrong shape ({error!r}).")
        return raw


def block_error_messages(error, path=""):
    """Flatten a StreamField validation error into readable lines: 'block 3 (table) > table: The table is empty'."""
    data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
    return list(_flatten(data, path))


def _flatten(data, path):
    if isinstance(data, dict):
        for message in data.get("messages", []):
            yield f"{path}: {message}" if path else message
        for name, child in (data.get("blockErrors") or {}).items():
            yield from _flatten(
                child, f"{path} > {name}" if path else f"block {int(name) + 1}" if str(name).isdigit() else str(name)
            )
    elif isinstance(data, list):
        for item in data:
            yield from _flatten(item, path)


def import_dataset(folder, samples=False):
    """Check the whole dataset, then write it in one transaction. Returns counts of created/updated/unchanged.

    `samples` loads a sample dataset (see read_dataset) on top of the site's own content, marking what it writes.
    """
    dataset = read_dataset(folder, samples=samples)
    importer = Importer(dataset, folder)
    try:
        with transaction.atomic():
            report = importer.run()
    except BaseException:
        storage = get_image_model()._meta.get_field("file").storage
        for name in importer.written_files:  # the rows are rolled back; the files would stay in media
            storage.delete(name)
        raise
    return report
