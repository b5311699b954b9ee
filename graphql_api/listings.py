"""What every typed listing shares: its paginated type, its paging, its checked arguments and its prefetching
(derived from the selection by `graphql_api.selection.optimized`).

The listings themselves (`blogPosts`, `projects`, `people`...) live in each content app's `schema.py`.
"""

import graphene
from django.db.models import QuerySet
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.structures import PaginationType

from core.graphql import limit_argument
from core.visibility import public_pages

from .arguments import checked_order, checked_size
from .errors import BadRequestArgument
from .selection import optimized

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


def paging_arguments():
    """`page` and `perPage`, described; a listing's field takes them first."""
    return {
        "page": graphene.Int(description="1-based page number."),
        "per_page": graphene.Int(description=f"Items per page, 1 to 100; default {DEFAULT_PER_PAGE}."),
    }


def model_list(model):
    return graphene.NonNull(graphene.List(graphene.NonNull(lambda: registry.models[model])))


class ModelListField(graphene.Field):
    """A root list of one model that grows with the site (people, awards, talks...): every item, up to `limit`
    (1 to MAX_PAGE_SIZE; MAX_PAGE_SIZE when absent, as the schema states), so the limits know its size before it
    runs. The resolver returns the whole list; the field cuts it."""

    def __init__(self, model, **kwargs):
        super().__init__(model_list(model), limit=limit_argument(grapple_settings.MAX_PAGE_SIZE), **kwargs)

    def wrap_resolve(self, parent_resolver):
        resolve = super().wrap_resolve(parent_resolver)

        def first_items(root, info, limit=None, **arguments):
            # An explicit `limit: null` is the default, never "all": the cost limit counted the default.
            return resolve(root, info, **arguments)[: checked_size("limit", limit, grapple_settings.MAX_PAGE_SIZE)]

        return first_items


def checked_choice(name, value, choices):
    if value is not None and value not in choices:
        raise BadRequestArgument(f"`{name}` may not be {value!r}; use one of: {', '.join(choices)}.")
    return value


def checked_paging(page, per_page):
    """`page` and `perPage`, checked, with their defaults; a resolver may check them before its other arguments."""
    if page is not None and page < 1:
        raise BadRequestArgument(f"`page` must be 1 or more; got {page}.")
    return page or 1, checked_size("perPage", per_page, DEFAULT_PER_PAGE)


def paginate(items, page, per_page):
    """One page of a queryset or list. A page past the end is empty, and the pagination says how many there are."""
    page, per_page = checked_paging(page, per_page)
    total = items.count() if isinstance(items, QuerySet) else len(items)
    total_pages = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    page_items = list(items[start : start + per_page]) if start < total else []
    return {
        "items": page_items,
        "pagination": PaginationType(
            total=total,
            count=len(page_items),
            per_page=per_page,
            current_page=page,
            prev_page=page - 1 if 1 < page <= total_pages + 1 else None,
            next_page=page + 1 if page < total_pages else None,
            total_pages=total_pages,
        ),
    }


def in_tree_order(model):
    """Public pages of one type in the editors' order: their place in the page tree."""
    return public_pages(model.objects.all()).order_by("path")


def related_to_public(queryset, relation, **lookup):
    """Items related through `relation` to a public page matching `lookup`, each item once."""
    related = queryset.model._meta.get_field(relation).related_model
    return queryset.filter(**{f"{relation}__in": public_pages(related.objects.filter(**lookup))}).distinct()


def listing_queryset(model, info, order, allowed_orders, default_order="-date", tiebreak="-pk"):
    """Public pages of one type in an allowed `order` (else `default_order`), fetched for the selected fields."""
    terms = checked_order(order, allowed_orders) or [default_order]
    return optimized(public_pages(model.objects.all()).order_by(*terms, tiebreak), info, ("items",))
