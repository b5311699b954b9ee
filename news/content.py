"""News items in the content-as-data format (core/content): an item may announce an honor, a competition award, a
talk, a project or a blog post, named by that kind's key; a paper item also names its publication by slug."""

from core.blocks import paragraph_block
from core.content.mapping import iso
from core.content.schema import DATE_PRECISION, OPTIONAL_S, URL, Field, Kind, S

from .models import LinkLabel, NewsIndexPage, NewsKind, NewsLink, NewsPage

INDEXES = [(NewsIndexPage, "News", "news")]
# What `announces: {type, key}` may name: the kind the key belongs to, and the news page's field linking to it.
ANNOUNCES = {
    "honor": ("honors", "honor"),
    "competition_award": ("competition_awards", "competition_award"),
    "talk": ("talks", "talk"),
    "project": ("projects", "project"),
    "blog_post": ("blog_posts", "related_blog_post"),
}


def load(importer, record, raw):
    announces = record["announces"] or {}

    def fill(page):
        page.title, page.date, page.kind, page.venue = record["title"], record["date"], record["kind"], record["venue"]
        page.date_precision = record["date_precision"]
        page.body = [{"type": "paragraph", "value": record["body"]}] if record["body"] else []
        page.links = [NewsLink(label=link["label"], url=link["url"]) for link in record["links"]]
        page.projects = importer.find_all("projects", record["projects"])
        page.research_areas = importer.find_all("research_areas", record["research_areas"])
        page.courses = importer.find_all("courses", record["courses"])
        page.publication = importer.find("publications", record["publication"])
        for kind_of_item, (kind_name, attribute) in ANNOUNCES.items():
            announced = kind_of_item == announces.get("type")
            setattr(page, attribute, importer.find(kind_name, announces["key"]) if announced else None)

    parent = importer.indexes[NewsIndexPage]
    return importer.upsert_page(NewsPage, parent, record["key"], record, dump, fill)


def dump(exporter, page):
    body = exporter.stream(page.body)
    return {
        "key": page.slug, "date": iso(page.date), "date_precision": page.date_precision, "title": page.title,
        "kind": page.kind,
        "body": body[0]["value"] if len(body) == 1 and body[0]["type"] == "paragraph" else "",
        "venue": page.venue, "projects": exporter.keys("projects", page.projects.all()),
        "research_areas": exporter.keys("research_areas", page.research_areas.all()),
        "courses": exporter.keys("courses", page.courses.all()),
        "links": [{"label": link.label, "url": link.url} for link in page.links.all()],
        "announces": announcement(exporter, page), "publication": exporter.key("publications", page.publication),
    }  # fmt: skip


def announcement(exporter, page):
    for kind_of_item, (kind_name, attribute) in ANNOUNCES.items():
        if (target := getattr(page, attribute)) is not None:
            return {"type": kind_of_item, "key": exporter.key(kind_name, target)}
    return None


def check(record, keys):
    """An announced item must exist (its kind depends on `type`, so no ref field can say which)."""
    announces = record.get("announces")
    if isinstance(announces, dict) and announces.get("type") in ANNOUNCES:
        kind_name = ANNOUNCES[announces["type"]][0]
        if isinstance(announces.get("key"), str) and announces["key"] not in keys[kind_name]:
            yield f"field 'announces' refers to unknown {kind_name} {announces['key']!r}."


KINDS = {
    "news": Kind(
        "news.yaml", "key",
        {
            "key": S, "date": Field("date"), "date_precision": DATE_PRECISION,
            "title": S, "kind": Field("enum", choices=tuple(NewsKind.values)),
            "body": Field("html", False, features=tuple(paragraph_block().features)), "venue": OPTIONAL_S,
            "projects": Field("refs", False, target="projects"),
            "research_areas": Field("refs", False, target="research_areas"),
            "courses": Field("refs", False, target="courses"),
            "links": Field("list", False, fields={"label": Field("enum", choices=tuple(LinkLabel.values)), "url": URL}),
            "announces": Field("dict", False, nullable=True, fields={
                "type": Field("enum", choices=tuple(ANNOUNCES)), "key": S}),
            "publication": Field("ref", False, target="publications", nullable=True),
        },
        model=NewsPage, lookup="slug", load=load, dump=dump, check=check,
        after=tuple(kind_name for kind_name, _ in ANNOUNCES.values()),
        objects=lambda exporter: NewsPage.objects.order_by("-date", "path"),
    ),
}  # fmt: skip
