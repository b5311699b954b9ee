"""The developers' GraphQL explorer (`/graphiql/`, only when DEBUG is on): GraphiQL from this project's static
files (graphql_api/static/graphql_api/graphiql/, vendored from npm with their licences), so it works offline, opening
with the README's example queries as its tabs."""

import re

from django.conf import settings
from django.shortcuts import render

_GRAPHQL_BLOCK = re.compile(r"^```graphql\n(.*?)^```", re.MULTILINE | re.DOTALL)


def saved_examples():
    """Every ```graphql block of the README, in order: the explorer's tabs, kept in step with the documentation."""
    return [block.strip() for block in _GRAPHQL_BLOCK.findall((settings.BASE_DIR / "README.md").read_text())]


def render_explorer(request):
    return render(request, "graphql_api/graphiql.html", {"examples": saved_examples()})
