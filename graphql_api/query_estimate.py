"""An upper bound of the SQL queries a document runs, from the document and the models alone, before it runs.

It follows how `graphql_api.batching` and `graphql_api.selection` resolve a selection, so a field costs what it
costs there, not once per item:

- A list a resolver returns (a root list, a listing's `items`, a page-tree field) is one *batch*: its query, one
  query per page type for `.specific()`, and the prefetches of what is selected below it.
- A relation selected on a batch's items (authors, an image, a page chosen by key), and the relations a computed
  field reads (`graphql_reads` on the model, `graphql_api.selection.computed_reads`), are one prefetch query per
  run of the batch, however many items it has.
- A page-tree field loads once per *group* of peers: the items of one list. A relation's list is a group per item
  of its parent (each item's authors are its own list), so a tree field below it runs once per parent item.
- A tree field given `order`, `searchQuery` or `id`, and a relation below an item no batch prefetched (a single
  page's), run once per item; so does the conversion of a StreamField outside a batch.
- A StreamField converts its chosen objects once per batch: one query per chooser block in its definition.
- A field of a type that is not a model's answers model instances with a query per call, unless the type names it in
  `graphql_loaded` (a search hit holds its page already); a type whose resolver runs queries of its own says how
  many in `graphql_queries` (a search).

Lists count their effective size as `DocumentMeasure` does (the argument, else the default the resolver applies);
fragments narrowed to different page types are all counted (each type present runs its own prefetches), not the
most expensive alone as for the walk cost. `tests/graphql_api/test_cost.py` checks the bound against measured SQL.
"""

from dataclasses import dataclass, replace
from functools import cache

from graphene.utils.str_converters import to_snake_case
from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLList,
    GraphQLNonNull,
    InlineFragmentNode,
    get_named_type,
    is_abstract_type,
)
from graphql.utilities import type_from_ast
from grapple.registry import registry
from wagtail.blocks import ChooserBlock, StreamBlock, StructBlock
from wagtail.blocks.list_block import ListBlock
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from .selection import ROW_FIELDS, TREE_FIELDS, computed_reads, model_field

# Queries any request may run besides its fields': view restrictions and private collections (read once per
# request), the site, and PostgreSQL's statement timeout.
REQUEST_QUERIES = 4
# A root field's own queries besides its list: a count for pagination, a content type or site lookup.
ROOT_QUERIES = 2
# Tree fields given one of these run one query per page (`graphql_api.interfaces._tree_list`).
PER_ITEM_TREE_ARGUMENTS = {"order", "searchQuery", "id"}


@dataclass(frozen=True)
class Context:
    """Where a selection runs: `runs` of the batch that prefetched its items (0: none did), `groups` of peers,
    `items` in all."""

    runs: int
    groups: int
    items: int
    in_stream: bool = False  # below a StreamField, whose conversion loaded the chosen objects
    loaded: frozenset = frozenset()  # lookups already loaded on these items (a chosen image's renditions)


@cache
def models_by_type_name():
    return {
        graphql_type._meta.name: model for model, graphql_type in registry.models.items() if hasattr(model, "_meta")
    }


def page_type_count():
    return len(registry.pages)


def lookup_queries(lookups):
    """One query per distinct step of the lookups (`authors__person` is two)."""
    steps = set()
    for lookup in lookups:
        parts = lookup.split("__")
        steps.update("__".join(parts[:end]) for end in range(1, len(parts) + 1))
    return len(steps)


def chooser_queries(block):
    """Chooser blocks in a StreamField's definition: each converts its chosen objects with one query per batch,
    and chosen images bring their renditions with one more (`selection.convert_together`)."""
    if isinstance(block, ChooserBlock):
        return 1 + issubclass(block.model_class, AbstractImage)
    if isinstance(block, StreamBlock | StructBlock):
        return sum(chooser_queries(child) for child in block.child_blocks.values())
    if isinstance(block, ListBlock):
        return chooser_queries(block.child_block)
    return 0


class QueryEstimate:
    """The SQL estimate of one operation, walked with a `DocumentMeasure` for list sizes and fragments."""

    def __init__(self, measure):
        self.measure = measure
        self._walking = set()
        self._memo = {}

    def returns_models(self, graphql_type):
        """Whether a field of this (named) type answers model instances: a model's type, or an interface or union
        of them (PageInterface, search results)."""
        if graphql_type is None:
            return False
        if graphql_type.name in models_by_type_name():
            return True
        return is_abstract_type(graphql_type) and any(
            member.name in models_by_type_name() for member in self.measure.schema.get_possible_types(graphql_type)
        )

    def operation(self, operation):
        root_type = self.measure.schema.get_root_type(operation.operation)
        return REQUEST_QUERIES + self.selection_set(operation.selection_set, root_type, Context(0, 1, 1), None)

    def selection_set(self, selection_set, parent_type, context, inherited_size):
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent_type, context, inherited_size)
            elif isinstance(selection, InlineFragmentNode):
                schema = self.measure.schema
                fragment_type = type_from_ast(schema, selection.type_condition) if selection.type_condition else None
                total += self.selection_set(
                    selection.selection_set, fragment_type or parent_type, context, inherited_size
                )
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment(selection.name.value, context, inherited_size)
        return total

    def fragment(self, name, context, inherited_size):
        """A named fragment's estimate, walked once per context (so a fan-out of fragments is measured in linear
        time, as `DocumentMeasure` does)."""
        key = (name, context, inherited_size)
        if key in self._memo:
            return self._memo[key]
        definition = self.measure.fragments.get(name)
        if definition is None or name in self._walking:
            return 0  # unknown fragment or a cycle: the standard rules refuse both
        self._walking.add(name)
        try:
            fragment_type = type_from_ast(self.measure.schema, definition.type_condition)
            result = self.selection_set(definition.selection_set, fragment_type, context, inherited_size)
        finally:
            self._walking.discard(name)
        self._memo[key] = result
        return result

    def field(self, node, parent_type, context, inherited_size):
        name = node.name.value
        field_def = getattr(parent_type, "fields", {}).get(name) if parent_type is not None else None
        if field_def is None or name in ROW_FIELDS:
            return 0
        is_list, size = self._size(node, field_def.type, parent_type, inherited_size)
        child_type = get_named_type(field_def.type)
        model = models_by_type_name().get(parent_type.name)
        model_relation = model_field(model, name) if model is not None else None
        page_type = parent_type.name == "PageInterface" or (model is not None and issubclass(model, Page))
        if name in TREE_FIELDS and page_type:
            own, below = self._tree_field(node, context, size)
        elif model_relation is not None and model_relation.is_relation:
            own, below = self._relation(model_relation, context, is_list, size)
        elif model_relation is not None:
            own = self._column(model_relation, context)
            in_stream = context.in_stream or isinstance(model_relation, StreamField)
            below = replace(context, items=context.items * size, in_stream=in_stream)
        elif model is not None:
            declared = computed_reads(model, name)
            reads = [lookup for lookup in declared if lookup not in context.loaded]
            own = lookup_queries(reads) * (context.runs or context.items)
            # Model instances a computed field answers come from what it reads, when it declares that (a person's
            # publications through their authorships); else from a query of its own (the home page's honors).
            answers_from_reads = bool(getattr(model, "graphql_reads", {}).get(to_snake_case(name)))
            if self.returns_models(child_type) and not answers_from_reads:
                own += self._resolver_queries(child_type, context, is_list)
            below = self._resolved(child_type, context, size)
        else:
            loaded = name in getattr(getattr(parent_type, "graphene_type", None), "graphql_loaded", ())
            answers_models = self.returns_models(child_type) and not loaded
            own = self._resolver_queries(child_type, context, is_list) if answers_models else 0
            own += context.items * getattr(getattr(child_type, "graphene_type", None), "graphql_queries", 0)
            own += ROOT_QUERIES if parent_type is self.measure.schema.query_type else 0
            below = self._resolved(child_type, context, size)
        if node.selection_set is None:
            return own
        child_size = None if is_list else self.measure._size_argument(node)
        return own + self.selection_set(node.selection_set, child_type, below, child_size)

    def _size(self, node, field_type, parent_type, inherited_size):
        """(is a list, its effective size: 1 for a single object)."""
        list_levels = 0
        while isinstance(field_type, GraphQLList | GraphQLNonNull):
            list_levels += isinstance(field_type, GraphQLList)
            field_type = field_type.of_type
        if not list_levels:
            return False, 1
        return True, self.measure.list_size(node, parent_type, inherited_size, list_levels)

    @staticmethod
    def _tree_field(node, context, size):
        """A page-tree field: its query and `.specific()` per page type, once per group of peers (per item when
        ordered, searched or by id); its pages are one batch."""
        per_item = any(argument.name.value in PER_ITEM_TREE_ARGUMENTS for argument in node.arguments or ())
        runs = context.items if per_item else context.groups
        return runs * (1 + page_type_count()), Context(runs=runs, groups=runs, items=context.items * size)

    @staticmethod
    def _relation(field, context, is_list, size):
        """A model relation: one prefetch per run of the batch that reached it (its renditions for an image), else
        one query per item; a list of them is a batch when nothing prefetched it (`batching.PeersMiddleware`)."""
        queries = 1 + issubclass(field.related_model, AbstractImage)
        runs = context.runs or context.items
        below_runs = runs if (context.runs or is_list) else 0
        return runs * queries, Context(runs=below_runs, groups=context.items, items=context.items * size)

    @staticmethod
    def _column(field, context):
        """A StreamField converts its chosen objects together for a batch (a page alone is a batch of one)."""
        if isinstance(field, StreamField):
            return (context.runs or context.items) * chooser_queries(field.stream_block)
        return 0

    def _resolved(self, child_type, context, size):
        """The context below a field its resolver answers: model instances are a batch per call; an image chosen
        in a StreamField comes with its renditions."""
        items = context.items * size
        if not self.returns_models(child_type):
            return replace(context, items=items)
        chosen_image = context.in_stream and issubclass(models_by_type_name().get(child_type.name, Page), AbstractImage)
        return Context(
            runs=context.items,
            groups=context.items,
            items=items,
            loaded=frozenset({"renditions"} if chosen_image else ()),
        )

    @staticmethod
    def _resolver_queries(child_type, context, is_list):
        """A resolver answering model instances: its query, and `.specific()` for pages (one query per page type
        for a list, one for a single page). In a StreamField the conversion read them, but a chosen page is made
        specific one at a time."""
        if context.in_stream:
            return context.items if is_abstract_type(child_type) else 0
        return context.items * (1 + (page_type_count() if is_abstract_type(child_type) and is_list else 1))
