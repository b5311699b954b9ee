"""Saving what a source found: match an existing publication, fill it or make a draft, and say what happened.

- Match by DOI, then arXiv id, then normalised title (case, accents, punctuation and braces ignored).
- A new publication is a draft under the publication index, for an editor to review; nothing goes public.
- An existing one keeps what an editor typed: a field is written only when it is empty or was written by an import
  before (its `provenance` names a source, not "editor"); every field written records its source. Changes wait in
  a draft revision of a live page. Nothing changed writes nothing, so importing twice reports "unchanged".
- Authors: a lab member with the author's ORCID iD is linked; one whose name matches is only suggested
  (`suggested_person`), for an editor to confirm.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.text import slugify

from core.content.mapping import number_children

from .models import PublicationAuthor, PublicationIndexPage, PublicationLink, PublicationPage, PublicationStatus
from .sources import normalised_title

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
FIELDS = ("venue_name", "venue_short", "venue_kind", "year", "doi", "arxiv_id", "abstract", "bibtex_key", "bibtex")


@dataclass
class Outcome:
    label: str
    status: str
    title: str = ""
    changed: list = field(default_factory=list)
    message: str = ""
    page_id: int | None = None
    notes: list = field(default_factory=list)


def find_existing(found):
    pages = PublicationPage.objects.all()
    if found.doi and (page := pages.filter(doi__iexact=found.doi).first()):
        return page
    if found.arxiv_id and (page := pages.filter(arxiv_id__iexact=found.arxiv_id).first()):
        return page
    wanted = normalised_title(found.title)
    return next((page for page in pages.only("pk", "title") if normalised_title(page.title) == wanted), None)


def lab_people():
    """The person pages authors may be linked to: the authors' foreign key's model (publications imports no app)."""
    return PublicationAuthor._meta.get_field("person").related_model.objects.all()


def authors_of(found):
    people = list(lab_people().only("pk", "title", "orcid"))
    by_orcid = {person.orcid: person for person in people if person.orcid}
    by_name = {normalised_title(person.title): person for person in people}
    rows = []
    for name, orcid in found.authors:
        person = by_orcid.get(orcid) if orcid else None
        suggested = None if person else by_name.get(normalised_title(name))
        rows.append(PublicationAuthor(name=name, orcid=orcid, person=person, suggested_person=suggested))
    return rows


def author_key(rows):
    return [(row.name, row.orcid, row.person_id, row.suggested_person_id) for row in rows]


def import_found(found, dry_run=False):
    """Match one found paper and save it; its own transaction, so a failure leaves nothing half-written."""
    if found.problems:
        return Outcome(found.label, FAILED, found.title, message="; ".join(found.problems), notes=found.notes)
    try:
        with transaction.atomic():
            outcome = _import(found)
            outcome.notes = found.notes
            if dry_run:
                transaction.set_rollback(True)
            return outcome
    except Exception as error:  # reported by entry: one bad record must not stop the others
        messages = getattr(error, "message_dict", None)
        text = "; ".join(f"{k}: {' '.join(v)}" for k, v in messages.items()) if messages else str(error)
        return Outcome(found.label, FAILED, found.title, message=text, notes=found.notes)


def _import(found):
    existing = find_existing(found)
    page = existing.get_latest_revision_as_object() if existing else None
    if page is None:
        index = PublicationIndexPage.first_in_tree()
        if index is None:
            raise ValueError("There is no publication index page to put new publications under: make one first.")
        page = PublicationPage(title=found.title, slug=free_slug(index, found.title), live=False, provenance={})
        page.status = PublicationStatus.PUBLISHED
    changed = []
    provenance = dict(page.provenance or {})
    for name in ("title", *FIELDS):
        value = getattr(found, name)
        if value in ("", None) or (existing and getattr(page, name) == value):
            continue  # a new page records every field the source gave, even one equal to a default
        if existing and getattr(page, name) not in ("", None) and provenance.get(name, "editor") == "editor":
            continue  # an editor's value is kept
        setattr(page, name, value)
        provenance[name] = found.source
        changed.append(name)
    if found.authors and (not page.pk or provenance.get("authors", "editor") != "editor" or not page.authors.count()):
        rows = authors_of(found)
        if author_key(rows) != author_key(page.authors.all()):
            page.authors = rows
            provenance["authors"] = found.source
            changed.append("authors")
    known_urls = {link.url for link in page.links.all()}
    if new_links := [PublicationLink(kind=kind, url=url) for kind, url in found.links if url not in known_urls]:
        page.links = [*page.links.all(), *new_links]
        provenance["links"] = found.source
        changed.append("links")
    if not changed:
        return Outcome(found.label, UNCHANGED, page.title, page_id=page.pk)
    number_children(page)  # authors and links keep the source's order, on every database
    page.provenance = provenance
    if existing is None:
        index.add_child(instance=page)
        page.save_revision()
        return Outcome(found.label, CREATED, page.title, changed, page_id=page.pk)
    page.save_revision()
    if not existing.live:
        page.save()
    return Outcome(found.label, UPDATED, page.title, changed, page_id=page.pk)


def free_slug(index, title):
    base = slugify(title)[:70].strip("-") or "publication"
    taken = set(PublicationPage.objects.child_of(index).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
