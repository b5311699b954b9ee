"""Inline math in prose (articles' and news paragraphs, callouts, home themes): stored as an embed, edited as a
Draftail entity, checked on save, served as MathML."""

import pytest
from defusedxml.ElementTree import fromstring
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.rich_text import expand_db_html

from blog.factories import BlogPostPageFactory
from core.blocks import (
    BaseStreamBlock,
    CalloutBlock,
    RecentWorkBlock,
    SafeRichTextBlock,
    ShortStreamBlock,
    paragraph_block,
)
from news.factories import NewsPageFactory

STORED = '<p data-block-key="a1">Energy is <embed embedtype="math" latex="E = mc^2"/> at rest.</p>'


def paragraph_error(html):
    block = paragraph_block()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(html))
    return caught.value.messages


@pytest.mark.parametrize(
    "block",
    [
        BaseStreamBlock().child_blocks["paragraph"],
        ShortStreamBlock().child_blocks["paragraph"],
        CalloutBlock().child_blocks["text"],
        RecentWorkBlock().child_blocks["text"],
    ],
    ids=["article paragraph", "news paragraph", "callout", "recent work theme"],
)
def test_every_prose_block_offers_inline_math_checked_at_save(block):
    assert "math" in block.features
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python('<p>See <embed embedtype="math" latex="x^"/>.</p>'))
    assert caught.value.messages == ["the formula x^ does not parse: a ^ or _ has nothing after it."]


def test_the_editor_reads_a_stored_formula_as_an_entity_whose_text_is_its_source():
    converter = ContentstateConverter(paragraph_block().features)
    contentstate = converter.from_database_format(STORED)
    assert '"text": "Energy is E = mc^2 at rest."' in contentstate
    assert '"type": "MATH"' in contentstate and '"latex": "E = mc^2"' in contentstate
    assert converter.to_database_format(contentstate) == STORED


def test_quotes_and_ampersands_survive_the_round_trip_and_the_api():
    latex = r"f'(x) \geq \begin{cases} 1 & x > 0 \\ 0 & x \leq 0 \end{cases}"
    converter = ContentstateConverter(paragraph_block().features)
    stored = converter.to_database_format(
        converter.from_database_format(f'<p>If <embed embedtype="math" latex="{latex.replace("&", "&amp;")}"/></p>')
    )
    assert 'data-latex="f&#x27;(x)' in expand_db_html(stored)
    assert "<mtable>" in expand_db_html(stored)


def test_a_formula_that_does_not_parse_is_refused_with_the_parser_s_message():
    assert paragraph_error('<p>See <embed embedtype="math" latex="x^"/>.</p>') == [
        "the formula x^ does not parse: a ^ or _ has nothing after it."
    ]
    assert paragraph_error('<p><embed embedtype="math" latex="\\frac{a}{b"/></p>') == [
        "the formula \\frac{a}{b does not parse: 1 '{' not closed."
    ]
    assert paragraph_error('<p><embed embedtype="math" latex=" "/></p>') == [
        "the formula (empty) does not parse: an inline formula is empty."
    ]


def test_a_formula_is_refused_where_the_rich_text_has_no_math():
    block = SafeRichTextBlock(features=["bold", "italic", "link"])
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python(STORED))
    assert caught.value.messages == ["the element <embed> is not allowed."]


def test_the_api_serves_the_mathml_inside_the_sentence_beside_its_source(graphql, site_tree):
    BlogPostPageFactory(parent=site_tree["blog"], slug="m", body=[{"type": "paragraph", "value": STORED}])
    query = '{ page(urlPath: "/blog/m/") { ... on BlogPostPage { body { ... on RichTextBlock { value } } } } }'
    html = graphql.query(query)["page"]["body"][0]["value"]
    assert html.startswith('<p data-block-key="a1">Energy is <span class="math" data-latex="E = mc^2"><math ')
    assert html.endswith("</math></span> at rest.</p>")
    math = fromstring(html[html.index("<math") : html.index("</math>") + 7])
    assert math.get("display") == "inline"


def test_news_paragraphs_and_callouts_serve_their_formulas_as_mathml_too(graphql, site_tree):
    callout = {"kind": "note", "text": STORED}
    BlogPostPageFactory(parent=site_tree["blog"], slug="c", body=[{"type": "callout", "value": callout}])
    NewsPageFactory(parent=site_tree["news"], slug="n", body=[{"type": "paragraph", "value": STORED}])
    post = '{ page(urlPath: "/blog/c/") { ... on BlogPostPage { body { ... on CalloutBlock { text } } } } }'
    news = '{ page(urlPath: "/news/n/") { ... on NewsPage { body { ... on RichTextBlock { value } } } } }'
    served = [
        graphql.query(post)["page"]["body"][0]["text"],
        graphql.query(news)["page"]["body"][0]["value"],
    ]
    for html in served:
        assert 'Energy is <span class="math" data-latex="E = mc^2"><math ' in html, html
        assert "</math></span> at rest." in html and 'display="inline"' in html


def test_a_stored_formula_that_no_longer_parses_is_served_as_its_source():
    assert (
        expand_db_html('<p><embed embedtype="math" latex="\\foo &lt;"/></p>')
        == '<p><code class="math">\\foo &lt;</code></p>'
    )


@pytest.fixture
def editor(client, db):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def test_the_editor_preview_is_the_served_mathml_or_the_message_saving_gives(editor):
    assert editor.get("/admin/math-preview/", {"latex": "x^2"}).json()["mathml"].startswith("<math ")
    assert editor.get("/admin/math-preview/", {"latex": "x^"}).json() == {
        "error": "Does not parse: a ^ or _ has nothing after it."
    }


def test_the_preview_is_for_editors_only(client, db):
    assert client.get("/admin/math-preview/", {"latex": "x"}).status_code == 302
