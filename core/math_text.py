"""Inline math in rich text: a formula typed inside a sentence, stored as `<embed embedtype="math" latex="..."/>`.

- In the editor (Draftail) it is an immutable entity whose text is the LaTeX source, previewed as MathML beside it
  (`core/static/core/js/draftail-math.js`, asking `math_preview` below).
- Saving checks every formula with the equation block's parser and refuses one that does not parse, with its message.
- The API serves it as `<span class="math" data-latex="...">` holding the MathML (`display="inline"`): a frontend
  inserts the MathML and keeps the source for copying or its own renderer.

An embed, like Wagtail's images, because Wagtail's rich-text rewriter expands embeds through registered handlers.
"""

import re
from html import unescape

from django.http import JsonResponse
from django.utils.html import escape
from draftjs_exporter.dom import DOM
from wagtail.admin.rich_text.converters.html_to_contentstate import KEEP_WHITESPACE, InlineEntityElementHandler
from wagtail.rich_text import EmbedHandler

from .math import LatexError, latex_problem, latex_to_mathml

FEATURE = "math"
ENTITY_TYPE = "MATH"
MAX_LATEX = 2000
_MATH_EMBED = re.compile(r'<embed\b[^>]*\bembedtype="math"[^>]*>')
_LATEX_ATTRIBUTE = re.compile(r'\blatex="([^"]*)"')


class MathElementHandler(InlineEntityElementHandler):
    """Stored `<embed embedtype="math" latex="..."/>` to a Draftail entity whose text is the LaTeX."""

    mutability = "IMMUTABLE"

    def get_attribute_data(self, attrs):
        return {"latex": attrs.get("latex", "")}

    def handle_starttag(self, name, attrs, state, contentstate):
        super().handle_starttag(name, attrs, state, contentstate)
        state.current_block.text += dict(attrs).get("latex", "") or " "
        state.leading_whitespace = KEEP_WHITESPACE  # a space after the formula is the sentence's, not markup's


def math_entity_decorator(props):
    """The Draftail entity back to the stored embed; its text (the source, again) is not kept."""
    return DOM.create_element("embed", {"embedtype": FEATURE, "latex": props.get("latex", "")})


class MathEmbedHandler(EmbedHandler):
    """Expands the stored embed for readers: the MathML beside its source; the source alone if it no longer parses."""

    identifier = FEATURE

    @classmethod
    def expand_db_attributes(cls, attrs):
        latex = unescape(attrs.get("latex", ""))  # Wagtail un-escapes only &amp; &lt; &gt; &quot;, not &#x27;
        try:
            mathml = latex_to_mathml(latex, "inline")
        except LatexError:
            return f'<code class="math">{escape(latex)}</code>'
        return f'<span class="math" data-latex="{escape(latex)}">{mathml}</span>'


def formulas(html):
    """The LaTeX of every inline formula stored in `html`."""
    return [
        unescape(match.group(1)) if (match := _LATEX_ATTRIBUTE.search(tag)) else ""
        for tag in _MATH_EMBED.findall(html or "")
    ]


def formula_problem(latex):
    """Why an inline formula cannot be stored, or None."""
    if not latex.strip():
        return "an inline formula is empty."
    if len(latex) > MAX_LATEX:
        return f"an inline formula may be at most {MAX_LATEX} characters; got {len(latex)}."
    return latex_problem(latex)


def math_problems(html):
    """What is wrong with each formula in `html`, e.g. "the formula x^ does not parse: ..."."""
    return [
        f"the formula {latex.strip() or '(empty)'} does not parse: {problem.rstrip('.')}"
        for latex in formulas(html)
        if (problem := formula_problem(latex))
    ]


def math_preview(request):
    """The editor's preview of one formula: its MathML, or the message saving would give."""
    latex = request.GET.get("latex", "")
    if problem := formula_problem(latex):
        return JsonResponse({"error": f"Does not parse: {problem}"})
    return JsonResponse({"mathml": latex_to_mathml(latex, "inline")})
