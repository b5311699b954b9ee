"""Blog posts in the content-as-data format (core/content)."""

from core.blocks import BaseStreamBlock
from core.content.mapping import iso
from core.content.schema import Field, Kind, S

from .models import BlogIndexPage, BlogPostAuthor, BlogPostPage

INDEXES = [(BlogIndexPage, "Blog", "blog")]


def load(importer, record, raw):
    importer.canonical_body(record, BaseStreamBlock())

    def fill(page):
        page.title, page.date, page.summary = record["title"], record["date"], record["summary"]
        page.body = importer.body(record["body"], BaseStreamBlock(), f"blog_posts.yaml item {record['slug']!r}")
        people = {a["person"]: importer.find("people", a["person"]) for a in record["authors"] if a["person"]}
        page.authors = [BlogPostAuthor(name=a["name"], person=people.get(a["person"])) for a in record["authors"]]
        page.research_areas = importer.find_all("research_areas", record["research_areas"])
        page.projects = importer.find_all("projects", record["projects"])
        page.tags.set(record["tags"])

    record["tags"] = sorted(record["tags"])
    parent = importer.indexes[BlogIndexPage]
    return importer.upsert_page(BlogPostPage, parent, record["slug"], record, dump, fill)


def dump(exporter, page):
    return {
        "slug": page.slug, "title": page.title, "date": iso(page.date),
        "authors": [{"name": a.name, "person": exporter.key("people", a.person)} for a in page.authors.all()],
        "summary": page.summary, "tags": sorted(tag.name for tag in page.tags.all()),
        "research_areas": exporter.keys("research_areas", page.research_areas.all()),
        "projects": exporter.keys("projects", page.projects.all()),
        "body": exporter.stream(page.body),
    }  # fmt: skip


KINDS = {
    "blog_posts": Kind(
        "blog_posts.yaml", "slug",
        {
            "slug": S, "title": S, "date": Field("date"),
            "authors": Field("list", False, fields={
                "name": S, "person": Field("ref", False, target="people", nullable=True)}),
            "summary": S, "tags": Field("strs", False),
            "research_areas": Field("refs", False, target="research_areas"),
            "projects": Field("refs", False, target="projects"), "body": Field("stream"),
        },
        model=BlogPostPage, load=load, dump=dump,
        objects=lambda exporter: BlogPostPage.objects.order_by("-date", "path"),
    ),
}  # fmt: skip
