"""Typed, paginated, filtered listings for frontends: `blogPosts`, `newsItems`, `researchAreas`."""

import graphene
from grapple.registry import registry
from grapple.types.structures import PaginationType

from blog.models import BlogPostPage
from core.visibility import public_pages
from news.models import NewsKind, NewsPage
from research.models import ResearchAreaPage

from .arguments import checked_order, checked_size
from .errors import BadRequestArgument

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


def listing_queryset(model, order, allowed_orders):
    """Public pages of one type, newest first unless an allowed `order` says otherwise."""
    terms = checked_order(order, allowed_orders) or ["-date"]
    return public_pages(model.objects.all()).order_by(*terms, "-pk")


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
        year=graphene.Int(),
        order=graphene.String(description=f"One of: {', '.join(NEWS_ORDERS)}. Default -date (newest first)."),
    )
    research_areas = graphene.List(
        graphene.NonNull(lambda: registry.pages[ResearchAreaPage]),
        required=True,
        description="Research areas in the editors' order.",
    )

    def resolve_blog_posts(self, info, page=None, per_page=None, research_area=None, tag=None, year=None, order=None):
        posts = listing_queryset(BlogPostPage, order, BLOG_ORDERS)
        if research_area:
            posts = in_public_research_area(posts, research_area)
        if tag:
            posts = posts.filter(tags__name=tag).distinct()
        if year:
            posts = posts.filter(date__year=year)
        return paginate(posts, page, per_page)

    def resolve_news_items(self, info, page=None, per_page=None, research_area=None, kind=None, year=None, order=None):
        items = listing_queryset(NewsPage, order, NEWS_ORDERS)
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
        return public_pages(ResearchAreaPage.objects.all()).order_by("path")


__all__ = ["ListingQueries"]
