"""GraphQL helpers the content apps use in their `graphql_fields`."""

import graphene
from grapple.models import GraphQLField
from grapple.registry import registry
from grapple.settings import grapple_settings

_stream_unions = {}
# How many pages of another kind a page lists unless a query asks for more (a project's or a person's publications,
# newest first): a list the cost limits can size. Past it, the frontend links to the full, paginated listing.
RELATED_PAGES_SHOWN = 25


def graphql_type_for_block(block):
    """The GraphQL type grapple registered for a block instance, walking up its class hierarchy."""
    for block_class in type(block).__mro__:
        if block_class in registry.streamfield_blocks:
            return registry.streamfield_blocks[block_class]
    return registry.streamfield_blocks["generic-block"]


def _list_field(field_name, item_type, **kwargs):
    """`[Item!]!`: grapple's `is_list` cannot express a non-null list of non-null items."""
    return GraphQLField(field_name, graphene.NonNull(graphene.List(graphene.NonNull(item_type))), **kwargs)


def stream_union(stream_block_class):
    """A union of the block types a StreamBlock may hold, so a frontend learns them from the schema."""
    if stream_block_class not in _stream_unions:
        member_types = tuple(graphql_type_for_block(child) for child in stream_block_class.base_blocks.values())

        class Meta:
            name = stream_block_class.__name__
            types = tuple(dict.fromkeys(member_types))
            description = f"A block of a {stream_block_class.__name__} StreamField."

        def resolve_type(cls, instance, info):
            return graphql_type_for_block(instance.block)

        _stream_unions[stream_block_class] = type(
            stream_block_class.__name__,
            (graphene.Union,),
            {"Meta": Meta, "resolve_type": classmethod(resolve_type)},
        )
    return _stream_unions[stream_block_class]


def GraphQLStreamBlocks(field_name, stream_block_class, **kwargs):
    """A StreamField exposed as a typed list of its blocks (a union), never a raw JSON string."""

    def Mixin():
        return _list_field(field_name, lambda: stream_union(stream_block_class), **kwargs)

    return Mixin


def GraphQLBlockList(field_name, block_class, **kwargs):
    """A list of struct values inside a block, typed as the child block's own GraphQL type."""

    def Mixin():
        return _list_field(field_name, lambda: registry.streamfield_blocks[block_class], **kwargs)

    return Mixin


def limit_argument(default=None):
    """`limit`: at most this many items, 1 to MAX_PAGE_SIZE. With a `default`, the schema states it and the
    resolver always receives a limit, so the cost and SQL estimates count an absent limit at that size."""
    stated = {} if default is None else {"default_value": default}
    return graphene.Int(
        description=f"At most this many, 1 to {grapple_settings.MAX_PAGE_SIZE}; default "
        f"{grapple_settings.PAGE_SIZE if default is None else default}. Outside that range the query is refused.",
        **stated,
    )


def GraphQLModelList(field_name, model, *, limited=False, default_limit=None, **kwargs):
    """A plain list of another model's type. Unlike grapple's GraphQLCollection it takes no raw `order` argument.

    `limited=True` bounds a list that grows with the site: the field takes a `limit` argument, mounted the way
    grapple's QuerySetList mounts its own (a wrapper around the field's type), and its source method receives it and
    returns at most that many items: 1 to MAX_PAGE_SIZE; when absent, `default_limit` (stated in the schema), else
    `graphql_api.arguments.checked_size("limit", None)` (PAGE_SIZE). A limit outside that range is refused by name
    before anything runs (`validation.SizeArgumentsRule`), and the cost and SQL estimates count the list at its
    limit, or at the default the schema states, as they count every `limit`.
    """

    def Mixin():
        from django.apps import apps

        model_class = apps.get_model(model) if isinstance(model, str) else model
        field = _list_field(field_name, lambda: registry.models[model_class], **kwargs)
        if not limited:
            return field

        def with_limit(field_type):
            return graphene.Field(
                field_type,
                description=field.description,
                deprecation_reason=field.deprecation_reason,
                limit=limit_argument(default_limit),
            )

        return field, with_limit

    return Mixin


def GraphQLStringList(field_name, **kwargs):
    def Mixin():
        return _list_field(field_name, graphene.String, **kwargs)

    return Mixin


__all__ = [
    "GraphQLBlockList",
    "GraphQLModelList",
    "GraphQLStreamBlocks",
    "GraphQLStringList",
    "graphql_type_for_block",
    "limit_argument",
    "stream_union",
]
