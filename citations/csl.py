"""A published work's citation (a publication page's), as CSL-JSON and as BibTeX.

The work's fields are the source: its paper title (else its title), authors in byline order, venue, year, DOI and
paper link. A BibTeX entry stored on the work (imported, or pasted by an editor) is served as BibTeX as it is, and
lends CSL-JSON its entry type and the details the fields do not hold (volume, issue, pages, publisher).

CSL-JSON follows the CSL 1.0.2 schema (https://github.com/citation-style-language/schema, csl-data.json): one item
with `id`, `type`, `title`, `author` (`family`/`given`, or `literal`), `container-title`, `issued.date-parts`, `DOI`
and `URL`.
"""

import re
from functools import lru_cache

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

# BibTeX entry types and the CSL types they become.
CSL_TYPES = {
    "article": "article-journal",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "proceedings": "book",
    "book": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "techreport": "report",
    "manual": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "misc": "article",
}
JOURNAL_TYPES = {"article"}
# Fields of a stored entry that CSL-JSON carries beyond the work's own fields.
EXTRA_CSL_FIELDS = {"volume": "volume", "number": "issue", "pages": "page", "publisher": "publisher"}
_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def normalise_doi(value):
    """A DOI without its resolver prefix: `https://doi.org/10.1/x` and `doi:10.1/x` are both `10.1/x`."""
    value = (value or "").strip()
    value = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value, flags=re.IGNORECASE)
    return value.strip()


def doi_url(doi):
    return f"https://doi.org/{doi}" if doi else None


@lru_cache(maxsize=512)
def parse_stored_entry(bibtex):
    """(entry type, {field: value}) of the first entry of a stored BibTeX text, LaTeX decoded; None if there is none."""
    if not bibtex or "@" not in bibtex:
        return None
    try:
        library = bibtexparser.parse_string(
            bibtex, append_middleware=[middlewares.NormalizeFieldKeys(), middlewares.LatexDecodingMiddleware()]
        )
    except Exception:  # a stored entry an editor broke must not break the API
        return None
    if not library.entries:
        return None
    entry = library.entries[0]
    return entry.entry_type.lower(), {field.key: str(field.value) for field in entry.fields}


def stored_entry(work):
    return parse_stored_entry(work.bibtex or "")


def entry_type(work):
    """The BibTeX entry type: the stored entry's, else a conference paper when there is a venue, else misc."""
    if stored := stored_entry(work):
        return stored[0]
    if declared := getattr(work, "bibtex_type", ""):
        return declared
    return "inproceedings" if work.venue else "misc"


def paper_title(work):
    return getattr(work, "paper_title", "") or work.title


def author_names(work):
    """Public names only: an author linked to an unpublished or private person is their typed name, or left out."""
    return [author.public_name for author in work.public_authors()]


def name_parts(name):
    """(given, particle, family, suffix) of a person's name typed as "Song Han", "Han, Song" or "van Gogh, Vincent"."""
    try:
        parts = parse_single_name_into_parts(name, strict=False)
    except (InvalidNameError, ValueError):
        return "", "", name.strip(), ""
    return tuple(" ".join(part) for part in (parts.first, parts.von, parts.last, parts.jr))


def csl_name(name):
    name = name.strip()
    if name.startswith("{") and name.endswith("}"):  # an institution, protected from splitting
        return {"literal": name[1:-1].strip()}
    given, particle, family, suffix = name_parts(name)
    if not family:
        return {"literal": name}
    item = {"family": family}
    if given:
        item["given"] = given
    if particle:
        item["non-dropping-particle"] = particle
    if suffix:
        item["suffix"] = suffix
    return item


def paper_url(work):
    """The first paper (or PDF) link, else None."""
    for link in work.links.all():
        if link.kind in {"paper", "pdf"} and link.url:
            return link.url
    return None


def work_csl(work, page_url=None):
    """The work's citation as one CSL-JSON item (a dict)."""
    item = {
        "id": work.short_name or str(work.pk),
        "type": CSL_TYPES.get(entry_type(work), "article"),
        "title": paper_title(work),
    }
    if authors := author_names(work):
        item["author"] = [csl_name(name) for name in authors]
    if work.venue:
        item["container-title"] = work.venue
    if work.year:
        item["issued"] = {"date-parts": [[work.year]]}
    if doi := getattr(work, "doi", ""):
        item["DOI"] = doi
    if url := paper_url(work) or page_url:
        item["URL"] = url
    if stored := stored_entry(work):
        for bibtex_field, csl_field in EXTRA_CSL_FIELDS.items():
            if value := stored[1].get(bibtex_field, "").strip():
                item[csl_field] = value.replace("--", "-").replace("\u2013", "-") if csl_field == "page" else value
    return item


def escape_bibtex(value):
    return "".join(_BIBTEX_SPECIALS.get(character, character) for character in value)


def citation_key(work):
    """The page's own BibTeX key if it has one, else `<first author's family name><year><short name>`, e.g.
    lin2024awq; letters and digits only."""
    if own := getattr(work, "bibtex_key", ""):
        return own
    family = ""
    if authors := author_names(work):
        family = name_parts(authors[0])[2].split(" ")[-1]
    key = re.sub(r"[^a-z0-9]", "", f"{family}{work.year or ''}{work.short_name}".lower())
    return key or f"work{work.pk}"


def generate_bibtex(work):
    """A BibTeX entry written from the work's fields."""
    kind = entry_type(work)
    kind = kind if kind in CSL_TYPES else "misc"
    fields = [("title", escape_bibtex(paper_title(work)))]
    if authors := author_names(work):
        formatted = []
        for name in authors:
            given, particle, family, suffix = name_parts(name)
            family = f"{particle} {family}".strip()
            formatted.append(", ".join(part for part in (family, suffix, given) if part))
        fields.append(("author", escape_bibtex(" and ".join(formatted))))
    if work.venue:
        fields.append(("journal" if kind in JOURNAL_TYPES else "booktitle", escape_bibtex(work.venue)))
    if work.year:
        fields.append(("year", str(work.year)))
    if doi := getattr(work, "doi", ""):
        fields.append(("doi", doi.replace("{", "").replace("}", "")))
    if url := paper_url(work):
        fields.append(("url", url.replace("{", "%7B").replace("}", "%7D")))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{citation_key(work)},\n{body}\n}}\n"


def work_bibtex(work):
    """The stored BibTeX if there is one, else an entry generated from the work's fields."""
    stored = (work.bibtex or "").strip()
    return f"{stored}\n" if stored else generate_bibtex(work)


__all__ = [
    "CSL_TYPES",
    "csl_name",
    "doi_url",
    "entry_type",
    "generate_bibtex",
    "normalise_doi",
    "paper_title",
    "work_bibtex",
    "work_csl",
]
