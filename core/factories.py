"""Shared factory helpers: an image, and a StreamField body that holds one block of every type."""

import factory
import wagtail_factories
from wagtail.models import Site


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Figure {n}")


def every_block_body(image):
    """One block of each type in the shared library, as raw StreamField data."""
    return [
        {"type": "heading", "value": {"text": "Method", "level": "h2"}},
        {"type": "paragraph", "value": "<p>We quantize <b>weights</b> to 4 bits.</p>"},
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "Accuracy", "caption": "", "credit": ""},
        },
        {"type": "code", "value": {"language": "python", "filename": "run.py", "code": "print('awq')"}},
        {"type": "equation", "value": {"latex": r"y = \frac{x}{s}", "mode": "display"}},
        {"type": "embed", "value": {"url": "https://www.youtube.com/watch?v=3dYLj9vjfA0", "caption": "Talk"}},
        {"type": "quote", "value": {"text": "Small is fast.", "attribution": "The lab"}},
        {"type": "callout", "value": {"kind": "tldr", "text": "<p>4-bit weights.</p>"}},
        {
            "type": "table",
            "value": {
                "caption": "Results",
                "table": {"data": [["Model", "Speed-up"], ["Llama-2-7B", "3.2x"]], "first_row_is_table_header": True},
            },
        },
        {
            "type": "link_buttons",
            "value": {"buttons": [{"kind": "code", "url": "https://github.com/mit-han-lab/llm-awq", "label": ""}]},
        },
        {
            "type": "gallery",
            "value": {
                "caption": "Before and after",
                "images": [
                    {"image": image.pk, "alt_text": "Before", "caption": ""},
                    {"image": image.pk, "alt_text": "After", "caption": ""},
                ],
            },
        },
    ]


def site_root_page():
    """The root page of the default Site: where the home page lives."""
    return Site.objects.get(is_default_site=True).root_page


__all__ = ["ImageFactory", "every_block_body", "site_root_page"]
