"""Writing the database out as a `labcms-content` dataset."""

import shutil
from pathlib import Path

import yaml
from wagtail.images import get_image_model

from blog.models import BlogPostPage
from home.models import HomePage
from lab.models import Course, IndustryPartner, LabSettings
from news.models import NewsPage
from people.models import CompetitionAward, Honor, PersonPage, Talk
from research.models import ProjectPage, ResearchAreaPage

from .mapping import iso, plain_stream
from .schema import FORMAT, KINDS, VERSION


class Exporter:
    def __init__(self):
        self.images = {image.pk: image for image in get_image_model().objects.all()}

    def image_key(self, image_id):
        image = self.images.get(image_id)
        return (image.import_key or f"image-{image.pk}") if image else None

    def stream(self, value):
        return plain_stream(value.get_prep_value(), self.image_key)

    def records(self):
        return {
            "images": [self.image(i) for i in self.images.values()],
            "research_areas": [self.research_area(p) for p in ResearchAreaPage.objects.order_by("path")],
            "people": [self.person(p) for p in PersonPage.objects.order_by("path")],
            "projects": [self.project(p) for p in ProjectPage.objects.order_by("path")],
            "honors": [self.honor(h) for h in Honor.objects.order_by("-date", "title")],
            "competition_awards": [self.competition_award(c) for c in CompetitionAward.objects.all()],
            "talks": [self.talk(t) for t in Talk.objects.order_by("-date", "key")],
            "industry_partners": [self.industry_partner(p) for p in IndustryPartner.objects.all()],
            "courses": [self.course(c) for c in Course.objects.all()],
            "blog_posts": [self.blog_post(p) for p in BlogPostPage.objects.order_by("-date", "path")],
            "news": [self.news(p) for p in NewsPage.objects.order_by("-date", "path")],
        }

    def industry_partner(self, partner):
        return {"name": partner.name, "products": partner.products, "url": partner.url}

    def course(self, course):
        return {name: getattr(course, name) for name in ("code", "name", "url", "term", "time", "location", "notice")}

    def image(self, image):
        return {"key": self.image_key(image.pk), "title": image.title, "alt": image.description}

    def research_area(self, page):
        return {"slug": page.slug, "title": page.title, "summary": page.summary, "body": self.stream(page.body)}

    def person(self, page):
        return {
            "slug": page.slug, "name": page.title, "role": page.role, "status": page.status, "bio": page.bio,
            "links": [{"label": link.label, "url": link.url} for link in page.links.all()],
            "graduation_year": page.graduation_year, "placement": page.placement,
        }  # fmt: skip

    def project(self, page):
        return {
            "slug": page.slug, "short_name": page.short_name, "title": page.title, "summary": page.summary,
            "authors": [
                {"name": a.name, "person": a.person.slug if a.person else None,
                 "equal_contribution": a.equal_contribution}
                for a in page.authors.all()
            ],
            "affiliations": page.affiliations, "venue": page.venue, "year": page.year,
            "links": [{"kind": link.kind, "url": link.url} for link in page.links.all()],
            "github_repo": page.github_repo, "github_stars": page.github_stars, "bibtex": page.bibtex,
            "research_areas": sorted(area.slug for area in page.research_areas.all()),
            "body": self.stream(page.body),
        }  # fmt: skip

    def honor(self, honor):
        return {
            "key": honor.key, "title": honor.title, "date": iso(honor.date), "date_precision": honor.date_precision,
            "kind": honor.kind, "recipients": sorted(p.slug for p in honor.recipients.all()),
            "project": honor.project.short_name if honor.project else None, "awarded_by": honor.awarded_by,
            "note": honor.note,
        }  # fmt: skip

    def competition_award(self, award):
        return {
            "key": award.key, "place": award.place, "rank": award.rank, "contest": award.contest,
            "track": award.track, "venue": award.venue, "year": award.year,
            "project": award.project.short_name if award.project else None,
            "team": sorted(p.slug for p in award.team.all()),
        }  # fmt: skip

    def talk(self, talk):
        return {
            "key": talk.key, "speaker": talk.speaker.slug if talk.speaker else None, "title": talk.title,
            "event": talk.event, "date": iso(talk.date),
            "links": {"video": talk.video_url, "slides": talk.slides_url, "media": talk.media_url,
                      "event_page": talk.event_url},
        }  # fmt: skip

    def blog_post(self, page):
        return {
            "slug": page.slug, "title": page.title, "date": iso(page.date),
            "authors": [{"name": a.name, "person": None} for a in page.authors.all()],
            "summary": page.summary, "tags": sorted(tag.name for tag in page.tags.all()),
            "research_areas": sorted(a.slug for a in page.research_areas.all()),
            "projects": sorted(p.short_name for p in page.projects.all()),
            "body": self.stream(page.body),
        }  # fmt: skip

    def news(self, page):
        body = self.stream(page.body)
        return {
            "key": page.slug, "date": iso(page.date), "title": page.title, "kind": page.kind,
            "body": body[0]["value"] if len(body) == 1 and body[0]["type"] == "paragraph" else "",
            "venue": page.venue, "projects": sorted(p.short_name for p in page.projects.all()),
            "links": [{"label": link.label, "url": link.url} for link in page.links.all()],
            "announces": news_announcement(page),
        }  # fmt: skip

    def site(self):
        home = HomePage.objects.first()
        if home is None:
            return {}
        settings = LabSettings.objects.first()
        return {
            "home": {
                **{name: getattr(home, name) for name in ("title", "lab_name", "tagline", "profile_name",
                                                          "profile_title", "about")},
                "recent_work": [
                    {"label": theme.value["label"], "text": theme.value["text"].source,
                     "projects": [p.specific.short_name for p in theme.value["projects"] if p]}
                    for theme in home.recent_work
                ],
                "research_interests": [item.research_area.slug for item in home.featured_research_areas.all()],
            },
            "lab_settings": {
                **{name: getattr(settings, name, "") for name in ("contact_email", "office", "recruiting_text",
                                                                  "recruiting_form_url", "phd_applicants_note")},
                "social_links": [{"label": s.label, "url": s.url} for s in settings.social_links.all()]
                if settings else [],
            },
        }  # fmt: skip


def news_announcement(page):
    for kind, target, key in (
        ("honor", page.honor, "key"),
        ("competition_award", page.competition_award, "key"),
        ("talk", page.talk, "key"),
        ("project", page.project, "short_name"),
        ("blog_post", page.related_blog_post, "slug"),
    ):
        if target is not None:
            return {"type": kind, "key": getattr(target, key)}
    return None


def export_dataset(folder):
    """Write every kind of content, the site settings and the image files into `folder`."""
    folder = Path(folder)
    (folder / "images").mkdir(parents=True, exist_ok=True)
    exporter = Exporter()
    records = exporter.records()
    for record, image in zip(records["images"], exporter.images.values(), strict=True):
        suffix = Path(image.file.name).suffix or ".png"
        with image.open_file() as source, open(folder / "images" / Path(f"{record['key']}{suffix}").name, "wb") as target:
            shutil.copyfileobj(source, target)
        record["file"] = f"images/{record['key']}{suffix}"
    _write(folder / "manifest.yaml", {"format": FORMAT, "version": VERSION})
    _write(folder / "site.yaml", exporter.site())
    for name, kind in KINDS.items():
        _write(folder / kind.file, records[name])
    return {name: len(items) for name, items in records.items()}


class _Dumper(yaml.SafeDumper):
    """Never writes anchors and aliases: the importer refuses them (see schema._NoAliasLoader)."""

    def ignore_aliases(self, data):
        return True


def _write(path, data):
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(text, encoding="utf-8")
