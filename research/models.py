import graphene
from django import forms
from django.core.validators import RegexValidator
from django.db import models
from grapple.models import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLImage,
    GraphQLInt,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from citations.csl import project_bibtex, project_csl
from citations.metadata import scholar_meta, scholarly_article_json_ld
from core.blocks import LINK_KINDS, BaseStreamBlock
from core.graphql import GraphQLModelList, GraphQLStreamBlocks
from core.models import IndexPage, KindLink, LabPage, section_index
from people.models import Byline
from scholarly.graphql import GraphQLScholarMeta, GraphQLSeo, meta_tags
from scholarly.metadata import frontend_url, join_text, stream_text

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


class ProjectAuthor(Orderable, Byline):
    """An author in byline order (people.models.Byline), marked * for equal contribution."""

    page = ParentalKey("research.ProjectPage", on_delete=models.CASCADE, related_name="authors")
    equal_contribution = models.BooleanField(default=False, help_text="Marked with * in the byline.")

    panels = [*Byline.panels, FieldPanel("equal_contribution")]
    graphql_fields = [*Byline.graphql_fields, GraphQLBoolean("equal_contribution", required=True)]


class ProjectLink(KindLink):
    page = ParentalKey("research.ProjectPage", on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=PROJECT_LINK_KINDS)


class ProjectPage(LabPage):
    short_name = models.CharField(
        max_length=40, unique=True, help_text="The tag news items carry, e.g. AWQ, SmoothQuant, StreamingLLM."
    )
    summary = models.TextField(max_length=1000, blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)
    affiliations = models.CharField(max_length=300, blank=True)
    venue = models.CharField(max_length=120, blank=True, help_text="E.g. MLSys 2024.")
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    github_repo = models.CharField(
        max_length=140,
        blank=True,
        validators=[RegexValidator(r"^[\w.-]+/[\w.-]+$", "Use the owner/name form, e.g. mit-han-lab/llm-awq.")],
        help_text="owner/name on GitHub.",
    )
    github_stars = models.PositiveIntegerField(null=True, blank=True, help_text="Refreshed from GitHub.")
    github_stars_refreshed_at = models.DateTimeField(null=True, blank=True)
    bibtex = models.TextField(blank=True)
    paper_title = models.CharField(
        max_length=255,
        blank=True,
        help_text="The paper's full title, when the page's title is the project's name. Citations use it.",
    )
    doi = models.CharField(
        "DOI",
        max_length=200,
        blank=True,
        validators=[RegexValidator(r"^10\.\d{4,9}/\S+$", "Type the DOI itself, e.g. 10.1145/3620666.3651335.")],
        help_text="E.g. 10.1145/3620666.3651335, without https://doi.org/.",
    )
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="projects")

    content_panels = [
        *LabPage.content_panels,
        FieldPanel("short_name"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("paper_title"),
                InlinePanel("authors", label="Author"),
                FieldPanel("affiliations"),
                FieldPanel("venue"),
                FieldPanel("year"),
                FieldPanel("doi"),
            ],
            heading="Publication",
        ),
        InlinePanel("links", label="Link", heading="Links"),
        MultiFieldPanel([FieldPanel("github_repo"), FieldPanel("github_stars", read_only=True)], heading="GitHub"),
        FieldPanel("body"),
        FieldPanel("bibtex"),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("short_name", boost=3),
        index.AutocompleteField("short_name"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("paper_title", boost=2),
        index.SearchField("venue"),
        index.RelatedFields("authors", [index.SearchField("name")]),
    ]
    graphql_fields = [
        GraphQLString("short_name", required=True),
        GraphQLString("summary", required=True),
        GraphQLStreamBlocks("body", BaseStreamBlock),
        GraphQLModelList("authors", "research.ProjectAuthor", source="public_authors"),
        GraphQLString("affiliations", required=True),
        GraphQLString("venue", required=True),
        GraphQLInt("year"),
        GraphQLModelList("links", "research.ProjectLink"),
        GraphQLString("github_repo", required=True),
        GraphQLString("github_url", source="github_url"),
        GraphQLInt("github_stars"),
        GraphQLField("github_stars_refreshed_at", graphene.DateTime),
        GraphQLString("bibtex", required=True),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLModelList(
            "publications",
            "publications.PublicationPage",
            source="public_publications",
            description="The project's public publications, newest first.",
        ),
        GraphQLString("paper_title", required=True, description="The paper's full title; empty when it is the title."),
        GraphQLString("doi", required=True, description="The DOI, e.g. 10.1145/3620666.3651335; empty if none."),
        GraphQLString(
            "citation_bibtex",
            required=True,
            source="citation_bibtex",
            description="The citation as BibTeX: the stored entry, else one generated from the project's fields.",
        ),
        GraphQLField(
            "citation_csl_json",
            graphene.JSONString,
            required=True,
            source="citation_csl_json",
            description="The citation as one CSL-JSON item (id, type, title, author, container-title, issued, DOI, "
            "URL), for citeproc-js, Zotero or citation.js.",
        ),
        GraphQLSeo(),
        GraphQLScholarMeta("scholar_meta_tags"),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {
        "github_url": (),
        "citation_bibtex": ("authors__person", "links"),
        "citation_csl_json": ("authors__person", "links"),
        "seo": ("authors__person", "links"),
        "scholar_meta": ("authors__person", "links"),
    }

    parent_page_types = ["research.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "project"

    def __str__(self):
        return self.short_name or self.title

    def public_authors(self, info=None, **kwargs):
        """The authors the public may see (grapple calls a callable `source` with `info`)."""
        return Byline.public(self.authors.all())

    @property
    def github_url(self):
        return f"https://github.com/{self.github_repo}" if self.github_repo else None

    @property
    def citation_bibtex(self):
        return project_bibtex(self)

    @property
    def citation_csl_json(self):
        return project_csl(self, page_url=frontend_url(self))

    def scholar_meta_tags(self, info, **kwargs):
        return meta_tags(scholar_meta(self))

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "article"

    def seo_summary(self):
        return self.summary or stream_text(self.body)

    def json_ld_data(self):
        return scholarly_article_json_ld(self)

    # How it is found (graphql_api.search reads these).

    search_result_type = "ProjectPage"
    search_result_order = 10

    search_hit_reads = ("authors__person",)  # what the snippet reads (graphql_api.search)

    def search_hit_text(self):
        authors = ", ".join(author.public_name for author in self.public_authors())
        return join_text(self.summary, self.paper_title, authors, self.venue, stream_text(self.body))

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

    def public_publications(self, info=None, **kwargs):
        """The publications app's pages linked to this project (by their label; research imports nothing of it)."""
        public = [page for page in self.publications.all() if self.public_page(page)]
        return sorted(public, key=lambda page: (-(page.year or 0), page.title))
