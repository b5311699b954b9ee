"""The API's `page(urlPath:)` finds its page through an index on PostgreSQL (core migration 0004), not by scanning
every page: Wagtail has no index on url_path, and on the benchmark's large dataset that scan was the slowest query of
the home page."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
    reason="needs PostgreSQL: set DATABASE_URL=postgres://...",
)

INDEX = "core_wagtailcore_page_url_path_hash"


def url_path_lookups(graphql, url_path):
    """The SQL (with its parameters) of the queries that look the page up by url_path."""
    with CaptureQueriesContext(connection) as queries:
        data = graphql.query(
            "query($urlPath: String) { page(urlPath: $urlPath) { id urlPath } }", {"urlPath": url_path}
        )
    assert data["page"] is not None
    return [query["sql"] for query in queries.captured_queries if '"wagtailcore_page"."url_path" =' in query["sql"]]


def plan(sql, params=()):
    """The plan PostgreSQL would choose if a sequential scan were not cheaper (the test tree has a few pages)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan")
    return "\n".join(lines)


@pytest.mark.django_db
def test_the_index_is_a_hash_index_on_url_path():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [INDEX])
        (definition,) = cursor.fetchone()
    assert "wagtailcore_page USING hash (url_path)" in definition


@pytest.mark.parametrize(("url_path", "stored"), [("/", "/home/"), ("/blog/", "/home/blog/")])
def test_page_by_url_path_is_an_equality_the_index_serves(site_tree, graphql, url_path, stored):
    # The API's lookup is an equality on url_path (the site's root path prefixed), which a hash index serves. On a
    # test tree of a few pages PostgreSQL may prefer the path index for the whole query, so the equality is planned
    # alone; on the benchmark's 12,600 pages the whole query uses this index.
    lookups = url_path_lookups(graphql, url_path)
    assert lookups, "page(urlPath:) no longer looks the page up by url_path: check this test's premise"
    assert all(f""""wagtailcore_page"."url_path" = '{stored}'""" in sql for sql in lookups), lookups
    assert INDEX in plan("SELECT id FROM wagtailcore_page WHERE url_path = %s", [stored])
