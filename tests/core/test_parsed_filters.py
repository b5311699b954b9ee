"""Image filter specs are parsed once per process, not once per image rendered (issue 12's listing profile).

Wagtail builds a `Filter` from the spec string for every image it renders, and each of its operations calls
`inspect.getcallargs` when parsed; `core.models.parsed_filter` keeps one per spec. The operations a listing parses
are counted through a wrapper around Wagtail's own `Operation.__init__` (the real one runs).
"""

import pytest
from wagtail.images import image_operations

from core.factories import ImageFactory
from core.models import parsed_filter

SPECS = ("width-320", "width-640|format-webp")


@pytest.fixture
def parsed_operations(monkeypatch):
    counts = {"operations": 0}
    init = image_operations.Operation.__init__

    def counting_init(operation, *args, **kwargs):
        counts["operations"] += 1
        init(operation, *args, **kwargs)

    monkeypatch.setattr(image_operations.Operation, "__init__", counting_init)
    parsed_filter.cache_clear()
    return counts


def test_rendering_many_images_parses_each_spec_once(db, parsed_operations):
    images = ImageFactory.create_batch(4)
    renditions = [image.get_renditions(*SPECS) for image in images]
    assert parsed_operations["operations"] == 3  # width; width and format: once, not once per image
    assert all(set(rendition) == set(SPECS) for rendition in renditions)
    assert images[0].get_rendition("width-320").filter_spec == "width-320"
    assert parsed_operations["operations"] == 3
