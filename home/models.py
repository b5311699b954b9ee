from django.db import models
from grapple.models import GraphQLImage, GraphQLRichText, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BaseStreamBlock, FeaturedPageBlock
from core.graphql import GraphQLModelList, GraphQLStreamBlocks
from core.models import LabPage


class HomeStreamBlock(BaseStreamBlock):
    """Home sections: article blocks plus cards featuring other pages."""

    featured_page = FeaturedPageBlock()


class HomeFeaturedResearchArea(Orderable):
    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_research_areas")
    research_area = models.ForeignKey("research.ResearchAreaPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("research_area")]


class HomePage(LabPage):
    """The site's root: the lab's identity, its sections and the research areas it features."""

    lab_name = models.CharField(max_length=120, help_text="E.g. MIT HAN Lab.")
    tagline = models.CharField(max_length=250, blank=True, help_text="One line under the lab's name.")
    about = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    hero_image = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(HomeStreamBlock(), blank=True)

    content_panels = [
        *LabPage.content_panels,
        MultiFieldPanel([FieldPanel("lab_name"), FieldPanel("tagline"), FieldPanel("hero_image")], heading="Lab"),
        FieldPanel("about"),
        InlinePanel("featured_research_areas", label="Featured research area", heading="Featured research areas"),
        FieldPanel("body"),
    ]
    search_fields = [*LabPage.search_fields, index.SearchField("about")]
    graphql_fields = [
        GraphQLString("lab_name", required=True),
        GraphQLString("tagline", required=True),
        GraphQLRichText("about", required=True),
        GraphQLImage("hero_image"),
        GraphQLStreamBlocks("body", HomeStreamBlock),
        GraphQLModelList(
            "featured_research_areas", "research.ResearchAreaPage", source="public_featured_research_areas"
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["research.ResearchAreaIndexPage", "blog.BlogIndexPage", "news.NewsIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def public_featured_research_areas(self, info, **kwargs):
        chosen = self.featured_research_areas.select_related("research_area")
        return [item.research_area for item in chosen if self.public_page(item.research_area)]
