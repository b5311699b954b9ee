import graphene
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from grapple.models import GraphQLField, GraphQLForeignKey, GraphQLString
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import ShortStreamBlock
from core.dates import date_precision_field
from core.graphql import GraphQLModelList, GraphQLStreamBlocks
from core.models import IndexPage, LabPage
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import dated_article_json_ld, join_text, organization, stream_text


class NewsKind(models.TextChoices):
    PAPER = "paper", "Paper"
    AWARD = "award", "Award"
    TALK = "talk", "Talk"
    BLOG = "blog", "Blog post"
    ANNOUNCEMENT = "announcement", "Announcement"
    RELEASE = "release", "Release"


class LinkLabel(models.TextChoices):
    PAPER = "Paper"
    CODE = "Code"
    VIDEO = "Video"
    SLIDES = "Slides"
    MEDIA = "Media"
    EVENT = "Event"
    DEMO = "Demo"


class NewsIndexPage(IndexPage):
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "news index"


class NewsLink(Orderable):
    """A labelled external link under a news item: Paper, Code, Video, Slides ..."""

    page = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=20, choices=LinkLabel.choices)
    url = models.URLField(max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
    graphql_fields = [GraphQLString("label", required=True), GraphQLString("url", required=True)]

    def __str__(self):
        return f"{self.label}: {self.url}"


class NewsPage(LabPage):
    date = models.DateField(help_text="The day the news happened; listings sort by it.")
    date_precision = date_precision_field()
    kind = models.CharField(max_length=20, choices=NewsKind.choices, default=NewsKind.ANNOUNCEMENT)
    body = StreamField(ShortStreamBlock(), blank=True, help_text="A sentence or two; links go below.")
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="news_items")
    projects = ParentalManyToManyField("research.ProjectPage", blank=True, related_name="news_items")
    courses = ParentalManyToManyField(
        "lab.Course", blank=True, related_name="news_items", help_text="Courses the item is tagged with, e.g. 6.5940."
    )
    venue = models.CharField(max_length=120, blank=True, help_text="For a paper: where it appears, e.g. MLSys 2024.")
    venue_date = models.DateField(
        null=True,
        blank=True,
        help_text="For a paper: when the venue takes place; decides 'appears at' or 'to appear at'.",
    )
    honor = models.ForeignKey(
        "people.Honor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text="For an award item: the honor it announces.",
    )
    competition_award = models.ForeignKey(
        "people.CompetitionAward", null=True, blank=True, on_delete=models.SET_NULL, related_name="news_items"
    )
    talk = models.ForeignKey("people.Talk", null=True, blank=True, on_delete=models.SET_NULL, related_name="news_items")
    project = models.ForeignKey(
        "research.ProjectPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
        help_text="For a paper or release: the project it announces.",
    )
    # By label, like every link here: news imports no other content app, and publications reach their announcements
    # through the reverse accessor (PublicationPage.announcements) without importing news.
    publication = models.ForeignKey(
        "publications.PublicationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="announcements",
        help_text="For a paper: the publication it announces.",
    )
    related_blog_post = models.ForeignKey(
        "blog.BlogPostPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text="For a blog-post announcement: the post it announces.",
    )

    content_panels = [
        *LabPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("date_precision"), FieldPanel("kind")], heading="What and when"
        ),
        FieldPanel("body"),
        InlinePanel("links", label="Link"),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("projects", heading="Related projects", help_text="Projects the item is listed under."),
        FieldPanel("courses", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("publication"), FieldPanel("venue"), FieldPanel("venue_date")], heading="Paper"),
        MultiFieldPanel(
            [
                FieldPanel("honor"),
                FieldPanel("competition_award"),
                FieldPanel("talk"),
                FieldPanel("project", heading="Announced project", help_text="For a paper or release: the project."),
                FieldPanel("related_blog_post"),
            ],
            heading="What it announces",
        ),
    ]
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    graphql_fields = [
        GraphQLField("date", graphene.Date, required=True),
        GraphQLString("date_precision", required=True, description="year, month or day: how much of `date` to show."),
        GraphQLString("kind", required=True, description="paper, award, talk, blog, announcement or release."),
        GraphQLStreamBlocks("body", ShortStreamBlock),
        GraphQLModelList("links", "news.NewsLink"),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLForeignKey("related_blog_post", "blog.BlogPostPage", source="public_related_blog_post"),
        GraphQLModelList("projects", "research.ProjectPage", source="public_projects"),
        GraphQLModelList("courses", "lab.Course"),
        GraphQLString("venue", required=True),
        GraphQLString(
            "venue_phrase", source="venue_phrase", description="'appears at' or 'to appear at', derived from the dates."
        ),
        GraphQLForeignKey("honor", "people.Honor"),
        GraphQLForeignKey("competition_award", "people.CompetitionAward"),
        GraphQLForeignKey("talk", "people.Talk"),
        GraphQLForeignKey("project", "research.ProjectPage", source="public_project"),
        GraphQLForeignKey(
            "publication",
            "publications.PublicationPage",
            source="public_publication",
            description="For a paper: the publication it announces, while it is public.",
        ),
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {"venue_phrase": (), "seo": ()}

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news item"
        # Listings sort newest first; without it PostgreSQL sorts every row to return one page of 20.
        indexes = [models.Index(fields=["-date"], name="news_newest_first")]

    @property
    def public_related_blog_post(self):
        return self.public_page(self.related_blog_post)

    @property
    def public_project(self):
        return self.public_page(self.project)

    @property
    def public_publication(self):
        return self.public_page(self.publication)

    def clean(self):
        super().clean()
        if self.publication_id and self.kind != NewsKind.PAPER:
            raise ValidationError(
                {"publication": "Only a paper news item announces a publication: set the kind to Paper, or clear it."}
            )

    @property
    def venue_phrase(self):
        """Derived, never stored: a venue still ahead of today is one the paper is "to appear at"."""
        if not self.venue:
            return None
        return "to appear at" if (self.venue_date or self.date) > timezone.localdate() else "appears at"

    def public_projects(self, info, **kwargs):
        return [project for project in self.projects.all() if self.public_page(project)]

    def public_research_areas(self, info, **kwargs):
        return [area for area in self.research_areas.all() if self.public_page(area)]

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "article"

    def seo_summary(self):
        return stream_text(self.body)

    def json_ld_data(self):
        data = dated_article_json_ld(self, "NewsArticle")
        data["publisher"] = organization(self)
        return data

    # How it is found (graphql_api.search reads these).

    search_result_type = "NewsPage"
    search_result_order = 40

    def search_hit_text(self):
        return join_text(stream_text(self.body), self.venue)

    # What else a change shows on (core.affected and the cache read these).

    def affected_pages(self):
        """The news index, and the areas and projects that list the item or that it announces."""
        yield NewsIndexPage.first_in_tree()
        yield from self.research_areas.all()
        yield from self.projects.all()
        if self.project_id:
            yield self.project
