import graphene
from django import forms
from django.db import models
from grapple.models import GraphQLField, GraphQLForeignKey, GraphQLRichText, GraphQLString
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import ShortStreamBlock
from core.graphql import GraphQLModelList, GraphQLStreamBlocks
from core.models import LabPage


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


class NewsIndexPage(LabPage):
    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*LabPage.content_panels, FieldPanel("intro")]
    graphql_fields = [GraphQLRichText("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count = 1

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
    kind = models.CharField(max_length=20, choices=NewsKind.choices, default=NewsKind.ANNOUNCEMENT)
    body = StreamField(ShortStreamBlock(), blank=True, help_text="A sentence or two; links go below.")
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="news_items")
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
        MultiFieldPanel([FieldPanel("date"), FieldPanel("kind")], heading="What and when"),
        FieldPanel("body"),
        InlinePanel("links", label="Link"),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_blog_post"),
    ]
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("kind"),
    ]
    graphql_fields = [
        GraphQLField("date", graphene.Date, required=True),
        GraphQLString("kind", required=True, description="paper, award, talk, blog, announcement or release."),
        GraphQLStreamBlocks("body", ShortStreamBlock),
        GraphQLModelList("links", "news.NewsLink"),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLForeignKey("related_blog_post", "blog.BlogPostPage", source="public_related_blog_post"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news item"

    @property
    def public_related_blog_post(self):
        return self.public_page(self.related_blog_post)

    def public_research_areas(self, info, **kwargs):
        return [area for area in self.research_areas.all() if self.public_page(area)]
