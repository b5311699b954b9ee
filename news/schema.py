"""The news' root fields: `newsItems`, paginated and filtered."""

import graphene

from graphql_api.listings import (
    checked_choice,
    listing_queryset,
    paginate,
    paginated_type,
    paging_arguments,
    related_to_public,
)

from .models import NewsKind, NewsPage

NEWS_ORDERS = ("-date", "date", "title", "-title")

NewsListing = paginated_type("NewsListing", NewsPage)


class Query(graphene.ObjectType):
    news_items = graphene.Field(
        NewsListing,
        required=True,
        **paging_arguments(),
        research_area=graphene.String(description="A research area's slug."),
        kind=graphene.String(description=f"One of: {', '.join(NewsKind.values)}."),
        project=graphene.String(description="A project's short name, e.g. AWQ."),
        year=graphene.Int(),
        order=graphene.String(description=f"One of: {', '.join(NEWS_ORDERS)}. Default -date (newest first)."),
    )

    def resolve_news_items(
        self, info, page=None, per_page=None, research_area=None, kind=None, project=None, year=None, order=None
    ):
        items = listing_queryset(NewsPage, info, order, NEWS_ORDERS)
        if project:
            items = related_to_public(items, "projects", short_name=project)
        if kind:
            items = items.filter(kind=checked_choice("kind", kind, NewsKind.values))
        if research_area:
            items = related_to_public(items, "research_areas", slug=research_area)
        if year:
            items = items.filter(date__year=year)
        return paginate(items, page, per_page)
