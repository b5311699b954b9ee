"""The sanitiser accepts everything the admin's own editor writes: it refuses only what Draftail never produces."""

import json

import pytest
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from core.blocks import paragraph_block
from core.sanitize import rich_text_problems

BLOCK_TYPES = ["unstyled", "header-two", "header-three", "unordered-list-item", "ordered-list-item"]


def draftail_html(features):
    """What Draftail saves for a text with one block of each type: Wagtail's converter, as the admin runs it."""
    blocks = [
        {"key": f"k{number}", "type": block_type, "text": f"Block {number}", "depth": 0,
         "inlineStyleRanges": [{"offset": 0, "length": 5, "style": "BOLD"}], "entityRanges": []}
        for number, block_type in enumerate(BLOCK_TYPES)
    ]  # fmt: skip
    return ContentstateConverter(features).to_database_format(json.dumps({"blocks": blocks, "entityMap": {}}))


def test_draftails_block_keys_are_allowed():
    features = ["bold", "h2", "h3", "ul", "ol"]
    html = draftail_html(features)
    assert 'data-block-key="k0"' in html
    assert rich_text_problems(html, features) == []


@pytest.mark.parametrize("block", [paragraph_block()], ids=["paragraph"])
def test_a_rich_text_block_saves_what_the_admin_wrote(block):
    html = draftail_html(block.features)
    block.clean(block.to_python(html))  # raises ValidationError if the sanitiser refuses the editor's own markup
