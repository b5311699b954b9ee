"""grapple's root queries, resolved for the public.

They keep grapple's names and arguments so its documentation still applies, but every page they return passes
`core.visibility`, `order` is allow-listed, and a bad preview token is an error rather than somebody else's page.

Besides `page`/`pages`, this covers grapple's other raw paths: `site { pages page rootPage }` and `sites(order:)`
(grapple's `SiteObjectType` resolves them with no expiry check and a raw `order`, e.g. "root_page__owner__password"),
`redirects` (a redirect's target page may be a draft), and the raw `order` of `images`, `documents`,
`collections` and `tags` (e.g. "uploaded_by_user__password"). The site and redirect types are replaced by
subclasses with the same GraphQL names and fields, so the schema file does not change.
"""

import copy
import itertools

import graphene
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from grapple.registry import registry
from grapple.settings import grapple_settings
from grapple.types.interfaces import get_page_interface, get_snippet_interface
from grapple.types.pages import get_site_filter
from grapple.types.redirects import RedirectObjectType
from grapple.types.search import SearchQuery
from grapple.types.sites import SiteObjectType
from grapple.types.snippets import SnippetsQuery
from grapple.types.structures import QuerySetList
from grapple.utils import resolve_site_by_hostname, resolve_site_by_id
from taggit.models import Tag, TaggedItem, TaggedItemBase
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, DraftStateMixin, Page, Site
from wagtail.snippets.models import get_snippet_models

from core.graphql import limit_argument
from core.visibility import is_public, not_expired, private_collection_ids, public_pages

from .arguments import (
    COLLECTION_ORDERS,
    MEDIA_ORDERS,
    SITE_ORDERS,
    TAG_ORDERS,
    checked_search_query,
    checked_size,
    resolve_checked_list,
    resolve_page_list,
)
from .errors import BadRequestArgument
from .preview import page_from_preview_link, page_from_preview_token

SEARCH_RESULTS_LIMIT = 100


def content_type_filter(content_type):
    """`app.Model` names, comma-separated, as a filter; an unknown name is an error, not an empty list."""
    condition = Q()
    for name in content_type.split(","):
        condition |= Q(content_type=_content_type(name))
    return condition


def _content_type(name):
    """The content type an `app.Model` name gives, from Django's content type cache (no query once seen)."""
    app_label, _, model = name.strip().lower().partition(".")
    try:
        return ContentType.objects.get_by_natural_key(app_label, model)
    except ContentType.DoesNotExist:
        raise BadRequestArgument(
            f"`contentType` {name.strip()!r} is not a page type; use the app.Model form."
        ) from None


def public_page(info, find_site, token=None, **kwargs):
    """The page grapple's `page` arguments name if it is public, or the draft a preview token was issued for.

    `find_site` is called only when a site is needed, so a preview token costs no site lookup.
    """
    if token:
        return page_from_preview_token(token, info.context)
    page = _specific_page(
        id=kwargs.get("id"),
        slug=kwargs.get("slug"),
        url_path=kwargs.get("url_path"),
        content_type=kwargs.get("content_type"),
        site=find_site(),
    )
    return page if is_public(page) else None


def _specific_page(*, id, slug, url_path, content_type, site):
    """The page grapple's `get_specific_page` finds, among the public pages, in two queries (the page, its specific
    row) where grapple's takes four: it reads the view restrictions again (`.public()`, which `public_pages` reads
    once per request) and asks `exists()` before `first()`."""
    pages = public_pages()
    if site:
        pages = pages.in_site(site)
    if content_type:
        pages = pages.filter(content_type=_content_type(content_type))
    try:
        if id:
            return pages.specific().get(pk=id)
        if slug:
            return pages.specific().get(slug=slug)
    except Page.DoesNotExist:
        return None
    except Page.MultipleObjectsReturned:  # a slug is unique among siblings only
        raise BadRequestArgument(f"`slug` {slug!r} names several pages; ask by `urlPath` or `id`.") from None
    if not url_path:
        return None
    url_path = url_path if url_path.endswith("/") else f"{url_path}/"
    if site:  # a path on the site: exactly that page
        pages = pages.filter(url_path=f"{site.root_page.url_path}{url_path.lstrip('/')}")
    else:  # grapple's reading of a path without a site: the first page whose path ends so
        pages = pages.filter(url_path__endswith=url_path)
    return pages.specific().first()


class PublicSiteObjectType(SiteObjectType):
    # grapple's site type with public resolvers. Same GraphQL name and fields (no docstring: it would become the
    # type's description); it replaces grapple's type for `Site` in graphene-django's registry, so
    # `Page.sitesRootedHere` uses it too.

    class Meta:
        model = Site
        name = "SiteObjectType"
        fields = "__all__"

    def resolve_root_page(self, info, **kwargs):
        return self.root_page if is_public(self.root_page) else None

    def resolve_pages(self, info, content_type=None, **kwargs):
        pages = public_pages(Page.objects.in_site(self))
        if content_type:
            pages = pages.filter(content_type_filter(content_type))
        return resolve_page_list(pages.specific(), info, **kwargs)

    def resolve_page(self, info, **kwargs):
        return public_page(info, lambda: self, **kwargs)


class PublicRedirect(RedirectObjectType):
    site = graphene.Field(PublicSiteObjectType, required=True)
    # `redirects` loads each redirect's site and public page with the list (graphql_api.query_estimate).
    graphql_loaded = {"page", "site"}

    class Meta:
        name = "Redirect"

    def resolve_page(self, info, **kwargs):
        return self.public_page


class PublicSites:
    site = graphene.Field(PublicSiteObjectType, hostname=graphene.String(), id=graphene.ID())
    sites = QuerySetList(
        graphene.NonNull(PublicSiteObjectType),
        enable_search=True,
        required=True,
        is_default_site=graphene.Argument(graphene.Boolean),
    )

    def resolve_site(self, info, id=None, hostname=None, **kwargs):
        if id:
            return resolve_site_by_id(id=id)
        if hostname:
            return resolve_site_by_hostname(hostname=hostname, filter_name="hostname")
        return None

    def resolve_sites(self, info, is_default_site=None, search_query=None, **kwargs):
        if search_query:
            raise BadRequestArgument("`searchQuery` is not supported on sites.")
        sites = Site.objects.all()
        if is_default_site is not None:
            sites = sites.filter(is_default_site=is_default_site)
        return resolve_checked_list(sites, info, SITE_ORDERS, **kwargs)


def paged_list(item_type, description):
    """A root list that grows with the site (redirects, snippets): at most `limit` items (default and most
    MAX_PAGE_SIZE, as the schema states, so the cost limit knows its size) from `offset`."""
    return graphene.Field(
        graphene.NonNull(graphene.List(graphene.NonNull(item_type))),
        limit=limit_argument(grapple_settings.MAX_PAGE_SIZE),
        offset=graphene.Int(description="Items to skip, 0 or more; default 0."),
        description=description,
    )


def page_of(items, limit, offset):
    """Items `offset` to `offset + limit` of an iterable, reading no further."""
    offset = offset or 0
    return list(itertools.islice(items, offset, offset + limit))


class PublicRedirects:
    redirects = paged_list(
        PublicRedirect,
        "Redirects to a public page or an external URL, by old path; one per site for a redirect "
        "that applies to every site.",
    )

    def resolve_redirects(self, info, limit=None, offset=None, **kwargs):
        limit, offset = checked_size("limit", limit, grapple_settings.MAX_PAGE_SIZE), offset or 0
        rows = (
            Redirect.objects.select_related("redirect_page", "site")
            .filter(Q(redirect_page__isnull=True) | Q(redirect_page__in=public_pages()))
            .order_by("old_path", "pk")
        )[: offset + limit]  # each row is at least one redirect
        sites = None

        def per_site():
            nonlocal sites
            for redirect in rows:
                if redirect.site is not None:
                    yield redirect
                    continue
                sites = list(Site.objects.all()) if sites is None else sites
                for site in sites:
                    for_site = copy.deepcopy(redirect)
                    for_site.site = site
                    yield for_site

        redirects = page_of(per_site(), limit, offset)
        pages = public_pages(Page.objects.filter(pk__in={r.redirect_page_id for r in redirects if r.redirect_page_id}))
        specific = {page.pk: page for page in pages.specific()}  # one query per page type, not one per redirect
        for redirect in redirects:
            redirect.public_page = specific.get(redirect.redirect_page_id)
        return redirects


def public_collections():
    """Collections neither view-restricted nor nested in one that is."""
    return Collection.objects.exclude(id__in=private_collection_ids())


def tagged_page_types():
    """(through model, page type) for each taggit through model that tags one page type, found so no content app is
    named here. taggit's own `TaggedItem` tags any object through a generic key; media tags are read through it."""
    found = []
    for model in apps.get_models():
        if issubclass(model, TaggedItemBase):
            target = model._meta.get_field("content_object").related_model
            if isinstance(target, type) and issubclass(target, Page):
                found.append((model, target))
    return found


def public_tags():
    """Tags used by at least one public object: a public page, or an image or document in a public collection.
    A tag only drafts, private pages or private media carry would tell what they are about."""
    used = Q()
    for through, page_type in tagged_page_types():
        used |= Q(
            id__in=through.objects.filter(content_object__in=public_pages(page_type.objects.all())).values("tag_id")
        )
    for model in [get_image_model(), get_document_model()]:
        used |= Q(
            id__in=TaggedItem.objects.filter(
                content_type=ContentType.objects.get_for_model(model),
                object_id__in=model.objects.filter(collection__in=public_collections()).values("pk"),
            ).values("tag_id")
        )
    return Tag.objects.filter(used)


class PublicMediaLists:
    """`images`, `documents`, `collections` and `tags` with an allow-listed `order` and checked sizes."""

    # `collection__in` rather than grapple's `collection__view_restrictions__isnull`: search backends can filter on
    # `collection` (a FilterField of every collection member), so `searchQuery` works on these lists too.

    def resolve_images(self, info, **kwargs):
        images = get_image_model().objects.filter(collection__in=public_collections()).prefetch_renditions()
        return resolve_checked_list(images, info, MEDIA_ORDERS, **kwargs)

    def resolve_documents(self, info, **kwargs):
        documents = get_document_model().objects.filter(collection__in=public_collections())
        return resolve_checked_list(documents, info, MEDIA_ORDERS, **kwargs)

    def resolve_collections(self, info, **kwargs):
        return resolve_checked_list(public_collections(), info, COLLECTION_ORDERS, **kwargs)

    def resolve_tag(self, info, id=None, **kwargs):
        return public_tags().filter(pk=id).first() if id else None

    def resolve_tags(self, info, **kwargs):
        return resolve_checked_list(public_tags(), info, TAG_ORDERS, **kwargs)


class PublicPageResolvers(PublicSites, PublicRedirects, PublicMediaLists):
    """Resolvers for grapple's `page` and `pages` fields; mixed in ahead of grapple's own.

    It also carries the site, redirect and media-list mixins above, so that `schema.py`'s existing bases pick them
    up ahead of grapple's `SitesQuery`, `RedirectsQuery`, `ImagesQuery`, `DocumentsQuery`, `CollectionsQuery` and
    `TagsQuery`.
    """

    def resolve_page(self, info, **kwargs):
        def find_site():
            site = get_site_filter(info, **kwargs)
            if site is None and kwargs.get("url_path") and kwargs.get("site") is None:
                # grapple matches a bare `urlPath` with `url_path__endswith`, so "/" would be any page at all; a
                # path is read against the site the request is for (the default site when no hostname matches).
                site = Site.find_for_request(info.context)
            return site

        return public_page(info, find_site, **kwargs)

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


class PreviewLinkQuery:
    preview_link = graphene.Field(
        get_page_interface,
        key=graphene.String(required=True),
        description="The latest draft of a page, through a shareable preview link an editor created.",
    )

    def resolve_preview_link(self, info, key):
        return page_from_preview_link(key, info.context)


class PublicSearch(SearchQuery()):
    def resolve_search(self, info, query=None, **kwargs):
        if not query:
            return []
        checked_search_query(query)
        # Search backends cannot filter on `expire_at` (not in Page.search_fields), so expiry is checked on the hits.
        hits = Page.objects.live().public().filter(depth__gt=1).specific().search(query)[:SEARCH_RESULTS_LIMIT]
        return [page for page in hits if not_expired(page)]


class PublicSnippets(SnippetsQuery()):
    snippets = paged_list(get_snippet_interface, "Live snippets of every type, type by type.")

    def resolve_snippets(self, info, limit=None, offset=None, **kwargs):
        limit = checked_size("limit", limit, grapple_settings.MAX_PAGE_SIZE)
        enough = (offset or 0) + limit

        def every_type():
            # Only the snippet models grapple exposes: a registered snippet without a GraphQL type (an honor,
            # served by its own root) has no member of SnippetInterface to answer as, and failed the request.
            for model in (model for model in get_snippet_models() if model in registry.snippets):
                objects = model.objects.all()
                if issubclass(model, DraftStateMixin):
                    objects = objects.filter(live=True)
                yield from objects[:enough]

        return page_of(every_type(), limit, offset)


__all__ = [
    "PublicMediaLists",
    "PublicPageResolvers",
    "PublicRedirects",
    "PublicSearch",
    "PublicSites",
    "PublicSnippets",
]
