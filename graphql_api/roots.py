"""grapple's root queries, resolved for the public.

They keep grapple's names and arguments so its documentation still applies, but every page they return passes
`core.visibility`, `order` is allow-listed, and a bad preview token is an error rather than somebody else's page.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from grapple.types.pages import get_site_filter, get_specific_page
from grapple.types.search import SearchQuery
from grapple.types.snippets import SnippetsQuery
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.models import get_snippet_models

from core.visibility import is_public, not_expired, public_pages

from .arguments import checked_search_query, resolve_page_list
from .errors import BadRequestArgument
from .preview import page_from_preview_token

SEARCH_RESULTS_LIMIT = 100


def content_type_filter(content_type):
    """`app.Model` names, comma-separated, as a filter; an unknown name is an error, not an empty list."""
    condition = Q()
    for name in content_type.split(","):
        app_label, _, model = name.strip().lower().partition(".")
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            raise BadRequestArgument(f"`contentType` {name.strip()!r} is not a page type; use the app.Model form.")
        condition |= Q(content_type__app_label=app_label, content_type__model=model)
    return condition


class PublicPageResolvers:
    """Resolvers for grapple's `page` and `pages` fields; mixed in ahead of grapple's own."""

    def resolve_page(self, info, token=None, **kwargs):
        if token:
            return page_from_preview_token(token)
        if content_type := kwargs.get("content_type"):
            content_type_filter(content_type)
        page = get_specific_page(
            id=kwargs.get("id"),
            slug=kwargs.get("slug"),
            url_path=kwargs.get("url_path"),
            content_type=kwargs.get("content_type"),
            site=get_site_filter(info, **kwargs),
        )
        return page if is_public(page) else None

    def resolve_pages(self, info, content_type=None, parent=None, ancestor=None, **kwargs):
        if parent:
            pages = Page.objects.child_of(public_pages().filter(pk=parent).first() or Page(path="", depth=0))
        elif ancestor:
            pages = Page.objects.descendant_of(public_pages().filter(pk=ancestor).first() or Page(path="", depth=0))
        else:
            pages = Page.objects.all()
        pages = public_pages(pages)
        site = get_site_filter(info, **kwargs)
        if site is not None:
            pages = pages.in_site(site)
        elif kwargs.get("site") is not None or kwargs.get("in_site"):
            return Page.objects.none()
        if content_type:
            pages = pages.filter(content_type_filter(content_type))
        kwargs.pop("site", None)
        kwargs.pop("in_site", None)
        return resolve_page_list(pages.specific(), info, **kwargs)


class PublicSearch(SearchQuery()):
    def resolve_search(self, info, query=None, **kwargs):
        if not query:
            return []
        checked_search_query(query)
        # Search backends cannot filter on `expire_at` (not in Page.search_fields), so expiry is checked on the hits.
        hits = Page.objects.live().public().filter(depth__gt=1).specific().search(query)[:SEARCH_RESULTS_LIMIT]
        return [page for page in hits if not_expired(page)]


class PublicSnippets(SnippetsQuery()):
    def resolve_snippets(self, info, **kwargs):
        snippets = []
        for model in get_snippet_models():
            objects = model.objects.all()
            if issubclass(model, DraftStateMixin):
                objects = objects.filter(live=True)
            snippets.extend(objects)
        return snippets


__all__ = ["PublicPageResolvers", "PublicSearch", "PublicSnippets"]
