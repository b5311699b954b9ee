"""Wagtail's REST API v2 for blog posts: the baseline the GraphQL blog listing is measured against.

`/api/v2/pages/?type=blog.BlogPostPage&fields=...&order=-date&limit=20` answers with what the frontend's blog card
(`BlogPostCardFields`) shows: title, URL, date, summary, reading time, tags, authors, research areas (title, slug,
URL; public ones only) and the hero image as the two renditions of the card's srcset (320 and 640 wide, through
Wagtail's `ImageRenditionField`).

Two endpoints serve it:

- `pages`: the fair baseline. Its queryset joins and prefetches what the fields read (the hero image and its
  renditions, authors, tags, public research areas), as `graphql_api.listings` does for GraphQL, so both APIs run
  a constant number of SQL queries per listing.
- `stock-pages`: the same fields without prefetching (one query per post for each relation), which is what a
  Wagtail REST API gets out of the box; shown for reference only.

The fields are declared here, on the viewset, rather than as `api_fields` on the models: the project does not serve
the REST API, only the benchmark does.
"""

from django.db.models import Prefetch
from rest_framework.fields import Field
from wagtail.api import APIField
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.fields import ImageRenditionField

from blog.models import BlogPostPage
from core.visibility import public_pages
from research.models import ResearchAreaPage

FIELDS = "date,summary,reading_time,tags,authors,research_areas,hero_image_320,hero_image_640"
LISTING_PATH = f"/api/v2/pages/?type=blog.BlogPostPage&fields={FIELDS}&order=-date&limit=20"
STOCK_LISTING_PATH = LISTING_PATH.replace("/pages/", "/stock-pages/")


class AuthorNamesField(Field):
    """`[{"name": ...}]` in byline order, like `authors { name }`."""

    def to_representation(self, authors):
        return [{"name": author.name} for author in authors.all()]


class TagNamesField(Field):
    """Tag names, sorted. Wagtail's own `TagsField` re-queries every page's tags even when they are prefetched."""

    def to_representation(self, tags):
        return sorted(tag.name for tag in tags.all())


class PublicResearchAreasField(Field):
    """Public research areas with their site URL, like `researchAreas { title slug url }`."""

    def to_representation(self, areas):
        request = self.context["request"]
        if self.source in getattr(areas.instance, "_prefetched_objects_cache", {}):
            pages = areas.all()
        else:
            pages = public_pages(areas.all()).order_by("path")
        return [{"title": area.title, "slug": area.slug, "url": area.get_url(request)} for area in pages]


BLOG_POST_FIELDS = [
    APIField("date"),
    APIField("summary"),
    APIField("reading_time"),
    APIField("tags", serializer=TagNamesField()),
    APIField("authors", serializer=AuthorNamesField()),
    APIField("research_areas", serializer=PublicResearchAreasField()),
    APIField("hero_image_320", serializer=ImageRenditionField("width-320", source="hero_image")),
    APIField("hero_image_640", serializer=ImageRenditionField("width-640", source="hero_image")),
]


class StockPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, with the blog card's fields on blog posts."""

    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, BlogPostPage):
            fields += BLOG_POST_FIELDS
        return fields


class BenchPagesAPIViewSet(StockPagesAPIViewSet):
    """The same, reading each relation of the listed posts in one query."""

    def get_queryset(self):
        queryset = super().get_queryset()
        if queryset.model is BlogPostPage:
            areas = public_pages(ResearchAreaPage.objects.all()).order_by("path")
            queryset = queryset.select_related("hero_image").prefetch_related(
                "hero_image__renditions", "authors", "tags", Prefetch("research_areas", queryset=areas)
            )
        return queryset
