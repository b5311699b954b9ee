"""Each project's single paper (research.ProjectPage's paper_title, venue, year, DOI, BibTeX, authors and paper
links) becomes a Publication linked to the project, under a publication index made beside the project index.

A venue "In Submission" is a status, never a venue; "arXiv" makes a preprint. The pages are made with the historical
models, so their tree paths are written here as treebeard writes them (four base-36 characters a level).
"""

import datetime
import re

from django.db import migrations

STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LINK_KINDS = {"paper": "paper", "code": "code", "video": "video", "slides": "slides", "demo": "demo",
              "website": "project"}  # fmt: skip


def child_path(parent, number):
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent.path + digits.rjust(STEP, "0")


def add_child(Page, parent, page):
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-STEP:], 36) + 1 if last else 1
    page.path, page.depth = child_path(parent, number), parent.depth + 1
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.save()
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def has_paper(project):
    return bool(project.paper_title or project.venue or project.doi or project.bibtex)


def venue_status(venue, year):
    """(status, venue short name, venue kind) of a project's free-text venue."""
    if venue.strip().lower() == "in submission":
        return "in_submission", "", "preprint"
    if venue.lower().startswith("arxiv"):
        return "published", venue, "preprint"
    if year and year > datetime.date.today().year:
        return "to_appear", venue, "conference"
    return "published", venue, "conference"


def publication_index(apps, project_index):
    """The first publication index, else one made beside the project index."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    PublicationIndexPage = apps.get_model("publications", "PublicationIndexPage")
    index = PublicationIndexPage.objects.order_by("path").first()
    if index is None:
        parent = Page.objects.get(path=project_index.path[:-STEP])
        index_type = ContentType.objects.get_for_model(PublicationIndexPage)
        index = add_child(Page, parent, PublicationIndexPage(
            title="Publications", slug="publications", content_type=index_type, live=True,
            locale_id=project_index.locale_id,
        ))  # fmt: skip
    return index


def make_publication(apps, index, project, live):
    """The project's paper as a publication under `index`, linked to the project and its research areas."""
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    PublicationPage = apps.get_model("publications", "PublicationPage")
    PublicationAuthor = apps.get_model("publications", "PublicationAuthor")
    PublicationLink = apps.get_model("publications", "PublicationLink")
    page_type = ContentType.objects.get_for_model(PublicationPage)
    taken = set(Page.objects.filter(path__startswith=index.path, depth=index.depth + 1).values_list("slug", flat=True))
    slug = project.slug
    while slug in taken:
        slug = f"{slug}-paper"
    status, venue_short, venue_kind = venue_status(project.venue, project.year)
    doi = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", project.doi or "", flags=re.IGNORECASE)
    if doi and PublicationPage.objects.filter(doi__iexact=doi).exists():
        doi = ""
    publication = add_child(Page, index, PublicationPage(
        title=project.paper_title or project.title, draft_title=project.paper_title or project.title, slug=slug,
        content_type=page_type, live=live, has_unpublished_changes=not live,
        locale_id=project.locale_id, venue_short=venue_short, venue_kind=venue_kind, status=status,
        year=project.year, doi=doi, bibtex=project.bibtex, abstract="",
        provenance={"*": f"project {project.short_name}"},
    ))  # fmt: skip
    # The link rows are written directly: a historical model does not save parental many-to-many fields.
    Projects = PublicationPage._meta.get_field("projects").remote_field.through
    Projects.objects.create(publicationpage_id=publication.pk, projectpage_id=project.pk)
    Areas = PublicationPage._meta.get_field("research_areas").remote_field.through
    Areas.objects.bulk_create(
        Areas(publicationpage_id=publication.pk, researchareapage_id=area_id)
        for area_id in project.research_areas.values_list("pk", flat=True)
    )
    for order, author in enumerate(project.authors.order_by("sort_order")):
        PublicationAuthor.objects.create(
            page=publication, sort_order=order, person_id=author.person_id, name=author.name,
            equal_contribution=author.equal_contribution,
        )  # fmt: skip
    for order, link in enumerate(project.links.order_by("sort_order")):
        if link.kind in LINK_KINDS:
            PublicationLink.objects.create(page=publication, sort_order=order, kind=LINK_KINDS[link.kind], url=link.url)
    return publication


def forwards(apps, schema_editor):
    ProjectIndexPage = apps.get_model("research", "ProjectIndexPage")
    ProjectPage = apps.get_model("research", "ProjectPage")
    PublicationPage = apps.get_model("publications", "PublicationPage")
    projects = [project for project in ProjectPage.objects.order_by("path") if has_paper(project)]
    project_index = ProjectIndexPage.objects.order_by("path").first()
    if not projects or project_index is None:
        return
    index = publication_index(apps, project_index)
    for project in projects:
        if not PublicationPage.objects.filter(projects=project).exists():
            make_publication(apps, index, project, live=project.live)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
        ("research", "0003_projectpage_doi_projectpage_paper_title"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
