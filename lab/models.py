"""What belongs to the lab as a whole: industry partners, courses, and the lab's settings."""

from django.db import models
from grapple.models import GraphQLImage, GraphQLInt, GraphQLRichText, GraphQLString
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.graphql import GraphQLModelList


class IndustryPartner(index.Indexed, models.Model):
    """A company the lab works with, in the editors' order (drag to reorder in the snippet listing)."""

    public_content = True

    name = models.CharField(max_length=120)
    products = models.CharField(max_length=250, blank=True, help_text="Products or programmes, e.g. OpenVINO.")
    url = models.URLField(blank=True, max_length=500)
    logo = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    panels = [FieldPanel("name"), FieldPanel("products"), FieldPanel("url"), FieldPanel("logo")]
    search_fields = [index.SearchField("name"), index.SearchField("products")]
    graphql_fields = [
        GraphQLString("name", required=True),
        GraphQLString("products", required=True),
        GraphQLString("url", required=True),
        GraphQLImage("logo"),
        GraphQLInt("sort_order", required=True),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.products})" if self.products else self.name


class Course(index.Indexed, models.Model):
    public_content = True

    code = models.CharField(max_length=20, unique=True, help_text="E.g. 6.5940.")
    name = models.CharField(max_length=200)
    url = models.URLField(blank=True, max_length=500)
    term = models.CharField(max_length=60, blank=True, help_text="E.g. Fall 2025.")
    time = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=120, blank=True)
    notice = models.TextField(blank=True, help_text="Shown prominently, e.g. that the course is not offered.")

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("term"),
        FieldPanel("time"),
        FieldPanel("location"),
        FieldPanel("notice"),
    ]
    search_fields = [index.SearchField("code"), index.SearchField("name")]
    graphql_fields = [
        GraphQLString("code", required=True),
        GraphQLString("name", required=True),
        GraphQLString("url", required=True),
        GraphQLString("term", required=True),
        GraphQLString("time", required=True),
        GraphQLString("location", required=True),
        GraphQLString("notice", required=True),
    ]

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


@register_setting(icon="site")
class LabSettings(ClusterableModel, BaseSiteSetting):
    """The lab's contact details and recruiting text: in every page's header and footer, so a change is site-wide."""

    public_content = True
    site_wide = True

    contact_email = models.CharField(
        max_length=254,
        blank=True,
        help_text="The lab's contact address as the site shows it: an address, or a spelled-out form such as "
        "'FirstnameLastname [at] mit [dot] edu' that robots cannot harvest.",
    )
    office = models.CharField(max_length=120, blank=True)
    office_note = models.CharField(max_length=250, blank=True, help_text="A remark shown after the office.")
    recruiting_text = RichTextField(blank=True, features=["bold", "italic", "link"])
    recruiting_email = models.EmailField(
        blank=True, help_text="Where applicants write; shown with the recruiting text."
    )
    recruiting_form_url = models.URLField(
        blank=True, max_length=500, help_text="The recruiting form's address; the site links to it when set."
    )
    industry_impact_intro = models.TextField(
        blank=True, help_text="The sentence introducing the industry partners on the home page."
    )
    phd_applicants_note = models.TextField(blank=True)

    panels = [
        FieldPanel("contact_email"),
        FieldPanel("office"),
        FieldPanel("office_note"),
        FieldPanel("recruiting_text"),
        FieldPanel("recruiting_email"),
        FieldPanel("recruiting_form_url"),
        FieldPanel("industry_impact_intro"),
        FieldPanel("phd_applicants_note"),
        InlinePanel("social_links", label="Social link"),
    ]
    graphql_fields = [
        GraphQLString("contact_email", required=True),
        GraphQLString("office", required=True),
        GraphQLString("office_note", required=True),
        GraphQLRichText("recruiting_text", required=True),
        GraphQLString("recruiting_email", required=True),
        GraphQLString("recruiting_form_url", required=True),
        GraphQLString("industry_impact_intro", required=True),
        GraphQLString("phd_applicants_note", required=True),
        GraphQLModelList("social_links", "lab.SocialLink"),
    ]

    class Meta:
        verbose_name = "lab settings"


class SocialLink(Orderable):
    settings = ParentalKey(LabSettings, on_delete=models.CASCADE, related_name="social_links")
    label = models.CharField(max_length=40, help_text="E.g. YouTube, X, GitHub.")
    url = models.URLField(max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
    graphql_fields = [GraphQLString("label", required=True), GraphQLString("url", required=True)]
