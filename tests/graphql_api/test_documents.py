"""A repeated document is neither parsed nor validated again: the per-process document cache, seen by its counters."""

import pytest
from django.test import override_settings

from graphql_api.validation import documents

pytestmark = pytest.mark.django_db

PAGE = "query Page($urlPath: String!, $n: PositiveInt) { page(urlPath: $urlPath) { title children(limit: $n) { id } } }"


@pytest.fixture
def counters():
    """The cache's hit and miss counts since the fixture started, by kind ("parse", "validate")."""
    documents.clear()
    hits, misses = documents.hits.copy(), documents.misses.copy()

    def since():
        return {
            kind: (documents.hits[kind] - hits[kind], documents.misses[kind] - misses[kind])
            for kind in ("parse", "validate")
        }

    return since


def test_a_repeated_document_is_parsed_and_validated_once(graphql, site_tree, counters):
    # Different `urlPath` values: distinct answers (no response cache hit), one document.
    assert graphql.query(PAGE, {"urlPath": "/", "n": 5})["page"]["title"] == site_tree["home"].title
    assert counters() == {"parse": (1, 1), "validate": (0, 1)}  # `validate` reads the parsed document back
    assert graphql.query(PAGE, {"urlPath": "/blog/", "n": 5})["page"]["title"] == site_tree["blog"].title
    # The second request read both results from the cache: no parse, no validation.
    assert counters() == {"parse": (3, 1), "validate": (1, 1)}


def test_a_size_variable_is_validated_again_with_its_new_value(graphql, site_tree, counters):
    graphql.query(PAGE, {"urlPath": "/", "n": 5})
    assert graphql.errors(PAGE, {"urlPath": "/", "n": 101}) == ["`limit` must be between 1 and 100; got 101."]
    assert counters()["parse"][1] == 1  # parsed once
    assert counters()["validate"] == (0, 2)  # validated once per value of the size variable
    assert graphql.errors(PAGE, {"urlPath": "/blog/", "n": 101}) == ["`limit` must be between 1 and 100; got 101."]
    assert counters()["validate"] == (1, 2)


def test_a_refused_document_is_refused_again_from_the_cache(graphql, counters):
    query = "{ page(id: 1) { " + " ".join(f"a{n}: title" for n in range(16)) + " } }"
    for _ in range(2):
        assert graphql.errors(query) == ["Alias count 16 exceeds the limit of 15."]
    assert counters()["validate"] == (1, 1)
    unparsable = "{ page(id: 1) { title }"
    for _ in range(2):
        assert graphql.errors(unparsable) == ["Syntax Error: Expected Name, found <EOF>."]
    assert counters()["parse"][1] == 2  # one miss per document text


def test_a_change_of_limits_empties_the_cache(graphql, site_tree, counters):
    graphql.query(PAGE, {"urlPath": "/", "n": 20})
    with override_settings(GRAPHQL_LIMITS={"MAX_COST": 10}):
        assert graphql.errors(PAGE, {"urlPath": "/blog/", "n": 20})[0].startswith("Query cost")
    graphql.query(PAGE, {"urlPath": "/news/", "n": 20})
    assert counters()["validate"] == (0, 3)


def test_the_cache_is_bounded(counters):
    for n in range(documents.max_size + 10):
        documents.parse(f"{{ a{n}: __typename }}")
    assert len(documents._entries) == documents.max_size
