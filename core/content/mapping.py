"""How each kind of content maps between a record of the dataset and the database.

`to_record` is what the exporter writes, and what the importer compares a file's record with to tell an unchanged
item from one to update; `apply` writes a checked record onto a (new or existing) object.
"""

import datetime


from .schema import _MISSING, KINDS

DEFAULTS = {"str": "", "text": "", "url": "", "html": "", "list": [], "strs": [], "refs": [], "dict": {}, "stream": []}


def normalise(kind_name, record):
    """A file's record with every optional field filled in, as `to_record` would write it."""
    result = {}
    for name, spec in KINDS[kind_name].fields.items():
        value = record.get(name, _MISSING)
        if value is _MISSING or (value is None and not spec.nullable and spec.kind in DEFAULTS):
            value = None if spec.nullable or spec.kind not in DEFAULTS else type(DEFAULTS[spec.kind])()
        if spec.kind == "date" and value is not None:
            value = str(value)
        if spec.kind == "refs":
            value = sorted(value)  # many-to-many links have no order: the exporter writes them sorted
        result[name] = value
    if kind_name in {"projects", "blog_posts"}:
        result["authors"] = [
            {k: author.get(k, d) for k, d in AUTHOR_DEFAULTS[kind_name].items()} for author in result["authors"]
        ]
    if kind_name == "images":
        result.pop("color")
        result.pop("file")
    return result


AUTHOR_DEFAULTS = {
    "projects": {"name": "", "person": None, "equal_contribution": False},
    "blog_posts": {"name": "", "person": None},
}


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

