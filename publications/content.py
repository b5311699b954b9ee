"""Publications in the content-as-data format (core/content): publications.yaml, one record per paper."""

from core.content.mapping import iso
from core.content.schema import OPTIONAL_S, URL, Field, Kind, S

from .models import (
    PUBLICATION_LINK_KINDS,
    AwardKind,
    PublicationAuthor,
    PublicationAward,
    PublicationIndexPage,
    PublicationLink,
    PublicationPage,
    PublicationStatus,
    VenueKind,
)

INDEXES = [(PublicationIndexPage, "Publications", "publications")]
SCALARS = ("title", "venue_name", "venue_short", "venue_kind", "status", "year", "doi", "arxiv_id", "abstract",
           "bibtex_key", "bibtex")  # fmt: skip


def load_publication(importer, record, raw):
    def fill(page):
        for name in SCALARS:
            setattr(page, name, record[name])
        page.publication_date = record["date"]
        people = {a["person"]: importer.find("people", a["person"]) for a in record["authors"] if a["person"]}
        page.authors = [
            PublicationAuthor(
                name=a["name"], person=people.get(a["person"]), equal_contribution=a["equal_contribution"],
                corresponding=a["corresponding"],
            )
            for a in record["authors"]
        ]  # fmt: skip
        page.links = [PublicationLink(kind=link["kind"], url=link["url"]) for link in record["links"]]
        page.awards = [PublicationAward(kind=award["kind"], label=award["label"]) for award in record["awards"]]
        page.projects = importer.find_all("projects", record["projects"])
        page.research_areas = importer.find_all("research_areas", record["research_areas"])

    parent = importer.indexes[PublicationIndexPage]
    return importer.upsert_page(PublicationPage, parent, record["slug"], record, dump_publication, fill)


def dump_publication(exporter, page):
    return {
        "slug": page.slug, **{name: getattr(page, name) for name in SCALARS}, "date": iso(page.publication_date),
        "authors": [
            {"name": a.name, "person": exporter.key("people", a.person), "equal_contribution": a.equal_contribution,
             "corresponding": a.corresponding}
            for a in page.authors.all()
        ],
        "links": [{"kind": link.kind, "url": link.url} for link in page.links.all()],
        "awards": [{"kind": award.kind, "label": award.label} for award in page.awards.all()],
        "projects": exporter.keys("projects", page.projects.all()),
        "research_areas": exporter.keys("research_areas", page.research_areas.all()),
    }  # fmt: skip


KINDS = {
    "publications": Kind(
        "publications.yaml", "slug",
        {
            "slug": S, "title": S,
            "authors": Field("list", False, fields={
                "name": OPTIONAL_S, "person": Field("ref", False, target="people", nullable=True),
                "equal_contribution": Field("bool", False), "corresponding": Field("bool", False)}),
            "venue_name": OPTIONAL_S, "venue_short": OPTIONAL_S,
            "venue_kind": Field("enum", choices=tuple(VenueKind.values)),
            "status": Field("enum", choices=tuple(PublicationStatus.values)),
            "year": Field("int", False, nullable=True), "date": Field("date", False, nullable=True),
            "doi": OPTIONAL_S, "arxiv_id": OPTIONAL_S, "abstract": OPTIONAL_S, "bibtex_key": OPTIONAL_S,
            "bibtex": OPTIONAL_S,
            "links": Field("list", False, fields={
                "kind": Field("enum", choices=tuple(dict(PUBLICATION_LINK_KINDS))), "url": URL}),
            "awards": Field("list", False, fields={
                "kind": Field("enum", choices=tuple(AwardKind.values)), "label": OPTIONAL_S}),
            "projects": Field("refs", False, target="projects"),
            "research_areas": Field("refs", False, target="research_areas"),
        },
        model=PublicationPage, load=load_publication, dump=dump_publication,
        objects=lambda exporter: PublicationPage.objects.order_by("path"),
    ),
}  # fmt: skip
