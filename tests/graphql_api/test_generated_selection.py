"""Any selection runs a constant number of SQL queries, not only the reference frontend's.

The queries are generated from the schema itself: every field without required arguments of every type reachable
from a listing or a page list, two levels deep, with a fragment on every member of each union and interface. The
SQL count must be the same for 2 items as for 5, and for 5 as for 50, and never above the API's estimate of it
(`graphql_api.query_estimate`), which the limits compare with `MAX_QUERIES`.
"""

import pytest
from graphene.utils.str_converters import to_snake_case
from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLUnionType,
    get_named_type,
    is_leaf_type,
    parse,
)
from grapple.registry import registry

from graphql_api.schema import app_queries, schema
from graphql_api.validation import measure
from tests.performance.test_query_counts import build_site, build_site_more, count_queries

# Generated documents are far larger than any frontend's; the production limits stay as they are.
GENERATED_LIMITS = {
    "MAX_DEPTH": 20,
    "MAX_TOKENS": 100_000,
    "MAX_DOCUMENT_CHARS": 1_000_000,
    "MAX_COST": 10_000_000,
    "MAX_QUERIES": 10_000_000,
    "MAX_SECONDS": 120,
}

GRAPHQL = schema.graphql_schema


def selection(graphql_type, depth):
    """Every field of `graphql_type` that can be called bare, `depth` levels down, as a selection set body."""
    named = get_named_type(graphql_type)
    if isinstance(named, GraphQLUnionType | GraphQLInterfaceType):
        fragments = [
            f"... on {member.name} {{ {body} }}"
            for member in GRAPHQL.get_possible_types(named)
            if (body := selection(member, depth))
        ]
        return " ".join(["__typename", *fragments])
    parts = []
    for name, field in named.fields.items():
        if not callable_bare(field):
            continue
        if is_leaf_type(get_named_type(field.type)):
            parts.append(name)
        elif depth > 1 and (body := selection(field.type, depth - 1)):
            parts.append(f"{name} {{ {body} }}")
    return " ".join(parts)


def optional_arguments(field):
    return not any(isinstance(argument.type, GraphQLNonNull) for argument in field.args.values())


def callable_bare(field):
    """A field without arguments, or a list whose arguments (limit, order...) are all optional, like `children`.
    (`rendition` and `srcSet` are left out: their arguments say which image to make.)"""
    list_type = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    return not field.args or (isinstance(list_type, GraphQLList) and optional_arguments(field))


def paginated_roots():
    """Root fields answering `{ items pagination }`: the typed listings, each app's own."""
    for name, field in GRAPHQL.query_type.fields.items():
        named = get_named_type(field.type)
        if (
            optional_arguments(field)
            and isinstance(named, GraphQLObjectType)
            and {"items", "pagination"} <= set(named.fields)
        ):
            yield name, named.fields["items"].type


def app_root_names():
    """Root fields the project's apps add (`<app>/schema.py`): grapple's own roots (images, collections, sites...)
    are not listings of content and are left out."""
    return {
        name
        for query in app_queries()
        for name in GRAPHQL.query_type.fields
        if to_snake_case(name) in query._meta.fields
    }


def list_roots():
    """The apps' root fields answering a list of one object type with no required argument (people, awards...)."""
    for name, field in GRAPHQL.query_type.fields.items():
        if name not in app_root_names():
            continue
        list_type = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
        named = get_named_type(field.type)
        if optional_arguments(field) and isinstance(list_type, GraphQLList) and isinstance(named, GraphQLObjectType):
            yield name, field.type


def page_types():
    """Each page model's GraphQL type name and `app.Model` label, for `pages(contentType:)`."""
    return [
        (graphql_type._meta.name, model._meta.label)
        for model, graphql_type in registry.pages.items()
        if hasattr(model, "_meta")
    ]


def documents(size):
    """One document per root, each of every field two levels deep."""
    for name, items_type in paginated_roots():
        yield name, f"{{ {name}(perPage: {size}) {{ items {{ {selection(items_type, 2)} }} }} }}"
    for name, list_type in list_roots():
        yield name, f"{{ {name} {{ {selection(list_type, 2)} }} }}"
    for type_name, label in page_types():
        body = selection(GRAPHQL.get_type(type_name), 2)
        yield type_name, f'{{ pages(contentType: "{label}", limit: {size}) {{ ... on {type_name} {{ {body} }} }} }}'


def counts(graphql, size):
    return {name: count_queries(graphql, document) for name, document in documents(size)}


def estimates(size):
    return {name: measure(GRAPHQL, parse(document))["queries"] for name, document in documents(size)}


@pytest.fixture
def generated_limits(settings):
    settings.GRAPHQL_LIMITS = {**settings.GRAPHQL_LIMITS, **GENERATED_LIMITS}


def test_every_field_two_levels_deep_costs_the_same_for_2_5_and_50_items(graphql, site_tree, generated_limits):
    build_site(site_tree, 2)
    at_2 = counts(graphql, 50)
    build_site_more(site_tree, 3)
    at_5 = counts(graphql, 50)
    build_site_more(site_tree, 45)
    at_50 = counts(graphql, 50)
    report = {name: (at_2[name], at_5[name], at_50[name]) for name in at_2}
    assert at_2 == at_5 == at_50, f"SQL queries at (2, 5, 50) items: {report}"
    estimated = estimates(50)
    assert all(at_50[name] <= estimated[name] for name in at_50), {
        name: (at_50[name], estimated[name]) for name in at_50
    }
