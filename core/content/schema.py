"""Reading and checking a dataset folder, with no database access: a bad file is refused before any write."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from PIL import ImageColor
from wagtail.images import get_image_model

from core.dates import DatePrecision
from core.sanitize import rich_text_problems, url_problem

from .registry import KINDS, SECTIONS

FORMAT = "labcms-content"
VERSION = 1


class DatasetError(Exception):
    """Every problem found in a dataset, each naming its file, item and field."""

    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class Field:
    kind: str  # str, text, int, date, bool, url, html, color, list, strs, dict, stream, enum, ref, refs
    required: bool = True
    choices: tuple = ()
    target: str = ""  # for ref/refs: the kind referred to
    nullable: bool = False
    features: tuple = ()  # for html: the rich text features of the field it is stored in
    fields: dict | None = None  # for list and dict: the fields of each mapping
    maximum: int = 32767  # for int: the largest the column it is stored in holds (PositiveSmallIntegerField)
    ordered: bool = False  # for refs: the order is kept (else the links have none, and are compared sorted)
    written: bool = True  # False for what is only read on import (an image's file or colour), never exported
    default: object = None  # what an optional field left out means, when it is not its kind's empty value


@dataclass
class Kind:
    """A kind of content, declared by the app that owns it in its `content` module (see core/content/registry.py)."""

    file: str
    key: str | None  # the record's natural key, by which other records refer to it
    fields: dict = field(default_factory=dict)
    model: type | None = None  # whose objects the keys name
    lookup: str = ""  # the model's field holding the key, when it is not named like the record's
    load: Callable | None = None  # (importer, record, raw) -> "created", "updated" or "unchanged"
    dump: Callable | None = None  # (exporter, obj) -> the record written out, and compared with on import
    objects: Callable | None = None  # (exporter) -> the objects written out, in the file's order
    after: tuple = ()  # kinds referred to other than by ref/refs fields: they are imported first
    check: Callable | None = None  # (record, keys) -> problems of those references
    retired: dict = field(default_factory=dict)  # a field no longer read -> where its value goes now

    @property
    def key_field(self):
        return self.lookup or self.key

    def dependencies(self):
        """The kinds this kind's records refer to: ref/refs targets, images (for streams) and `after`."""
        found = set(self.after)
        specs = list(self.fields.values())
        while specs:
            spec = specs.pop()
            if spec.kind in {"ref", "refs"}:
                found.add(spec.target)
            elif spec.kind == "stream":
                found.add("images")
            specs.extend((spec.fields or {}).values())
        return found


@dataclass
class Section:
    """A part of site.yaml, declared by the app that owns it in its `content` module."""

    field: Field
    load: Callable  # (importer, record) -> the object the checked record was written to, saved by the engine
    dump: Callable  # (exporter) -> the record written out, or None when there is nothing to write
    root: Callable | None = None  # (importer, record) -> the site's root page, made first if there is none


S = Field("str")
OPTIONAL_S = Field("str", required=False)
OPTIONAL_URL = Field("url", required=False)
URL = Field("url")
DATE_PRECISION = Field("enum", False, choices=tuple(DatePrecision.values), default=DatePrecision.DAY)  # "day" if left out


def site_field():
    """site.yaml's fields: the sections the apps declare."""
    return Field("dict", fields={name: section.field for name, section in SECTIONS.items()})


@dataclass
class Dataset:
    site: dict
    items: dict  # kind name -> list of records
    samples: bool = False  # a sample dataset: every object it writes is marked `is_sample`


def kind_model(kind):
    """The model a kind's records are written to (Wagtail's image model for images, which no app declares)."""
    return kind.model or get_image_model()


def read_dataset(folder, samples=False):
    """Load and check every file of a dataset; raise DatasetError listing all problems.

    The shapes of every record are checked first (types, nested fields, rich text, URLs, image files); references
    between records only once every shape is right, so no check ever trips over a value of the wrong type.

    A sample dataset (`sample: true` in its manifest, e.g. content/demo) is loaded only when asked for (`samples`),
    on top of a site that has its own content: it has no site.yaml, may leave out files, and holds only kinds whose
    objects can be marked as samples (an `is_sample` field), so nothing of it is ever taken for the lab's own.
    """
    folder = Path(folder)
    problems = []
    _check_sizes(folder, problems)
    if problems:
        raise DatasetError(problems)
    manifest = _load(folder / "manifest.yaml", problems, expect=dict)
    if manifest is not None and (manifest.get("format"), manifest.get("version")) != (FORMAT, VERSION):
        problems.append(
            f"manifest.yaml: format {manifest.get('format')!r} version {manifest.get('version')!r} is not "
            f"{FORMAT!r} version {VERSION}."
        )
    is_sample = bool(manifest and manifest.get("sample") is True)
    if manifest is not None and is_sample != samples:
        problems.append(
            "manifest.yaml: this is sample content: load it with --samples, on top of the site's own content."
            if is_sample
            else "manifest.yaml: --samples loads only a dataset whose manifest says `sample: true`."
        )
    if problems:
        raise DatasetError(problems)
    site = {} if samples else _load(folder / "site.yaml", problems, expect=dict) or {}
    if samples and (folder / "site.yaml").exists():
        problems.append("site.yaml: a sample dataset has no site.yaml: the site's own settings stay as they are.")
    items = {}
    for name, kind in KINDS.items():
        if samples and not (folder / kind.file).exists():
            items[name] = []
            continue
        records = _load(folder / kind.file, problems, expect=list)
        items[name] = records if records is not None else []
        if samples and items[name] and not hasattr(kind_model(kind), "is_sample"):
            problems.append(f"{kind.file}: {name} cannot be marked as samples, so a sample dataset cannot hold them.")
    if problems:
        raise DatasetError(problems)
    for name, kind in KINDS.items():
        _check_records(kind, items[name], problems)
    if not samples:
        problems.extend(f"site.yaml: {problem}" for problem in _fields_problems(site, site_field().fields, ""))
    _check_image_files(folder, items["images"], problems)
    keys = {
        name: {
            record[kind.key]
            for record in items[name]
            if isinstance(record, dict) and isinstance(record.get(kind.key), str)
        }
        for name, kind in KINDS.items()
        if kind.key
    }
    for name, kind in KINDS.items():
        for index, record in enumerate(items[name]):
            label = _label(kind, record, index)
            problems.extend(f"{label}: {problem}" for problem in _references(record, kind.fields, keys, ""))
    for name, section in SECTIONS.items():
        found = _references(site.get(name), section.field.fields, keys, "")
        problems.extend(f"site.yaml {name}: {problem}" for problem in found)
    for name, kind in KINDS.items():
        if kind.check:
            for index, record in enumerate(items[name]):
                if isinstance(record, dict):
                    problems.extend(f"{_label(kind, record, index)}: {problem}" for problem in kind.check(record, keys))
    _check_image_references(items, keys["images"], problems)
    if problems:
        raise DatasetError(problems)
    return Dataset(site=site, items=items, samples=samples)


class _NoAliasLoader(yaml.SafeLoader):
    """PyYAML's safe loader without anchors and aliases: the format never uses them, and nested aliases ("billion
    laughs") expand into a structure that takes minutes and gigabytes to walk."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a dataset: write the value out", event.start_mark
            )
        return super().compose_node(parent, index)


def _check_sizes(folder, problems):
    """Refuse a file over CONTENT_IMPORT_MAX_FILE_BYTES, or a dataset over CONTENT_IMPORT_MAX_TOTAL_BYTES, unread."""
    per_file, total_limit = settings.CONTENT_IMPORT_MAX_FILE_BYTES, settings.CONTENT_IMPORT_MAX_TOTAL_BYTES
    total = 0
    for path in sorted(folder.glob("*.yaml")):
        size = path.stat().st_size
        total += size
        if size > per_file:
            problems.append(
                f"{path.name}: the file is {size:,} bytes, over the limit of {per_file:,} "
                "(CONTENT_IMPORT_MAX_FILE_BYTES): split the dataset or raise the limit."
            )
    if total > total_limit and not problems:
        problems.append(
            f"the dataset's files are {total:,} bytes in all, over the limit of {total_limit:,} "
            "(CONTENT_IMPORT_MAX_TOTAL_BYTES)."
        )


def _load(path, problems, expect):
    if not path.exists():
        problems.append(f"{path.name}: the file is missing.")
        return None
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError) as error:
        problems.append(f"{path.name}: not valid YAML: {error}")
        return None
    if data is None:
        data = expect()
    if not isinstance(data, expect):
        problems.append(f"{path.name}: expected a {'list' if expect is list else 'mapping'} at the top level.")
        return None
    return data


def _label(kind, record, index):
    key = record.get(kind.key) if kind.key and isinstance(record, dict) else None
    return f"{kind.file} item {key!r}" if isinstance(key, str) and key else f"{kind.file} item {index + 1}"


def _check_records(kind, records, problems):
    seen = set()
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            problems.append(f"{kind.file} item {index + 1}: expected a mapping.")
            continue
        label = _label(kind, record, index)
        problems.extend(f"{label}: {problem}" for problem in _fields_problems(record, kind.fields, "", kind.retired))
        key = record.get(kind.key) if kind.key else None
        if isinstance(key, str):
            if key in seen:
                problems.append(f"{label}: {kind.key} {key!r} appears more than once.")
            seen.add(key)


_MISSING = object()


def _fields_problems(mapping, fields, where, retired=None):
    """Problems of a mapping's fields; `where` says where the mapping is, e.g. "field 'links' item 2 "."""
    retired = retired or {}
    for name in sorted(set(mapping) & set(retired)):
        yield f"{where}field {name!r} is no longer read here: {retired[name]}"
    unknown = sorted(str(name) for name in set(mapping) - set(fields) - set(retired))
    if unknown:
        yield f"{where}unknown field(s) {', '.join(unknown)}."
    for field_name, spec in fields.items():
        yield from _problems(mapping.get(field_name, _MISSING), spec, f"{where}field {field_name!r}")


def _problems(value, spec, where):
    if value is _MISSING:
        if spec.required:
            yield f"{where} is required."
        return
    if value is None:
        if spec.required and not spec.nullable:
            yield f"{where} must not be empty."
        return
    if problem := _check_value(value, spec):
        yield f"{where} {problem}"
    elif spec.fields is not None and spec.kind == "dict":
        yield from _fields_problems(value, spec.fields, f"{where}: ")
    elif spec.fields is not None:
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                yield f"{where} item {index + 1} must be a mapping; got {item!r}."
            else:
                yield from _fields_problems(item, spec.fields, f"{where} item {index + 1}: ")


def _check_value(value, spec):
    checks = {
        "str": lambda v: isinstance(v, str) and (v.strip() or not spec.required),
        "text": lambda v: isinstance(v, str),
        "url": lambda v: isinstance(v, str),
        "html": lambda v: isinstance(v, str),
        "color": lambda v: isinstance(v, str),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "list": lambda v: isinstance(v, list),
        "strs": lambda v: isinstance(v, list) and all(isinstance(item, str) for item in v),
        "dict": lambda v: isinstance(v, dict),
        "stream": lambda v: isinstance(v, list) and all(isinstance(b, dict) and "type" in b for b in v),
        "refs": lambda v: isinstance(v, list) and all(isinstance(item, str) for item in v),
        "ref": lambda v: isinstance(v, str),
        "enum": lambda v: isinstance(v, str) and v in spec.choices,
        "date": _is_date,
        "key": lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z0-9][\w-]*", v),
    }
    if not checks[spec.kind](value):
        if spec.kind == "enum":
            return f"is {value!r}; use one of: {', '.join(spec.choices)}."
        if spec.kind == "date":
            return f"is {value!r}; use a date written YYYY-MM-DD."
        if spec.kind == "stream":
            return "must be a list of blocks, each with a `type` and a `value`."
        if spec.kind == "key":
            return f"is {value!r}; use letters, digits, - and _ (it names the image's file on export)."
        if spec.kind in {"strs", "refs"}:
            return f"must be a list of strings; got {value!r}."
        expected = {"url": "web address", "html": "HTML text", "color": "colour"}.get(spec.kind, spec.kind)
        return f"must be {'a non-empty ' if spec.required and spec.kind == 'str' else 'a '}{expected}; got {value!r}."
    if spec.kind == "int" and not 0 <= value <= spec.maximum:
        return f"is {value}; use a whole number from 0 to {spec.maximum}."
    if spec.kind == "url" and value:
        return url_problem(value)
    if spec.kind == "html" and (problems := rich_text_problems(value, spec.features)):
        return f"has HTML that is not allowed: {'; '.join(problems)}."
    if spec.kind == "color" and value:
        try:
            ImageColor.getrgb(value)
        except ValueError:
            return f"is {value!r}; use a colour such as #336699."
    return None


def _is_date(value):
    if isinstance(value, datetime.date):
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _references(mapping, fields, keys, where):
    """Problems of references to other records; values of the wrong type are skipped (their shape is reported)."""
    if not isinstance(mapping, dict):
        return
    for field_name, spec in fields.items():
        value = mapping.get(field_name)
        if spec.kind == "ref" and isinstance(value, str) and value not in keys[spec.target]:
            yield f"{where}field {field_name!r} refers to unknown {spec.target} {value!r}."
        if spec.kind == "refs" and isinstance(value, list):
            for ref in value:
                if isinstance(ref, str) and ref not in keys[spec.target]:
                    yield f"{where}field {field_name!r} refers to unknown {spec.target} {ref!r}."
        if spec.kind == "list" and spec.fields and isinstance(value, list):
            for index, item in enumerate(value):
                yield from _references(item, spec.fields, keys, f"{where}field {field_name!r} item {index + 1}: ")


def _check_image_files(folder, images, problems):
    """An image's `file` must be a file inside the dataset's folder (no absolute path, `..` or outward symlink),
    within the size the admin allows for an upload (WAGTAILIMAGES_MAX_UPLOAD_SIZE)."""
    root = folder.resolve()
    limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
    for index, record in enumerate(images):
        if not isinstance(record, dict) or not isinstance(record.get("file"), str) or not record["file"]:
            continue
        label = _label(KINDS["images"], record, index)
        path = (folder / record["file"]).resolve()
        if not path.is_relative_to(root):
            problems.append(f"{label}: field 'file' {record['file']!r} is outside the dataset's folder.")
        elif not path.is_file():
            problems.append(f"{label}: field 'file' {record['file']!r} is not a file of the dataset.")
        elif limit and path.stat().st_size > limit:
            problems.append(
                f"{label}: field 'file' {record['file']!r} is {path.stat().st_size:,} bytes, over the limit of "
                f"{limit:,} (WAGTAILIMAGES_MAX_UPLOAD_SIZE)."
            )


def _check_image_references(items, image_keys, problems):
    for name, kind in KINDS.items():
        streams = [field_name for field_name, spec in kind.fields.items() if spec.kind == "stream"]
        for index, record in enumerate(items[name]):
            for field_name in streams if isinstance(record, dict) else ():
                for image_key in stream_image_keys(record.get(field_name) or []):
                    if image_key not in image_keys:
                        problems.append(f"{_label(kind, record, index)}: unknown image {image_key!r}.")


def stream_image_keys(value):
    """Every image key a stream refers to, however deeply nested."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name == "image" and isinstance(item, str):
                yield item
            else:
                yield from stream_image_keys(item)
    elif isinstance(value, list):
        for item in value:
            yield from stream_image_keys(item)
