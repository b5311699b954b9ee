"""What a project still holds of a paper (paper title, venue, year, DOI, BibTeX, affiliations, byline) moves into a
publication before research's 0006 removes those fields from the project.

For each project that holds any of them, its publication is the linked one with the same DOI, else the same title
(the project's paper title, else its title), else its only linked publication. Empty fields of that publication take
the project's values; a value that differs from the publication's is not lost: it is kept in the publication's
provenance under "project <short name> held", for an editor to compare. What is written goes into the publication's
latest revision too, so the next edit keeps it. A project with none of its publications matching gets a new draft
publication (made as 0002 makes one, not live) for an editor to review; a year alone, which stays on the project, is
no paper and makes none.
"""

import importlib
import re

from django.db import migrations
from modelcluster.models import get_serializable_data_for_fields

project_papers = importlib.import_module("publications.migrations.0002_project_papers")


def normalised(text):
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def held_by(project, authors):
    """The paper fields the project holds, by publication field name (venue as the badge, `venue_short`)."""
    held = {
        "paper_title": project.paper_title,
        "venue_short": project.venue,
        "year": project.year,
        "doi": re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", project.doi or "", flags=re.I),
        "bibtex": project.bibtex,
        "affiliations": project.affiliations,
        "authors": [author.name or f"person {author.person_id}" for author in authors],
    }
    return {name: value for name, value in held.items() if value not in ("", None, [])}


def matching_publication(project, held, linked):
    if held.get("doi"):
        for publication in linked:
            if publication.doi.lower() == held["doi"].lower():
                return publication
    title = normalised(project.paper_title or project.title)
    for publication in linked:
        if normalised(publication.title) == title:
            return publication
    return linked[0] if len(linked) == 1 else None


def fill(publication, project, held, authors, PublicationPage, PublicationAuthor, filled):
    """Writes what the publication lacks (naming it in `filled`); returns the project's values that differ from the
    publication's."""
    differing = {}
    for name in ("venue_short", "year", "doi", "bibtex"):
        if name not in held or (name == "venue_short" and held[name].strip().lower() == "in submission"):
            continue
        current = getattr(publication, name)
        taken = name == "doi" and PublicationPage.objects.filter(doi__iexact=held["doi"]).exclude(pk=publication.pk)
        if current in ("", None) and not (taken and taken.exists()):
            setattr(publication, name, held[name])
            filled.append(name)
        elif str(current).lower() != str(held[name]).lower():
            differing[name] = held[name]
    if "paper_title" in held and normalised(held["paper_title"]) != normalised(publication.title):
        differing["paper_title"] = held["paper_title"]
    if "affiliations" in held:
        differing["affiliations"] = held["affiliations"]
    if authors:
        if not PublicationAuthor.objects.filter(page=publication).exists():
            for order, author in enumerate(authors):
                PublicationAuthor.objects.create(
                    page=publication, sort_order=order, person_id=author.person_id, name=author.name,
                    equal_contribution=author.equal_contribution,
                )  # fmt: skip
            filled.append("authors")
        elif held["authors"] != [a.name or f"person {a.person_id}" for a in publication.authors.order_by("sort_order")]:
            differing["authors"] = held["authors"]
    return differing


def keep_in_latest_revision(publication, filled, key, PublicationAuthor, Revision):
    """What was written goes into the latest revision too, where that is empty, so the next edit keeps it."""
    revision = Revision.objects.filter(pk=publication.latest_revision_id).first()
    if revision is None:
        return
    content = revision.content
    for name in filled:
        if name == "authors" and not content.get("authors"):
            rows = PublicationAuthor.objects.filter(page=publication).order_by("sort_order")
            content["authors"] = [get_serializable_data_for_fields(row) for row in rows]
        elif name != "authors" and content.get(name) in ("", None):
            content[name] = getattr(publication, name)
    if key in publication.provenance:
        content["provenance"] = {**(content.get("provenance") or {}), key: publication.provenance[key]}
    revision.save(update_fields=["content"])


def forwards(apps, schema_editor):
    ProjectIndexPage = apps.get_model("research", "ProjectIndexPage")
    ProjectPage = apps.get_model("research", "ProjectPage")
    PublicationPage = apps.get_model("publications", "PublicationPage")
    PublicationAuthor = apps.get_model("publications", "PublicationAuthor")
    Revision = apps.get_model("wagtailcore", "Revision")
    for project in ProjectPage.objects.order_by("path"):
        authors = list(project.authors.order_by("sort_order"))
        held = held_by(project, authors)
        if not held:
            continue
        linked = list(PublicationPage.objects.filter(projects=project).order_by("path"))
        publication = matching_publication(project, held, linked)
        if publication is None:
            if set(held) == {"year"}:
                continue  # the year stays on the project: alone it is no paper
            index = project_papers.publication_index(apps, ProjectIndexPage.objects.order_by("path").first())
            project_papers.make_publication(apps, index, project, live=False)
            continue
        filled = []
        differing = fill(publication, project, held, authors, PublicationPage, PublicationAuthor, filled)
        provenance = dict(publication.provenance or {})
        key = f"project {project.short_name} held"
        if differing:
            provenance[key] = differing
        publication.provenance = provenance
        publication.save()
        keep_in_latest_revision(publication, filled, key, PublicationAuthor, Revision)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_project_papers"),
        ("research", "0005_inline_math_in_callouts"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
