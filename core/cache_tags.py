"""Cache tags: names for what a public answer showed, so that a change purges exactly the answers that showed it.

An answer records `page:<id>`, `image:<id>`, `document:<id>` or `<app.model>:<id>` for every object it showed, and
`list:<app.model>` for every listing of a type it read (a listing can gain or lose items when any object of that
type changes). A content change (core.events) names the same tags, and the response cache and the CDN purge them.
The collector is context-local, like core.visibility's cache: one per request, in the thread that executes it.
"""

import contextvars
from contextlib import contextmanager

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition
from wagtail.models import Page

_collected = contextvars.ContextVar("cache_tags", default=None)


def object_tag(instance):
    if isinstance(instance, AbstractRendition):
        return f"image:{instance.image_id}"
    return model_tag(type(instance), instance.pk)


def model_tag(model, pk):
    """The tag of the `model` object with primary key `pk`, without loading it."""
    if issubclass(model, Page):
        return f"page:{pk}"
    if issubclass(model, AbstractImage):
        return f"image:{pk}"
    if issubclass(model, AbstractDocument):
        return f"document:{pk}"
    return f"{model._meta.label_lower}:{pk}"


def listing_tag(model):
    if issubclass(model, AbstractImage):
        return "list:image"
    if issubclass(model, AbstractDocument):
        return "list:document"
    return f"list:{model._meta.label_lower}"


@contextmanager
def collecting():
    """Collect the tags of everything shown inside the block into the set it yields."""
    tags = set()
    token = _collected.set(tags)
    try:
        yield tags
    finally:
        _collected.reset(token)


def collector():
    """The current request's tag set, or None outside `collecting()`."""
    return _collected.get()


def record(tags):
    """Add tags to the answer being computed (no-op outside one): for what a field shows without being resolved
    on it, such as the pages, documents and images a rich text links to."""
    collected = _collected.get()
    if collected is not None:
        collected.update(tags)
