"""Where papers come from: Crossref (DOI), arXiv, ORCID (a person's works), a BibTeX file, and OpenAlex (citation
counts). Each source turns its answer into `Found` records; `publications.importing` matches and saves them.

Base URLs and the contact address come from settings (PUBLICATIONS_CROSSREF_URL, PUBLICATIONS_ARXIV_URL,
PUBLICATIONS_ORCID_URL, PUBLICATIONS_OPENALEX_URL, PUBLICATIONS_MAILTO), so tests point them at a local server
replaying recorded answers. A 429 or 5xx is retried with exponential backoff (Retry-After when given), at most
PUBLICATIONS_HTTP_RETRIES times; every other failure is a `SourceError` with a message for the person running it.
"""

import re
import time
import unicodedata
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

import bibtexparser
import requests
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock
from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from citations.csl import normalise_doi

from .models import ARXIV_PATTERN, DOI_PATTERN, normalise_arxiv_id

TIMEOUT_SECONDS = 15
ATOM = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
CROSSREF_KINDS = {"proceedings-article": "conference", "journal-article": "journal", "posted-content": "preprint",
                  "book": "book", "book-chapter": "book", "dissertation": "thesis"}  # fmt: skip
ORCID_KINDS = {"conference-paper": "conference", "journal-article": "journal", "preprint": "preprint",
               "book": "book", "dissertation-thesis": "thesis"}  # fmt: skip
BIBTEX_KINDS = {"inproceedings": "conference", "conference": "conference", "article": "journal", "misc": "preprint",
                "phdthesis": "thesis", "mastersthesis": "thesis", "book": "book"}  # fmt: skip


class SourceError(Exception):
    """A source could not give what was asked: the message says what and why."""


@dataclass
class Found:
    """A paper as a source describes it; empty fields are what the source does not say."""

    source: str
    title: str
    authors: list = field(default_factory=list)  # (name, ORCID iD or "")
    venue_name: str = ""
    venue_short: str = ""
    venue_kind: str = ""
    year: int | None = None
    doi: str = ""
    arxiv_id: str = ""
    abstract: str = ""
    bibtex_key: str = ""
    bibtex: str = ""
    links: list = field(default_factory=list)  # (kind, url)
    label: str = ""  # how the report names it: the DOI, arXiv id or BibTeX key (and line) asked for
    problems: list = field(default_factory=list)  # why it cannot be imported: reported, nothing saved
    notes: list = field(default_factory=list)  # what was left out of it, and why


def setting(name, default):
    return (getattr(settings, name, None) or default).rstrip("/")


def get(url, what, params=None, sleep=time.sleep):
    """One GET, retried with backoff on 429 and 5xx; a `SourceError` naming `what` on any other failure."""
    retries = getattr(settings, "PUBLICATIONS_HTTP_RETRIES", 3)
    delay = getattr(settings, "PUBLICATIONS_BACKOFF_SECONDS", 1.0)
    headers = {"User-Agent": f"labcms-publications (mailto:{getattr(settings, 'PUBLICATIONS_MAILTO', '')})"}
    for attempt in range(retries + 1):
        try:
            response = requests.get(url, params=params, headers=headers, timeout=TIMEOUT_SECONDS)
        except requests.RequestException as error:
            raise SourceError(f"{what}: could not reach {url} ({type(error).__name__}).") from None
        if response.status_code == 429 or response.status_code >= 500:
            if attempt == retries:
                raise SourceError(
                    f"{what}: the service answered {response.status_code} {retries + 1} times; try later."
                )
            retry_after = response.headers.get("Retry-After", "")
            sleep(float(retry_after) if retry_after.isdigit() else delay * 2**attempt)
            continue
        return response
    raise AssertionError("unreachable")


def json_of(response, what):
    try:
        return response.json()
    except ValueError:
        raise SourceError(f"{what}: the answer is not JSON.") from None


def checked_doi(value):
    doi = normalise_doi(value)
    if not DOI_PATTERN.match(doi):
        raise SourceError(f"{value!r} is not a DOI (a DOI looks like 10.1145/3620666.3651335).")
    return doi


def checked_arxiv_id(value):
    arxiv_id = normalise_arxiv_id(value)
    if not ARXIV_PATTERN.match(arxiv_id):
        raise SourceError(f"{value!r} is not an arXiv id (an arXiv id looks like 2309.17453).")
    return arxiv_id


def crossref(value):
    doi = checked_doi(value)
    what = f"DOI {doi}"
    response = get(f"{setting('PUBLICATIONS_CROSSREF_URL', 'https://api.crossref.org')}/works/{doi}", what)
    if response.status_code == 404:
        raise SourceError(f"{what}: Crossref has no work with this DOI.")
    if response.status_code != 200:
        raise SourceError(f"{what}: Crossref answered {response.status_code}.")
    work = json_of(response, what).get("message") or {}
    titles = work.get("title") or []
    if not titles:
        raise SourceError(f"{what}: Crossref's record has no title.")
    parts = (work.get("issued") or {}).get("date-parts") or [[None]]
    return Found(
        source="crossref",
        label=doi,
        title=clean_text(titles[0]),
        authors=[
            (" ".join(p for p in (a.get("given"), a.get("family")) if p) or a.get("name", ""), orcid_of(a.get("ORCID")))
            for a in work.get("author", [])
        ],
        venue_name=clean_text(first(work.get("container-title"))),
        venue_short=clean_text(first(work.get("short-container-title"))),
        venue_kind=CROSSREF_KINDS.get(work.get("type"), ""),
        year=parts[0][0] if parts and parts[0] else None,
        doi=normalise_doi(work.get("DOI") or doi).lower(),
        abstract=clean_text(re.sub(r"<[^>]+>", " ", work.get("abstract", ""))),
    )


def arxiv(value):
    arxiv_id = checked_arxiv_id(value)
    what = f"arXiv {arxiv_id}"
    url = f"{setting('PUBLICATIONS_ARXIV_URL', 'https://export.arxiv.org/api')}/query"
    response = get(url, what, params={"id_list": arxiv_id})
    if response.status_code != 200:
        raise SourceError(f"{what}: arXiv answered {response.status_code}.")
    try:
        feed = ElementTree.fromstring(response.content)
    except ParseError:
        raise SourceError(f"{what}: arXiv's answer is not an Atom feed.") from None
    entry = feed.find("atom:entry", ATOM)
    if entry is None or entry.find("atom:title", ATOM) is None:
        raise SourceError(f"{what}: arXiv has no paper with this id.")
    published = entry.findtext("atom:published", "", ATOM)
    found_id = entry.findtext("atom:id", "", ATOM).rsplit("/abs/", 1)[-1]
    return Found(
        source="arxiv",
        label=arxiv_id,
        title=clean_text(entry.findtext("atom:title", "", ATOM)),
        authors=[(clean_text(a.findtext("atom:name", "", ATOM)), "") for a in entry.findall("atom:author", ATOM)],
        venue_short="arXiv",
        venue_kind="preprint",
        year=int(published[:4]) if published[:4].isdigit() else None,
        doi=normalise_doi(entry.findtext("arxiv:doi", "", ATOM)).lower(),
        arxiv_id=found_id if "v" in arxiv_id else unversioned(found_id),
        abstract=clean_text(entry.findtext("atom:summary", "", ATOM)),
    )


def orcid_works(value):
    orcid = value.strip().removeprefix("https://orcid.org/")
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid):
        raise SourceError(f"{value!r} is not an ORCID iD (an ORCID iD looks like 0000-0002-1825-0097).")
    what = f"ORCID {orcid}"
    url = f"{setting('PUBLICATIONS_ORCID_URL', 'https://pub.orcid.org/v3.0')}/{orcid}/works"
    response = get(url, what)
    if response.status_code == 404:
        raise SourceError(f"{what}: ORCID has no record with this iD.")
    if response.status_code != 200:
        raise SourceError(f"{what}: ORCID answered {response.status_code}.")
    found = []
    for group in json_of(response, what).get("group", []):
        summary = (group.get("work-summary") or [{}])[0]
        title = ((summary.get("title") or {}).get("title") or {}).get("value", "")
        if not title:
            continue
        ids = {i.get("external-id-type"): i.get("external-id-value", "") for i in
               (summary.get("external-ids") or {}).get("external-id", [])}  # fmt: skip
        year = ((summary.get("publication-date") or {}).get("year") or {}).get("value")
        found.append(Found(
            source="orcid", label=title, title=clean_text(title),
            venue_name=clean_text((summary.get("journal-title") or {}).get("value", "")),
            venue_kind=ORCID_KINDS.get(summary.get("type"), ""), year=int(year) if year else None,
            doi=normalise_doi(ids.get("doi", "")).lower(), arxiv_id=normalise_arxiv_id(ids.get("arxiv", "")),
        ))  # fmt: skip
    return found


def bibtex_entries(text):
    """Each entry of a BibTeX text as a `Found`, in file order, labelled by its key and line.

    A block bibtexparser cannot read (unbalanced braces, a key or a field given twice) and an entry without a title
    or repeating an earlier entry's DOI, arXiv id or title are `Found` records with `problems`: reported, not
    imported, and the others go ahead. A value that is not what its field needs (a year "in press", a DOI that is
    not one, a url that is no web address) is left out with a note. Text with no entry at all is a `SourceError`.
    """
    library = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.NormalizeFieldKeys(),
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    # Entries using @string macros are stored with the macros written out, so each stands on its own.
    resolved = library.strings and bibtexparser.parse_string(text, append_middleware=[middlewares.NormalizeFieldKeys()])
    found, first_lines, seen = [], {}, {}
    for block in library.blocks:
        line = block.start_line + 1 if block.start_line is not None else None
        if isinstance(block, DuplicateBlockKeyBlock):
            earlier = f" (line {first_lines[block.key]})" if block.key in first_lines else ""
            found.append(refused(block.key, line, f"an entry with the key {block.key!r} comes earlier{earlier}."))
        elif isinstance(block, DuplicateFieldKeyBlock):
            key = getattr(block.ignore_error_block, "key", "")
            fields = ", ".join(sorted(block.duplicate_keys))
            found.append(refused(key, line, f"the entry has the field {fields} more than once: keep one."))
        elif isinstance(block, ParsingFailedBlock):
            key = getattr(block, "key", None) or key_in(block.raw)
            found.append(refused(key, line, f"the entry does not parse: {parser_message(block.error)}"))
        elif isinstance(block, Entry):
            first_lines.setdefault(block.key, line)
            stored = resolved and resolved.entries_dict.get(block.key)
            raw = bibtexparser.write_string(Library([stored])) if stored else block.raw
            found.append(bibtex_entry(block, line, raw.strip(), seen))
    if not found:
        raise SourceError("No BibTeX entries found: paste entries such as @inproceedings{key, title = {...}, ...}.")
    return found


def bibtex_entry(entry, line, raw, seen):
    """One parsed entry as a `Found`; `seen` holds the identifiers of the file's earlier entries, by label."""
    values = {item.key: item.value for item in entry.fields}
    paper = Found(
        source="bibtex",
        label=f"{entry.key} (line {line})",
        title=bibtex_text(values.get("title")),
        authors=[(name, "") for name in map(display_name, as_list(values.get("author"))) if name.lower() != "others"],
        venue_name=bibtex_text(values.get("booktitle") or values.get("journal")),
        venue_kind=BIBTEX_KINDS.get(entry.entry_type.lower(), ""),
        abstract=bibtex_text(values.get("abstract")),
        bibtex_key=entry.key,
        bibtex=raw,
    )
    if not paper.title:
        paper.problems.append("the entry has no title: add a title field.")
    if year := bibtex_text(values.get("year")):
        if year.isdigit() and len(year) == 4:
            paper.year = int(year)
        else:
            paper.notes.append(f"The year {year!r} is not a year; left blank.")
    if doi := normalise_doi(bibtex_text(values.get("doi"))):
        if DOI_PATTERN.match(doi):
            paper.doi = doi.lower()
        else:
            paper.notes.append(f"{doi!r} is not a DOI (10.<registrant>/<suffix>); left out.")
    if bibtex_text(values.get("archiveprefix")).lower() == "arxiv":
        arxiv_id = normalise_arxiv_id(bibtex_text(values.get("eprint")))
        if ARXIV_PATTERN.match(arxiv_id):
            paper.arxiv_id = arxiv_id
        elif arxiv_id:
            paper.notes.append(f"{arxiv_id!r} is not an arXiv id; left out.")
    if url := bibtex_text(values.get("url")):
        try:
            URLValidator(schemes=["http", "https"])(url)
            paper.links.append(("paper", url))
        except ValidationError:
            paper.notes.append(f"The url {url!r} is not a web address; no paper link added.")
    compared = (("DOI", paper.doi), ("arXiv id", paper.arxiv_id), ("title", normalised_title(paper.title)))
    identifiers = [(name, value) for name, value in compared if value]
    if earlier := next((item for item in identifiers if item in seen), None):
        paper.problems.append(f"the entry {seen[earlier]} has the same {earlier[0]}; skipped.")
    for identifier in identifiers:
        seen.setdefault(identifier, paper.label)
    return paper


def refused(key, line, problem):
    return Found(source="bibtex", label=f"{key or 'entry'} (line {line})", title="", problems=[problem])


def display_name(name):
    """A name as printed: "Lin, Ji" and "Ji Lin" are "Ji Lin"; "van der Berg, Jan, Jr." keeps its parts."""
    text = " ".join([*name.first, *name.von, *name.last])
    return bibtex_text(f"{text}, {' '.join(name.jr)}" if name.jr else text)


def bibtex_text(value):
    """A field's value as plain text on one line: the braces LaTeX decoding left behind removed."""
    return clean_text(str(value or "").replace("{", "").replace("}", ""))


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def parser_message(error):
    """bibtexparser's reason without its preamble ("Parsing of `@article` block (line 9) aborted ... bibtex:")."""
    reason = getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error)
    text = re.sub(r"\s+", " ", str(reason)).strip()
    text = text.split("in bibtex:", 1)[-1].strip() or "the entry is malformed"
    return text if text.endswith(".") else f"{text}."


def key_in(raw):
    match = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", raw or "")
    return match.group(1) if match else ""


def normalised_title(title):
    """How titles are compared: case, accents, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFKD", title or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def openalex_count(doi="", arxiv_id=""):
    """The citation count OpenAlex has for a work, by DOI, else by its arXiv DOI (10.48550/arXiv.<id>)."""
    doi = doi or f"10.48550/arxiv.{unversioned(arxiv_id)}"
    what = f"OpenAlex {doi}"
    url = f"{setting('PUBLICATIONS_OPENALEX_URL', 'https://api.openalex.org')}/works/doi:{doi}"
    response = get(url, what)
    if response.status_code == 404:
        raise SourceError(f"{what}: OpenAlex has no work with this DOI.")
    if response.status_code != 200:
        raise SourceError(f"{what}: OpenAlex answered {response.status_code}.")
    count = json_of(response, what).get("cited_by_count")
    if not isinstance(count, int) or isinstance(count, bool) or count < 0:
        raise SourceError(f"{what}: the answer has no citation count.")
    return count


def unversioned(arxiv_id):
    return re.sub(r"v\d+$", "", arxiv_id)


def clean_text(value):
    return re.sub(r"\s+", " ", value or "").strip()


def first(values):
    return values[0] if values else ""


def orcid_of(value):
    return (value or "").strip().rsplit("/", 1)[-1]
