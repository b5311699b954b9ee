"""Checks on list arguments shared by every listing: bounded sizes, allow-listed orders, bounded search terms.

Stock grapple passes `order` raw to `order_by` (so `order: "owner__password"` is an oracle on hidden columns) and
clamps sizes silently; here each is checked, and a refusal says what would be accepted.
"""

from django.conf import settings
from grapple.settings import grapple_settings
from grapple.utils import resolve_queryset
from wagtail.models import Page

from .errors import BadRequestArgument

PAGE_ORDERS = (
    "title",
    "-title",
    "first_published_at",
    "-first_published_at",
    "last_published_at",
    "-last_published_at",
    "path",
    "-path",
    "id",
    "-id",
)
SITE_ORDERS = ("hostname", "-hostname", "site_name", "-site_name", "id", "-id")
MEDIA_ORDERS = ("title", "-title", "created_at", "-created_at", "id", "-id")  # images and documents
COLLECTION_ORDERS = ("name", "-name", "path", "-path", "id", "-id")
TAG_ORDERS = ("name", "-name", "slug", "-slug", "id", "-id")


def checked_order(order, allowed):
    """The `order` argument as `order_by` terms, each of which must be in `allowed`."""
    if order is None:
        return None
    terms = [term.strip() for term in order.split(",") if term.strip()]
    refused = [term for term in terms if term not in allowed]
    if refused or not terms:
        raise BadRequestArgument(
            f"`order` may not be {', '.join(repr(t) for t in refused) or 'empty'}; use one of: {', '.join(allowed)}."
        )
    return terms


# Every argument that sizes or positions a list, and the values it accepts (None: no upper bound). The validation
# rule `graphql_api.validation.SizeArgumentsRule` refuses anything else before execution, and resolvers check again.
SIZE_ARGUMENT_RANGES = {
    "limit": (1, grapple_settings.MAX_PAGE_SIZE),
    "perPage": (1, grapple_settings.MAX_PAGE_SIZE),
    "page": (1, None),
    "offset": (0, None),
}


def size_argument_error(name, value):
    """Why `value` is refused for the size argument `name`, or None when it is accepted."""
    low, high = SIZE_ARGUMENT_RANGES[name]
    if high is not None and not low <= value <= high:
        return f"`{name}` must be between {low} and {high}; got {value}."
    if value < low:
        return (
            f"`{name}` must be {low} or more; got {value}." if low else f"`{name}` must not be negative; got {value}."
        )
    return None


def checked_size(name, value, default=None):
    if value is None:
        return default if default is not None else grapple_settings.PAGE_SIZE
    if error := size_argument_error(name, value):
        raise BadRequestArgument(error)
    return value


def checked_search_query(search_query):
    if search_query is None:
        return None
    limit = settings.GRAPHQL_LIMITS["MAX_SEARCH_TERMS_CHARS"]
    if len(search_query) > limit:
        raise BadRequestArgument(f"`searchQuery` may be at most {limit} characters; got {len(search_query)}.")
    if "\x00" in search_query:
        raise BadRequestArgument("`searchQuery` may not contain NUL characters.")
    return search_query


def resolve_checked_list(
    queryset, info, allowed_orders, order=None, limit=None, offset=None, search_query=None, **kwargs
):
    """grapple's `resolve_queryset` for any list: `order` from `allowed_orders`, every other argument checked."""
    terms = checked_order(order, allowed_orders)
    if search_query and issubclass(queryset.model, Page):
        # Search backends filter only on a model's `search_fields` (not `expire_at`, nor the content type's
        # names), so the public pages are given to the search as a set of primary keys.
        queryset = queryset.model.objects.filter(pk__in=queryset.values("pk")).specific()
    if offset is not None and (error := size_argument_error("offset", offset)):
        raise BadRequestArgument(error)
    return resolve_queryset(
        queryset,
        info,
        order=",".join(terms) if terms else None,
        limit=checked_size("limit", limit),
        offset=offset,
        search_query=checked_search_query(search_query),
        **kwargs,
    )


def resolve_page_list(queryset, info, **kwargs):
    """grapple's `resolve_queryset` for page lists, with every argument checked first."""
    return resolve_checked_list(queryset, info, PAGE_ORDERS, **kwargs)
