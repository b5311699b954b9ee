"""One sanitiser for rich text and URLs, whichever way they come in: the admin, `import_content`, any future API.

The rules are the admin's own. The markup a rich text may hold is derived from the features the field or block
enables, through the same converter rules Draftail uses to read stored HTML back (`from_database_format`:
`b`, `a[href]`, `a[linktype="page"]`, `embed[embedtype="image"]` ...), plus the paragraphs and line breaks every
Draftail text has. Wagtail's internal markup keeps its attributes (`<a linktype="page" id="3">`,
`<embed embedtype="image" id=".." format=".." alt="..">`); a link's address must be http, https, mailto or
relative. nh3 (Rust's ammonia) applies the rules; `rich_text_problems` names, for an editor, what it would drop.

Ways in that can tell someone refuse what is not allowed rather than change it silently (an import file, a form):
the person sees what was wrong and the stored text is exactly what they wrote. See docs/content-import.md.
"""

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from wagtail.rich_text import features as feature_registry

from .math_text import FEATURE as MATH_FEATURE
from .math_text import math_problems

URL_SCHEMES = frozenset({"http", "https", "mailto"})
WEB_SCHEMES = ("http", "https")
ALWAYS_ALLOWED = ("p", "br")  # Draftail writes every text as paragraphs, with <br/> for a soft line break
# Draftail marks each block it writes with its key (`<p data-block-key="a1b2c">`), so comments stay anchored.
BLOCK_KEY_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
# Wagtail's internal markup carries more than the attribute its selector names.
INTERNAL_ATTRIBUTES = {"linktype": {"id"}, "embedtype": {"id", "format", "alt", "url", "latex"}}
URL_ATTRIBUTES = {"href", "src"}
_SELECTOR = re.compile(r'^(\w+)(?:\[([\w-]+)(?:="([^"]*)")?\])?$')
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[`\x00-\x20\x7f-\xa0\s\ufffd]+")  # what browsers skip, as in 'jav\tascript:'


class Rules:
    """The tags, attributes and attribute values the given rich text features allow."""

    def __init__(self, features):
        self.attributes = {tag: set() for tag in ALWAYS_ALLOWED}
        self.values = {}  # (tag, attribute) -> the values it may take, for linktype and embedtype
        for feature in features:
            rule = feature_registry.get_converter_rule("contentstate", feature)
            for selector in rule["from_database_format"] if rule else ():
                tag, attribute, value = _SELECTOR.match(selector).groups()
                allowed = self.attributes.setdefault(tag, set())
                if attribute:
                    allowed |= {attribute, *INTERNAL_ATTRIBUTES.get(attribute, ())}
                if value is not None:
                    self.values.setdefault((tag, attribute), set()).add(value)
        for tag in BLOCK_KEY_TAGS & set(self.attributes):
            self.attributes[tag].add("data-block-key")

    def attribute_problem(self, tag, name, value):
        if name not in self.attributes[tag]:
            return f"the attribute {name!r} on <{tag}> is not allowed"
        if (tag, name) in self.values and value not in self.values[(tag, name)]:
            return f"<{tag} {name}={value!r}> is not allowed"
        if name in URL_ATTRIBUTES and (scheme := url_scheme(value)) and scheme not in URL_SCHEMES:
            return f"the address {value!r} is not allowed (use http, https or mailto)"
        return None

    def keep(self, tag, name, value):
        """nh3's attribute filter: the value, or None to drop the attribute."""
        return None if (tag, name) in self.values and value not in self.values[(tag, name)] else value


@lru_cache(maxsize=32)
def rules_for(features):
    return Rules(features)


def _features(features):
    return tuple(features) if features is not None else tuple(feature_registry.get_default_features())


def url_scheme(url):
    """The scheme a browser would read in `url` (control characters and spaces ignored), or None if relative."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url.lower()))
    return match.group(1) if match else None


def sanitise_rich_text(html, features=None):
    """`html` with only what the features allow: other tags dropped (a <script> or <style> with its content),
    other attributes dropped, and links to other schemes than http, https and mailto made plain."""
    rules = rules_for(_features(features))
    return nh3.clean(
        html,
        tags=set(rules.attributes),
        attributes=rules.attributes,
        attribute_filter=rules.keep,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
    )


class _Walker(HTMLParser):
    def __init__(self, rules):
        super().__init__(convert_charrefs=True)
        self.rules, self.problems, self.tags = rules, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, sorted(attrs)))
        if tag not in self.rules.attributes:
            self.problems.append(f"the element <{tag}> is not allowed")
            return
        for name, value in attrs:
            if problem := self.rules.attribute_problem(tag, name, value or ""):
                self.problems.append(problem)


def _start_tags(html, rules):
    walker = _Walker(rules)
    walker.feed(html)
    walker.close()
    return walker


def rich_text_problems(html, features=None):
    """What `sanitise_rich_text` would change in `html`, in sentences an editor can act on; [] when nothing."""
    features = _features(features)
    rules = rules_for(features)
    original = _start_tags(html, rules)
    if original.problems:
        return list(dict.fromkeys(original.problems))
    if original.tags != _start_tags(sanitise_rich_text(html, features), rules).tags:
        return ["the text holds markup the rich text does not allow"]  # nh3 is the judge; the walk only names
    return math_problems(html) if MATH_FEATURE in features else []


def check_rich_text(html, features=None):
    """Raise ValidationError naming what is not allowed in `html`."""
    if problems := rich_text_problems(html, features):
        raise ValidationError("; ".join(problems) + ".")


def url_problem(url):
    """Why `url` may not be stored in a URL field (only http and https web addresses may: no javascript:, data:
    or other scheme a browser would run or open), or None."""
    try:
        URLValidator(schemes=list(WEB_SCHEMES))(url)
    except ValidationError:
        return f"is {url!r}; use a web address starting with https:// or http://."
    return None


__all__ = ["check_rich_text", "rich_text_problems", "sanitise_rich_text", "url_problem", "url_scheme"]
