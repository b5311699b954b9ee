"""Publications' root fields: `publications`, paginated and filtered, and one `publication` by DOI, arXiv id or slug."""

import graphene
from django.db.models import F, Q
from grapple.registry import registry

from citations.csl import normalise_doi
from core.visibility import public_pages
from graphql_api.errors import BadRequestArgument
from graphql_api.listings import (
    checked_choice,
    listing_queryset,
    paginate,
    paginated_type,
    paging_arguments,
    related_to_public,
)

from .models import PublicationAuthor, PublicationPage, PublicationStatus, VenueKind, normalise_arxiv_id

PUBLICATION_ORDERS = ("-year", "year", "title", "-title", "-citation_count", "-publication_date")
# Papers without a year, date or count go last whichever way, on every database (PostgreSQL puts NULL first in DESC).
NULLS_LAST = {
    "-year": F("year").desc(nulls_last=True),
    "year": F("year").asc(nulls_last=True),
    "-citation_count": F("citation_count").desc(nulls_last=True),
    "-publication_date": F("publication_date").desc(nulls_last=True),
}

PublicationListing = paginated_type("PublicationListing", PublicationPage)


def public_people(**lookup):
    """Public people matching `lookup`: the person model is the authors' foreign key's, not an import."""
    person_model = PublicationAuthor._meta.get_field("person").related_model
    return public_pages(person_model.objects.filter(**lookup))


class Query(graphene.ObjectType):
    publications = graphene.Field(
        PublicationListing,
        required=True,
        **paging_arguments(),
        year=graphene.Int(),
        project=graphene.String(description="A project's slug or short name."),
        person=graphene.String(description="A person's slug: the publications they are an author of."),
        research_area=graphene.String(description="A research area's slug."),
        venue=graphene.String(description='A venue\'s short or full name, or part of it, e.g. "NeurIPS".'),
        kind=graphene.String(description=f"The venue's kind, one of: {', '.join(VenueKind.values)}."),
        status=graphene.String(description=f"One of: {', '.join(PublicationStatus.values)}."),
        search=graphene.String(description="Words of the title, an author's name, the venue or the abstract."),
        order=graphene.String(description=f"One of: {', '.join(PUBLICATION_ORDERS)}. Default -year."),
        description="The lab's publications, newest first.",
    )
    publication = graphene.Field(
        lambda: registry.pages[PublicationPage],
        doi=graphene.String(),
        arxiv_id=graphene.String(),
        slug=graphene.String(),
        description="One publication by exactly one of its DOI, arXiv id or slug; null if there is no public one.",
    )

    def resolve_publications(
        self, info, page=None, per_page=None, year=None, project=None, person=None, research_area=None,
        venue=None, kind=None, status=None, search=None, order=None,
    ):  # fmt: skip
        items = listing_queryset(
            PublicationPage, info, order, PUBLICATION_ORDERS, default_order="-year",
            tiebreak="title",
        )  # fmt: skip
        if order_term := NULLS_LAST.get(order or "-year"):
            items = items.order_by(order_term, "title")
        if year is not None:
            items = items.filter(year=year)
        if checked_choice("kind", kind, VenueKind.values):
            items = items.filter(venue_kind=kind)
        if checked_choice("status", status, PublicationStatus.values):
            items = items.filter(status=status)
        if project:
            projects = PublicationPage.projects.field.related_model.objects.filter(
                Q(slug=project) | Q(short_name=project)
            )
            items = items.filter(projects__in=public_pages(projects)).distinct()
        if research_area:
            items = related_to_public(items, "research_areas", slug=research_area)
        if person:
            items = items.filter(authors__person__in=public_people(slug=person)).distinct()
        if venue := (venue or "").strip():
            items = items.filter(Q(venue_short__icontains=venue) | Q(venue_name__icontains=venue))
        if search := (search or "").strip():
            for word in search.split()[:10]:
                items = items.filter(
                    Q(title__icontains=word)
                    | Q(abstract__icontains=word)
                    | Q(venue_short__icontains=word)
                    | Q(venue_name__icontains=word)
                    | Q(authors__name__icontains=word)
                    | Q(authors__person__in=public_people(title__icontains=word))
                ).distinct()
        return paginate(items, page, per_page)

    def resolve_publication(self, info, doi=None, arxiv_id=None, slug=None):
        given = {name: value for name, value in (("doi", doi), ("arxivId", arxiv_id), ("slug", slug)) if value}
        if len(given) != 1:
            raise BadRequestArgument("Give exactly one of `doi`, `arxivId` or `slug`.")
        pages = public_pages(PublicationPage.objects.all())
        if doi:
            return pages.filter(doi__iexact=normalise_doi(doi)).first()
        if arxiv_id:
            return pages.filter(arxiv_id=normalise_arxiv_id(arxiv_id)).first()
        return pages.filter(slug=slug).first()
