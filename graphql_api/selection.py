"""What a query asks for, so resolvers fetch the relations it will read, and only those.

`optimized` reads the selection below a field and the models' metadata, and joins, prefetches and leaves out
columns accordingly: a foreign key is joined (that one only: never a page's locale or content type), a many-to-many
or reverse relation is prefetched (pages only if the public may see them), an image brings the renditions its
`srcSet` asks for, and a StreamField or a page's bookkeeping column nobody selected is not read. Nothing is
declared per relation: a model added by an app is batched the same way.

A field the model computes (SEO, a citation) reads relations the selection cannot show. A model says which in
`graphql_reads` (the field's name in snake case -> the lookups it reads, e.g. `{"seo": ("authors__person",)}`), and
only those are prefetched; for a computed field it does not declare, every relation of its own is. A declaration
also applies to a field answered through a grapple `source` under a column's name (a byline's `name`), and replaces
the default for a relation of the same name (a post's `tags`, read through its tagged items); a declared lookup
ending in a foreign key to a model other than a page is joined to the step before it (`tagged_items__tag`).
"""

from collections.abc import Iterable, Mapping
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import ForeignObjectRel, ManyToManyField, Model, Prefetch, prefetch_related_objects
from graphene.utils.str_converters import to_snake_case
from graphql import FieldNode, FragmentSpreadNode, InlineFragmentNode, value_from_ast_untyped
from grapple.registry import registry
from modelcluster.fields import ParentalKey
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage
from wagtail.images.utils import to_svg_safe_spec
from wagtail.models import Page

from core.visibility import public_pages

# Fields every page type answers from the page's own row, the request or a cache (grapple reads `contentType` from
# Django's content type cache), never from a relation or a heavy column.
# `searchScore` is the search hit's own attribute.
ROW_FIELDS = {"__typename", "id", "url", "urlPath", "pageType", "contentType", "title", "slug", "searchScore"}
# Columns of Wagtail's page row that serve editing and publishing (revisions, locks, ownership, scheduling, menus,
# translations, SEO text), which no field of the public API reads unless it is selected by name (`seoTitle`) or
# computed (`seo`). Visibility (`live`, `expire_at`, `path`, `depth`), URLs (`url_path`), `.specific`
# (`content_type`) and the row fields (`id`, `title`, `slug`) keep their columns.
PAGE_BOOKKEEPING_COLUMNS = (
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "go_live_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "alias_of",
    "translation_key",
    "show_in_menus",
    "seo_title",
    "search_description",
)
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
    return _optimized(queryset, selected_nodes(info, path), info.fragments, info.variable_values)


def prefetch_selected(instances, info):
    """Prefetch on already fetched model instances (of any page types) the relations the current field selects."""
    nodes = list(_fields([node.selection_set for node in info.field_nodes if node.selection_set], info.fragments))
    by_class = {}
    for instance in instances:
        by_class.setdefault(type(instance), []).append(instance)
    for model, items in by_class.items():
        _, prefetches = _relations(model, nodes, info.fragments, prefix="", join=False, variables=info.variable_values)
        if prefetches:
            prefetch_related_objects(items, *prefetches)
        names = {to_snake_case(node.name.value) for node in nodes}
        for field in model._meta.concrete_fields:
            if isinstance(field, StreamField) and field.name in names:
                convert_together([getattr(item, field.name) for item in items])


def convert_together(stream_values):
    """Convert the blocks of several StreamFields with one `bulk_to_python` per block type across all of them, so
    the images, documents and pages chosen in 50 pages' bodies are read in one query per kind, not 50; the chosen
    images' renditions come in one more.

    Wagtail converts one stream at a time (`StreamValue._prefetch_blocks`); this fills the same slots beforehand.
    """
    pending = {}
    for value in stream_values:
        for index, raw in enumerate(value._raw_data):
            if value._bound_blocks[index] is None and raw["type"] in value.stream_block.child_blocks:
                child_block = value.stream_block.child_blocks[raw["type"]]
                pending.setdefault(id(child_block), (child_block, []))[1].append((value, index, raw))
    chosen = []
    for child_block, entries in pending.values():
        converted = child_block.bulk_to_python([raw["value"] for _, _, raw in entries])
        for (value, index, raw), native in zip(entries, converted, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(child_block, native, id=raw.get("id"))
        chosen.extend(converted)
    objects = list(_chosen_objects(chosen))
    if images := [image for image in objects if isinstance(image, AbstractImage)]:
        prefetch_related_objects(images, "renditions")
    if pages := [page for page in objects if type(page) is Page]:
        _specific_together(pages)


def _specific_together(pages):
    """Give base `Page` instances (what a page chooser without a page type converts to) their `specific` page,
    with one query per page type rather than one per page when each is asked for it; as `Page.get_specific`
    does, the specific instance takes on the attributes set on the base one."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.content_type_id, []).append(page)
    for content_type_id, group in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model is Page:
            continue
        loaded = model._default_manager.in_bulk([page.pk for page in group])
        for page in group:
            if (specific := loaded.get(page.pk)) is not None:
                for name, value in page.__dict__.items():
                    specific.__dict__.setdefault(name, value)
                page.__dict__["specific"] = specific


def _chosen_objects(values):
    """The model instances in converted block values, in structs and lists (a nested stream converts its own
    blocks when read: it is not made to here)."""
    for value in values:
        if isinstance(value, Model):
            yield value
        elif isinstance(value, Mapping):
            yield from _chosen_objects(value.values())
        elif isinstance(value, Iterable) and not isinstance(value, str | bytes | StreamValue):
            yield from _chosen_objects(value)


def _optimized(queryset, nodes, fragments, variables=None):
    joins, prefetches = _relations(queryset.model, nodes, fragments, prefix="", variables=variables)
    if joins:  # a bare `select_related()` would join every non-null key: a page's locale and content type
        queryset = queryset.select_related(*joins)
    queryset = queryset.prefetch_related(*prefetches)
    if unread := _unread_columns(queryset.model, nodes, joins):
        queryset = queryset.defer(*unread)
    return queryset


def _relations(model, nodes, fragments, prefix, join=True, variables=None):
    """`select_related` and `prefetch_related` lookups for the relations of `model` that `nodes` select, and for
    those its selected computed fields read (`computed_reads`), the latter after the former so a declared
    `authors__person` goes through the `authors` the selection prefetches."""
    grouped = _grouped(nodes, fragments)
    declared = getattr(model, "graphql_reads", {})
    fields = {name: _read_field(model, name, declared) for name in grouped if name not in ROW_FIELDS}
    computed = computed_fields(model, fields)
    if any(to_snake_case(name) not in declared for name in computed):
        for field in _own_relations(model):
            fields.setdefault(field.name, field)
    # A field answered from a column of the same name may still read a relation through its grapple `source` (a
    # byline's `name` is its person's title while their page is public): declared reads apply to every field of
    # the model's type.
    own = _graphql_fields(model)
    reads = [
        lookup
        for name in grouped
        if to_snake_case(name) in declared and (name in computed or to_snake_case(name) in own)
        for lookup in declared[to_snake_case(name)]
    ]
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
            nested_joins, nested_prefetches = _relations(
                related, children, fragments, f"{lookup}__", join_here, variables
            )
            joins += nested_joins
            prefetches.update((_lookup(nested), nested) for nested in nested_prefetches)
        elif isinstance(field, ManyToManyField | ForeignObjectRel):
            related_pages = issubclass(related, Page)
            inner = (
                public_pages(related.objects.all()).order_by("path")
                if related_pages
                else related._default_manager.all()
            )
            prefetches[lookup] = Prefetch(lookup, queryset=_optimized(inner, children, fragments, variables))
        elif field.many_to_many:  # a tag manager: its own prefetching
            prefetches[lookup] = lookup
    for lookup in reads:
        if isinstance(prefetches.get(prefix + lookup), SelectedRenditions):
            # A computed field of this model (SEO's image) reads renditions nobody selected: all of them.
            prefetches[prefix + lookup] = prefix + lookup
        declared_prefetch = _declared_prefetch(model, lookup, prefix)
        prefetches.setdefault(_lookup(declared_prefetch), declared_prefetch)
    if issubclass(model, AbstractImage) and prefetches.get(prefix + "renditions") == prefix + "renditions":
        # The image's own `srcSet`/`rendition` read its renditions: only those of the filter specs they ask for.
        prefetches[prefix + "renditions"] = selected_renditions(
            model, prefix + "renditions", nodes, fragments, variables
        )
    return joins, list(prefetches.values())


class SelectedRenditions(Prefetch):
    """An image's renditions of the filter specs the selection asks for, not all it has: a card's thumbnail reads
    2 of the 8 or more an image shown in several places has."""


def selected_renditions(image_model, lookup, nodes, fragments, variables):
    """`lookup`'s renditions of the specs `srcSet(sizes:, format:)` on the image ask for (`nodes`: the image's
    selected fields), their SVG-safe forms too, as grapple's resolver names them; all of them (the plain `lookup`)
    where the specs are not known beforehand (`rendition(...)`, an argument neither a literal nor a variable)."""
    names = {node.name.value for node in nodes}
    if "rendition" in names:
        return lookup
    specs = set()
    for node in (node for node in nodes if node.name.value == "srcSet"):
        arguments = {argument.name.value: argument.value for argument in node.arguments or ()}
        try:
            sizes = value_from_ast_untyped(arguments["sizes"], variables) if "sizes" in arguments else None
            format = value_from_ast_untyped(arguments["format"], variables) if "format" in arguments else None
        except (KeyError, TypeError, ValueError):
            return lookup
        if not isinstance(sizes, list) or not all(isinstance(size, int) for size in sizes):
            return lookup
        suffix = f"|format-{format}" if format else ""
        for size in sizes:
            spec = f"width-{size}{suffix}"
            specs.update((spec, to_svg_safe_spec(spec) or "original"))
    renditions = image_model.get_rendition_model().objects.filter(filter_spec__in=sorted(specs))
    return SelectedRenditions(lookup, queryset=renditions)


def computed_fields(model, selected):
    """The names, among `selected` (GraphQL name -> model field or None), of the fields `model` computes; a name
    its type does not have (selected in a fragment on another type) is none of them."""
    own = _graphql_fields(model)
    return [
        name
        for name, field in selected.items()
        if field is None and name not in TREE_FIELDS | ROW_FIELDS and to_snake_case(name) in own
    ]


def _graphql_fields(model):
    graphql_type = registry.models.get(model)
    return graphql_type._meta.fields if graphql_type is not None else {}


def computed_reads(model, graphql_name):
    """The relation lookups a computed field reads: those the model declares in `graphql_reads`, else all its own
    (an image with its renditions)."""
    declared = getattr(model, "graphql_reads", {})
    name = to_snake_case(graphql_name)
    return list(declared[name]) if name in declared else own_relation_lookups(model)


def own_relation_lookups(model):
    """`prefetch_related` lookups for every relation of the model's own (`_own_relations`), images' renditions too."""
    lookups = []
    for field in _own_relations(model):
        lookup = field.get_accessor_name() if isinstance(field, ForeignObjectRel) else field.name
        lookups.append(lookup)
        if issubclass(field.related_model, AbstractImage):
            lookups.append(f"{lookup}__renditions")
    return lookups


def _read_field(model, graphql_name, declared):
    """`model_field`, except for a relation the model declares it reads another way (`graphql_reads`: a post's
    `tags` through its tagged items): that field is read as declared, and only so."""
    field = model_field(model, graphql_name)
    if field is not None and field.is_relation and to_snake_case(graphql_name) in declared:
        return None
    return field


def _declared_prefetch(model, lookup, prefix):
    """A declared read as a prefetch: one whose last step is a foreign key to a model other than a page is joined
    to the step before (`tagged_items__tag`: the tagged items with their tags, in one query). Pages are prefetched
    on their own, where visibility applies."""
    *steps, last = lookup.split("__")
    related = model
    for step in steps:
        field = related._meta.get_field(step)
        if field.related_model is None:
            return prefix + lookup
        related = field.related_model
    field = related._meta.get_field(last)
    joinable = (
        field.many_to_one and not isinstance(field, ForeignObjectRel) and not issubclass(field.related_model, Page)
    )
    if not steps or not joinable:
        return prefix + lookup
    return Prefetch(prefix + "__".join(steps), queryset=related._default_manager.select_related(last))


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


@lru_cache(maxsize=4096)  # bounded: the names come from clients' queries
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


def _unread_columns(model, nodes, joins=()):
    """StreamFields, rich text and a page's bookkeeping columns (`PAGE_BOOKKEEPING_COLUMNS`) the query does not
    select, when every selected field reads the row alone (a method such as SEO's may read the body or the search
    description: then nothing is left out)."""
    names = {node.name.value for node in nodes}
    if not names or not all(name in ROW_FIELDS or model_field(model, name) is not None for name in names):
        return []
    selected = {model_field(model, name).name for name in names if model_field(model, name) is not None}
    selected |= {to_snake_case(name) for name in names}
    joined = {join.split("__")[0] for join in joins}
    bookkeeping = PAGE_BOOKKEEPING_COLUMNS if issubclass(model, Page) else ()
    return [
        field.name
        for field in model._meta.concrete_fields
        if (isinstance(field, StreamField | RichTextField) or field.name in bookkeeping)
        and field.name not in selected | joined
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
