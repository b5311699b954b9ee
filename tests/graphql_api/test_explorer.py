"""The developers' explorer (/graphiql/, DEBUG only) works offline and opens with the README's example queries."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import RequestFactory
from graphql import parse, validate

from graphql_api.explorer import saved_examples
from graphql_api.schema import schema
from graphql_api.views import GraphiQLView


def explorer_page():
    request = RequestFactory().get("/graphiql/", HTTP_ACCEPT="text/html")
    response = GraphiQLView.as_view()(request)
    assert response.status_code == 200
    return response.content.decode()


def test_every_script_and_stylesheet_is_served_by_the_cms(db):
    html = explorer_page()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sorted(assets) == [
        "/static/graphql_api/graphiql/explorer.js",
        "/static/graphql_api/graphiql/graphiql.min.css",
        "/static/graphql_api/graphiql/graphiql.min.js",
        "/static/graphql_api/graphiql/react-dom.production.min.js",
        "/static/graphql_api/graphiql/react.production.min.js",
    ]
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_the_vendored_files_carry_their_licences():
    for name in ("LICENSE.graphiql", "LICENSE.react", "LICENSE.react-dom"):
        assert "MIT License" in Path(finders.find(f"graphql_api/graphiql/{name}")).read_text()


def test_the_readme_s_example_queries_are_the_tabs_and_each_is_valid(db):
    examples = saved_examples()
    assert len(examples) >= 3
    assert all(example.startswith("{") for example in examples)
    html = explorer_page()
    assert 'id="graphiql-examples"' in html and "blogPosts(page: 1" in html
    for example in examples:
        assert validate(schema.graphql_schema, parse(example)) == [], example
