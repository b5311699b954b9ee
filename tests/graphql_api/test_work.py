"""The cost the limits compute matches the work a query does, field by field, not only its SQL.

For every field of every page type (each with a small selection below it), a document lists the type's pages at the
largest size with that field alone: the worst case for a cost model, as the cost of the item is the field's. So
does every root list (people, awards, images, documents, redirects...) for each field of its items. Its
work is counted as the Python function calls of the request (cProfile: the same count for the same code and data,
whatever the machine is doing), less those of a trivial request, on a site built by factories and then twice as
big, and carried on to full lists as `test_cost` does for SQL. Each must stay within `CALLS_PER_COST` calls per
unit of its cost: a field whose work exceeds that declares its weight in `graphql_work` on its model or type (the
failure names the weight it needs). Aliases repeat a document's work and its cost alike, so one alias stands for
any number. `make bench` turns calls into time on the large dataset (docs/benchmark.md).
"""

import cProfile
import math
import pstats

from django.conf import settings
from django.test import override_settings
from graphql import GraphQLList, GraphQLObjectType, get_named_type, is_leaf_type, parse
from grapple.settings import grapple_settings

from graphql_api.schema import schema
from graphql_api.validation import CALLS_PER_COST, measure
from tests.graphql_api.test_generated_selection import (
    GENERATED_LIMITS,
    callable_bare,
    optional_arguments,
    page_types,
    selection,
)
from tests.performance.test_query_counts import build_site, build_site_more

GRAPHQL = schema.graphql_schema
LARGEST = grapple_settings.MAX_PAGE_SIZE


def field_selections(graphql_type):
    """(name, selection) of each field of a type callable without arguments, a small selection below it."""
    for name, field in graphql_type.fields.items():
        if not callable_bare(field):
            continue
        if is_leaf_type(get_named_type(field.type)):
            yield name, name
        elif body := selection(field.type, 1):
            yield name, f"{name} {{ {body} }}"


def root_lists():
    """The root fields answering a list of one object type, other than `pages` (walked per page type)."""
    for name, field in GRAPHQL.query_type.fields.items():
        item_type = get_named_type(field.type)
        listed = isinstance(getattr(field.type, "of_type", field.type), GraphQLList)
        if name != "pages" and listed and isinstance(item_type, GraphQLObjectType) and optional_arguments(field):
            yield name, field, item_type


def field_documents():
    """One document per page type and field (its pages at the largest size, that field alone), and per root list and
    field of its items (at its largest size where it takes one)."""
    for type_name, label in page_types():
        for name, part in field_selections(GRAPHQL.get_type(type_name)):
            pages = f'pages(contentType: "{label}", limit: {LARGEST})'
            yield f"{type_name}.{name}", f"{{ {pages} {{ ... on {type_name} {{ {part} }} }} }}"
    for root, field, item_type in root_lists():
        sized = f"{root}(limit: {LARGEST})" if "limit" in field.args else root
        for name, part in field_selections(item_type):
            yield f"{root}.{name}", f"{{ {sized} {{ {part} }} }}"


def calls(graphql, document):
    """Python function calls of one request past the response cache (the first request makes renditions)."""
    with override_settings(
        GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0},
        GRAPHQL_LIMITS={**settings.GRAPHQL_LIMITS, **GENERATED_LIMITS},
    ):
        graphql.query(document)
        profile = cProfile.Profile()
        profile.enable()
        graphql.query(document)
        profile.disable()
    return pstats.Stats(profile).total_calls


def test_every_field_costs_at_least_its_work(graphql, site_tree):
    small, large = 3, 6
    build_site(site_tree, small)
    documents = dict(field_documents())
    floor = calls(graphql, "{ __typename }")
    at_small = {name: calls(graphql, document) - floor for name, document in documents.items()}
    build_site_more(site_tree, large - small)
    floor = calls(graphql, "{ __typename }")
    at_large = {name: calls(graphql, document) - floor for name, document in documents.items()}
    over, report = {}, {}
    for name, document in documents.items():
        growth = max(0, at_large[name] - at_small[name]) / (large - small)
        projected = at_large[name] + growth * (LARGEST - large)
        cost = measure(GRAPHQL, parse(document))["cost"]
        report[name] = (round(projected), cost, round(projected / cost))
        if projected > CALLS_PER_COST * cost:
            per_item = (projected - CALLS_PER_COST * cost) / LARGEST / CALLS_PER_COST + 1
            over[name] = f"{round(projected)} calls for cost {cost}: needs a weight of about {math.ceil(per_item)}"
    heaviest = sorted(report.items(), key=lambda item: -item[1][2])[:10]
    # The figures the README quotes.
    print("\ncalls per unit of cost, heaviest (projected calls, cost, calls per unit):")
    print("\n".join(f"  {name}: {figures}" for name, figures in heaviest))
    assert not over, "\n".join(f"{name}: {problem}" for name, problem in over.items())
