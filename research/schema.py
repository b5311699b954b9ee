"""Research's root fields: `researchAreas` in the editors' order, and `projects`, paginated and filtered."""

import graphene
from django.db.models import Q

from graphql_api.listings import (
    ModelListField,
    in_tree_order,
    listing_queryset,
    paginate,
    paginated_type,
    related_to_public,
)

from .models import ProjectPage, ResearchAreaPage

PROJECT_ORDERS = ("title", "-title", "-year", "year", "-github_stars", "short_name")

ProjectListing = paginated_type("ProjectListing", ProjectPage)


class Query(graphene.ObjectType):
    research_areas = ModelListField(ResearchAreaPage, description="Research areas in the editors' order.")
    projects = graphene.Field(
        ProjectListing,
        required=True,
        page=graphene.Int(),
        per_page=graphene.Int(),
        research_area=graphene.String(description="A research area's slug."),
        min_stars=graphene.Int(description="Only projects with at least this many GitHub stars."),
        has_code=graphene.Boolean(description="Only projects with (true) or without (false) a code link or repo."),
        order=graphene.String(description=f"One of: {', '.join(PROJECT_ORDERS)}. Default title."),
    )

    def resolve_research_areas(self, info):
        return in_tree_order(ResearchAreaPage).select_related("image").prefetch_related("image__renditions")

    def resolve_projects(
        self, info, page=None, per_page=None, research_area=None, min_stars=None, has_code=None, order=None
    ):
        projects = listing_queryset(ProjectPage, info, order, PROJECT_ORDERS, default_order="title", tiebreak="pk")
        if research_area:
            projects = related_to_public(projects, "research_areas", slug=research_area)
        if min_stars is not None:
            projects = projects.filter(github_stars__gte=min_stars)
        if has_code is not None:
            with_code = Q(links__kind="code") | ~Q(github_repo="")
            projects = (projects.filter(with_code) if has_code else projects.exclude(with_code)).distinct()
        return paginate(projects, page, per_page)
