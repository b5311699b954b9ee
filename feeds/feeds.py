"""RSS 2.0 and Atom 1.0 feeds of blog posts and news items (all of them, per research area, and per project) and of
publications (all, per project, per person).

Every link and guid is the item's address on the frontend. Only public pages are listed (live, not view-restricted,
not expired); a research area or project that is unknown or not public is a 404. A feed resolves its URLs inside
`urls_for(request)`: one read of the site root paths per feed, not one per item (issue 12).
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags

from blog.models import BlogIndexPage, BlogPostPage
from core.paths import urls_for
from news.models import NewsIndexPage, NewsPage
from people.models import PersonPage
from publications.models import PublicationIndexPage, PublicationPage
from research.models import ProjectPage, ResearchAreaPage

from .pages import frontend_base, frontend_url, site_pages


def _site_name():
    return getattr(settings, "WAGTAIL_SITE_NAME", "") or "Lab"


def _start_of_day(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time.min))


def stream_text(stream_value):
    """The words of a StreamField's prose (rich text and plain strings), without markup or internal links."""
    texts = []
    for child in stream_value or []:
        value = child.value
        source = getattr(value, "source", None)
        if source is not None:
            texts.append(strip_tags(source))
        elif isinstance(value, str):
            texts.append(strip_tags(value))
    return " ".join(" ".join(texts).split())


class SectionFeed(Feed):
    """A section's items (`model`), optionally narrowed to one research area or one project (the feed's object)."""

    feed_type = Rss201rev2Feed
    model = None
    index_model = None
    section_label = ""
    scope = None  # None, "area" or "project"

    def __call__(self, request, *args, **kwargs):
        # The whole feed is written here (Feed.__call__ returns a rendered response): every URL within the block.
        with urls_for(request):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug=None, short_name=None):
        if self.scope == "area":
            area = site_pages(ResearchAreaPage.objects.filter(slug=slug)).specific().first()
            if area is None:
                raise Http404("No public research area with this slug.")
            return area
        if self.scope == "project":
            # Short names are matched exactly, case included (AWQ is not awq).
            project = site_pages(ProjectPage.objects.filter(short_name=short_name)).specific().first()
            if project is None:
                raise Http404("No public project with this short name.")
            return project
        return None

    # The channel

    def title(self, obj):
        title = f"{_site_name()}: {self.section_label}"
        return f"{title}: {obj.short_name if self.scope == 'project' else obj.title}" if obj else title

    def link(self, obj):
        if obj is not None:
            return frontend_url(obj) or f"{frontend_base()}/"
        index = site_pages(self.index_model.objects.all()).first()
        return (frontend_url(index) if index else None) or f"{frontend_base()}/"

    def description(self, obj):
        what = f"{self.section_label} of {_site_name()}"
        if self.scope == "area" and obj:
            return f"{what} in {obj.title}"
        if self.scope == "project" and obj:
            return f"{what} about {obj.short_name}"
        return what

    subtitle = description

    def items(self, obj):
        queryset = site_pages(self.model.objects.all())
        if self.scope == "area":
            queryset = queryset.filter(research_areas=obj)
        elif self.scope == "project":
            queryset = queryset.filter(self.project_filter(obj))
        return queryset.distinct().order_by("-date", "-pk")[: settings.FEEDS_MAX_ITEMS]

    def project_filter(self, project):
        return Q(projects=project)

    # Each item

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return frontend_url(item)

    def item_guid(self, item):
        return frontend_url(item)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return _start_of_day(item.date)

    def item_updateddate(self, item):
        return item.last_published_at


class BlogFeed(SectionFeed):
    model = BlogPostPage
    index_model = BlogIndexPage
    section_label = "Blog"

    def items(self, obj):
        return super().items(obj).prefetch_related("authors__person", "tagged_items__tag")

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return ", ".join(author.public_name for author in item.public_authors()) or None

    def item_categories(self, item):
        return item.tag_names


class NewsFeed(SectionFeed):
    model = NewsPage
    index_model = NewsIndexPage
    section_label = "News"

    def project_filter(self, project):
        return Q(projects=project) | Q(project=project)

    def item_description(self, item):
        return stream_text(item.body)

    def item_categories(self, item):
        return [item.get_kind_display()]


class PublicationFeed(SectionFeed):
    """The lab's publications, newest first; per project (short name) or per person (an author, by slug)."""

    model = PublicationPage
    index_model = PublicationIndexPage
    section_label = "Publications"

    def get_object(self, request, slug=None, short_name=None):
        if self.scope != "person":
            return super().get_object(request, slug=slug, short_name=short_name)
        person = site_pages(PersonPage.objects.filter(slug=slug)).specific().first()
        if person is None:
            raise Http404("No public person with this slug.")
        return person

    def title(self, obj):
        return f"{_site_name()}: {self.section_label}: {obj.title}" if self.scope == "person" else super().title(obj)

    def description(self, obj):
        if self.scope == "person":
            return f"{self.section_label} of {_site_name()} by {obj.title}"
        return super().description(obj)

    subtitle = description

    def items(self, obj):
        queryset = site_pages(self.model.objects.all())
        if self.scope == "project":
            queryset = queryset.filter(projects=obj)
        elif self.scope == "person":
            queryset = queryset.filter(authors__person=obj)
        queryset = queryset.distinct().order_by(
            F("year").desc(nulls_last=True), F("publication_date").desc(nulls_last=True), "title"
        )
        return queryset.prefetch_related("authors__person")[: settings.FEEDS_MAX_ITEMS]

    def item_description(self, item):
        return item.abstract

    def item_author_name(self, item):
        return ", ".join(author.public_name for author in item.public_authors()) or None

    def item_categories(self, item):
        return [venue for venue in (item.venue_short or item.venue_name,) if venue]

    def item_pubdate(self, item):
        if item.publication_date:
            return _start_of_day(item.publication_date)
        if item.year:
            return _start_of_day(datetime.date(item.year, 1, 1))
        return item.first_published_at


def atom(feed_class):
    """The Atom 1.0 twin of an RSS feed class."""
    return type(f"{feed_class.__name__}Atom", (feed_class,), {"feed_type": Atom1Feed})


def scoped(feed_class, scope):
    return type(f"{feed_class.__name__}{(scope or '').title()}", (feed_class,), {"scope": scope})
