"""Research areas and projects in the content-as-data format (core/content): their fields, import and export."""

from core.blocks import LINK_KINDS, BaseStreamBlock
from core.content.schema import OPTIONAL_S, URL, Field, Kind, S

from .models import ProjectIndexPage, ProjectLink, ProjectPage, ResearchAreaIndexPage, ResearchAreaPage

INDEXES = [(ResearchAreaIndexPage, "Research", "research"), (ProjectIndexPage, "Projects", "projects")]
PROJECT_FIELDS = ("title", "short_name", "summary", "year", "github_repo", "github_stars")


def load_research_area(importer, record, raw):
    importer.canonical_body(record, BaseStreamBlock())

    def fill(page):
        page.title, page.summary = record["title"], record["summary"]
        page.body = importer.body(record["body"], BaseStreamBlock(), f"research_areas.yaml item {record['slug']!r}")

    parent = importer.indexes[ResearchAreaIndexPage]
    return importer.upsert_page(ResearchAreaPage, parent, record["slug"], record, dump_research_area, fill)


def dump_research_area(exporter, page):
    return {"slug": page.slug, "title": page.title, "summary": page.summary, "body": exporter.stream(page.body)}


def load_project(importer, record, raw):
    importer.canonical_body(record, BaseStreamBlock())

    def fill(page):
        for name in PROJECT_FIELDS:
            setattr(page, name, record[name])
        page.body = importer.body(record["body"], BaseStreamBlock(), f"projects.yaml item {record['short_name']!r}")
        page.links = [ProjectLink(kind=link["kind"], url=link["url"]) for link in record["links"]]
        page.research_areas = importer.find_all("research_areas", record["research_areas"])

    parent = importer.indexes[ProjectIndexPage]
    return importer.upsert_page(ProjectPage, parent, record["slug"], record, dump_project, fill)


def dump_project(exporter, page):
    return {
        "slug": page.slug, "short_name": page.short_name, "title": page.title, "summary": page.summary,
        "year": page.year,
        "links": [{"kind": link.kind, "url": link.url} for link in page.links.all()],
        "github_repo": page.github_repo, "github_stars": page.github_stars,
        "research_areas": exporter.keys("research_areas", page.research_areas.all()),
        "body": exporter.stream(page.body),
    }  # fmt: skip


KINDS = {
    "research_areas": Kind(
        "research_areas.yaml", "slug",
        {"slug": S, "title": S, "summary": S, "body": Field("stream", required=False)},
        model=ResearchAreaPage, load=load_research_area, dump=dump_research_area,
        objects=lambda exporter: ResearchAreaPage.objects.order_by("path"),
    ),
    "projects": Kind(
        "projects.yaml", "short_name",
        {
            "slug": S, "short_name": S, "title": S, "summary": OPTIONAL_S,
            "year": Field("int", False, nullable=True),
            "links": Field("list", False, fields={"kind": Field("enum", choices=tuple(dict(LINK_KINDS))), "url": URL}),
            "github_repo": OPTIONAL_S, "github_stars": Field("int", False, nullable=True, maximum=2**31 - 1),
            "research_areas": Field("refs", False, target="research_areas"),
            "body": Field("stream", required=False),
        },
        model=ProjectPage, load=load_project, dump=dump_project,
        retired=dict.fromkeys(
            ("authors", "affiliations", "venue", "bibtex", "paper_title", "doi"),
            "a project's papers are publications; write it in publications.yaml, with the project's short name "
            "under `projects`.",
        ),
        objects=lambda exporter: ProjectPage.objects.order_by("path"),
    ),
}  # fmt: skip
