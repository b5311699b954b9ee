"""Typed, paginated, filtered listings for frontends: `blogPosts`, `newsItems`, `researchAreas`."""

import graphene
from django.db.models import Prefetch, Q
from grapple.registry import registry
from grapple.types.structures import PaginationType

from blog.models import BlogPostPage
from core.visibility import public_pages
from lab.models import Course, IndustryPartner, LabSettings
from news.models import NewsKind, NewsPage
from people.models import (
    CompetitionAward,
    Honor,
    PersonPage,
    Role,
    Status,
    Talk,
    competition_awards_for_listing,
    honors_for_listing,
    talks_for_listing,
)
from research.models import ProjectPage, ResearchAreaPage

from .arguments import checked_order, checked_size
from .errors import BadRequestArgument
from .selection import selected_fields

BLOG_ORDERS = ("-date", "date", "title", "-title")
NEWS_ORDERS = ("-date", "date", "title", "-title")
DEFAULT_PER_PAGE = 10


def paginated_type(name, item_model):
    """A page of items and where it sits in the whole list."""
    return type(
        name,
        (graphene.ObjectType,),
        {
            "items": graphene.List(graphene.NonNull(lambda: registry.pages[item_model]), required=True),
            "pagination": graphene.Field(PaginationType, required=True),
        },
    )


BlogPostListing = paginated_type("BlogPostListing", BlogPostPage)
NewsListing = paginated_type("NewsListing", NewsPage)
ProjectListing = paginated_type("ProjectListing", ProjectPage)
PROJECT_ORDERS = ("title", "-title", "-year", "year", "-github_stars", "short_name")


def model_list(model):
    return graphene.NonNull(graphene.List(graphene.NonNull(lambda: registry.models[model])))


def checked_choice(name, value, choices):
    if value is not None and value not in choices:
        raise BadRequestArgument(f"`{name}` may not be {value!r}; use one of: {', '.join(choices)}.")
    return value


def paginate(queryset, page, per_page):
    """One page of a listing. A page past the end is empty, and the pagination says how many there are."""
    if page is not None and page < 1:
        raise BadRequestArgument(f"`page` must be 1 or more; got {page}.")
    page = page or 1
    per_page = checked_size("perPage", per_page, DEFAULT_PER_PAGE)
    total = queryset.count()
    total_pages = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    items = list(queryset[start : start + per_page]) if start < total else []
    return {
        "items": items,
        "pagination": PaginationType(
            total=total,
            count=len(items),
            per_page=per_page,
            current_page=page,
            prev_page=page - 1 if 1 < page <= total_pages + 1 else None,
            next_page=page + 1 if page < total_pages else None,
            total_pages=total_pages,
        ),
    }


def public_related(name, model):
    """Prefetch a many-to-many to pages with only the public ones, so a listing reads them in one query."""
    return Prefetch(name, queryset=public_pages(model.objects.all()).order_by("path"))


# For each listed model: GraphQL field -> what to fetch so that field costs one query per listing, not per item.
LISTING_RELATIONS = {
    BlogPostPage: {
        "authors": lambda: "authors",
        "tags": lambda: "tags",
        "heroImage": lambda: "hero_image__renditions",
        "researchAreas": lambda: public_related("research_areas", ResearchAreaPage),
        "projects": lambda: public_related("projects", ProjectPage),
    },
    NewsPage: {
        "links": lambda: "links",
        "projects": lambda: public_related("projects", ProjectPage),
        "researchAreas": lambda: public_related("research_areas", ResearchAreaPage),
    },
    ProjectPage: {
        "links": lambda: "links",
        "authors": lambda: "authors__person",
        "researchAreas": lambda: public_related("research_areas", ResearchAreaPage),
    },
}
LISTING_JOINS = {BlogPostPage: {"heroImage": "hero_image"}}


def with_listing_relations(queryset, info):
    """The listing's queryset joined and prefetched for exactly the item fields the query selects."""
    model = queryset.model
    fields = selected_fields(info, ("items",))
    joins = [join for field, join in LISTING_JOINS.get(model, {}).items() if field in fields]
    prefetches = [make() for field, make in LISTING_RELATIONS.get(model, {}).items() if field in fields]
    return queryset.select_related(*joins).prefetch_related(*prefetches)


def listing_queryset(model, order, allowed_orders, info):
    """Public pages of one type, newest first unless an allowed `order` says otherwise."""
    terms = checked_order(order, allowed_orders) or ["-date"]
    return with_listing_relations(public_pages(model.objects.all()).order_by(*terms, "-pk"), info)


def in_public_research_area(queryset, slug):
    return queryset.filter(research_areas__in=public_pages(ResearchAreaPage.objects.filter(slug=slug))).distinct()


class ListingQueries(graphene.ObjectType):
    blog_posts = graphene.Field(
        BlogPostListing,
        required=True,
        page=graphene.Int(description="1-based page number."),
        per_page=graphene.Int(description=f"Items per page, 1 to 100; default {DEFAULT_PER_PAGE}."),
        research_area=graphene.String(description="A research area's slug."),
        tag=graphene.String(),
        year=graphene.Int(),
        order=graphene.String(description=f"One of: {', '.join(BLOG_ORDERS)}. Default -date (newest first)."),
    )
    news_items = graphene.Field(
        NewsListing,
        required=True,
        page=graphene.Int(description="1-based page number."),
        per_page=graphene.Int(description=f"Items per page, 1 to 100; default {DEFAULT_PER_PAGE}."),
        research_area=graphene.String(description="A research area's slug."),
        kind=graphene.String(description=f"One of: {', '.join(NewsKind.values)}."),
        project=graphene.String(description="A project's short name, e.g. AWQ."),
        year=graphene.Int(),
        order=graphene.String(description=f"One of: {', '.join(NEWS_ORDERS)}. Default -date (newest first)."),
    )
    research_areas = graphene.List(
        graphene.NonNull(lambda: registry.pages[ResearchAreaPage]),
        required=True,
        description="Research areas in the editors' order.",
    )
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
    people = graphene.Field(
        model_list(PersonPage),
        role=graphene.String(description=f"One of: {', '.join(Role.values)}."),
        status=graphene.String(description=f"One of: {', '.join(Status.values)}."),
        description="People in the editors' order.",
    )
    awards = graphene.Field(model_list(Honor), year=graphene.Int(), description="Honors and awards, newest first.")
    competition_awards = graphene.Field(model_list(CompetitionAward), description="Newest first.")
    talks = graphene.Field(model_list(Talk), year=graphene.Int(), description="Newest first.")
    industry_partners = graphene.Field(model_list(IndustryPartner), description="In the editors' order.")
    courses = graphene.Field(model_list(Course))
    lab_settings = graphene.Field(lambda: registry.settings[LabSettings])

    def resolve_blog_posts(self, info, page=None, per_page=None, research_area=None, tag=None, year=None, order=None):
        posts = listing_queryset(BlogPostPage, order, BLOG_ORDERS, info)
        if research_area:
            posts = in_public_research_area(posts, research_area)
        if tag:
            posts = posts.filter(tags__name=tag).distinct()
        if year:
            posts = posts.filter(date__year=year)
        return paginate(posts, page, per_page)

    def resolve_news_items(
        self, info, page=None, per_page=None, research_area=None, kind=None, project=None, year=None, order=None
    ):
        items = listing_queryset(NewsPage, order, NEWS_ORDERS, info)
        if project:
            items = items.filter(projects__in=public_pages(ProjectPage.objects.filter(short_name=project))).distinct()
        if kind:
            if kind not in NewsKind.values:
                raise BadRequestArgument(f"`kind` may not be {kind!r}; use one of: {', '.join(NewsKind.values)}.")
            items = items.filter(kind=kind)
        if research_area:
            items = in_public_research_area(items, research_area)
        if year:
            items = items.filter(date__year=year)
        return paginate(items, page, per_page)

    def resolve_research_areas(self, info):
        areas = public_pages(ResearchAreaPage.objects.all()).order_by("path")
        return areas.select_related("image").prefetch_related("image__renditions")

    def resolve_projects(
        self, info, page=None, per_page=None, research_area=None, min_stars=None, has_code=None, order=None
    ):
        terms = checked_order(order, PROJECT_ORDERS) or ["title"]
        projects = with_listing_relations(public_pages(ProjectPage.objects.all()).order_by(*terms, "pk"), info)
        if research_area:
            projects = in_public_research_area(projects, research_area)
        if min_stars is not None:
            projects = projects.filter(github_stars__gte=min_stars)
        if has_code is not None:
            with_code = Q(links__kind="code") | ~Q(github_repo="")
            projects = (projects.filter(with_code) if has_code else projects.exclude(with_code)).distinct()
        return paginate(projects, page, per_page)

    def resolve_people(self, info, role=None, status=None):
        people = public_pages(PersonPage.objects.all()).order_by("path")
        if checked_choice("role", role, Role.values):
            people = people.filter(role=role)
        if checked_choice("status", status, Status.values):
            people = people.filter(status=status)
        return people

    def resolve_awards(self, info, year=None):
        return honors_for_listing().filter(date__year=year) if year else honors_for_listing()

    def resolve_competition_awards(self, info):
        return competition_awards_for_listing()

    def resolve_talks(self, info, year=None):
        return talks_for_listing().filter(date__year=year) if year else talks_for_listing()

    def resolve_industry_partners(self, info):
        return IndustryPartner.objects.select_related("logo")

    def resolve_courses(self, info):
        return Course.objects.all()

    def resolve_lab_settings(self, info):
        return LabSettings.for_request(info.context)


__all__ = ["ListingQueries"]
