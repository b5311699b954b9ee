"""The seminars' root field: `seminars`, paginated, newest first."""

import graphene

from graphql_api.listings import listing_queryset, paginate, paginated_type, paging_arguments

from .models import SeminarPage

SEMINAR_ORDERS = ("-date", "date")
SeminarListing = paginated_type("SeminarListing", SeminarPage)


class Query(graphene.ObjectType):
    seminars = graphene.Field(SeminarListing, required=True, **paging_arguments(), order=graphene.String())

    def resolve_seminars(self, info, page=None, per_page=None, order=None):
        seminars = listing_queryset(SeminarPage, info, order, SEMINAR_ORDERS)
        return paginate(seminars, page, per_page)
