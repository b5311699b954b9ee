"""Research areas and projects in the content-as-data format (core/content): their fields, import and export."""

from core.blocks import LINK_KINDS, BaseStreamBlock
from core.content.schema import OPTIONAL_S, URL, Field, Kind, S

from .models import ProjectAuthor, ProjectIndexPage, ProjectLink, ProjectPage, ResearchAreaIndexPage, ResearchAreaPage

INDEXES = [(ResearchAreaIndexPage, "Research", "research"), (ProjectIndexPage, "Projects", "projects")]
PROJECT_FIELDS = ("title", "short_name", "summary", "affiliations", "venue", "year", "github_repo", "github_stars",
                  "bibtex")  # fmt: skip


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
        people = {a["person"]: importer.find("people", a["person"]) for a in record["authors"] if a["person"]}
        page.authors = [
            ProjectAuthor(name=a["name"], person=people.get(a["person"]), equal_contribution=a["equal_contribution"])
            for a in record["authors"]
        ]
        page.links = [ProjectLink(kind=link["kind"], url=link["url"]) for link in record["links"]]
        page.research_areas = importer.find_all("research_areas", record["research_areas"])

    parent = importer.indexes[ProjectIndexPage]
    return importer.upsert_page(ProjectPage, parent, record["slug"], record, dump_project, fill)


def dump_project(exporter, page):
    return {
        "slug": page.slug, "short_name": page.short_name, "title": page.title, "summary": page.summary,
        "authors": [
            {"name": a.name, "person": exporter.key("people", a.person), "equal_contribution": a.equal_contribution}
            for a in page.authors.all()
        ],
        "affiliations": page.affiliations, "venue": page.venue, "year": page.year,
        "links": [{"kind": link.kind, "url": link.url} for link in page.links.all()],
        "github_repo": page.github_repo, "github_stars": page.github_stars, "bibtex": page.bibtex,
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
            "authors": Field("list", False, fields={
                "name": OPTIONAL_S, "person": Field("ref", False, target="people", nullable=True),
                "equal_contribution": Field("bool", False)}),
            "affiliations": OPTIONAL_S, "venue": OPTIONAL_S, "year": Field("int", False, nullable=True),
            "links": Field("list", False, fields={"kind": Field("enum", choices=tuple(dict(LINK_KINDS))), "url": URL}),
            "github_repo": OPTIONAL_S, "github_stars": Field("int", False, nullable=True, maximum=2**31 - 1),
            "bibtex": OPTIONAL_S, "research_areas": Field("refs", False, target="research_areas"),
            "body": Field("stream", required=False),
        },
        model=ProjectPage, load=load_project, dump=dump_project,
        objects=lambda exporter: ProjectPage.objects.order_by("path"),
    ),
}  # fmt: skip
