"""The public GraphQL schema: grapple's queries, resolved for the public, plus each project app's root fields.

Mixins earlier in the bases win, so the public resolvers here replace grapple's own without patching grapple.
A project app adds root fields with a `Query` class in its `schema.py`; nothing here names it.
"""

from importlib import import_module
from pathlib import Path

import graphene
from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule
from graphql import GraphQLNonNull
from grapple.registry import registry
from grapple.settings import grapple_settings
from wagtail import hooks

from .batching import PeersMiddleware
from .cache import CacheTagMiddleware
from .middleware import PrivateMediaMiddleware, apply_object_field_middleware
from .roots import PreviewLinkQuery, PublicPageResolvers, PublicSearch, PublicSnippets
from .search import SiteSearchQuery

# Page model fields that describe editing rather than content: a draft's title, whether a draft exists, locks,
# tree internals. grapple exposes every concrete Page field; the public schema leaves these out.
INTERNAL_PAGE_FIELDS = {
    "draftTitle",
    "hasUnpublishedChanges",
    "latestRevisionCreatedAt",
    "locked",
    "lockedAt",
    "aliasOf",
    "aliases",
    "path",
    "numchild",
    "translationKey",
    "goLiveAt",
    "expireAt",
    "expired",
}


def hide_internal_page_fields(graphql_schema):
    page_interface = graphql_schema.get_type("PageInterface")
    for graphql_type in graphql_schema.type_map.values():
        if graphql_type is page_interface or page_interface in getattr(graphql_type, "interfaces", ()):
            for field_name in INTERNAL_PAGE_FIELDS:
                graphql_type.fields.pop(field_name, None)


def hide_raw_block_values(graphql_schema):
    """grapple's `rawValue` on every block is the stored form: rich text with the ids of linked drafts
    (`<a linktype="page" id="42">`), chooser values as they are. The frontend reads `value` and typed fields only."""
    block_interface = graphql_schema.get_type("StreamFieldInterface")
    for graphql_type in graphql_schema.type_map.values():
        if graphql_type is block_interface or block_interface in getattr(graphql_type, "interfaces", ()):
            graphql_type.fields.pop("rawValue", None)


def require_src_set_sizes(graphql_schema):
    """grapple declares `srcSet(sizes: [Int])` optional, but its resolver cannot run without it: a query leaving it
    out was an execution error on every image; required, it is refused at validation with a precise message."""
    for graphql_type in graphql_schema.type_map.values():
        src_set = getattr(graphql_type, "fields", {}).get("srcSet")
        sizes = src_set.args.get("sizes") if src_set else None
        if sizes is not None and not isinstance(sizes.type, GraphQLNonNull):
            sizes.type = GraphQLNonNull(sizes.type)


def is_project_app(config):
    """An app of this project rather than an installed package (grapple has a `schema` module of its own)."""
    path = Path(config.path).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and "site-packages" not in path.parts


def app_queries():
    """Each project app's `schema.Query`, in INSTALLED_APPS order (the order the SDL prints their root fields in)."""
    own = apps.get_containing_app_config(__name__)
    return [
        import_module(f"{config.name}.schema").Query
        for config in apps.get_app_configs()
        if config is not own and is_project_app(config) and module_has_submodule(config.module, "schema")
    ]


def create_schema():
    grapple_mixins = []
    for register in hooks.get_hooks("register_schema_query"):
        register(grapple_mixins)
    grapple_mixins = [mixin for mixin in grapple_mixins if mixin is not graphene.ObjectType]

    class Query(
        SiteSearchQuery,
        PublicPageResolvers,
        PreviewLinkQuery,
        PublicSearch,
        PublicSnippets,
        # graphene reads fields from the last base first, so the first app's fields come first.
        *reversed(app_queries()),
        *grapple_mixins,
    ):
        pass

    public_schema = graphene.Schema(
        query=Query,
        types=list(registry.models.values()),
        auto_camelcase=grapple_settings.AUTO_CAMELCASE,
    )
    hide_internal_page_fields(public_schema.graphql_schema)
    hide_raw_block_values(public_schema.graphql_schema)
    require_src_set_sizes(public_schema.graphql_schema)
    # Innermost first: private media are dropped before a batch is made of a list or its tags are recorded.
    apply_object_field_middleware(
        public_schema.graphql_schema, [PrivateMediaMiddleware(), PeersMiddleware(), CacheTagMiddleware()]
    )
    return public_schema


schema = create_schema()
