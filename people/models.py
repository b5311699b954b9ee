"""The lab's people, and what they are recognised for: honors, competition awards and talks."""

import datetime
import re

import graphene
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from grapple.models import (
    GraphQLBoolean,
    GraphQLField,
    GraphQLForeignKey,
    GraphQLImage,
    GraphQLInt,
    GraphQLRichText,
    GraphQLString,
)
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from core.dates import DatePrecision, date_precision_field
from core.graphql import RELATED_PAGES_SHOWN, GraphQLModelList
from core.models import IndexPage, LabPage, section_index
from core.paths import site_path
from core.visibility import public_or_none
from graphql_api.arguments import checked_size
from scholarly.graphql import GraphQLSeo
from scholarly.metadata import join_text, json_ld_base, lab_name, organization, plain_text


class Role(models.TextChoices):
    PI = "pi", "Principal investigator"
    POSTDOC = "postdoc", "Postdoc"
    PHD = "phd", "PhD student"
    MASTERS = "masters", "Master's student"
    UNDERGRAD = "undergrad", "Undergraduate"
    VISITING = "visiting", "Visiting researcher"
    STAFF = "staff", "Staff"
    UNKNOWN = "unknown", "Role not stated"


class Status(models.TextChoices):
    CURRENT = "current", "Current member"
    ALUMNI = "alumni", "Alumni"
    UNKNOWN = "unknown", "Status not stated"


class PeopleIndexPage(IndexPage):
    subpage_types = ["people.PersonPage"]

    class Meta:
        verbose_name = "people index"


class PersonLink(Orderable):
    page = ParentalKey("people.PersonPage", on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=40, help_text="E.g. Website, Google Scholar, GitHub.")
    url = models.URLField(max_length=500)

    panels = [FieldPanel("label"), FieldPanel("url")]
    graphql_fields = [GraphQLString("label", required=True), GraphQLString("url", required=True)]


def validate_orcid(value):
    """An ORCID iD: four groups of four digits (the last may be X) whose last character is the ISO 7064 11-2 check."""
    digits = value.replace("-", "")
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValidationError(
            f"{value!r} is not an ORCID iD: type it as 0000-0002-1825-0097, without https://orcid.org/."
        )
    total = 0
    for digit in digits[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise ValidationError(f"{value!r} is not an ORCID iD: its last character does not match the others.")


class PersonPosition(Orderable):
    """One position in a person's history with the lab and after it: role, organisation, dates, advisor."""

    page = ParentalKey("people.PersonPage", on_delete=models.CASCADE, related_name="positions")
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    title = models.CharField(max_length=200, blank=True, help_text="As the person says it, e.g. assistant professor.")
    organisation = models.CharField(max_length=200, blank=True, help_text="Empty for a position in the lab.")
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True, help_text="Empty while the position lasts.")
    advisor = models.ForeignKey(
        "people.PersonPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="advisees"
    )

    panels = [
        FieldPanel("role"),
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("advisor"),
    ]
    graphql_fields = [
        GraphQLString("role", required=True),
        GraphQLString("title", required=True),
        GraphQLString("organisation", required=True),
        GraphQLField("start", graphene.Date),
        GraphQLField("end", graphene.Date),
        GraphQLBoolean("current", required=True, source="current"),
        GraphQLForeignKey("advisor", "people.PersonPage", source="public_advisor"),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {"current": ()}

    def clean(self):
        if not (self.role or self.title or self.organisation):
            raise ValidationError({"title": "Choose a role, or type a title or an organisation."})
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The position ends before it starts."})

    @property
    def current(self):
        """Lasting until its end date; without one, lasting, except an alumnus's position in the lab (no
        organisation): their time here is over even when no one wrote down the day it ended."""
        if self.end is not None:
            return self.end >= datetime.date.today()
        return not (self.organisation == "" and self.page.status == Status.ALUMNI)

    @property
    def public_advisor(self):
        return public_or_none(self.advisor)


class PersonPage(LabPage):
    """A member or alumnus; the page title is the person's name. URL: /team/<slug>/."""

    role = models.CharField(max_length=20, choices=Role.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CURRENT)
    photo = models.ForeignKey("core.LabImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    bio = RichTextField(blank=True, features=["bold", "italic", "link"])
    graduation_year = models.PositiveSmallIntegerField(null=True, blank=True)
    placement = models.CharField(
        max_length=200, blank=True, help_text="Where an alumnus went, e.g. assistant professor at UCSD."
    )
    orcid = models.CharField("ORCID iD", max_length=19, blank=True, validators=[validate_orcid])
    scholar_id = models.CharField(
        "Google Scholar id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^[\w-]{12}$", "Type the user= part of the profile's address, e.g. E0iCaa4AAAAJ.")],
    )

    content_panels = [
        *LabPage.content_panels,
        MultiFieldPanel([FieldPanel("role"), FieldPanel("status"), FieldPanel("photo")], heading="Member"),
        FieldPanel("bio"),
        InlinePanel("links", label="Link"),
        MultiFieldPanel([FieldPanel("orcid"), FieldPanel("scholar_id")], heading="Identifiers"),
        InlinePanel("positions", label="Position", heading="Positions"),
        MultiFieldPanel([FieldPanel("graduation_year"), FieldPanel("placement")], heading="After the lab"),
    ]
    search_fields = [*LabPage.search_fields, index.SearchField("bio"), index.SearchField("placement")]
    graphql_fields = [
        GraphQLString("name", required=True, source="title"),
        GraphQLString("role", required=True),
        GraphQLString("role_label", required=True, source="role_label"),
        GraphQLString("status", required=True),
        GraphQLImage("photo"),
        GraphQLRichText("bio", required=True),
        GraphQLModelList("links", "people.PersonLink"),
        GraphQLInt("graduation_year"),
        GraphQLString("placement", required=True),
        GraphQLString("orcid", required=True, description="The ORCID iD, e.g. 0000-0002-1825-0097; empty if none."),
        GraphQLString("scholar_id", required=True, description="The Google Scholar profile's user id."),
        GraphQLModelList("positions", "people.PersonPosition", description="In the editors' order."),
        GraphQLModelList(
            "publications",
            "publications.PublicationPage",
            source="public_publications",
            limited=True,
            default_limit=RELATED_PAGES_SHOWN,
            description="The public publications the person is an author of, newest first: the first `limit`.",
        ),
        GraphQLSeo(),
    ]
    # What each computed field reads, prefetched for a whole list when it is selected (graphql_api.selection).
    graphql_reads = {
        "name": (),
        "role_label": (),
        "publications": ("authorships__page",),
        "seo": ("photo__renditions",),
    }

    parent_page_types = ["people.PeopleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "person"

    @property
    def role_label(self):
        """A property, not `get_role_display` itself: grapple calls a callable source with (info, **kwargs)."""
        return self.get_role_display()

    def public_publications(self, info=None, limit=None, **kwargs):
        """Through the person's authorships (publications refer to people by label; nothing is imported)."""
        prefetched = "authorships" in getattr(self, "_prefetched_objects_cache", {})  # a list's batch did
        rows = self.authorships.all() if prefetched else self.authorships.select_related("page")
        pages = {row.page_id: row.page for row in rows}
        public = [page for page in pages.values() if self.public_page(page)]
        # An explicit `limit: null` is the default, never "all": the cost limit counted the default.
        newest_first = sorted(public, key=lambda page: (-(page.year or 0), page.title))
        return newest_first[: checked_size("limit", limit, RELATED_PAGES_SHOWN)]

    # What the page's `<head>` says (scholarly.metadata reads these).

    open_graph_type = "profile"

    def seo_summary(self):
        if self.role == Role.UNKNOWN:
            return plain_text(self.bio) or f"{self.title}, {lab_name(self)}."
        return plain_text(self.bio) or f"{self.get_role_display()}, {lab_name(self)}."

    def json_ld_data(self):
        data = json_ld_base(self, "Person")
        data["name"] = self.title
        if self.role != Role.UNKNOWN:  # a role the lab never stated is not published as one
            data["jobTitle"] = self.get_role_display()
        data["affiliation"] = organization(self)
        if self.status == Status.ALUMNI and self.placement:
            data["worksFor"] = {"@type": "Organization", "name": self.placement}
        same_as = [f"https://orcid.org/{self.orcid}"] if self.orcid else []
        if self.scholar_id:
            same_as.append(f"https://scholar.google.com/citations?user={self.scholar_id}")
        if same_as := same_as + [link.url for link in self.links.all() if link.url]:
            data["sameAs"] = same_as
        return data

    # How it is found (graphql_api.search reads these).

    search_result_type = "PersonPage"
    search_result_order = 20

    search_hit_reads = ()  # what the snippet reads (graphql_api.search)

    def search_hit_text(self):
        role = self.get_role_display() if self.role != Role.UNKNOWN else ""
        return join_text(role, self.placement, self.bio)

    # What else a change shows on (webhooks.affected and the cache read these).

    def affected_pages(self):
        """The people index, and the publications whose bylines name the person."""
        yield PeopleIndexPage.first_in_tree()
        yield from (authorship.page for authorship in self.authorships.select_related("page"))


class HonorKind(models.TextChoices):
    PERSONAL = "personal", "Personal honor"
    PAPER_AWARD = "paper_award", "Paper award"
    FELLOWSHIP = "fellowship", "Fellowship"
    OTHER = "other", "Other"


def public_people(people):
    return [person for person in people if public_or_none(person)]


def recognition_pages(snippet, people):
    """What shows an honor, award or talk: the people index, its people's pages, its project, and the news items
    announcing it (and their index). The home page, which lists honors and awards, is the site's root."""
    yield PeopleIndexPage.first_in_tree()
    yield from people
    if getattr(snippet, "project_id", None):
        yield snippet.project
    news_items = list(snippet.news_items.all()) if snippet.pk else []
    yield from news_items
    if news_items:
        yield section_index("news.NewsIndexPage")


class Honor(index.Indexed, ClusterableModel):
    """An honor or award. Its date carries a precision, so "2023" is never shown as "1 January 2023"."""

    public_content = True

    key = models.SlugField(max_length=120, unique=True, help_text="A stable identifier for imports.")
    title = models.CharField(max_length=250)
    date = models.DateField()
    date_precision = models.CharField(max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY)
    kind = models.CharField(max_length=20, choices=HonorKind.choices, default=HonorKind.PERSONAL)
    recipients = ParentalManyToManyField("people.PersonPage", blank=True, related_name="honors")
    project = models.ForeignKey(
        "research.ProjectPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="honors"
    )
    awarded_by = models.CharField(max_length=200, blank=True, help_text="The awarding body or venue.")
    note = models.TextField(blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], heading="When"),
        FieldPanel("kind"),
        FieldPanel("recipients"),
        FieldPanel("project"),
        FieldPanel("awarded_by"),
        FieldPanel("note"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("awarded_by"), index.FilterField("date")]
    graphql_fields = [
        GraphQLString("key", required=True),
        GraphQLString("title", required=True),
        GraphQLField("date", graphene.Date, required=True),
        GraphQLString("date_precision", required=True, description="year, month or day: how much of `date` to show."),
        GraphQLString("kind", required=True),
        GraphQLModelList("recipients", "people.PersonPage", source="public_recipients"),
        GraphQLForeignKey("project", "research.ProjectPage", source="public_project"),
        GraphQLString("awarded_by", required=True),
        GraphQLString("note", required=True),
    ]

    class Meta:
        ordering = ["-date", "title", "pk"]

    def __str__(self):
        return self.title

    def public_recipients(self, info, **kwargs):
        return public_people(self.recipients.all())

    @property
    def public_project(self):
        return public_or_none(self.project)

    # How it is found (graphql_api.search reads these).

    search_result_type = "honor"
    search_result_order = 70

    search_hit_reads = ("recipients", "project")  # what the snippet and URL read (graphql_api.search)

    def search_hit_text(self):
        recipients = ", ".join(person.title for person in self.recipients.all() if public_or_none(person))
        return join_text(self.awarded_by, recipients, self.note)

    def search_hit_url(self):
        """Its project's page, else its first public recipient's."""
        if project := public_or_none(self.project):
            return site_path(project)
        recipient = next((p for p in map(public_or_none, self.recipients.all()) if p is not None), None)
        return site_path(recipient) if recipient else None

    def affected_pages(self):
        return recognition_pages(self, self.recipients.all())

    @classmethod
    def for_listing(cls):
        """Honors with what a listing shows of them, in three queries however many there are (other apps reach
        it by label: `apps.get_model("people.Honor").for_listing()`)."""
        return cls.objects.select_related("project").prefetch_related("recipients")

    @classmethod
    def lead_ids(cls):
        """A subquery: the honors whose recipients include the lab's head (role PI)."""
        return cls.objects.filter(recipients__role=Role.PI).values("pk")


class CompetitionAward(index.Indexed, ClusterableModel):
    public_content = True

    key = models.SlugField(max_length=120, unique=True)
    place = models.CharField(max_length=120, help_text='As written, e.g. "First Place (1/150)".')
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 for first place, where known.")
    contest = models.CharField(max_length=200)
    track = models.CharField(max_length=200, blank=True)
    venue = models.CharField(max_length=120, blank=True)
    year = models.PositiveSmallIntegerField()
    project = models.ForeignKey(
        "research.ProjectPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="competition_awards"
    )
    team = ParentalManyToManyField("people.PersonPage", blank=True, related_name="competition_awards")

    panels = [
        FieldPanel("place"),
        FieldPanel("rank"),
        FieldPanel("contest"),
        FieldPanel("track"),
        FieldPanel("venue"),
        FieldPanel("year"),
        FieldPanel("project"),
        FieldPanel("team"),
        FieldPanel("key"),
    ]
    search_fields = [index.SearchField("contest"), index.SearchField("track"), index.FilterField("year")]
    graphql_fields = [
        GraphQLString("key", required=True),
        GraphQLString("place", required=True),
        GraphQLInt("rank"),
        GraphQLString("contest", required=True),
        GraphQLString("track", required=True),
        GraphQLString("venue", required=True),
        GraphQLInt("year", required=True),
        GraphQLForeignKey("project", "research.ProjectPage", source="public_project"),
        GraphQLModelList("team", "people.PersonPage", source="public_team"),
    ]

    class Meta:
        ordering = ["-year", "rank", "contest", "pk"]

    def __str__(self):
        return f"{self.place}, {self.contest} {self.year}"

    def public_team(self, info, **kwargs):
        return public_people(self.team.all())

    def affected_pages(self):
        return recognition_pages(self, self.team.all())

    @property
    def public_project(self):
        return public_or_none(self.project)

    @classmethod
    def for_listing(cls):
        """Awards with what a listing shows of them (other apps: `apps.get_model("people.CompetitionAward")`)."""
        return cls.objects.select_related("project").prefetch_related("team")


class Talk(index.Indexed, models.Model):
    public_content = True

    key = models.SlugField(max_length=120, unique=True)
    speaker = models.ForeignKey("people.PersonPage", null=True, on_delete=models.SET_NULL, related_name="talks")
    title = models.CharField(max_length=300)
    event = models.CharField(max_length=300)
    date = models.DateField()
    date_precision = date_precision_field()
    video_url = models.URLField(blank=True, max_length=500)
    slides_url = models.URLField(blank=True, max_length=500)
    media_url = models.URLField(blank=True, max_length=500)
    event_url = models.URLField(blank=True, max_length=500)

    panels = [
        FieldPanel("speaker"),
        FieldPanel("title"),
        FieldPanel("event"),
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], heading="When"),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("slides_url"), FieldPanel("media_url"), FieldPanel("event_url")],
            heading="Links",
        ),
        FieldPanel("key"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("event"), index.FilterField("date")]
    graphql_fields = [
        GraphQLString("key", required=True),
        GraphQLForeignKey("speaker", "people.PersonPage", source="public_speaker"),
        GraphQLString("title", required=True),
        GraphQLString("event", required=True),
        GraphQLField("date", graphene.Date, required=True),
        GraphQLString("date_precision", required=True, description="year, month or day: how much of `date` to show."),
        GraphQLString("video_url", required=True),
        GraphQLString("slides_url", required=True),
        GraphQLString("media_url", required=True),
        GraphQLString("event_url", required=True),
    ]

    class Meta:
        ordering = ["-date", "title", "pk"]

    def __str__(self):
        return self.title

    @property
    def public_speaker(self):
        return public_or_none(self.speaker)

    # How it is found (graphql_api.search reads these).

    search_result_type = "talk"
    search_result_order = 60

    search_hit_reads = ("speaker",)  # what the snippet and URL read (graphql_api.search)

    def search_hit_text(self):
        speaker = self.public_speaker
        return join_text(self.event, speaker.title if speaker else "", self.date.strftime("%B %Y"))

    def search_hit_url(self):
        """The speaker's page."""
        speaker = self.public_speaker
        return site_path(speaker) if speaker else None

    def search_hit_external_url(self):
        return self.video_url or self.slides_url or self.event_url or self.media_url or None

    def affected_pages(self):
        return recognition_pages(self, [self.speaker] if self.speaker_id else [])


__all__ = [
    "CompetitionAward",
    "DatePrecision",
    "Honor",
    "PeopleIndexPage",
    "PersonLink",
    "PersonPage",
    "PersonPosition",
    "Talk",
]
