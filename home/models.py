from django.apps import apps
from django.conf import settings
from django.db import models
from grapple.models import GraphQLImage, GraphQLRichText, GraphQLString
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BaseStreamBlock, FeaturedPageBlock, RecentWorkBlock
from core.graphql import GraphQLModelList, GraphQLStreamBlocks
from core.models import LabPage
from core.visibility import public_pages
from graphql_api.arguments import checked_size
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import json_ld_base, open_graph_image, plain_text


def honors():
    """people's Honor, by label: content apps do not import each other (nor lab's IndustryPartner, below)."""
    return apps.get_model("people.Honor")


def lead_honor_ids():
    """A subquery: the honors whose recipients include the lab's head (role PI)."""
    return honors().lead_ids()


class HomeStreamBlock(BaseStreamBlock):
    """Home sections: article blocks plus cards featuring other pages."""

    featured_page = FeaturedPageBlock()


class RecentWorkStreamBlock(blocks.StreamBlock):
    theme = RecentWorkBlock()


class HomeFeaturedResearchArea(Orderable):
    page = ParentalKey("home.HomePage", on_delete=models.CASCADE, related_name="featured_research_areas")
    research_area = models.ForeignKey("research.ResearchAreaPage", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("research_area")]


class HomePage(LabPage):
    """The site's root: the lab's identity, its sections and the research areas it features."""

    site_wide = True  # its lab name and image are on every page (webhooks.affected)

    lab_name = models.CharField(max_length=120, help_text="E.g. MIT HAN Lab.")
    tagline = models.CharField(max_length=250, blank=True, help_text="One line under the lab's name.")
    about = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    hero_image = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(HomeStreamBlock(), blank=True)
    profile_name = models.CharField(max_length=120, blank=True, help_text="The lab head's name, e.g. Song Han.")
    profile_title = models.CharField(max_length=200, blank=True, help_text="E.g. Associate Professor, MIT EECS.")
    profile_photo = models.ForeignKey(
        "core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recent_work = StreamField(RecentWorkStreamBlock(), blank=True, help_text="Themes of recent work, with projects.")

    content_panels = [
        *LabPage.content_panels,
        MultiFieldPanel([FieldPanel("lab_name"), FieldPanel("tagline"), FieldPanel("hero_image")], heading="Lab"),
        MultiFieldPanel(
            [FieldPanel("profile_name"), FieldPanel("profile_title"), FieldPanel("profile_photo")], heading="Profile"
        ),
        FieldPanel("about"),
        FieldPanel("recent_work"),
        InlinePanel("featured_research_areas", label="Research interest", heading="Research interests"),
        FieldPanel("body"),
    ]
    search_fields = [*LabPage.search_fields, index.SearchField("about")]
    graphql_fields = [
        GraphQLString("lab_name", required=True),
        GraphQLString("tagline", required=True),
        GraphQLRichText("about", required=True),
        GraphQLImage("hero_image"),
        GraphQLStreamBlocks("body", HomeStreamBlock),
        GraphQLString("profile_name", required=True),
        GraphQLString("profile_title", required=True),
        GraphQLImage("profile_photo"),
        GraphQLStreamBlocks("recent_work", RecentWorkStreamBlock),
        GraphQLModelList("honors", "people.Honor", source="all_honors", description="Newest first."),
        GraphQLModelList(
            "lead_honors",
            "people.Honor",
            source="lead_honors",
            description="The lab head's honors and awards (a recipient is the PI), newest first.",
        ),
        GraphQLModelList(
            "member_honors",
            "people.Honor",
            source="member_honors",
            description="Student and team honors: every honor the PI is not a recipient of, newest first.",
        ),
        GraphQLModelList("competition_awards", "people.CompetitionAward", source="all_competition_awards"),
        GraphQLModelList("industry_partners", "lab.IndustryPartner", source="all_industry_partners"),
        GraphQLModelList(
            "open_source_projects",
            "research.ProjectPage",
            source="open_source_projects",
            limited=True,
            description="Projects with at least OPEN_SOURCE_MIN_STARS GitHub stars, most starred first: the first "
            "`limit` of them.",
        ),
        GraphQLModelList(
            "featured_research_areas", "research.ResearchAreaPage", source="public_featured_research_areas"
        ),
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    # The lab's sections are lists with queries of their own, for the one home page.
    graphql_reads = {
        "honors": (),
        "lead_honors": (),
        "member_honors": (),
        "competition_awards": (),
        "industry_partners": (),
        "open_source_projects": (),
        "featured_research_areas": (),  # its own query: the areas with their images (public_featured_research_areas)
        "seo": ("hero_image__renditions",),
    }

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "research.ResearchAreaIndexPage",
        "research.ProjectIndexPage",
        "people.PeopleIndexPage",
        "blog.BlogIndexPage",
        "news.NewsIndexPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "home page"

    def all_honors(self, info, **kwargs):
        return honors().for_listing()

    def lead_honors(self, info, **kwargs):
        return honors().for_listing().filter(pk__in=lead_honor_ids())

    def member_honors(self, info, **kwargs):
        return honors().for_listing().exclude(pk__in=lead_honor_ids())

    def all_competition_awards(self, info, **kwargs):
        return apps.get_model("people.CompetitionAward").for_listing()

    def all_industry_partners(self, info, **kwargs):
        return apps.get_model("lab.IndustryPartner").objects.select_related("logo")

    def open_source_projects(self, info, limit=None, **kwargs):
        # By label: home imports no other content app's models (research's projects are looked up when asked for).
        projects = apps.get_model("research.ProjectPage").objects.filter(
            github_stars__gte=settings.OPEN_SOURCE_MIN_STARS
        )
        ordered = public_pages(projects).order_by("-github_stars", "title", "pk")
        return ordered[: checked_size("limit", limit)]

    def public_featured_research_areas(self, info, **kwargs):
        chosen = self.featured_research_areas.select_related("research_area__image").prefetch_related(
            "research_area__image__renditions"
        )
        return [item.research_area for item in chosen if self.public_page(item.research_area)]

    # What the page's `<head>` says (scholarly.metadata reads these).

    def seo_summary(self):
        return self.tagline or plain_text(self.about)

    def json_ld_data(self):
        data = json_ld_base(self, "Organization")
        data["name"] = self.lab_name or self.title
        data["url"] = f"{settings.FRONTEND_BASE_URL}/"
        if image := open_graph_image(self):
            data["logo"] = image["url"]
        if self.profile_name:
            data["founder"] = {"@type": "Person", "name": self.profile_name}
        return data
