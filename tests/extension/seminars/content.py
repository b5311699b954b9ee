"""Seminars in the content-as-data format (core/content): seminars.yaml, one item per talk, keyed by slug."""

from core.content.mapping import iso
from core.content.schema import OPTIONAL_S, Field, Kind, S

from .models import SeminarIndexPage, SeminarPage

INDEXES = [(SeminarIndexPage, "Seminars", "seminars")]


def load(importer, record, raw):
    def fill(page):
        page.title, page.date = record["title"], record["date"]
        page.speaker, page.abstract = record["speaker"], record["abstract"]

    parent = importer.indexes[SeminarIndexPage]
    return importer.upsert_page(SeminarPage, parent, record["slug"], record, dump, fill)


def dump(exporter, page):
    return {"slug": page.slug, "title": page.title, "date": iso(page.date), "speaker": page.speaker,
            "abstract": page.abstract}  # fmt: skip


KINDS = {
    "seminars": Kind(
        "seminars.yaml",
        "slug",
        {"slug": S, "title": S, "date": Field("date"), "speaker": S, "abstract": OPTIONAL_S},
        model=SeminarPage,
        load=load,
        dump=dump,
        objects=lambda exporter: SeminarPage.objects.order_by("-date", "path"),
    ),
}
