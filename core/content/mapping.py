"""How a record of the dataset compares with the database, and how stream data moves between the two.

A kind's `dump` (see schema.Kind) is what the exporter writes, and what the importer compares a file's record with
to tell an unchanged item from one to update; `normalise` fills a file's record in as `dump` would write it.
"""

import datetime

from modelcluster.models import get_all_child_relations

from .schema import _MISSING

DEFAULTS = {
    "str": "", "text": "", "url": "", "html": "", "bool": False, "list": [], "strs": [], "refs": [], "dict": {},
    "stream": [],
}  # fmt: skip


def normalise(fields, record):
    """A file's record with every optional field filled in (nested ones too), as a kind's `dump` would write it."""
    result = {}
    for name, spec in fields.items():
        value = record.get(name, _MISSING)
        if value is _MISSING and spec.default is not None:
            value = spec.default
        if value is _MISSING or (value is None and not spec.nullable and spec.kind in DEFAULTS):
            value = None if spec.nullable or spec.kind not in DEFAULTS else type(DEFAULTS[spec.kind])()
        if spec.kind == "date" and value is not None:
            value = str(value)
        if spec.kind == "refs" and not spec.ordered:
            value = sorted(value)  # many-to-many links have no order: the exporter writes them sorted
        if spec.fields is not None and spec.kind == "dict" and value is not None:
            value = normalise(spec.fields, value)
        elif spec.fields is not None and spec.kind == "list":
            value = [normalise(spec.fields, item) for item in value]
        if spec.written:
            result[name] = value
    return result


def plain_stream(raw, image_key_for):
    """Stream data without block ids, list items unwrapped, and image ids replaced by image keys."""
    if isinstance(raw, list):
        if raw and all(isinstance(item, dict) and item.get("type") == "item" and "value" in item for item in raw):
            return [plain_stream(item["value"], image_key_for) for item in raw]
        return [plain_stream(item, image_key_for) for item in raw]
    if isinstance(raw, dict):
        result = {}
        for name, value in raw.items():
            if name == "id":
                continue
            if name == "image" and isinstance(value, int):
                result[name] = image_key_for(value)
            else:
                result[name] = plain_stream(value, image_key_for)
        return result
    return raw


def stream_with_image_ids(stream, image_id_for):
    if isinstance(stream, list):
        return [stream_with_image_ids(item, image_id_for) for item in stream]
    if isinstance(stream, dict):
        return {
            name: image_id_for(value)
            if name == "image" and isinstance(value, str)
            else stream_with_image_ids(value, image_id_for)
            for name, value in stream.items()
        }
    return stream


def iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value



def number_children(instance):
    """Number an object's inline children (Wagtail Orderables) as the file lists them, before it is saved: without
    a `sort_order` they would come back in whatever order the database chooses, which differs between SQLite and
    PostgreSQL. Every kind and section goes through this, so an app's `load` just assigns its children."""
    for relation in get_all_child_relations(instance):
        order_field = getattr(relation.related_model, "sort_order_field", None)
        if order_field:
            for position, child in enumerate(getattr(instance, relation.get_accessor_name()).all()):
                setattr(child, order_field, position)
