"""Property tests: whatever arrives at /graphql/, the answer is JSON, a GraphQL response, and never a 500.

Random bytes, token soup built from the schema's own words, wrong-typed variables and deeply nested inputs, each
with a few dozen examples (hypothesis keeps no example database here, so runs leave no files behind).
"""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ACCEPTS = st.sampled_from([None, "*/*", "application/json", "application/graphql-response+json", "text/html"])


def post(client, body, accept=None, content_type="application/json"):
    extra = {"HTTP_ACCEPT": accept} if accept is not None else {}
    return client.post("/graphql/", body, content_type=content_type, **extra)


def graphql_response(response):
    """The response's JSON body, after checking it is a GraphQL response and not a server error."""
    assert response.status_code < 500, response.content[:500]
    assert response.status_code in {200, 400, 405, 406, 413, 414, 415}, response.status_code
    assert response["Content-Type"].split(";")[0] in {"application/json", "application/graphql-response+json"}
    payload = json.loads(response.content)
    assert isinstance(payload, dict)
    assert "data" in payload or payload["errors"]
    if "errors" in payload:
        assert isinstance(payload["errors"], list) and payload["errors"]
        assert all(isinstance(error.get("message"), str) for error in payload["errors"])
        assert not any(error["message"] == "Internal server error." for error in payload["errors"]), payload
    return payload


def refusal(response):
    payload = graphql_response(response)
    assert payload["errors"], payload
    return payload


@FUZZ
@given(body=st.binary(max_size=3000), accept=ACCEPTS)
def test_random_bytes(client, body, accept):
    refusal(post(client, body, accept))


@FUZZ
@given(
    body=st.text(max_size=500), content_type=st.sampled_from(["application/json", "text/plain", "application/graphql"])
)
def test_random_text_of_any_content_type(client, body, content_type):
    refusal(post(client, body.encode("utf-8", "surrogatepass"), content_type=content_type))


WORDS = [
    "{", "}", "(", ")", "[", "]", ":", "...", "=", "!", "$v", "$n", "@include(if: true)", "@skip(if: $v)", "@nope",
    "query", "mutation", "subscription", "fragment F on Query", "fragment P on PageInterface", "on", "...F", "...P",
    "... on BlogPostPage", "page", "pages", "children", "parent", "title", "id", "urlPath", "__typename", "__schema",
    "__type", "blogPosts", "items", "perPage:", "limit:", "order:", "id:", "urlPath:", "token:", "image", "images",
    "rendition(width: 800)", "srcSet(sizes: [320, 999999999999])", "search(query:", "sites", "site", "redirects",
    "1", "-1", "0", "100", "3.5", "1e999", "99999999999999999999", "true", "null", '"x"', '"owner__password"',
    '"""block"""', '"\\u0000"', '"\\uD800"', "#c\n", ",", "a:", "b:", "Int", "PositiveInt!", "[Int]", "String",
]  # fmt: skip


@FUZZ
@given(words=st.lists(st.sampled_from(WORDS), max_size=80), accept=ACCEPTS)
def test_token_soup(client, site_tree, words, accept):
    graphql_response(post(client, json.dumps({"query": " ".join(words)}), accept))


@FUZZ
@given(query=st.text(max_size=400), accept=ACCEPTS)
def test_random_documents_by_get(client, query, accept):
    extra = {"HTTP_ACCEPT": accept} if accept is not None else {}
    graphql_response(client.get("/graphql/", {"query": query}, **extra))


NOT_AN_INT = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=50),
    st.floats(allow_nan=False).filter(lambda number: not number.is_integer()),
    st.integers(min_value=2**31),
    st.lists(st.integers(), max_size=5),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=30,
)

TYPED_QUERY = """query ($limit: PositiveInt!, $order: String, $id: ID, $sizes: [Int], $flag: Boolean!) {
  pages(limit: $limit, order: $order, id: $id) { title @include(if: $flag) }
  image(id: 1) { srcSet(sizes: $sizes) }
}"""


@FUZZ
@given(
    limit=NOT_AN_INT, others=st.dictionaries(st.sampled_from(["order", "id", "sizes", "flag", "extra"]), JSON_VALUES)
)
def test_wrong_typed_variables(client, site_tree, limit, others):
    variables = {**others, "limit": limit}
    body = json.dumps({"query": TYPED_QUERY, "variables": variables})
    for accept, status in [("application/json", 200), ("application/graphql-response+json", 400)]:
        response = post(client, body, accept)
        assert response.status_code == status
        assert "data" not in refusal(response)


@FUZZ
@given(depth=st.integers(min_value=1, max_value=5000), opener=st.sampled_from(["[", '{"a":']))
def test_deeply_nested_variables(client, depth, opener):
    closer = "]" if opener == "[" else "}"
    nested = opener * depth + "1" + closer * depth
    body = '{"query": "query ($s: [Int]) { image(id: 1) { srcSet(sizes: $s) } }", "variables": {"s": ' + nested + "}}"
    payload = graphql_response(post(client, body))
    # `[1]` is a valid [Int]; anything nested deeper is refused (no image with id 1 exists).
    assert payload.get("errors") or (depth == 1 and payload == {"data": {"image": None}})


@FUZZ
@given(
    depth=st.integers(min_value=1, max_value=1200),
    shape=st.sampled_from(["selection", "list", "object", "fragment"]),
)
def test_deeply_nested_documents(client, depth, shape):
    if shape == "selection":
        query = "{ page(id: 1) { " + "parent { " * depth + "id" + " }" * depth + " } }"
    elif shape == "list":
        query = "{ image(id: " + "[" * depth + "1" + "]" * depth + ") { id } }"
    elif shape == "object":
        query = "{ image(id: " + "{a: " * depth + "1" + "}" * depth + ") { id } }"
    else:
        query = "{ ...F0 } " + " ".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(depth))
        query += f" fragment F{depth} on Query {{ __typename }}"
    payload = graphql_response(post(client, json.dumps({"query": query})))
    if depth > 9 and shape != "fragment":
        assert payload["errors"]
