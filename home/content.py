"""The home page in the content-as-data format (core/content): site.yaml's `home` section, and the site's root."""

from core.blocks import RecentWorkBlock
from core.content.schema import OPTIONAL_S, Field, S, Section

from .models import HomeFeaturedResearchArea, HomePage

TEXT_FIELDS = ("title", "lab_name", "tagline", "profile_name", "profile_title", "about")


def root(importer, record):
    """The home page; on a fresh site, made from the section's title and lab name."""
    home = HomePage.objects.first()
    if home is None:
        home = importer.make_root(HomePage(title=record["title"], slug="home", lab_name=record["lab_name"]))
    return home


def load(importer, record):
    home = HomePage.objects.first()
    for name in TEXT_FIELDS:
        setattr(home, name, record[name])
    home.recent_work = [
        {
            "type": "theme",
            "value": {
                "label": theme["label"],
                "text": theme["text"],
                "projects": [page.pk for page in importer.find_all("projects", theme["projects"])],
            },
        }
        for theme in record["recent_work"]
    ]
    home.featured_research_areas = [
        HomeFeaturedResearchArea(research_area=area)
        for area in importer.find_all("research_areas", record["research_interests"])
    ]
    return home


def dump(exporter):
    home = HomePage.objects.first()
    if home is None:
        return None
    return {
        **{name: getattr(home, name) for name in TEXT_FIELDS},
        "recent_work": [
            {"label": theme.value["label"], "text": theme.value["text"].source,
             "projects": [exporter.key("projects", page.specific) for page in theme.value["projects"] if page]}
            for theme in home.recent_work
        ],
        "research_interests": [item.research_area.slug for item in home.featured_research_areas.all()],
    }  # fmt: skip


SITE = {
    "home": Section(
        Field("dict", fields={
            "title": S, "lab_name": S, "tagline": OPTIONAL_S, "profile_name": OPTIONAL_S, "profile_title": OPTIONAL_S,
            "about": Field("html", False, features=tuple(HomePage._meta.get_field("about").features)),
            "recent_work": Field("list", False, fields={
                "label": S, "text": Field("html", features=tuple(RecentWorkBlock().child_blocks["text"].features)),
                "projects": Field("refs", False, target="projects", ordered=True)}),
            "research_interests": Field("refs", False, target="research_areas", ordered=True),
        }),
        load=load,
        dump=dump,
        root=root,
    ),
}  # fmt: skip
