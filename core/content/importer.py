"""Loading a checked dataset into the site, in one transaction: created, updated or left alone, item by item."""

import io
from collections import Counter
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage
from core.blocks import BaseStreamBlock
from home.models import HomeFeaturedResearchArea, HomePage
from lab.models import Course, IndustryPartner, LabSettings, SocialLink
from news.models import NewsIndexPage, NewsLink, NewsPage
from people.models import CompetitionAward, Honor, PeopleIndexPage, PersonLink, PersonPage, Talk
from research.models import (
    ProjectAuthor,
    ProjectIndexPage,
    ProjectLink,
    ProjectPage,
    ResearchAreaIndexPage,
    ResearchAreaPage,
)

from .exporter import Exporter
from .mapping import normalise, plain_stream, stream_with_image_ids
from .schema import DatasetError, read_dataset

ANNOUNCEMENT_FIELDS = {
    "honor": ("honor", Honor, "key"),
    "competition_award": ("competition_award", CompetitionAward, "key"),
    "talk": ("talk", Talk, "key"),
    "project": ("project", ProjectPage, "short_name"),
    "blog_post": ("related_blog_post", BlogPostPage, "slug"),
}
SETTINGS_FIELDS = ("contact_email", "office", "recruiting_text", "recruiting_form_url", "phd_applicants_note")

# What a block raises reading a value of the wrong shape (a string where a struct's mapping belongs ...).
MALFORMED_BLOCK = (TypeError, ValueError, AttributeError, KeyError, IndexError)

INDEXES = [
    (ResearchAreaIndexPage, "Research", "research"),
    (ProjectIndexPage, "Projects", "projects"),
    (PeopleIndexPage, "Team", "team"),
    (BlogIndexPage, "Blog", "blog"),
    (NewsIndexPage, "News", "news"),
]


class Importer:
    def __init__(self, dataset, folder):
        self.dataset = dataset
        self.folder = Path(folder)
        self.report = {}
        self.exporter = None
        self._partners_seen = []
        self.problems = []
        self.written_files = []  # deleted from storage if the import is refused or fails

    def run(self):
        home = self.home()
        self.indexes = {model: self.index(home, model, title, slug) for model, title, slug in INDEXES}
        self.exporter = Exporter()
        for name in ("images", "research_areas", "people", "projects", "honors", "competition_awards", "talks",
                     "industry_partners", "courses", "blog_posts", "news"):  # fmt: skip
            counts = Counter()
            for record in self.dataset.items[name]:
                counts[getattr(self, f"import_{name}")(normalise(name, record), record)] += 1
            self.report[name] = counts
        self.report["site"] = Counter([self.import_site(home)])
        if self.problems:
            raise DatasetError(self.problems)
        return self.report

    # The tree

    def home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            for placeholder in root.get_children():  # Wagtail's "Welcome" page
                placeholder.delete()
            site = self.dataset.site["home"]
            home = root.add_child(instance=HomePage(title=site["title"], slug="home", lab_name=site["lab_name"]))
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
            )
        return home

    def index(self, home, model, title, slug):
        return model.objects.child_of(home).first() or home.add_child(instance=model(title=title, slug=slug))

    def upsert_page(self, model, parent, slug, record, unchanged, fill):
        page = model.objects.child_of(parent).filter(slug=slug).first()
        if page is not None and unchanged(page) == record:
            return "unchanged"
        created = page is None
        page = page or model(slug=slug)
        fill(page)
        if created:
            parent.add_child(instance=page)
        page.save()
        return "created" if created else "updated"

    def upsert(self, model, lookup, record, unchanged, fill):
        obj = model.objects.filter(**lookup).first()
        if obj is not None and unchanged(obj) == record:
            return "unchanged"
        created = obj is None
        obj = obj or model(**lookup)
        fill(obj)
        obj.save()
        return "created" if created else "updated"

    # Lookups by natural key

    def image_id(self, key):
        return get_image_model().objects.filter(import_key=key).values_list("pk", flat=True).first()

    def pages(self, model, field, values):
        by_key = {getattr(page, field): page for page in model.objects.filter(**{f"{field}__in": values})}
        return [by_key[value] for value in values]

    def canonical_body(self, record, stream_block):
        """A file's body as the blocks store it (defaults filled in), so an unchanged body compares equal."""
        try:
            value = stream_block.to_python(stream_with_image_ids(record["body"], self.image_id))
            value = stream_block.clean(value)
        except (ValidationError, *MALFORMED_BLOCK):
            return  # reported with its item and field when the body is written
        record["body"] = plain_stream(stream_block.get_prep_value(value), self.exporter.image_key)

    def body(self, stream, stream_block, label):
        """Image keys resolved, then the blocks' own validation, as if an editor had saved the body."""
        raw = stream_with_image_ids(stream, self.image_id)
        if not raw:
            return raw  # an empty body is allowed by the field (blank=True), not asked of the blocks
        try:
            stream_block.clean(stream_block.to_python(raw))
        except ValidationError as error:
            self.problems.extend(f"{label}: field 'body': {message}" for message in block_error_messages(error))
        except MALFORMED_BLOCK as error:
            self.problems.append(f"{label}: field 'body': a block's value has the wrong shape ({error!r}).")
        return raw

    # Kinds

    def import_images(self, record, raw):
        image_model = get_image_model()
        image = image_model.objects.filter(import_key=record["key"]).first()
        if image is not None and (image.title, image.description) == (record["title"], record["alt"] or ""):
            return "unchanged"
        created = image is None
        image = image or image_model(import_key=record["key"])
        image.title, image.description = record["title"], record["alt"] or ""
        if created:
            image.file = self.image_file(raw)
        image.save()
        if created:
            self.written_files.append(image.file.name)
        self.exporter.images[image.pk] = image
        return "created" if created else "updated"

    def image_file(self, raw):
        if raw.get("file"):
            path = self.folder / raw["file"]
            return ImageFile(io.BytesIO(path.read_bytes()), name=path.name)
        buffer = io.BytesIO()
        PILImage.new("RGB", (1200, 675), raw.get("color") or "#888888").save(buffer, format="PNG")
        return ImageFile(buffer, name=f"{raw['key']}.png")

    def import_research_areas(self, record, raw):
        self.canonical_body(record, BaseStreamBlock())
        def fill(page):
            page.title, page.summary = record["title"], record["summary"]
            page.body = self.body(record["body"], BaseStreamBlock(), f"research_areas.yaml item {record['slug']!r}")

        parent = self.indexes[ResearchAreaIndexPage]
        return self.upsert_page(ResearchAreaPage, parent, record["slug"], record, self.exporter.research_area, fill)

    def import_people(self, record, raw):
        def fill(page):
            page.title, page.role, page.status, page.bio = (
                record["name"],
                record["role"],
                record["status"],
                record["bio"],
            )
            page.graduation_year, page.placement = record["graduation_year"], record["placement"]
            page.links = [PersonLink(label=link["label"], url=link["url"]) for link in record["links"]]

        parent = self.indexes[PeopleIndexPage]
        return self.upsert_page(PersonPage, parent, record["slug"], record, self.exporter.person, fill)

    def import_projects(self, record, raw):
        self.canonical_body(record, BaseStreamBlock())
        def fill(page):
            for name in ("title", "short_name", "summary", "affiliations", "venue", "year", "github_repo",
                         "github_stars", "bibtex"):  # fmt: skip
                setattr(page, name, record[name])
            page.body = self.body(record["body"], BaseStreamBlock(), f"projects.yaml item {record['short_name']!r}")
            people = {p.slug: p for p in PersonPage.objects.filter(slug__in=[a["person"] for a in record["authors"]])}
            page.authors = [
                ProjectAuthor(
                    name=a["name"], person=people.get(a["person"]), equal_contribution=a["equal_contribution"]
                )
                for a in record["authors"]
            ]
            page.links = [ProjectLink(kind=link["kind"], url=link["url"]) for link in record["links"]]
            page.research_areas = self.pages(ResearchAreaPage, "slug", record["research_areas"])

        parent = self.indexes[ProjectIndexPage]
        return self.upsert_page(ProjectPage, parent, record["slug"], record, self.exporter.project, fill)

    def import_honors(self, record, raw):
        def fill(honor):
            for name in ("title", "date", "date_precision", "kind", "awarded_by", "note"):
                setattr(honor, name, record[name])
            honor.project = ProjectPage.objects.filter(short_name=record["project"]).first()
            honor.recipients = self.pages(PersonPage, "slug", record["recipients"])

        return self.upsert(Honor, {"key": record["key"]}, record, self.exporter.honor, fill)

    def import_competition_awards(self, record, raw):
        def fill(award):
            for name in ("place", "rank", "contest", "track", "venue", "year"):
                setattr(award, name, record[name])
            award.project = ProjectPage.objects.filter(short_name=record["project"]).first()
            award.team = self.pages(PersonPage, "slug", record["team"])

        return self.upsert(CompetitionAward, {"key": record["key"]}, record, self.exporter.competition_award, fill)

    def import_talks(self, record, raw):
        links = {"video": "", "slides": "", "media": "", "event_page": "", **record["links"]}
        record["links"] = links

        def fill(talk):
            talk.speaker = PersonPage.objects.filter(slug=record["speaker"]).first()
            talk.title, talk.event, talk.date = record["title"], record["event"], record["date"]
            talk.video_url, talk.slides_url = links["video"], links["slides"]
            talk.media_url, talk.event_url = links["media"], links["event_page"]

        return self.upsert(Talk, {"key": record["key"]}, record, self.exporter.talk, fill)

    def import_industry_partners(self, record, raw):
        """Partners have no natural key (a company may appear twice): the nth record is the nth partner."""
        position = len(self._partners_seen)
        self._partners_seen.append(record)

        def fill(partner):
            partner.name, partner.products, partner.url = record["name"], record["products"], record["url"]

        return self.upsert(IndustryPartner, {"sort_order": position}, record, self.exporter.industry_partner, fill)

    def import_courses(self, record, raw):
        def fill(course):
            for name, value in record.items():
                setattr(course, name, value)

        return self.upsert(Course, {"code": record["code"]}, record, self.exporter.course, fill)

    def import_blog_posts(self, record, raw):
        self.canonical_body(record, BaseStreamBlock())
        def fill(page):
            page.title, page.date, page.summary = record["title"], record["date"], record["summary"]
            page.body = self.body(record["body"], BaseStreamBlock(), f"blog_posts.yaml item {record['slug']!r}")
            page.authors = [BlogPostAuthor(name=a["name"]) for a in record["authors"]]
            page.research_areas = self.pages(ResearchAreaPage, "slug", record["research_areas"])
            page.projects = self.pages(ProjectPage, "short_name", record["projects"])
            page.tags.set(record["tags"])

        record["tags"] = sorted(record["tags"])
        for author in record["authors"]:
            author["person"] = None
        parent = self.indexes[BlogIndexPage]
        return self.upsert_page(BlogPostPage, parent, record["slug"], record, self.exporter.blog_post, fill)

    def import_news(self, record, raw):
        announces = record["announces"] or {}

        def fill(page):
            page.title, page.date, page.kind, page.venue = (
                record["title"],
                record["date"],
                record["kind"],
                record["venue"],
            )
            page.body = [{"type": "paragraph", "value": record["body"]}] if record["body"] else []
            page.links = [NewsLink(label=link["label"], url=link["url"]) for link in record["links"]]
            page.projects = self.pages(ProjectPage, "short_name", record["projects"])
            key = announces.get("key")
            page.honor = Honor.objects.filter(key=key).first() if announces.get("type") == "honor" else None
            page.competition_award = (
                CompetitionAward.objects.filter(key=key).first()
                if announces.get("type") == "competition_award"
                else None
            )
            page.talk = Talk.objects.filter(key=key).first() if announces.get("type") == "talk" else None
            page.project = (
                ProjectPage.objects.filter(short_name=key).first() if announces.get("type") == "project" else None
            )
            page.related_blog_post = (
                BlogPostPage.objects.filter(slug=key).first() if announces.get("type") == "blog_post" else None
            )

        parent = self.indexes[NewsIndexPage]
        return self.upsert_page(NewsPage, parent, record["key"], record, self.exporter.news, fill)

    def import_site(self, home):
        site = self.dataset.site
        wanted = {"home": {**{k: "" for k in ("tagline", "profile_name", "profile_title", "about")}, **site["home"]}}
        wanted["home"].setdefault("recent_work", [])
        wanted["home"].setdefault("research_interests", [])
        settings_record = {
            **{
                k: ""
                for k in ("contact_email", "office", "recruiting_text", "recruiting_form_url", "phd_applicants_note")
            },
            "social_links": [],
            **(site.get("lab_settings") or {}),
        }
        wanted["lab_settings"] = settings_record
        if self.exporter.site() == wanted:
            return "unchanged"
        home_record = wanted["home"]
        for name in ("title", "lab_name", "tagline", "profile_name", "profile_title", "about"):
            setattr(home, name, home_record[name])
        home.recent_work = [
            {
                "type": "theme",
                "value": {
                    "label": theme["label"],
                    "text": theme["text"],
                    "projects": [p.pk for p in self.pages(ProjectPage, "short_name", theme.get("projects") or [])],
                },
            }
            for theme in home_record["recent_work"]
        ]
        home.featured_research_areas = [
            HomeFeaturedResearchArea(research_area=area)
            for area in self.pages(ResearchAreaPage, "slug", home_record["research_interests"])
        ]
        home.save()
        lab_settings = LabSettings.for_site(Site.objects.get(is_default_site=True))
        for name in ("contact_email", "office", "recruiting_text", "recruiting_form_url", "phd_applicants_note"):
            setattr(lab_settings, name, settings_record[name])
        lab_settings.social_links = [
            SocialLink(label=s["label"], url=s["url"]) for s in settings_record["social_links"]
        ]
        lab_settings.save()
        return "updated"


def block_error_messages(error, path=""):
    """Flatten a StreamField validation error into readable lines: 'block 3 (table) > table: The table is empty'."""
    data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
    return list(_flatten(data, path))


def _flatten(data, path):
    if isinstance(data, dict):
        for message in data.get("messages", []):
            yield f"{path}: {message}" if path else message
        for name, child in (data.get("blockErrors") or {}).items():
            yield from _flatten(
                child, f"{path} > {name}" if path else f"block {int(name) + 1}" if str(name).isdigit() else str(name)
            )
    elif isinstance(data, list):
        for item in data:
            yield from _flatten(item, path)


def import_dataset(folder):
    """Check the whole dataset, then write it in one transaction. Returns counts of created/updated/unchanged."""
    dataset = read_dataset(folder)
    importer = Importer(dataset, folder)
    try:
        with transaction.atomic():
            report = importer.run()
    except BaseException:
        storage = get_image_model()._meta.get_field("file").storage
        for name in importer.written_files:  # the rows are rolled back; the files would stay in media
            storage.delete(name)
        raise
    return report
