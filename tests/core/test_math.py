"""LaTeX to MathML on the server: rendering, display and inline modes, safety, and the editor's error messages."""

import pytest
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError

from core.blocks import EquationBlock
from core.math import LatexError, latex_problem, latex_to_mathml

MATHML = "{http://www.w3.org/1998/Math/MathML}"


def equation_errors(latex):
    block = EquationBlock()
    with pytest.raises(ValidationError) as caught:
        block.clean(block.to_python({"latex": latex, "mode": "display"}))
    return [str(message) for message in caught.value.block_errors["latex"].messages]


def test_a_fraction_renders_as_well_formed_mathml_in_display_mode():
    mathml = latex_to_mathml(r"\frac{a}{b}", "display")
    root = fromstring(mathml)
    assert root.tag == f"{MATHML}math"
    assert root.get("display") == "block"
    assert root.find(f".//{MATHML}mfrac") is not None


def test_inline_mode_renders_inline():
    assert fromstring(latex_to_mathml("x^2", "inline")).get("display") == "inline"


def test_symbols_are_characters_not_entity_text():
    mathml = latex_to_mathml(r"\alpha + \Delta")
    assert "\u03b1" in mathml and "\u0394" in mathml
    assert "&amp;#x" not in mathml


@pytest.mark.parametrize(
    "latex",
    [
        r"\mathcal{O}(N^{2}) \;\longrightarrow\; \mathcal{O}(N)",
        r"\alpha = \operatorname{softmax}(\mathbf{q}^{\top}\mathbf{K}), \qquad \sum_{j} \alpha_{j} = 1",
        r"Q(w) = \Delta \cdot \mathrm{round}\left(\frac{w}{\Delta}\right)",
        r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
        r"\begin{pmatrix} 1 & 0 \\ 0 & 1 \end{pmatrix}",
        r"f(x) = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}",
        r"\sum\limits_{i=1}^{n} x_i",
    ],
)
def test_the_lab_s_kinds_of_equations_render(latex):
    assert latex_problem(latex) is None
    fromstring(latex_to_mathml(latex))


@pytest.mark.parametrize(
    ("latex", "message"),
    [
        (r"\foo{x}", r"unknown command \foo."),
        (r"\frac{a}", r"a fraction needs a numerator and a denominator, e.g. \frac{a}{b}."),
        ("x^", "a ^ or _ has nothing after it."),
        ("x^2^3", "double superscript: use braces, e.g. x^{2^k}."),
        (r"\left( x", r"a \left has no matching \right, or a \right no \left."),
        (r"\begin{matrix} a", r"a \begin{...} has no matching \end{...}."),
        ("a & b", "& is only allowed inside an environment such as align, array, cases or matrix."),
        (r"\end{matrix}", r"\end{matrix} has no matching \begin."),
        (r"\href{https://x.org}{x}", r"\href is not supported in an equation: add a link button next to it instead."),
    ],
)  # fmt: skip
def test_latex_that_does_not_parse_is_explained(latex, message):
    assert latex_problem(latex) == message
    with pytest.raises(LatexError):
        latex_to_mathml(latex)


def test_an_unsupported_environment_names_the_supported_ones():
    assert latex_problem(r"\begin{gather} a \end{gather}").startswith("the environment 'gather' is not supported; use")


def test_deep_nesting_is_refused_not_a_crash():
    assert latex_problem("{" * 3000 + "x" + "}" * 3000) == "the equation is nested too deeply."


def test_internal_parser_errors_become_a_message():
    assert latex_problem(r"\genfrac{}{}{}{9}{a}{b}").startswith("the parser stopped on malformed input")


def test_text_cannot_inject_markup():
    mathml = latex_to_mathml(r"\text{<script>alert(1)</script>} + \text{<img src=x onerror=alert(1)>}")
    assert "<script" not in mathml and "<img" not in mathml
    assert "&lt;script&gt;" in mathml


def test_attributes_cannot_break_out():
    mathml = latex_to_mathml(r'\color{red" onload="alert(1)}{y}')
    root = fromstring(mathml)
    assert all(not name.startswith("on") for element in root.iter() for name in element.attrib)


def test_character_references_in_text_stay_text():
    mathml = latex_to_mathml(r"\text{&#x3C;b&#x3E;}")
    assert "<b>" not in mathml
    fromstring(mathml)


# The block ---------------------------------------------------------------------------------------------------


def test_the_block_keeps_the_empty_message():
    assert equation_errors("   ") == ["The equation is empty: type its LaTeX source."]


def test_the_block_keeps_the_brace_message_first():
    assert equation_errors(r"\frac{a}{b") == ["The LaTeX does not parse: 1 '{' not closed."]


def test_the_block_refuses_what_the_converter_refuses_with_its_message():
    assert equation_errors(r"\frac{a}{b} + \foo") == [r"The LaTeX does not parse: unknown command \foo."]


def test_the_block_always_displays_even_a_stored_inline_mode():
    """The block's "inline" mode drew its own line anyway; inline math is part of a paragraph now."""
    block = EquationBlock()
    assert "mode" not in block.child_blocks
    assert 'display="block"' in block.mathml_markup(None, block.to_python({"latex": "x", "mode": "inline"}))


def test_stored_latex_that_no_longer_parses_serves_null():
    assert EquationBlock().mathml_markup(None, {"latex": r"\foo", "mode": "display"}) is None


def test_mathml_through_graphql(graphql, site_tree):
    from blog.factories import BlogPostPageFactory

    BlogPostPageFactory(
        parent=site_tree["blog"],
        slug="math",
        body=[
            {"type": "equation", "value": {"latex": r"E = mc^2", "mode": "inline"}},
            {"type": "equation", "value": {"latex": r"\frac{a}{b}", "mode": "display"}},
        ],
    )
    query = '{ page(urlPath: "/blog/math/") { ... on BlogPostPage { body { ... on EquationBlock { mode mathml } } } } }'
    data = graphql.query(query)
    stored_inline, display = data["page"]["body"]
    assert stored_inline["mode"] == "display" and stored_inline["mathml"].startswith(
        '<math xmlns="http://www.w3.org/1998/Math/MathML"'
    )
    assert 'display="block"' in stored_inline["mathml"] and "<msup>" in stored_inline["mathml"]
    assert 'display="block"' in display["mathml"] and "<mfrac>" in display["mathml"]
