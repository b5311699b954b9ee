"""The lab's publications: many papers per project, with ordered authors, a venue, an explicit status and citations.

A publication is a page, not a snippet: it has a URL of its own (/publications/<slug>/, where its JSON-LD and
Google Scholar tags live), and pages come with what an import needs and a snippet would have to rebuild: drafts an
editor reviews before the public sees them, revisions, moderation, previews, and the cache, webhooks and search that
read page declarations. Projects, research areas and people are referred to by label, never imported.
"""

import datetime
import re

import graphene
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from grapple.models import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLForeignKey,
    GraphQLInt,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from citations.csl import doi_url, normalise_doi, work_bibtex, work_csl
from citations.formats import GraphQLFormattedCitations, csl_to_ris, formatted_citations
from citations.metadata import scholar_meta, scholarly_article_json_ld
from core.graphql import GraphQLModelList
from core.models import BylineAuthor, IndexPage, KindLink, LabPage
from scholarly.graphql import GraphQLScholarMeta, GraphQLSeo, meta_tags
from scholarly.metadata import frontend_url, join_text

from .forms import PublicationPageForm

DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
# New-style arXiv ids (2401.12345, optionally v2) and old-style ones (cs/0601001).
ARXIV_PATTERN = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")


class VenueKind(models.TextChoices):
    CONFERENCE = "conference", "Conference"
    JOURNAL = "journal", "Journal"
    WORKSHOP = "workshop", "Workshop"
    PREPRINT = "preprint", "Preprint"
    THESIS = "thesis", "Thesis"
    BOOK = "book", "Book"


class PublicationStatus(models.TextChoices):
    IN_SUBMISSION = "in_submission", "In submission"
    TO_APPEAR = "to_appear", "Accepted, to appear"
    PUBLISHED = "published", "Published"


class AwardKind(models.TextChoices):
    BEST_PAPER = "best_paper", "Best paper"
    HONORABLE_MENTION = "honorable_mention", "Honorable mention"
    ORAL = "oral", "Oral"
    SPOTLIGHT = "spotlight", "Spotlight"
    HIGHLIGHT = "highlight", "Highlight"
    OTHER = "other", "Other"


PUBLICATION_LINK_KINDS = [
    ("paper", "Paper"),
    ("pdf", "PDF"),
    ("code", "Code"),
    ("project", "Project page"),
    ("video", "Video"),
    ("slides", "Slides"),
    ("poster", "Poster"),
    ("demo", "Demo"),
    ("data", "Data"),
]
# The BibTeX entry type of a venue kind, for a publication with no stored entry.
BIBTEX_TYPES = {
    VenueKind.CONFERENCE: "inproceedings",
    VenueKind.JOURNAL: "article",
    VenueKind.WORKSHOP: "inproceedings",
    VenueKind.PREPRINT: "misc",
    VenueKind.THESIS: "phdthesis",
    VenueKind.BOOK: "book",
}


def normalise_arxiv_id(value):
    """`arXiv:2401.12345`, `https://arxiv.org/abs/2401.12345` and `2401.12345` are one id."""
    value = (value or "").strip()
    value = re.sub(r"^(arxiv:\s*|https?://(www\.)?arxiv\.org/(abs|pdf)/)", "", value, flags=re.IGNORECASE)
    return value.removesuffix(".pdf").strip()


def validate_doi(value):
    if value and not DOI_PATTERN.match(value):
        raise ValidationError(
            f"{value!r} is not a DOI: a DOI starts with 10., a registrant number and a slash, e.g. "
            "10.1145/3620666.3651335 (without https://doi.org/)."
        )


def validate_arxiv_id(value):
    if value and not ARXIV_PATTERN.match(value):
        raise ValidationError(
            f"{value!r} is not an arXiv id: type it as 2401.12345 (optionally with a version, 2401.12345v2), "
            "without arXiv: or the abstract page's address."
        )


class PublicationIndexPage(IndexPage):
    """All publications, at /publications/; a publication's page is /publications/<slug>/."""

    subpage_types = ["publications.PublicationPage"]

    class Meta:
        verbose_name = "publication index"


class PublicationAuthor(BylineAuthor, Orderable):
    """An author in byline order: a person of the lab, or a name typed freely for everyone else.

    An import links an author to a person by ORCID iD at once; a name that only matches a person's name is put in
    `suggested_person`, for an editor to confirm by choosing the person.
    """

    page = ParentalKey("publications.PublicationPage", on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey(
        "people.PersonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="authorships"
    )
    name = models.CharField(max_length=120, blank=True, help_text="As printed on the paper.")
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, help_text="As the paper's metadata gives it.")
    suggested_person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A lab member whose name matches, found by an import: choose them as the person to confirm.",
    )
    equal_contribution = models.BooleanField(default=False, help_text="Marked with * in the byline.")
    corresponding = models.BooleanField(default=False, help_text="Marked with † in the byline.")

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("equal_contribution"), FieldPanel("corresponding")]),
        FieldRowPanel([FieldPanel("orcid"), FieldPanel("suggested_person", read_only=True)]),
    ]
    graphql_fields = [
        GraphQLString("name", required=True, source="public_name"),
        GraphQLForeignKey("person", "people.PersonPage", source="public_person"),
        GraphQLBoolean("equal_contribution", required=True),
        GraphQLBoolean("corresponding", required=True),
    ]


class PublicationLink(KindLink):
    page = ParentalKey("publications.PublicationPage", on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=PUBLICATION_LINK_KINDS)


class PublicationAward(Orderable):
    page = ParentalKey("publications.PublicationPage", on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(max_length=20, choices=AwardKind.choices)
    label = models.CharField(max_length=120, blank=True, help_text='As announced, e.g. "Best Paper Award".')

    panels = [FieldPanel("kind"), FieldPanel("label")]
    graphql_fields = [GraphQLString("kind", required=True), GraphQLString("label", required=True, source="text")]
    graphql_reads = {"label": ()}

    @property
    def text(self):
        return self.label or self.get_kind_display()


class PublicationPage(LabPage):
    """A paper. Its status is explicit: a paper in submission has no venue, and one to appear names where."""

    venue_name = models.CharField(
        max_length=200, blank=True, help_text="E.g. Conference on Machine Learning and Systems."
    )
    venue_short = models.CharField(max_length=60, blank=True, help_text='The badge, e.g. "MLSys 2024" or "NeurIPS".')
    venue_kind = models.CharField(max_length=20, choices=VenueKind.choices, default=VenueKind.CONFERENCE)
    status = models.CharField(max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    publication_date = models.DateField(null=True, blank=True, help_text="When it appeared, or appears.")
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])
    arxiv_id = models.CharField("arXiv id", max_length=40, blank=True, validators=[validate_arxiv_id])
    abstract = models.TextField(blank=True)
    bibtex_key = models.CharField("BibTeX key", max_length=100, blank=True)
    bibtex = models.TextField("BibTeX", blank=True, help_text="A stored entry is served as it is.")
    citation_count = models.PositiveIntegerField(null=True, blank=True)
    citation_count_source = models.CharField(max_length=40, blank=True)
    citation_count_refreshed_at = models.DateTimeField(null=True, blank=True)
    provenance = models.JSONField(
        default=dict, blank=True, help_text="Where each field came from: field name to source (crossref, arxiv...)."
    )
    projects = ParentalManyToManyField("research.ProjectPage", blank=True, related_name="publications")
    research_areas = ParentalManyToManyField("research.ResearchAreaPage", blank=True, related_name="publications")

    content_panels = [
        *LabPage.content_panels,
        InlinePanel("authors", label="Author", heading="Authors"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("venue_name"), FieldPanel("venue_short"), FieldPanel("venue_kind")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("year"), FieldPanel("publication_date")]),
            ],
            heading="Venue",
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("doi"), FieldPanel("arxiv_id")]), FieldPanel("bibtex_key")],
            heading="Identifiers",
        ),
        FieldPanel("abstract"),
        InlinePanel("links", label="Link", heading="Links"),
        InlinePanel("awards", label="Award", heading="Awards"),
        FieldPanel("projects", widget=forms.CheckboxSelectMultiple),
        FieldPanel("research_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("bibtex"),
        MultiFieldPanel(
            [
                FieldPanel("citation_count", read_only=True),
                FieldPanel("citation_count_source", read_only=True),
                FieldPanel("citation_count_refreshed_at", read_only=True),
            ],
            heading="Citations (refreshed by refresh_citation_counts)",
        ),
        FieldPanel("provenance", read_only=True, heading="Where each field came from"),
    ]
    base_form_class = PublicationPageForm
    search_fields = [
        *LabPage.search_fields,
        index.SearchField("abstract"),
        index.SearchField("venue_name"),
        index.SearchField("venue_short", boost=2),
        index.AutocompleteField("venue_short"),
        index.FilterField("year"),
        index.RelatedFields("authors", [index.SearchField("name")]),
    ]
    graphql_fields = [
        GraphQLModelList("authors", "publications.PublicationAuthor", source="public_authors"),
        GraphQLString("venue_name", required=True),
        GraphQLString("venue_short", required=True),
        GraphQLString("venue_kind", required=True),
        GraphQLString("status", required=True, description="in_submission, to_appear or published."),
        GraphQLInt("year"),
        GraphQLField("publication_date", graphene.Date),
        GraphQLString("doi", required=True),
        GraphQLString("doi_url", source="doi_url"),
        GraphQLString("arxiv_id", required=True),
        GraphQLString("arxiv_url", source="arxiv_url"),
        GraphQLString("abstract", required=True),
        GraphQLString("bibtex_key", required=True),
        GraphQLModelList("links", "publications.PublicationLink"),
        GraphQLModelList("awards", "publications.PublicationAward"),
        GraphQLInt("citation_count"),
        GraphQLString("citation_count_source", required=True),
        GraphQLField("citation_count_refreshed_at", graphene.DateTime),
        GraphQLModelList("projects", "research.ProjectPage", source="public_projects"),
        GraphQLModelList("research_areas", "research.ResearchAreaPage", source="public_research_areas"),
        GraphQLString(
            "citation_bibtex", required=True, source="citation_bibtex", description="The citation as BibTeX."
        ),
        GraphQLField(
            "citation_csl_json",
            graphene.JSONString,
            required=True,
            source="citation_csl_json",
            description="The citation as one CSL-JSON item.",
        ),
        GraphQLString("citation_ris", required=True, source="citation_ris", description="The citation as RIS."),
        GraphQLFormattedCitations("formatted_citations", source="formatted_citations"),
        GraphQLSeo(),
        GraphQLScholarMeta("scholar_meta_tags"),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {
        "doi_url": (),
        "arxiv_url": (),
        "citation_bibtex": ("authors__person", "links"),
        "citation_csl_json": ("authors__person", "links"),
        "citation_ris": ("authors__person", "links"),
        "formatted_citations": ("authors__person", "links"),
        "seo": ("authors__person", "links"),
        "scholar_meta": ("authors__person", "links"),
    }
    # What each expensive field costs per publication, in units of the limits' cost (graphql_api.validation,
    # measured by tests/graphql_api/test_work.py): formatting a citation in every style runs citeproc.
    graphql_work = {"citation_bibtex": 10, "citation_csl_json": 10, "citation_ris": 10, "formatted_citations": 300}

    parent_page_types = ["publications.PublicationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "publication"
        constraints = [
            models.UniqueConstraint(
                Lower("doi"),
                condition=~models.Q(doi=""),
                name="publications_unique_doi",
                violation_error_message="Another publication has this DOI: edit that one instead.",
            )
        ]

    def clean_fields(self, exclude=None):
        """A DOI or arXiv id pasted as its address is the id itself: normalised before the fields are checked."""
        self.doi = normalise_doi(self.doi)
        self.arxiv_id = normalise_arxiv_id(self.arxiv_id)
        super().clean_fields(exclude)

    def clean(self):
        super().clean()
        errors = {}
        today = datetime.date.today()
        if self.status == PublicationStatus.PUBLISHED and self.year and self.year > today.year:
            errors["year"] = (
                f"{self.year} is in the future, but the status is published: set the status to "
                '"Accepted, to appear" or correct the year.'
            )
        if self.publication_date and self.year and self.publication_date.year != self.year:
            errors["publication_date"] = f"The date is in {self.publication_date.year}, the year says {self.year}."
        if self.status == PublicationStatus.IN_SUBMISSION and (self.venue_name or self.venue_short):
            errors["venue_name"] = "A paper in submission has no venue yet: leave the venue empty until it is accepted."
        if self.doi and not errors.get("doi"):
            twin = (
                PublicationPage.objects.filter(doi__iexact=self.doi).exclude(pk=self.pk).only("title").first()
                if DOI_PATTERN.match(self.doi)
                else None
            )
            if twin:
                errors["doi"] = f'Another publication, "{twin.title}", has this DOI: edit that one instead.'
        if self.arxiv_id and ARXIV_PATTERN.match(self.arxiv_id):
            twin = PublicationPage.objects.filter(arxiv_id=self.arxiv_id).exclude(pk=self.pk).only("title").first()
            if twin:
                errors["arxiv_id"] = f'Another publication, "{twin.title}", has this arXiv id: edit that one instead.'
        if errors:
            raise ValidationError(errors)

    # What the citation formats read (citations.csl is written for any page with these).

    @property
    def paper_title(self):
        return self.title

    @property
    def venue(self):
        """The venue as a citation names it: its full name, else its short name."""
        return self.venue_name or self.venue_short

    @property
    def short_name(self):
        return self.bibtex_key or self.slug

    @property
    def bibtex_type(self):
        return BIBTEX_TYPES.get(self.venue_kind, "misc")

    def public_authors(self, info=None, **kwargs):
        return [author for author in self.authors.all() if author.public_name]

    @property
    def doi_url(self):
        return doi_url(self.doi)

    @property
    def arxiv_url(self):
        return f"https://arxiv.org/abs/{self.arxiv_id}" if self.arxiv_id else None

    @property
    def citation_bibtex(self):
        return work_bibtex(self)

    @property
    def citation_csl_json(self):
        return work_csl(self, page_url=frontend_url(self))

    @property
    def citation_ris(self):
        return csl_to_ris(self.citation_csl_json)

    def formatted_citations(self, info=None, **kwargs):
        return formatted_citations(self.citation_csl_json)

    def scholar_meta_tags(self, info, **kwargs):
        return meta_tags(scholar_meta(self))

    def public_projects(self, info=None, **kwargs):
        return [project for project in self.projects.all() if self.public_page(project)]

    def public_research_areas(self, info=None, **kwargs):
        return [area for area in self.research_areas.all() if self.public_page(area)]

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "article"

    def seo_summary(self):
        return self.abstract

    def json_ld_data(self):
        return scholarly_article_json_ld(self)

    # How it is found (graphql_api.search reads these).

    search_result_type = "PublicationPage"
    search_result_order = 15

    def search_hit_text(self):
        authors = ", ".join(author.public_name for author in self.public_authors())
        return join_text(authors, self.venue, self.abstract)

    # What else a change shows on (webhooks.affected and the cache read these).

    def affected_pages(self):
        """The publication index, its projects and areas, its authors' pages (all list it) and the news items that
        announce it (they link to it)."""
        yield PublicationIndexPage.first_in_tree()
        yield from self.projects.all()
        yield from self.research_areas.all()
        yield from self.announcements.all()
        for author in self.authors.all():
            if author.person_id:
                yield author.person
