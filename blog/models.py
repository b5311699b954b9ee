import graphene
from django import forms
from django.db import models
from grapple.models import GraphQLBoolean, GraphQLField, GraphQLForeignKey, GraphQLImage, GraphQLInt, GraphQLString
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.graphql import GraphQLModelList, GraphQLStreamBlocks, GraphQLStringList
from core.models import BylineAuthor, IndexPage, LabPage, section_index
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import dated_article_json_ld, join_text, organization, person_reference, stream_text

from .reading import reading_minutes


class BlogIndexPage(IndexPage):
    subpage_types = ["blog.BlogPostPage"]

    class Meta:
        verbose_name = "blog index"


class BlogPostTag(TaggedItemBase):
    content_object = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="tagged_items")


class BlogPostAuthor(BylineAuthor, Orderable):
    """An author in byline order: a person of the lab (linked, while their page is public) or a typed name
    (core.models.BylineAuthor says what the public sees). The person is referred to by label: blog imports no app."""

    page = ParentalKey("blog.BlogPostPage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("people.PersonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=120, blank=True, help_text="Used when the author has no page of their own.")

    panels = [FieldPanel("person"), FieldPanel("name")]
    graphql_fields = [
        GraphQLString("name", required=True, source="public_name"),
        GraphQLForeignKey("person", "people.PersonPage", source="public_person"),
    ]

    def __str__(self):
        """The name editors see (the importer matches on it); the public sees `public_name`."""
        return self.person.title if self.person else self.name


class BlogPostPage(LabPage):
    date = models.DateField("publication date", help_text="Shown on the post; listings sort by it.")
    summary = models.TextField(max_length=600, help_text="The TL;DR: two or three sentences shown above the post.")
    hero_image = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BaseStreamBlock())
    tags = ClusterTaggableManager(through=BlogPostTag, blank=True)
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="blog_posts")
    projects = ParentalManyToManyField("research.ProjectPage", blank=True, related_name="blog_posts")
    is_sample = models.BooleanField(
        default=False,
        help_text="Sample content (content/demo) showing the blocks, not the lab's own: marked so everywhere.",
    )
    reading_time = models.PositiveIntegerField(
        default=1, editable=False, help_text="Minutes, from the body's word count; set whenever the post is saved."
    )

    content_panels = [
        *LabPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), InlinePanel("authors", label="Author", min_num=1), FieldPanel("tags")],
            heading="Byline",
        ),
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("projects"),
        FieldPanel("is_sample"),
    ]
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    graphql_fields = [
        GraphQLField("date", graphene.Date, required=True),
        GraphQLModelList("authors", "blog.BlogPostAuthor", source="public_authors"),
        GraphQLString("summary", required=True),
        GraphQLImage("hero_image"),
        GraphQLStreamBlocks("body", BaseStreamBlock),
        GraphQLStringList("tags", source="tag_names"),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLModelList("projects", "research.ProjectPage", source="public_projects"),
        GraphQLInt("reading_time", required=True, description="Minutes, derived from the body's word count."),
        GraphQLBoolean("is_sample", required=True, description="Sample content showing the blocks, not the lab's."),
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    # Tags are read through the tagged items (`tag_names`): prefetched with their tags in one query, where taggit's
    # own prefetch builds a filtered queryset per post (~70 µs each).
    graphql_reads = {
        "tags": ("tagged_items__tag",),
        "seo": ("authors__person", "tagged_items__tag", "hero_image__renditions"),
    }
    # What its heavier fields cost per post, in units of the limits' cost (graphql_api.validation, measured by
    # tests/graphql_api/test_work.py).
    graphql_work = {"body": 10, "tags": 8}

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "blog post"
        # Listings sort newest first; without it PostgreSQL sorts every row to return one page of 20.
        indexes = [models.Index(fields=["-date"], name="blog_newest_first")]

    def get_admin_display_title(self):
        """The page tree and listings say which posts are samples, not the lab's own."""
        title = super().get_admin_display_title()
        return f"{title} [sample]" if self.is_sample else title

    def full_clean(self, *args, **kwargs):
        """A revision (and so a preview) is cleaned, not saved: its reading time is set here too."""
        self.reading_time = reading_minutes(self.body)
        super().full_clean(*args, **kwargs)

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is None or "body" in update_fields:
            self.reading_time = reading_minutes(self.body)
            update_fields = None if update_fields is None else {*update_fields, "reading_time"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def tag_names(self):
        """Alphabetical, everywhere tags are shown: their order in the database differs between SQLite and
        PostgreSQL."""
        return sorted((item.tag.name for item in self.tagged_items.all()), key=str.casefold)

    def public_authors(self, info=None, **kwargs):
        """The authors the public may see (grapple calls a callable `source` with `info`)."""
        return [author for author in self.authors.all() if author.public_name]

    def public_projects(self, info, **kwargs):
        return [project for project in self.projects.all() if self.public_page(project)]

    def public_research_areas(self, info, **kwargs):
        return [area for area in self.research_areas.all() if self.public_page(area)]

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "article"

    def seo_summary(self):
        return self.summary or stream_text(self.body)

    def json_ld_data(self):
        data = dated_article_json_ld(self, "BlogPosting")
        data["author"] = [person_reference(a.public_name, a.public_person) for a in self.public_authors()]
        if tags := self.tag_names:
            data["keywords"] = ", ".join(tags)
        data["publisher"] = organization(self)
        return data

    # How it is found (graphql_api.search reads these).

    search_result_type = "BlogPostPage"
    search_result_order = 30

    search_hit_reads = ("tagged_items__tag",)  # what the snippet reads (graphql_api.search)

    def search_hit_text(self):
        return join_text(self.summary, stream_text(self.body), ", ".join(self.tag_names))

    # What else a change shows on (core.affected and the cache read these).

    def affected_pages(self):
        """The blog index, the areas and projects that list the post, and the news items announcing it."""
        news_items = list(self.news_items.all())
        yield BlogIndexPage.first_in_tree()
        yield from self.research_areas.all()
        yield from self.projects.all()
        yield from news_items
        if news_items:
            yield section_index("news.NewsIndexPage")
