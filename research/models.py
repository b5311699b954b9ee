from django.db import models
from grapple.models import GraphQLImage, GraphQLRichText, GraphQLString
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.graphql import GraphQLStreamBlocks
from core.models import LabPage


class ResearchAreaIndexPage(LabPage):
    """The list of the lab's research areas; their order is the editors' order in the page tree."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*LabPage.content_panels, FieldPanel("intro")]
    graphql_fields = [GraphQLRichText("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["research.ResearchAreaPage"]
    max_count = 1

    class Meta:
        verbose_name = "research area index"


class ResearchAreaPage(LabPage):
    summary = models.TextField(max_length=600, help_text="One or two sentences shown in listings and link previews.")
    image = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = [
        *LabPage.content_panels,
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [*LabPage.search_fields, index.SearchField("summary"), index.SearchField("body")]
    graphql_fields = [
        GraphQLString("summary", required=True),
        GraphQLImage("image"),
        GraphQLStreamBlocks("body", BaseStreamBlock),
    ]

    parent_page_types = ["research.ResearchAreaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "research area"
