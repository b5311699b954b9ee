"""Projects from BibTeX: each entry creates a project under the project index, or updates the project it matches.

Used by the admin view (`/admin/research/projects/import-bibtex/`) and by `manage.py import_bibtex FILE`.

- An entry is parsed by bibtexparser 2 (LaTeX decoded, authors split into names). Each entry is imported on its own,
  in its own transaction: a bad entry is reported and the others go ahead, and every problem is reported by entry
  (its key and line).
- A new project gets: title, short name (the entry's `shortname` field, else its key), authors (free-text names,
  linked to a person of the lab whose page title is the same name), venue (booktitle, else journal), year, DOI, the
  `url` (or an arXiv eprint) as a paper link, the abstract as its summary, and the entry itself as its stored BibTeX.
- An existing project is matched by DOI, else by title (case, accents, punctuation and LaTeX braces ignored, also
  against its paper title), else by an explicit `shortname` field. It keeps what an editor typed: empty fields are
  filled; the citation itself (paper title, authors, DOI, BibTeX) follows the entry; a venue or year that differs
  is kept and noted.
- Changes are saved as a revision. New projects are drafts and updates wait in a draft revision, unless `publish`
  is asked for. An entry that changes nothing writes nothing, so importing the same file twice reports "unchanged".
"""

import re
import unicodedata
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import middlewares
from bibtexparser.library import Library
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry, ParsingFailedBlock
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, transaction
from django.utils.text import Truncator, slugify

from citations.csl import normalise_doi
from people.models import PersonPage

from .models import ProjectAuthor, ProjectIndexPage, ProjectLink, ProjectPage

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
SHORT_NAME_MAX = 40
VENUE_MAX = 120
TITLE_MAX = 255
SUMMARY_MAX = 1000


@dataclass
class EntryReport:
    """What happened to one entry: its status, and every problem (errors fail the entry; notes do not)."""

    key: str
    line: int | None
    status: str = FAILED
    title: str = ""
    errors: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    page: object = None

    @property
    def label(self):
        where = f" (line {self.line})" if self.line else ""
        return f"{self.key or 'entry'}{where}"


@dataclass
class ImportReport:
    entries: list = field(default_factory=list)
    error: str = ""
    dry_run: bool = False

    def count(self, status):
        return sum(1 for entry in self.entries if entry.status == status)

    @property
    def failed(self):
        return self.count(FAILED)

    @property
    def summary(self):
        counts = ", ".join(f"{self.count(status)} {status}" for status in (CREATED, UPDATED, UNCHANGED, FAILED))
        prefix = "Dry run, nothing saved: " if self.dry_run else ""
        return f"{prefix}{len(self.entries)} entries: {counts}."


@dataclass
class ParsedEntry:
    key: str
    line: int | None
    entry_type: str
    fields: dict
    raw: str


def normalise_title(title):
    """Lower case, accents, LaTeX braces, punctuation and spacing removed: how titles are compared."""
    text = unicodedata.normalize("NFKD", title or "")
    text = "".join(character for character in text if not unicodedata.combining(character))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


def normalise_name(name):
    return normalise_title(name)


def clean_text(value):
    """A field's value as plain text on one line: braces LaTeX decoding left behind removed."""
    text = str(value or "").replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _display_name(name):
    if isinstance(name, middlewares.NameParts):
        words = [*name.first, *name.von, *name.last]
        text = " ".join(words)
        if name.jr:
            text = f"{text}, {' '.join(name.jr)}"
        return clean_text(text)
    return clean_text(name)


def parse(text):
    """(entries, failures): the entries bibtexparser could read, and an EntryReport for every block it could not."""
    decoded = bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.NormalizeFieldKeys(),
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )
    resolved = None
    if decoded.strings:
        # The entries use @string macros: store each entry with its macros written out, so it stands on its own.
        resolved = bibtexparser.parse_string(text, append_middleware=[middlewares.NormalizeFieldKeys()])
    entries, failures = [], []
    first_lines = {}
    for block in decoded.blocks:
        line = block.start_line + 1 if block.start_line is not None else None
        if isinstance(block, DuplicateBlockKeyBlock):
            first = first_lines.get(block.key)
            earlier = f" (line {first})" if first else ""
            report = EntryReport(key=block.key, line=line)
            report.errors.append(f"Duplicate key: an entry with the key {block.key!r} comes earlier{earlier}.")
            failures.append(report)
        elif isinstance(block, DuplicateFieldKeyBlock):
            report = EntryReport(key=getattr(block.ignore_error_block, "key", ""), line=line)
            fields = ", ".join(sorted(block.duplicate_keys))
            report.errors.append(f"The entry has the field {fields} more than once: keep one.")
            failures.append(report)
        elif isinstance(block, ParsingFailedBlock):
            key = getattr(block, "key", None) or _key_from_raw(block.raw)
            report = EntryReport(key=key, line=line)
            report.errors.append(f"The entry does not parse: {_parser_message(block.error)}")
            failures.append(report)
        elif isinstance(block, Entry):
            first_lines.setdefault(block.key, line)
            raw = block.raw.strip()
            if resolved is not None and block.key in resolved.entries_dict:
                raw = bibtexparser.write_string(Library([resolved.entries_dict[block.key]])).strip()
            fields = {item.key: item.value for item in block.fields}
            entries.append(ParsedEntry(block.key, line, block.entry_type.lower(), fields, raw))
    return entries, failures


def _parser_message(error):
    """bibtexparser's message without its preamble ("Parsing of `@article` block (line 9) aborted ... bibtex:")."""
    reason = getattr(error, "abort_reason", None) or getattr(error, "message", None) or str(error)
    text = re.sub(r"\s+", " ", str(reason)).strip()
    text = text.split("in bibtex:", 1)[-1].strip() or "the entry is malformed"
    return text if text.endswith(".") else f"{text}."


def _key_from_raw(raw):
    match = re.match(r"\s*@\w+\s*[{(]\s*([^,\s]+)\s*,", raw or "")
    return match.group(1) if match else ""


@dataclass
class Importer:
    """Imports parsed entries under `index` (a ProjectIndexPage), as `user` (for revisions), publishing or not."""

    index: object
    user: object = None
    publish: bool = False
    seen: dict = field(default_factory=dict)

    def __post_init__(self):
        self.people = {normalise_name(person.title): person for person in PersonPage.objects.all()}

    # Reading an entry ------------------------------------------------------------------------------------------

    def read(self, entry, report):
        """The project fields an entry gives, or None with the report's errors filled in."""
        fields = entry.fields
        title = clean_text(fields.get("title"))
        if not title:
            report.errors.append("Missing title: add a title field.")
        elif len(title) > TITLE_MAX:
            report.errors.append(f"The title is longer than {TITLE_MAX} characters.")
        report.title = title

        explicit_short_name = clean_text(fields.get("shortname"))
        short_name = explicit_short_name or entry.key
        if len(short_name) > SHORT_NAME_MAX:
            report.errors.append(
                f"The short name {short_name!r} is longer than {SHORT_NAME_MAX} characters: "
                "add a shortname field, e.g. shortname = {AWQ}."
            )

        authors = [_display_name(name) for name in _as_list(fields.get("author"))]
        authors = [name for name in authors if name and name.lower() != "others"]

        venue = clean_text(fields.get("booktitle") or fields.get("journal"))
        if len(venue) > VENUE_MAX:
            report.notes.append(f"The venue was shortened to {VENUE_MAX} characters.")
            venue = Truncator(venue).chars(VENUE_MAX, truncate="…")

        year = None
        if raw_year := clean_text(fields.get("year")):
            if re.fullmatch(r"\d{4}", raw_year):
                year = int(raw_year)
            else:
                report.notes.append(f"The year {raw_year!r} is not a year; left blank.")

        doi = normalise_doi(clean_text(fields.get("doi")))
        if doi and not DOI_PATTERN.match(doi):
            report.notes.append(f"{doi!r} is not a DOI (10.<registrant>/<suffix>); left out.")
            doi = ""

        url = clean_text(fields.get("url"))
        eprint = clean_text(fields.get("eprint"))
        if not url and eprint and clean_text(fields.get("archiveprefix")).lower() == "arxiv":
            url = f"https://arxiv.org/abs/{eprint}"
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                report.notes.append(f"The url {url!r} is not a web address; no paper link added.")
                url = ""
        if report.errors:
            return None
        return {
            "title": title,
            "short_name": short_name,
            "explicit_short_name": explicit_short_name,
            "authors": authors,
            "venue": venue,
            "year": year,
            "doi": doi,
            "url": url,
            "summary": Truncator(clean_text(fields.get("abstract"))).chars(SUMMARY_MAX, truncate="…"),
            "bibtex": entry.raw,
        }

    # Matching ----------------------------------------------------------------------------------------------------

    def match(self, data, report):
        """The existing project the entry describes, None for a new one; errors on the report when it is ambiguous."""
        projects = ProjectPage.objects
        by_doi = projects.filter(doi__iexact=data["doi"]).first() if data["doi"] else None
        wanted = normalise_title(data["title"])
        by_title = next(
            (
                page
                for page in projects.only("pk", "title", "paper_title")
                if wanted in {normalise_title(page.title), normalise_title(page.paper_title)}
            ),
            None,
        )
        by_short_name = None
        if data["explicit_short_name"]:
            by_short_name = projects.filter(short_name__iexact=data["explicit_short_name"]).first()
        found = {page.pk: (page, reason) for page, reason in
                 ((by_short_name, "short name"), (by_title, "title"), (by_doi, "DOI")) if page}  # fmt: skip
        if len(found) > 1:
            described = "; ".join(f"{page.title!r} by {reason}" for page, reason in found.values())
            report.errors.append(f"The entry matches more than one project: {described}. Fix the DOI or title.")
            return None
        page = next(iter(found.values()), (None, None))[0]
        if page is None:
            taken = projects.filter(short_name__iexact=data["short_name"]).first()
            if taken is not None:
                report.errors.append(
                    f"The short name {data['short_name']!r} belongs to the project {taken.title!r}, which this entry "
                    "does not match by DOI or title: add a shortname field (the same one to update that project, "
                    "another one to create a new project)."
                )
        return page.specific if page is not None else None

    def duplicate_of(self, data):
        """The earlier entry of this import with the same DOI, title or short name."""
        for name, value in (
            ("DOI", (data["doi"] or "").lower()),
            ("title", normalise_title(data["title"])),
            ("short name", data["short_name"].lower()),
        ):
            if value and (name, value) in self.seen:
                return name, self.seen[(name, value)]
        return None

    def remember(self, data, report):
        for name, value in (
            ("DOI", (data["doi"] or "").lower()),
            ("title", normalise_title(data["title"])),
            ("short name", data["short_name"].lower()),
        ):
            if value:
                self.seen.setdefault((name, value), report.label)

    # Writing -----------------------------------------------------------------------------------------------------

    def import_entry(self, entry):
        report = EntryReport(key=entry.key, line=entry.line)
        data = self.read(entry, report)
        if data is None:
            return report
        if duplicate := self.duplicate_of(data):
            report.errors.append(f"Duplicate: the entry {duplicate[1]} has the same {duplicate[0]}; skipped.")
            return report
        self.remember(data, report)
        try:
            with transaction.atomic():
                page = self.match(data, report)
                if report.errors:
                    return report
                if page is None:
                    report.page = self.create(data)
                    report.status = CREATED
                else:
                    report.page = page
                    report.status = UPDATED if self.update(page, data, report) else UNCHANGED
        except ValidationError as error:
            report.status = FAILED
            report.errors.extend(_validation_messages(error))
        except DatabaseError as error:
            report.status = FAILED
            report.errors.append(f"The project could not be saved: {error}.")
        return report

    def _authors(self, names, existing=()):
        """ProjectAuthor rows for the names, keeping the person and * of an author already listed by that name."""
        kept = {normalise_name(author.display_name): author for author in existing}
        authors = []
        for name in names:
            previous = kept.get(normalise_name(name))
            person = previous.person if previous else self.people.get(normalise_name(name))
            authors.append(
                ProjectAuthor(
                    name=name,
                    person=person,
                    equal_contribution=previous.equal_contribution if previous else False,
                )
            )
        return authors

    def create(self, data):
        page = ProjectPage(
            title=data["title"],
            slug=self._free_slug(data["short_name"] or data["title"]),
            short_name=data["short_name"],
            venue=data["venue"],
            year=data["year"],
            doi=data["doi"],
            summary=data["summary"],
            bibtex=data["bibtex"],
            live=False,
            owner=self.user,
        )
        page.authors = self._authors(data["authors"])
        if data["url"]:
            page.links = [ProjectLink(kind="paper", url=data["url"])]
        self.index.add_child(instance=page)
        revision = page.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user)
        return page

    def update(self, page, data, report):
        """Apply the entry to the project's latest revision; True when anything changed."""
        draft = page.get_latest_revision_as_object() if page.latest_revision_id else page
        changed = []

        def set_field(name, value):
            if getattr(draft, name) != value:
                setattr(draft, name, value)
                changed.append(name)

        if normalise_title(draft.title) != normalise_title(data["title"]):
            set_field("paper_title", data["title"])
        for name in ("venue", "year"):
            current = getattr(draft, name)
            if current in ("", None) and data[name] not in ("", None):
                set_field(name, data[name])
            elif data[name] not in ("", None) and current != data[name]:
                report.notes.append(f"Kept the {name} {current!r} (the entry says {data[name]!r}).")
        if data["doi"]:
            set_field("doi", data["doi"])
        if not draft.summary and data["summary"]:
            set_field("summary", data["summary"])
        if draft.bibtex.strip() != data["bibtex"].strip():
            set_field("bibtex", data["bibtex"])
        if data["authors"]:
            current = [author.display_name for author in draft.authors.all()]
            if current != data["authors"]:
                draft.authors = self._authors(data["authors"], draft.authors.all())
                changed.append("authors")
        if data["url"] and data["url"] not in {link.url for link in draft.links.all()}:
            draft.links = [*draft.links.all(), ProjectLink(kind="paper", url=data["url"])]
            changed.append("links")
        if not changed:
            return False
        draft.full_clean()
        revision = draft.save_revision(user=self.user, log_action=True)
        if self.publish:
            revision.publish(user=self.user)
        else:
            report.notes.append("Saved as a draft revision: publish it to show the changes.")
        report.notes.insert(0, f"Changed: {', '.join(changed)}.")
        return True

    def _free_slug(self, text):
        base = slugify(text)[:70] or "project"
        slug, number = base, 2
        while self.index.get_children().filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        return slug


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _validation_messages(error):
    if hasattr(error, "message_dict"):
        return [f"{name}: {message}" for name, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def project_index():
    return ProjectIndexPage.objects.first()


def import_bibtex(text, *, user=None, publish=False, dry_run=False):
    """Import every entry of a BibTeX text; an ImportReport with one EntryReport per entry, in file order."""
    report = ImportReport(dry_run=dry_run)
    index = project_index()
    if index is None:
        report.error = "There is no project index page: create the Projects page under the home page first."
        return report
    entries, failures = parse(text)
    importer = Importer(index=index, user=user, publish=publish and not dry_run)
    with transaction.atomic():
        for entry in entries:
            report.entries.append(importer.import_entry(entry))
        if dry_run:
            transaction.set_rollback(True)
    report.entries.extend(failures)
    report.entries.sort(key=lambda item: item.line or 0)
    if not entries and not failures:
        report.error = "No BibTeX entries found: paste entries such as @inproceedings{key, title = {...}, ...}."
    return report


__all__ = ["CREATED", "FAILED", "UNCHANGED", "UPDATED", "EntryReport", "ImportReport", "import_bibtex", "parse"]
