"""What a query asks for, so resolvers fetch the relations it will read, and only those.

`optimized` reads the selection below a field and the models' metadata, and joins, prefetches and leaves out
columns accordingly: a foreign key is joined, a many-to-many or reverse relation is prefetched (pages only if the
public may see them), an image brings its renditions, and a StreamField nobody selected is not read. Nothing is
declared per field or per app: a model added by an app is batched the same way.
"""

from django.db.models import ForeignObjectRel, ManyToManyField, Prefetch, prefetch_related_objects
from graphene.utils.str_converters import to_snake_case
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode
from modelcluster.fields import ParentalKey
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.models import Page

from core.visibility import public_pages

# Fields every page type answers from the page's own row, the request or a cache (grapple reads `contentType` from
# Django's content type cache), never from a relation or a heavy column.
ROW_FIELDS = {"__typename", "id", "url", "urlPath", "pageType", "contentType", "title", "slug"}
# Page-tree fields, loaded for a whole list by `graphql_api.interfaces`: they read no relation of the page itself.
TREE_FIELDS = {"parent", "children", "siblings", "nextSiblings", "previousSiblings", "descendants", "ancestors"}


def selected_fields(info, path=()):
    """Names of the fields selected below the current field, following `path` (e.g. ("items",)), fragments included."""
    return {field.name.value for field in selected_nodes(info, path)}


def selected_nodes(info, path=()):
    """The field nodes selected below the current field, following `path`."""
    selections = [node.selection_set for node in info.field_nodes if node.selection_set]
    for step in path:
        selections = [
            field.selection_set
            for field in _fields(selections, info.fragments)
            if field.name.value == step and field.selection_set
        ]
    return list(_fields(selections, info.fragments))


def optimized(queryset, info, path=()):
    """`queryset` joined, prefetched and trimmed for exactly what the query selects below `path`."""
    return _optimized(queryset, selected_nodes(info, path), info.fragments)


def prefetch_selected(instances, info):
    """Prefetch on already fetched model instances (of any page types) the relations the current field selects."""
    nodes = list(_fields([node.selection_set for node in info.field_nodes if node.selection_set], info.fragments))
    by_class = {}
    for instance in instances:
        by_class.setdefault(type(instance), []).append(instance)
    for model, items in by_class.items():
        _, prefetches = _relations(model, nodes, info.fragments, prefix="", join=False)
        if prefetches:
            prefetch_related_objects(items, *prefetches)
        names = {to_snake_case(node.name.value) for node in nodes}
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField) and field.name in names:
                convert_together([getattr(item, field.name) for item in items])


def convert_together(stream_values):
    """Convert the blocks of several StreamFields with one `bulk_to_python` per block type across all of them, so
    the images, documents and pages chosen in 50 pages' bodies are read in one query per kind, not 50.

    Wagtail converts one stream at a time (`StreamValue._prefetch_blocks`); this fills the same slots beforehand.
    """
    pending = {}
    for value in stream_values:
        for index, raw in enumerate(value._raw_data):
            if value._bound_blocks[index] is None and raw["type"] in value.stream_block.child_blocks:
                child_block = value.stream_block.child_blocks[raw["type"]]
                pending.setdefault(id(child_block), (child_block, []))[1].append((value, index, raw))
    for child_block, entries in pending.values():
        converted = child_block.bulk_to_python([raw["value"] for _, _, raw in entries])
        for (value, index, raw), native in zip(entries, converted, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(child_block, native, id=raw.get("id"))


def _optimized(queryset, nodes, fragments):
    joins, prefetches = _relations(queryset.model, nodes, fragments, prefix="")
    queryset = queryset.select_related(*joins).prefetch_related(*prefetches)
    if unread := _unread_heavy_columns(queryset.model, nodes):
        queryset = queryset.defer(*unread)
    return queryset


def _relations(model, nodes, fragments, prefix, join=True):
    """`select_related` and `prefetch_related` lookups for the relations of `model` that `nodes` select.

    A field the model computes (SEO, a citation, a label) may read any of the model's own relations: when one is
    selected, every relation the model declares itself (foreign keys, many-to-many, inline children) is prefetched.
    """
    grouped = _grouped(nodes, fragments)
    fields = {name: model_field(model, name) for name in grouped if name not in ROW_FIELDS}
    if any(field is None and name not in TREE_FIELDS for name, field in fields.items()):
        for field in _own_relations(model):
            fields.setdefault(field.name, field)
    joins, prefetches = [], {}
    for name, field in fields.items():
        if field is None or not field.is_relation or field.related_model is None:
            continue
        children = grouped.get(name, [])
        related = field.related_model
        lookup = prefix + (field.get_accessor_name() if isinstance(field, ForeignObjectRel) else field.name)
        if (field.many_to_one or field.one_to_one) and not isinstance(field, ForeignObjectRel):
            # The relations below a foreign key go by their own paths, so they apply even where the key was
            # already joined (a resolver's own `select_related`).
            join_here = join and not issubclass(related, Page)
            if issubclass(related, Page):
                prefetches[lookup] = Prefetch(lookup, queryset=public_pages(related.objects.all()))
            elif join_here:
                joins.append(lookup)
            else:
                prefetches[lookup] = lookup
            nested_joins, nested_prefetches = _relations(related, children, fragments, f"{lookup}__", join_here)
            joins += nested_joins
            prefetches.update((_lookup(nested), nested) for nested in nested_prefetches)
            if issubclass(related, AbstractImage):
                prefetches[f"{lookup}__renditions"] = f"{lookup}__renditions"
        elif isinstance(field, ManyToManyField | ForeignObjectRel):
            related_pages = issubclass(related, Page)
            inner = (
                public_pages(related.objects.all()).order_by("path")
                if related_pages
                else related._default_manager.all()
            )
            prefetches[lookup] = Prefetch(lookup, queryset=_optimized(inner, children, fragments))
        elif field.many_to_many:  # a tag manager: its own prefetching
            prefetches[lookup] = lookup
    return joins, list(prefetches.values())


def _lookup(prefetch):
    return prefetch.prefetch_to if isinstance(prefetch, Prefetch) else prefetch


def _own_relations(model):
    """The relations a model declares (foreign keys, many-to-many, tags) and its inline children (ParentalKeys);
    not Wagtail's own page relations (owner, locks, revisions, comments), which no content field reads."""
    for field in model._meta.get_fields():
        if not field.is_relation or field.related_model is None or field.model is Page or field.name.endswith("_ptr"):
            continue
        if isinstance(field, ForeignObjectRel):
            if isinstance(field.remote_field, ParentalKey):
                yield field
        elif field.concrete or field.many_to_many:
            yield field


def model_field(model, graphql_name):
    """The model field a GraphQL field reads: its own name, or the `source` grapple was given for it."""
    name = to_snake_case(graphql_name)
    fields = {field.name: field for field in model._meta.get_fields()}
    return fields.get(name) or fields.get(_grapple_source(model, name))


def _grapple_source(model, name):
    for graphql_field in getattr(model, "graphql_fields", ()):
        if getattr(graphql_field, "field_name", None) == name:
            return getattr(graphql_field, "field_source", None)
    return None


def _unread_heavy_columns(model, nodes):
    """StreamFields and rich text the query does not select, when every selected field reads the row alone (a
    method such as SEO's may read the body: then nothing is left out)."""
    names = {node.name.value for node in nodes}
    if not names or not all(name in ROW_FIELDS or model_field(model, name) is not None for name in names):
        return []
    selected = {to_snake_case(name) for name in names}
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField | RichTextField) and field.name not in selected
    ]


def _grouped(nodes, fragments):
    """Selected field names, each with the field nodes selected below it (a field may be selected several times)."""
    grouped = {}
    for node in nodes:
        children = list(_fields([node.selection_set], fragments)) if node.selection_set else []
        grouped.setdefault(node.name.value, []).extend(children)
    return grouped


def _fields(selection_sets, fragments):
    for selection_set in selection_sets:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection
            elif isinstance(selection, InlineFragmentNode):
                yield from _fields([selection.selection_set], fragments)
            elif isinstance(selection, FragmentSpreadNode) and selection.name.value in fragments:
                yield from _fields([fragments[selection.name.value].selection_set], fragments)
