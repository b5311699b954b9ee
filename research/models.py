import graphene
from django import forms
from django.core.validators import RegexValidator
from django.db import models
from grapple.models import (
    GraphQLField,
    GraphQLImage,
    GraphQLInt,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import LINK_KINDS, BaseStreamBlock
from core.graphql import RELATED_PAGES_SHOWN, GraphQLModelList, GraphQLStreamBlocks
from core.models import IndexPage, KindLink, LabPage, section_index
from graphql_api.arguments import checked_size
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import frontend_url, join_text, json_ld_base, organization, stream_text

PROJECT_LINK_KINDS = [
    kind for kind in LINK_KINDS if kind[0] in {"paper", "code", "demo", "video", "slides", "huggingface", "website"}
]


class ResearchAreaIndexPage(IndexPage):
    """The list of the lab's research areas; their order is the editors' order in the page tree."""

    subpage_types = ["research.ResearchAreaPage"]

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
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {"seo": ("image__renditions",)}

    parent_page_types = ["research.ResearchAreaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "research area"

    # What the page's `<head>` says (scholarly.metadata reads these).

    def seo_summary(self):
        return self.summary or stream_text(self.body)

    # How it is found (graphql_api.search reads these).

    search_result_type = "ResearchAreaPage"
    search_result_order = 50

    search_hit_reads = ()  # what the snippet reads (graphql_api.search)

    def search_hit_text(self):
        return join_text(self.summary, stream_text(self.body))

    # What else a change shows on (core.affected and the cache read these).

    def affected_pages(self):
        """The area index, the blog and news indexes (they filter by area), and what the area lists."""
        yield ResearchAreaIndexPage.first_in_tree()
        yield section_index("blog.BlogIndexPage")
        yield section_index("news.NewsIndexPage")
        yield from self.projects.all()
        yield from self.blog_posts.all()
        yield from self.news_items.all()


class ProjectIndexPage(IndexPage):
    """All projects, at /projects/; a project's page is /projects/<slug>/."""

    subpage_types = ["research.ProjectPage"]

    class Meta:
        verbose_name = "project index"


class ProjectLink(KindLink):
    page = ParentalKey("research.ProjectPage", on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=PROJECT_LINK_KINDS)


class ProjectPage(LabPage):
    """A project of the lab: what it is, its code and links, and its papers, which are Publications linked to it
    (`publications`); a project holds no paper of its own, so a paper's title, authors, venue, DOI and BibTeX have one
    home."""

    short_name = models.CharField(
        max_length=40, unique=True, help_text="The tag news items carry, e.g. AWQ, SmoothQuant, StreamingLLM."
    )
    summary = models.TextField(max_length=1000, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the project first appeared; listings sort by it."
    )
    github_repo = models.CharField(
        max_length=140,
        blank=True,
        validators=[RegexValidator(r"^[\w.-]+/[\w.-]+$", "Use the owner/name form, e.g. mit-han-lab/llm-awq.")],
        help_text="owner/name on GitHub.",
    )
    github_stars = models.PositiveIntegerField(null=True, blank=True, help_text="Refreshed from GitHub.")
    github_stars_refreshed_at = models.DateTimeField(null=True, blank=True)
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="projects")

    content_panels = [
        *LabPage.content_panels,
        FieldPanel("short_name"),
        FieldPanel("summary"),
        FieldPanel("year"),
        InlinePanel("links", label="Link", heading="Links"),
        MultiFieldPanel([FieldPanel("github_repo"), FieldPanel("github_stars", read_only=True)], heading="GitHub"),
        FieldPanel("body"),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("short_name", boost=3),
        index.AutocompleteField("short_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    graphql_fields = [
        GraphQLString("short_name", required=True),
        GraphQLString("summary", required=True),
        GraphQLStreamBlocks("body", BaseStreamBlock),
        GraphQLInt("year"),
        GraphQLModelList("links", "research.ProjectLink"),
        GraphQLString("github_repo", required=True),
        GraphQLString("github_url", source="github_url"),
        GraphQLInt("github_stars"),
        GraphQLField("github_stars_refreshed_at", graphene.DateTime),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLModelList(
            "publications",
            "publications.PublicationPage",
            source="public_publications",
            limited=True,
            default_limit=RELATED_PAGES_SHOWN,
            description="The project's public publications, newest first: the first `limit`.",
        ),
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {
        "github_url": (),
        "seo": ("links", "publications"),
    }

    parent_page_types = ["research.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "project"

    def __str__(self):
        return self.short_name or self.title

    @property
    def github_url(self):
        return f"https://github.com/{self.github_repo}" if self.github_repo else None

    # What the page's `<head>` says (scholarly.metadata reads these).

    def seo_summary(self):
        return self.summary or stream_text(self.body)

    def json_ld_data(self):
        """A ResearchProject; its public publications are the works about it (`subjectOf`), its code and links
        `sameAs`. The papers' own ScholarlyArticle data is on their pages."""
        data = json_ld_base(self, "ResearchProject")
        data["name"] = self.title
        if self.short_name != self.title:
            data["alternateName"] = self.short_name
        data["parentOrganization"] = organization(self)
        # Once each: a code link is often the GitHub repository itself.
        if same_as := list(
            dict.fromkeys(url for url in (self.github_url, *(link.url for link in self.links.all())) if url)
        ):
            data["sameAs"] = same_as
        if papers := self.public_publications():
            data["subjectOf"] = [
                {"@type": "ScholarlyArticle", "name": paper.title, "url": frontend_url(paper)} for paper in papers
            ]
        return data

    # How it is found (graphql_api.search reads these).

    search_result_type = "ProjectPage"
    search_result_order = 10

    search_hit_reads = ()  # what the snippet reads (graphql_api.search)

    def search_hit_text(self):
        return join_text(self.summary, stream_text(self.body))

    # What else a change shows on (core.affected and the cache read these).

    def affected_pages(self):
        """The project index, and the areas, posts, news items and publications that list or announce the project."""
        yield ProjectIndexPage.first_in_tree()
        yield from self.research_areas.all()
        yield from self.blog_posts.all()
        yield from self.news_items.all()
        yield from self.announcements.all()
        yield from self.publications.all()

    def with_content_json(self, content):
        """A revision never brings back an old star count: `refresh_github_stars` writes the count to the page's row
        only, so a revision (published, previewed or edited) takes the row's count and refresh time, read afresh."""
        page = super().with_content_json(content)
        row = ProjectPage.objects.filter(pk=self.pk).values("github_stars", "github_stars_refreshed_at").first()
        current = row or {
            "github_stars": self.github_stars,
            "github_stars_refreshed_at": self.github_stars_refreshed_at,
        }
        page.github_stars = current["github_stars"]
        page.github_stars_refreshed_at = current["github_stars_refreshed_at"]
        return page

    def public_research_areas(self, info, **kwargs):
        return [area for area in self.research_areas.all() if self.public_page(area)]

    def public_publications(self, info=None, limit=None, **kwargs):
        """The publications app's pages linked to this project (by their label; research imports nothing of it)."""
        public = [page for page in self.publications.all() if self.public_page(page)]
        # An explicit `limit: null` is the default, never "all": the cost limit counted the default.
        newest_first = sorted(public, key=lambda page: (-(page.year or 0), page.title))
        return newest_first[: checked_size("limit", limit, RELATED_PAGES_SHOWN)]
