"""The page interface every page type implements, with grapple's tree resolvers made public-only and batched.

Stock grapple resolves `parent` with no visibility check (a draft's parent, or a private parent, leaks), and its
list resolvers take a raw `order`. Every resolver here returns pages that `core.visibility` allows. Stock grapple
also runs each tree field's query once per page; here a list's pages load each tree field together
(`graphql_api.batching`), with the visibility rules inside that one query.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from grapple.settings import grapple_settings
from grapple.types.interfaces import PageInterface
from wagtail.models import Page

from core.paths import page_url
from core.visibility import public_pages

from .arguments import checked_size, resolve_page_list
from .batching import batched

STEP = Page.steplen


def _parent_path(page):
    return page.path[:-STEP]


# Each tree relation: the SQL condition for one page's relatives, and the same test in Python to share the rows of
# one query out among the pages of a list. Relatives come in tree order, as Wagtail returns them; previous
# siblings nearest first.
TREE_RELATIONS = {
    "children": (
        lambda page: Q(path__startswith=page.path, depth=page.depth + 1),
        lambda page, other: other.depth == page.depth + 1 and other.path.startswith(page.path),
    ),
    "descendants": (
        lambda page: Q(path__startswith=page.path, depth__gt=page.depth),
        lambda page, other: other.depth > page.depth and other.path.startswith(page.path),
    ),
    "siblings": (
        lambda page: Q(path__startswith=_parent_path(page), depth=page.depth) & ~Q(pk=page.pk),
        lambda page, other: _parent_path(other) == _parent_path(page) and other.pk != page.pk,
    ),
    "next_siblings": (
        lambda page: Q(path__startswith=_parent_path(page), depth=page.depth, path__gt=page.path),
        lambda page, other: _parent_path(other) == _parent_path(page) and other.path > page.path,
    ),
    "previous_siblings": (
        lambda page: Q(path__startswith=_parent_path(page), depth=page.depth, path__lt=page.path),
        lambda page, other: _parent_path(other) == _parent_path(page) and other.path < page.path,
    ),
    "ancestors": (
        lambda page: Q(path__in=[page.path[:end] for end in range(STEP, len(page.path), STEP)]),
        lambda page, other: len(other.path) < len(page.path) and page.path.startswith(other.path),
    ),
}
NEAREST_FIRST = {"previous_siblings"}


def _tree_order(relation):
    return "-path" if relation in NEAREST_FIRST else "path"


def _public_relatives(pages, relation):
    """Every page's public relatives of one kind, from one query (and one per page type for `.specific()`)."""
    condition, related = TREE_RELATIONS[relation]
    candidates = public_pages(Page.objects.filter(reduce(or_, map(condition, pages))))
    relatives = list(candidates.order_by(_tree_order(relation)).specific())
    return {page.pk: [other for other in relatives if related(page, other)] for page in pages}


def _tree_list(page, info, relation, limit=None, offset=None, in_menu=None, **kwargs):
    """A tree list, batched over the page's list when only sized; ordered, searched or by id, one query per page."""
    if any(kwargs.get(name) is not None for name in ("order", "search_query", "id")):
        condition, _ = TREE_RELATIONS[relation]
        return resolve_page_list(
            public_pages(Page.objects.filter(condition(page))).order_by(_tree_order(relation)).specific(),
            info,
            limit=limit,
            offset=offset,
            in_menu=in_menu,
            **kwargs,
        )
    relatives = batched(page, relation, lambda pages: _public_relatives(pages, relation), info)
    if in_menu is not None:
        relatives = [other for other in relatives if other.show_in_menus == in_menu]
    start = checked_size("offset", offset, 0) if offset else 0
    return relatives[start : start + checked_size("limit", limit, grapple_settings.PAGE_SIZE)]


def _public_parents(pages):
    parents = public_pages(Page.objects.filter(path__in={_parent_path(page) for page in pages})).specific()
    by_path = {parent.path: parent for parent in parents}
    return {page.pk: by_path.get(_parent_path(page)) for page in pages}


class PublicPageInterface(PageInterface):
    class Meta:
        name = "PageInterface"

    def resolve_url(self, info, **kwargs):
        """With the request, on which Wagtail keeps the site root paths (`urls_for`, around the execution)."""
        return page_url(self)

    def resolve_parent(self, info, **kwargs):
        return batched(self, "parent", _public_parents, info)

    def resolve_children(self, info, **kwargs):
        return _tree_list(self, info, "children", **kwargs)

    def resolve_siblings(self, info, **kwargs):
        return _tree_list(self, info, "siblings", **kwargs)

    def resolve_next_siblings(self, info, **kwargs):
        return _tree_list(self, info, "next_siblings", **kwargs)

    def resolve_previous_siblings(self, info, **kwargs):
        return _tree_list(self, info, "previous_siblings", **kwargs)

    def resolve_descendants(self, info, **kwargs):
        return _tree_list(self, info, "descendants", **kwargs)

    def resolve_ancestors(self, info, **kwargs):
        return _tree_list(self, info, "ancestors", **kwargs)
