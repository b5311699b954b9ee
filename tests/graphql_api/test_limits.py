"""Each limit on a GraphQL document is refused with a message naming the limit, before any SQL runs.

The limits come from settings.GRAPHQL_LIMITS; the realistic frontend query at the end shows how far below them an
actual page view stays.
"""

import itertools
import json
import re

import pytest
from django.conf import settings
from django.test import override_settings
from graphql import get_introspection_query, get_named_type, parse
from grapple.settings import grapple_settings

from blog.factories import BlogPostPageFactory
from core.factories import every_block_body
from graphql_api import listings, search
from graphql_api.arguments import SIZE_ARGUMENT_RANGES
from graphql_api.schema import schema
from graphql_api.validation import measure

pytestmark = pytest.mark.django_db

LIMITS = settings.GRAPHQL_LIMITS


def post(client, query, variables=None, accept=None):
    body = {"query": query} if variables is None else {"query": query, "variables": variables}
    headers = {"HTTP_ACCEPT": accept} if accept else {}
    return client.post("/graphql/", json.dumps(body), content_type="application/json", **headers)


def refused(client, django_assert_num_queries, query, variables=None):
    """The messages of a document refused before execution: no `data`, no SQL, 200 under application/json."""
    with django_assert_num_queries(0):
        response = post(client, query, variables)
    payload = response.json()
    assert response.status_code == 200, payload
    assert "data" not in payload, payload
    return [error["message"] for error in payload["errors"]]


def nested(field, levels, leaf="id"):
    return f"{field} {{ " * levels + leaf + " }" * levels


def test_the_defaults_are_those_documented():
    assert {key: LIMITS[key] for key in ("MAX_DEPTH", "MAX_ALIASES", "MAX_ROOT_FIELDS", "MAX_OPERATIONS")} == {
        "MAX_DEPTH": 10,
        "MAX_ALIASES": 15,
        "MAX_ROOT_FIELDS": 15,
        "MAX_OPERATIONS": 10,
    }
    assert (LIMITS["MAX_TOKENS"], LIMITS["MAX_DOCUMENT_CHARS"], LIMITS["MAX_COST"]) == (2000, 15_000, 18_000)
    assert (LIMITS["MAX_SECONDS"], LIMITS["DEFAULT_LIST_SIZE"], LIMITS["MAX_BODY_BYTES"]) == (10, 10, 1_048_576)
    assert LIMITS["MAX_QUERIES"] == 150


def test_depth_over_the_limit_is_refused_with_the_depth_and_the_limit(client, django_assert_num_queries):
    query = "{ page(id: 1) { " + nested("parent", 12) + " } }"
    assert refused(client, django_assert_num_queries, query) == ["Query depth 14 exceeds the limit of 10."]


def test_depth_at_the_limit_is_accepted(graphql, site_tree):
    assert graphql.query("{ page(id: 1) { " + nested("parent", 8) + " } }") == {"page": None}


def test_depth_counts_fragments_expanded(client, django_assert_num_queries):
    query = (
        "{ page(id: 1) { ...A } } fragment A on PageInterface { parent { parent { parent { ...B } } } }"
        " fragment B on PageInterface { parent { parent { parent { parent { parent { parent { id } } } } } } }"
    )
    assert refused(client, django_assert_num_queries, query) == ["Query depth 11 exceeds the limit of 10."]


def test_aliases_over_the_limit_are_refused(client, django_assert_num_queries):
    query = "{ page(id: 1) { " + " ".join(f"a{n}: title" for n in range(16)) + " } }"
    assert refused(client, django_assert_num_queries, query) == ["Alias count 16 exceeds the limit of 15."]


def test_root_fields_over_the_limit_are_refused(client, django_assert_num_queries):
    query = "{ " + "__typename " * 16 + "}"
    assert refused(client, django_assert_num_queries, query) == ["Root field count 16 exceeds the limit of 15."]


def test_root_fields_are_counted_through_fragments(client, django_assert_num_queries):
    query = "{ ...Roots researchAreas { id } } fragment Roots on Query { " + "__typename " * 15 + "}"
    assert refused(client, django_assert_num_queries, query) == ["Root field count 16 exceeds the limit of 15."]


def test_operations_over_the_limit_are_refused(client, django_assert_num_queries):
    query = " ".join(f"query Q{n} {{ __typename }}" for n in range(11))
    assert refused(client, django_assert_num_queries, query) == ["Operation count 11 exceeds the limit of 10."]


def test_tokens_over_the_limit_are_refused_while_parsing(client, django_assert_num_queries):
    query = "{ " + "a " * 2100 + "}"
    assert len(query) < LIMITS["MAX_DOCUMENT_CHARS"]
    assert refused(client, django_assert_num_queries, query) == ["Token count exceeds the limit of 2000."]


def test_comments_count_towards_the_token_limit(client, django_assert_num_queries):
    query = "{ __typename }" + "\n#" * 2100
    assert refused(client, django_assert_num_queries, query) == ["Comment count exceeds the limit of 2000."]


def test_document_over_the_size_limit_is_refused_before_parsing(client, django_assert_num_queries):
    query = "{ __typename }" + " " * 15_000
    assert refused(client, django_assert_num_queries, query) == [
        "Document size 15014 characters exceeds the limit of 15000."
    ]


def test_cost_over_the_limit_is_refused(client, django_assert_num_queries):
    # 1 + 100 * (6 + 1 + 100 * (6 + 1)): each page in a list costs PAGE_ITEM_COST (6) besides its fields.
    query = "{ pages(limit: 100) { children(limit: 100) { id } } }"
    assert refused(client, django_assert_num_queries, query) == ["Query cost 70701 exceeds the limit of 18000."]


def test_cost_multiplies_by_the_default_list_size_when_no_size_is_given(client, django_assert_num_queries):
    # 1 + 100 * (6 + 1 + 10 * (6 + 1 + 10 * (6 + 1))) = 77701: `children` lists without `limit` count as 10 items.
    query = "{ pages(limit: 100) { children { children { id } } } }"
    assert refused(client, django_assert_num_queries, query) == ["Query cost 77701 exceeds the limit of 18000."]


def test_cost_reads_sizes_from_variables(client, django_assert_num_queries, graphql, site_tree):
    query = "query ($n: PositiveInt) { pages(limit: $n) { children(limit: $n) { id } } }"
    assert refused(client, django_assert_num_queries, query, {"n": 100}) == [
        "Query cost 70701 exceeds the limit of 18000."
    ]
    assert graphql.query(query, {"n": 5})["pages"]


def test_cost_of_a_listing_uses_per_page_for_its_items(client, django_assert_num_queries):
    # blogPosts(perPage: 100) passes 100 down to `items`: 1 + (1 + 100 * (6 + 1 + 10 * (6 + 1 + 10 * 7))) = 77702.
    query = "{ blogPosts(perPage: 100) { items { children { children { id } } } } }"
    assert refused(client, django_assert_num_queries, query) == ["Query cost 77702 exceeds the limit of 18000."]


def test_sql_estimate_over_the_limit_is_refused(client, django_assert_num_queries):
    # A page-tree field given `order` runs per page: 100 pages x (1 + one query per page type) is far over 150.
    query = '{ pages(limit: 100) { children(order: "title") { id } } }'
    [message] = refused(client, django_assert_num_queries, query)
    assert re.fullmatch(r"Query may run \d+ SQL queries, over the limit of 150\.", message), message


def test_sql_estimate_counts_a_batched_field_once_per_list_not_per_item():
    per_item = measure(schema.graphql_schema, parse('{ pages(limit: 100) { children(order: "title") { id } } }'))
    batched = measure(schema.graphql_schema, parse("{ pages(limit: 100) { children { id } } }"))
    assert batched["queries"] * 10 < per_item["queries"]
    assert batched["queries"] <= LIMITS["MAX_QUERIES"]


NEGATIVE_LIMIT = "`limit` must be between 1 and 100; got -1."


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        ("{ pages(limit: -1) { id } }", None, NEGATIVE_LIMIT),
        ("{ pages(limit: 0) { id } }", None, "`limit` must be between 1 and 100; got 0."),
        ("{ pages(limit: 101) { id } }", None, "`limit` must be between 1 and 100; got 101."),
        ("{ pages(offset: -1) { id } }", None, "`offset` must not be negative; got -1."),
        ("{ blogPosts(perPage: -1) { items { id } } }", None, "`perPage` must be between 1 and 100; got -1."),
        ("{ blogPosts(page: 0) { items { id } } }", None, "`page` must be 1 or more; got 0."),
        ('{ siteSearch(query: "x", page: -2) { items { type } } }', None, "`page` must be 1 or more; got -2."),
        ("query ($n: PositiveInt = -1) { pages(limit: $n) { id } }", None, NEGATIVE_LIMIT),
        ("query ($n: PositiveInt) { pages(limit: $n) { id } }", {"n": -1}, NEGATIVE_LIMIT),
        ("query ($n: Int) { newsItems(perPage: $n) { total: pagination { total } } }", {"n": 0},
         "`perPage` must be between 1 and 100; got 0."),
    ],
)  # fmt: skip
def test_a_negative_limit_is_refused_before_anything_runs(client, django_assert_num_queries, query, variables, message):
    # grapple's PositiveInt reads a negative literal as null, i.e. "absent": the resolver then served its default
    # size while the cost rule had counted 1 item. Every size argument is now checked while validating.
    assert refused(client, django_assert_num_queries, query, variables) == [message]


NESTED_SIBLINGS = "{ pages(limit: -1) { " + nested("siblings(limit: -1)", 6) + " } }"


def test_nested_siblings_with_negative_limits_are_refused_before_any_sql(client, django_assert_num_queries, site_tree):
    # The issue's 158-character document: accepted at cost 12, it ran 4,476 SQL queries until the time budget.
    for n in range(12):
        BlogPostPageFactory(parent=site_tree["blog"], slug=f"sibling-{n}")
    messages = refused(client, django_assert_num_queries, NESTED_SIBLINGS)
    assert set(messages) == {NEGATIVE_LIMIT}


def test_absent_sizes_are_counted_at_the_default_the_resolvers_use(client, django_assert_num_queries):
    # The same nesting without `limit`: each level is the resolvers' default of 10 items, so it costs over 10**6.
    query = "{ pages { " + nested("siblings", 6) + " } }"
    assert refused(client, django_assert_num_queries, query) == ["Query cost 77777771 exceeds the limit of 18000."]
    assert LIMITS["DEFAULT_LIST_SIZE"] >= max(
        grapple_settings.PAGE_SIZE, listings.DEFAULT_PER_PAGE, search.DEFAULT_PER_PAGE
    )


def test_every_size_argument_in_the_schema_is_checked_while_validating():
    # Any integer argument that sizes or positions a list must be one the validation rule knows.
    names = set()
    for type_ in schema.graphql_schema.type_map.values():
        for field in getattr(type_, "fields", {}).values() if hasattr(type_, "interfaces") else ():
            names.update(
                name
                for name, argument in field.args.items()
                if get_named_type(argument.type).name in {"Int", "PositiveInt"}
            )
    not_sizes = {"year", "width", "height", "minStars", "sizes", "jpegquality", "webpquality"}
    assert names == not_sizes | set(SIZE_ARGUMENT_RANGES)


def test_a_fragment_fan_out_is_measured_without_being_expanded_exponentially(client, django_assert_num_queries):
    # Each fragment spreads the next twice: 2**20 leaves if expanded naively; memoised, it is measured at once.
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(20))
    query = "{ ...F0 } " + fragments + " fragment F20 on Query { __typename }"
    # The document is valid, and execution would merge the spreads; the cost counts every expansion (2**20 leaves)
    # without walking them, so the bomb is refused at once rather than walked for minutes.
    assert refused(client, django_assert_num_queries, query) == ["Query cost 1048576 exceeds the limit of 18000."]


def test_typename_always_works(graphql):
    with override_settings(GRAPHQL_INTROSPECTION=False):
        assert graphql.query("{ __typename }") == {"__typename": "Query"}


@override_settings(GRAPHQL_INTROSPECTION=False)
@pytest.mark.parametrize("query", ["{ __schema { types { name } } }", '{ __type(name: "Query") { name } }'])
def test_introspection_is_refused_when_switched_off(client, django_assert_num_queries, query):
    field = "__schema" if "__schema" in query else "__type"
    assert refused(client, django_assert_num_queries, query) == [
        f"Introspection is disabled on this server (GRAPHQL_INTROSPECTION is off): `{field}` may not be queried."
    ]


def test_field_suggestions_are_hidden_when_introspection_is_off(client, django_assert_num_queries):
    with override_settings(GRAPHQL_INTROSPECTION=True):
        assert "Did you mean" in refused(client, django_assert_num_queries, "{ blogPost { title } }")[0]
    with override_settings(GRAPHQL_INTROSPECTION=False):
        for query in ["{ blogPost { title } }", "{ blogPosts(perPag: 2) { items { title } } }"]:
            messages = refused(client, django_assert_num_queries, query)
            assert messages and not any("Did you mean" in message for message in messages), messages


def test_the_standard_introspection_query_passes_when_introspection_is_on(graphql):
    data = graphql.query(get_introspection_query(descriptions=True))
    assert data["__schema"]["queryType"]["name"] == "Query"


def test_introspection_cannot_nest_type_lists_deeply(client, django_assert_num_queries):
    query = "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }"
    assert refused(client, django_assert_num_queries, query) == ["Maximum introspection depth exceeded"]


class FakeClock:
    """time.monotonic() that advances `step` seconds at each call."""

    def __init__(self, step):
        self.now = 1000.0
        self.step = step

    def __call__(self):
        self.now += self.step
        return self.now


def test_execution_stops_at_the_time_limit(graphql, site_tree, monkeypatch):
    monkeypatch.setattr("graphql_api.execution.monotonic", FakeClock(step=4))
    payload = graphql.post("{ researchAreas { title } blogPosts { items { title } } }").json()
    assert payload["data"] is None
    assert [error["message"] for error in payload["errors"]] == ["Query exceeded the time limit of 10 s."]


def test_execution_time_limit_comes_from_settings(graphql, site_tree):
    with override_settings(GRAPHQL_LIMITS={**LIMITS, "MAX_SECONDS": 0.000_001}):
        response = graphql.post("{ pages(limit: 100) { title children { title } } researchAreas { title } }")
    payload = response.json()
    assert response.status_code == 200
    assert payload["data"] is None
    assert payload["errors"] == [
        {
            "message": "Query exceeded the time limit of 1e-06 s.",
            "locations": payload["errors"][0]["locations"],
            "path": payload["errors"][0]["path"],
        }
    ]


def test_every_limit_is_read_from_settings(client, django_assert_num_queries):
    with override_settings(GRAPHQL_LIMITS={**LIMITS, "MAX_DEPTH": 3, "MAX_COST": 100, "MAX_ALIASES": 1}):
        assert refused(client, django_assert_num_queries, "{ page(id: 1) { parent { parent { id } } } }") == [
            "Query depth 4 exceeds the limit of 3."
        ]
        assert refused(client, django_assert_num_queries, "{ pages(limit: 20) { children { id } } }") == [
            "Query cost 1541 exceeds the limit of 100."
        ]
        assert refused(client, django_assert_num_queries, "{ a: __typename b: __typename }") == [
            "Alias count 2 exceeds the limit of 1."
        ]


REALISTIC_QUERY = """
query BlogPostView($urlPath: String!, $perPage: Int = 20) {
  page(urlPath: $urlPath) {
    __typename
    id
    title
    urlPath
    seoTitle
    searchDescription
    ... on BlogPostPage {
      date
      summary
      readingTime
      tags
      authors { name }
      heroImage { ...Image }
      researchAreas { title urlPath }
      body { ...Body }
    }
  }
  blogPosts(perPage: $perPage, page: 1) {
    items {
      title
      urlPath
      date
      summary
      readingTime
      tags
      authors { name }
      heroImage { ...Image }
      researchAreas { title slug }
    }
    pagination { total count perPage totalPages currentPage nextPage prevPage }
  }
}

fragment Image on LabImage {
  url
  width
  height
  alt
  srcSet(sizes: [480, 800, 1280])
  rendition(width: 800) { url width height }
}

fragment Body on BaseStreamBlock {
  __typename
  ... on HeadingBlock { id text level }
  ... on RichTextBlock { id value }
  ... on FigureBlock { id altText caption credit image { ...Image } }
  ... on CodeBlock { id language filename code }
  ... on EquationBlock { id latex mode }
  ... on MediaEmbedBlock { id url caption provider }
  ... on QuoteBlock { id text attribution }
  ... on CalloutBlock { id kind text }
  ... on DataTableBlock { id caption firstRowIsHeader rows }
  ... on LinkButtonsBlock { id buttons { kind url label } }
  ... on GalleryBlock { id caption images { altText caption image { ...Image } } }
}
"""


def test_a_realistic_frontend_query_stays_well_under_every_limit(graphql, site_tree, image):
    """A post page with fragments for the 11 block types, and a listing of 20 with authors, images and tags.

    Measured: depth 6 (limit 10), 0 aliases (15), 2 root fields (15), cost 3806 (18,000), 1450 characters (15,000),
    SQL estimate 30 (150).
    """
    posts = [
        BlogPostPageFactory(parent=site_tree["blog"], hero_image=image, tag_names=["quantization"]) for _ in range(3)
    ]
    post_ = BlogPostPageFactory(
        parent=site_tree["blog"], slug="awq", body=every_block_body(image), hero_image=image, tag_names=["llm"]
    )
    variables = {"urlPath": f"/blog/{post_.slug}/"}
    figures = measure(schema.graphql_schema, parse(REALISTIC_QUERY), variables)
    assert figures["depth"] <= LIMITS["MAX_DEPTH"] - 4
    assert figures["aliases"] == 0
    assert figures["root_fields"] == 2
    assert figures["cost"] <= LIMITS["MAX_COST"] // 2
    assert figures["queries"] <= LIMITS["MAX_QUERIES"] // 3
    assert len(REALISTIC_QUERY) < LIMITS["MAX_DOCUMENT_CHARS"] // 10

    data = graphql.query(REALISTIC_QUERY, variables)
    assert data["page"]["title"] == post_.title
    assert {block["__typename"] for block in data["page"]["body"]} == {
        "HeadingBlock",
        "RichTextBlock",
        "FigureBlock",
        "CodeBlock",
        "EquationBlock",
        "MediaEmbedBlock",
        "QuoteBlock",
        "CalloutBlock",
        "DataTableBlock",
        "LinkButtonsBlock",
        "GalleryBlock",
    }
    assert len(data["blogPosts"]["items"]) == len(posts) + 1
    assert data["blogPosts"]["pagination"]["perPage"] == 20


def test_limits_leave_room_for_every_combination_of_listing_arguments(graphql, site_tree):
    # The listings' own arguments never trip a limit: perPage up to its maximum with a plain item selection.
    for per_page, order in itertools.product([1, 20, 100], ["-date", "title"]):
        query = "query ($p: Int, $o: String) { blogPosts(perPage: $p, order: $o) { items { title urlPath } } }"
        assert graphql.query(query, {"p": per_page, "o": order})["blogPosts"]["items"] == []
