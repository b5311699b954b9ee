"""LaTeX to MathML on the server, with errors an editor can act on.

`latex2mathml` does the parsing. It is lenient: it turns an unknown command into an identifier named `\\foo`, keeps
`\\frac{a}` with one argument, and raises bare exception classes without a message. So this module

- maps each of its exception classes to a sentence;
- checks the tree it builds for what it let through (an unknown command, a fraction without a denominator, `&`
  outside an environment, `\\limits` after nothing);
- serialises the tree itself. `latex2mathml.converter.convert()` un-escapes its own output, so `\\text{<script>}`
  would come out as a live `<script>` element; here every text and attribute is escaped by ElementTree, character
  references are turned into the characters they name first, and `href` and event-handler attributes are dropped.

`latex_to_mathml()` is what the API serves; `latex_problem()` is what the editor sees when saving.
"""

import re
from functools import lru_cache
from xml.etree.ElementTree import Element, tostring

from latex2mathml import exceptions as latex_exceptions
from latex2mathml.converter import convert_to_element

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"
MODES = {"display": "block", "inline": "inline"}

_MESSAGES = {
    latex_exceptions.NumeratorNotFoundError: r"a fraction has no numerator, e.g. \frac{a}{b}.",
    latex_exceptions.DenominatorNotFoundError: r"a fraction has no denominator, e.g. \frac{a}{b}.",
    latex_exceptions.ExtraLeftOrMissingRightError: r"a \left has no matching \right, or a \right no \left.",
    latex_exceptions.MissingSuperScriptOrSubscriptError: "a ^ or _ has nothing after it.",
    latex_exceptions.DoubleSubscriptsError: "double subscript: use braces, e.g. x_{i_j}.",
    latex_exceptions.DoubleSuperscriptsError: "double superscript: use braces, e.g. x^{2^k}.",
    latex_exceptions.NoAvailableTokensError: "a command is missing its argument, e.g. \\sqrt{x}.",
    latex_exceptions.InvalidStyleForGenfracError: r"the style of \genfrac must be 0, 1, 2 or 3.",
    latex_exceptions.MissingEndError: r"a \begin{...} has no matching \end{...}.",
    latex_exceptions.InvalidAlignmentError: "a column alignment must be l, c or r.",
    latex_exceptions.InvalidWidthError: "a width must be a number with a unit, e.g. 1em.",
    latex_exceptions.LimitsMustFollowMathOperatorError: r"\limits must follow an operator such as \sum.",
}
REFUSED_COMMANDS = {
    "href": r"\href is not supported in an equation: add a link button next to it instead.",
    "url": r"\url is not supported in an equation: add a link button next to it instead.",
}
# Environments latex2mathml lays out as a table; `aligned` is read as `align*`, which it renders the same way.
ENVIRONMENTS = (
    "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix",
    "array", "cases", "align", "align*", "aligned", "split",
)  # fmt: skip
_ENVIRONMENT = re.compile(r"\\(begin|end)\s*\{([^{}]*)\}")
_COMMAND_TEXT = re.compile(r"^\\([A-Za-z]+)")
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_CHARACTER_REFERENCE = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
_DROPPED_ATTRIBUTES = {"href", "xlink:href", "src", "style", "class", "id"}


class LatexError(ValueError):
    """LaTeX that cannot be rendered; `message` says why, in a sentence an editor understands."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def latex_problem(latex):
    """Why `latex` does not render, or None when it does: an unbalanced brace first, by position."""
    if problem := check_latex_braces(latex):
        return problem
    try:
        latex_to_mathml(latex)
    except LatexError as error:
        return error.message
    return None


def check_latex_braces(latex):
    """Find the first brace that does not balance, so an editor learns where the equation is broken."""
    depth = 0
    for position, character in enumerate(re.sub(r"\\[{}]", "  ", latex)):
        if character == "{":
            depth += 1
        elif character == "}":
            depth -= 1
            if depth < 0:
                return f"Unmatched '}}' at character {position + 1}."
    if depth:
        return f"{depth} '{{' not closed."
    return None


def latex_to_mathml(latex, mode="display"):
    """The MathML for a LaTeX formula: `<math display="block">` for display mode, inline otherwise."""
    return _convert(latex.strip(), MODES.get(mode, "block"))


@lru_cache(maxsize=2048)
def _convert(latex, display):
    if not latex:
        raise LatexError("the equation is empty.")
    for command in _COMMAND.findall(latex):
        if command in REFUSED_COMMANDS:
            raise LatexError(REFUSED_COMMANDS[command])
    for _, name in _ENVIRONMENT.findall(latex):
        if name.strip() not in ENVIRONMENTS:
            supported = ", ".join(ENVIRONMENTS)
            raise LatexError(f"the environment {name.strip()!r} is not supported; use one of: {supported}.")
    latex = _ENVIRONMENT.sub(_read_aligned_as_align, latex)
    try:
        tree = convert_to_element(latex, xmlns=MATHML_NAMESPACE, display=display)
        _check_tree(tree)
        return _serialise(tree)
    except LatexError:
        raise
    except RecursionError:
        raise LatexError("the equation is nested too deeply.") from None
    except tuple(_MESSAGES) as error:
        raise LatexError(_MESSAGES[type(error)]) from None
    except Exception as error:  # the parser's internal errors on malformed input: IndexError, KeyError ...
        raise LatexError(f"the parser stopped on malformed input ({type(error).__name__}).") from None


def _read_aligned_as_align(match):
    return f"\\{match.group(1)}{{align*}}" if match.group(2).strip() == "aligned" else match.group(0)


def _check_tree(element):
    """Refuse what latex2mathml accepted but LaTeX would not."""
    text = element.text or ""
    if element.tag != "mtext":
        if match := _COMMAND_TEXT.match(text):
            command = match.group(1)
            if command == "end":
                raise LatexError(f"{text} has no matching \\begin.")
            raise LatexError(f"unknown command \\{command}.")
        if text == "&":
            raise LatexError("& is only allowed inside an environment such as align, array, cases or matrix.")
    if element.tag == "mfrac" and len(element) != 2:
        raise LatexError(r"a fraction needs a numerator and a denominator, e.g. \frac{a}{b}.")
    if element.tag == "munderover" and len(element) == 0:
        raise LatexError(r"\limits must follow an operator such as \sum.")
    for child in element:
        _check_tree(child)


def _characters(text):
    """Character references (`&#x003B1;`) as the characters they name, so escaping never doubles them."""

    def character(match):
        code = match.group(1)
        number = int(code[1:], 16) if code[0] == "x" else int(code)
        if number > 0x10FFFF or 0xD800 <= number <= 0xDFFF or number == 0:
            return ""
        return chr(number)

    return _CHARACTER_REFERENCE.sub(character, text)


def _clean(element):
    clean = Element(element.tag)
    for name, value in element.attrib.items():
        if name.lower() in _DROPPED_ATTRIBUTES or name.lower().startswith("on"):
            continue
        clean.set(name, _characters(value))
    clean.text = _characters(element.text) if element.text else None
    clean.tail = _characters(element.tail) if element.tail else None
    for child in element:
        clean.append(_clean(child))
    return clean


def _serialise(tree):
    return tostring(_clean(tree), encoding="unicode", short_empty_elements=True)


__all__ = ["LatexError", "latex_problem", "latex_to_mathml"]
