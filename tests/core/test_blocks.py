import pytest
from django.core.exceptions import ValidationError

from core.blocks import (
    BaseStreamBlock,
    CodeBlock,
    DataTableBlock,
    EquationBlock,
    FeaturedPageBlock,
    HeadingBlock,
    LinkButtonBlock,
    MediaEmbedBlock,
    count_words,
)
from core.factories import every_block_body


def field_error(block, raw_value):
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(raw_value))
    return {name: [str(message) for message in error.messages] for name, error in caught.value.block_errors.items()}


def test_empty_equation_is_refused_with_a_message_an_editor_understands():
    errors = field_error(EquationBlock(), {"latex": "   ", "mode": "display"})
    assert errors == {"latex": ["The equation is empty: type its LaTeX source."]}


def test_equation_with_an_unclosed_brace_names_the_problem():
    errors = field_error(EquationBlock(), {"latex": r"\frac{a}{b", "mode": "display"})
    assert errors["latex"] == ["The LaTeX does not parse: 1 '{' not closed."]


def test_equation_with_escaped_braces_is_accepted():
    block = EquationBlock()
    assert block.clean(block.to_python({"latex": r"\{x\} + \frac{1}{2}"}))["latex"] == r"\{x\} + \frac{1}{2}"


def test_unknown_code_language_is_refused_and_the_choices_are_listed():
    errors = field_error(CodeBlock(), {"language": "cobol", "filename": "", "code": "x"})
    assert errors["language"][0].startswith("Unknown language 'cobol'. Choose one of: python, bash")


def test_link_button_without_url_is_refused():
    errors = field_error(LinkButtonBlock(), {"kind": "code", "url": "", "label": "Code"})
    assert errors == {"url": ["A link button needs a URL."]}


def test_embed_without_a_web_address_is_refused():
    errors = field_error(MediaEmbedBlock(), {"url": "ftp://example.com/talk.mp4", "caption": ""})
    assert "url" in errors


def test_embed_of_a_page_no_provider_handles_is_kept_without_a_provider():
    block = MediaEmbedBlock()
    value = block.clean(block.to_python({"url": "https://svdquant.mit.edu/", "caption": ""}))
    assert value["url"] == "https://svdquant.mit.edu/"
    assert block.provider_name(None, value) is None


def test_embed_of_a_youtube_video_is_accepted_without_the_network():
    block = MediaEmbedBlock()
    value = block.clean(block.to_python({"url": "https://www.youtube.com/watch?v=3dYLj9vjfA0", "caption": ""}))
    assert value["url"] == "https://www.youtube.com/watch?v=3dYLj9vjfA0"


def test_empty_table_is_refused():
    raw = {"caption": "", "table": {"data": [[None, ""], ["", None]], "first_row_is_table_header": False}}
    assert field_error(DataTableBlock(), raw) == {"table": ["The table is empty: fill in at least one cell."]}


def test_heading_level_outside_two_to_four_is_refused():
    errors = field_error(HeadingBlock(), {"text": "Results", "level": "h1"})
    assert "level" in errors


def test_featured_page_needs_a_page(db):
    assert "page" in field_error(FeaturedPageBlock(), {"page": None, "label": ""})


@pytest.mark.parametrize("block_name", list(BaseStreamBlock.base_blocks))
def test_every_library_block_has_an_admin_preview_or_description(block_name):
    block = BaseStreamBlock.base_blocks[block_name]
    assert block.meta.description, f"{block_name} has no description for the block picker"


def test_every_block_body_is_valid_and_covers_the_whole_library(image):
    stream_block = BaseStreamBlock()
    value = stream_block.to_python(every_block_body(image))
    stream_block.clean(value)
    assert {child.block_type for child in value} == set(BaseStreamBlock.base_blocks)


def test_word_count_reads_prose_not_code(image):
    value = BaseStreamBlock().to_python(
        [
            {"type": "paragraph", "value": "<p>one two three</p>"},
            {"type": "code", "value": {"language": "python", "filename": "", "code": "a b c d e f"}},
            {"type": "heading", "value": {"text": "four five", "level": "h2"}},
        ]
    )
    assert count_words(value) == 5


def test_a_table_leaves_out_the_empty_rows_and_columns_the_grid_starts_with():
    block = DataTableBlock()
    table = {"data": [["Model", "Speed-up", None], ["AWQ", "3.2x", ""], [None, "", None]]}
    assert block.table_rows(None, {"table": table}) == [["Model", "Speed-up"], ["AWQ", "3.2x"]]
    inner_gap = {"data": [["a", "", "c"], ["", "", ""], ["d", "", ""]]}
    assert block.table_rows(None, {"table": inner_gap}) == [["a", "", "c"], ["", "", ""], ["d", "", ""]]


def test_the_table_editor_hides_the_grid_s_own_caption(admin_client, site_tree):
    html = admin_client.get(f"/admin/pages/add/blog/blogpostpage/{site_tree['blog'].pk}/").content.decode()
    assert "/static/core/css/table-block.css" in html
