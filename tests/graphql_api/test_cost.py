"""Every query the limits accept runs few SQL queries: adversarial documents are refused or within the bounds.

The documents are generated from the schema: aliases x lists x each page type's most expensive fields (every field
it computes or reads through a relation, SEO and citations included), lists at their largest size, their default
(no size given) and in page-tree fields nested in one another, fragments on every page type, search. Each is sent
through /graphql/ on a site built by factories, twice as big the second time: it is either refused before
running, with the documented message, or its SQL count stays within the API's estimate and within
`MAX_QUERIES`, also when its growth from one site to the other is carried on to full lists.

The reference frontend's documents stay far inside the estimate's limit.
"""

import re

import pytest
from django.conf import settings
from django.test import override_settings
from graphql import GraphQLNonNull, get_named_type, is_leaf_type, parse
from grapple.registry import registry
from grapple.settings import grapple_settings

from graphql_api.schema import schema
from graphql_api.selection import ROW_FIELDS, TREE_FIELDS, model_field
from graphql_api.validation import measure
from tests.frontend_documents import frontend_operation, frontend_operation_names
from tests.graphql_api.test_generated_selection import page_types, paginated_roots, selection
from tests.performance.test_query_counts import build_site, build_site_more, count_queries

GRAPHQL = schema.graphql_schema
MAX_QUERIES = settings.GRAPHQL_LIMITS["MAX_QUERIES"]
# How each limit refuses a document before it runs (README, "Limits").
REFUSALS = re.compile(
    r"^(Query may run \d+ SQL queries, over the limit of \d+\."
    r"|Query cost \d+ exceeds the limit of \d+\."
    r"|Query depth \d+ exceeds the limit of \d+\."
    r"|Alias count \d+ exceeds the limit of \d+\."
    r"|Token count exceeds the limit of \d+\."
    r"|Document size \d+ characters exceeds the limit of \d+\."
    r"|`limit` must be between 1 and \d+; got -?\d+\.)$"
)
TREE = "children { title children { title } } parent { title } ancestors { title } descendants { title }"


def expensive_fields(type_name, kind):
    """The fields of a page type that compute a value (`kind` "computed") or read a relation ("relations"), each
    with a small selection."""
    model = {graphql_type._meta.name: model for model, graphql_type in registry.pages.items()}[type_name]
    parts = []
    for name, field in GRAPHQL.get_type(type_name).fields.items():
        if name in ROW_FIELDS | TREE_FIELDS or any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        related = model_field(model, name)
        if (related is not None and not related.is_relation) or (kind == "relations") != (related is not None):
            continue
        if is_leaf_type(get_named_type(field.type)):
            parts.append(name)
        elif body := selection(field.type, 1):
            parts.append(f"{name} {{ {body} }}")
    return " ".join(parts)


def aliased(count, field):
    return "{ " + " ".join(f"a{number}: {field}" for number in range(count)) + " }"


def every_type_fragments(kind):
    return " ".join(f"... on {name} {{ {body} }}" for name, _ in page_types() if (body := expensive_fields(name, kind)))


def adversarial_documents():
    """Aliases x lists of every size (absent, large, the largest, negative) x the most expensive fields."""
    sizes = ["", "(limit: 30)", f"(limit: {grapple_settings.MAX_PAGE_SIZE})", "(limit: -1)"]
    for size in sizes:
        arguments = size[1:-1]
        for aliases in (1, 15):
            for type_name, label in page_types():
                for kind in ("computed", "relations"):
                    if body := expensive_fields(type_name, kind):
                        pages = f'pages(contentType: "{label}"{", " + arguments if arguments else ""})'
                        yield (
                            f"{type_name} {kind}{size} x{aliases}",
                            aliased(aliases, f"{pages} {{ ... on {type_name} {{ {body} }} }}"),
                        )
            for kind in ("computed", "relations"):
                yield (
                    f"mixed pages {kind}{size} x{aliases}",
                    aliased(aliases, f"pages{size} {{ {every_type_fragments(kind)} }}"),
                )
            yield f"page tree{size} x{aliases}", aliased(aliases, f"pages{size} {{ {TREE} }}")
            ordered = 'children(order: "title") { title }'
            yield f"ordered children{size} x{aliases}", aliased(aliases, f"pages{size} {{ {ordered} }}")
    for aliases in (1, 15):
        for kind in ("computed", "relations"):
            yield (
                f"search {kind} x{aliases}",
                aliased(aliases, f'search(query: "post") {{ {every_type_fragments(kind)} }}'),
            )
        for name, items_type in paginated_roots():
            for per_page in ("", "(perPage: 30)", f"(perPage: {grapple_settings.MAX_PAGE_SIZE})"):
                body = f"items {{ {selection(items_type, 1)} }}"
                yield f"{name}{per_page} x{aliases}", aliased(aliases, f"{name}{per_page} {{ {body} }}")
                nested = f"items {{ ... on PageInterface {{ {TREE} }} }}"
                yield f"{name}{per_page} tree x{aliases}", aliased(aliases, f"{name}{per_page} {{ {nested} }}")


def outcome(graphql, document):
    """The refusal messages, or (SQL queries, estimate) of a document the limits accept."""
    with override_settings(GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0}):
        payload = graphql.post(document).json()
    if "data" not in payload:
        return [error["message"] for error in payload["errors"]]
    assert "errors" not in payload, payload["errors"]
    return count_queries(graphql, document), measure(GRAPHQL, parse(document))["queries"]


@pytest.mark.parametrize("items", [(3, 6)])
def test_adversarial_queries_are_refused_or_within_the_bounds(graphql, site_tree, items):
    small, large = items
    build_site(site_tree, small)  # a publication per project, so publications grow with the site too
    documents = dict(adversarial_documents())
    at_small = {name: outcome(graphql, document) for name, document in documents.items()}
    build_site_more(site_tree, large - small)
    at_large = {name: outcome(graphql, document) for name, document in documents.items()}
    failures, accepted = {}, {}
    for name in documents:
        first, second = at_small[name], at_large[name]
        if isinstance(second, list):
            if not all(REFUSALS.match(message) for message in second) or first != second:
                failures[name] = second
            continue
        (queries_small, estimate), (queries, _) = first, second
        # Growth with the number of items, carried on to lists of the largest size.
        growth = max(0, queries - queries_small) / (large - small)
        projected = queries + round(growth * (grapple_settings.MAX_PAGE_SIZE - large))
        accepted[name] = (queries, projected, estimate)
        if not projected <= min(estimate, MAX_QUERIES):
            failures[name] = accepted[name]
    assert not failures, "\n".join(f"{name}: {failure}" for name, failure in failures.items())
    worst = max(accepted.items(), key=lambda item: item[1][0])
    print(f"\nworst accepted (SQL, projected, estimate): {worst}")  # the figure the README quotes
    print(f"accepted: {accepted}\nrefused: {sorted(set(documents) - set(accepted))}")
    assert len(accepted) > 20, accepted


def frontend_variables(per_page=25):
    """perPage 25: the largest of the listing pages' (src/page-types/*.tsx: 10, 20, 24, 25)."""
    return {"perPage": per_page, "urlPath": "/", "slug": "p1", "id": "1", "query": "post", "key": "none", "page": 1}


def test_the_frontends_documents_stay_far_inside_the_estimate_limit(graphql, site_tree):
    build_site(site_tree, 5)
    report, costs = {}, {}
    for name in frontend_operation_names():
        document = frontend_operation(name)
        figures = measure(GRAPHQL, parse(document), frontend_variables())
        report[name] = (count_queries_or_none(graphql, document), figures["queries"])
        costs[name] = figures["cost"]
    print(f"\nfrontend documents (SQL, estimate): {report}\ncosts: {costs}")  # the figures the README quotes
    assert all(estimate <= MAX_QUERIES // 2 for _, estimate in report.values()), report
    assert all(queries is None or queries <= estimate for queries, estimate in report.values()), report
    # A research area's page lists up to 48 of its projects (src/page-types/research.tsx).
    research_projects = measure(GRAPHQL, parse(frontend_operation("ProjectList")), frontend_variables(48))
    costs["ProjectList (48)"] = research_projects["cost"]
    assert max(costs.values()) <= settings.GRAPHQL_LIMITS["MAX_COST"] // 2, costs


def count_queries_or_none(graphql, document):
    """SQL queries of a frontend document, None for those needing a preview key the test has not made."""
    names = [variable.variable.name.value for variable in parse(document).definitions[0].variable_definitions]
    if "key" in names:
        return None
    return count_queries(
        graphql, document, {name: frontend_variables()[name] for name in names if name in frontend_variables()}
    )
