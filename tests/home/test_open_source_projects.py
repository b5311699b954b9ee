"""The home page's open-source projects: a bounded list, most starred first, whose cost is its limit's.

Every project with OPEN_SOURCE_MIN_STARS stars qualifies, so the list grew with the site (some 480 ProjectPage objects
per home request on the benchmark's large dataset). It is now the first `limit` of them: 10 unless asked for more, at
most 100, and a limit outside 1..100 is refused by name before anything runs.
"""

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_init
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from graphql import parse
from grapple.settings import grapple_settings

from graphql_api.schema import schema
from graphql_api.validation import PAGE_ITEM_COST, measure
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from research.models import ProjectPage

HOME = """query($limit: Int) { page(urlPath: "/") { ... on HomePage {
  openSourceProjects(limit: $limit) { shortName title url githubUrl githubStars } } } }"""
DEFAULT = grapple_settings.PAGE_SIZE
MAXIMUM = grapple_settings.MAX_PAGE_SIZE


def add_projects(parent, count, start=0):
    """`count` projects over the threshold, the later ones more starred, and one under it."""
    for number in range(start, start + count):
        ProjectPageFactory(parent=parent, short_name=f"P{number}", github_stars=settings.OPEN_SOURCE_MIN_STARS + number)


@pytest.fixture
def projects(site_tree):
    index = ProjectIndexPageFactory(parent=site_tree["home"])
    add_projects(index, DEFAULT + 2)
    ProjectPageFactory(parent=index, short_name="Few", github_stars=settings.OPEN_SOURCE_MIN_STARS - 1)
    return index


def open_source(graphql, limit=None):
    variables = {} if limit is None else {"limit": limit}
    return [project["shortName"] for project in graphql.query(HOME, variables)["page"]["openSourceProjects"]]


def test_the_default_is_the_most_starred_ten(graphql, projects):
    assert open_source(graphql) == [f"P{number}" for number in range(DEFAULT + 1, 1, -1)]


def test_most_starred_first_then_by_title(graphql, projects):
    ProjectPageFactory(parent=projects, title="B tie", short_name="B", github_stars=settings.OPEN_SOURCE_MIN_STARS)
    ProjectPageFactory(parent=projects, title="A tie", short_name="A", github_stars=settings.OPEN_SOURCE_MIN_STARS)
    everything = open_source(graphql, MAXIMUM)
    assert everything == [*(f"P{number}" for number in range(DEFAULT + 1, 0, -1)), "A", "B", "P0"]
    assert "Few" not in everything
    assert open_source(graphql, 3) == ["P11", "P10", "P9"]


@pytest.mark.parametrize("limit", [0, -1, MAXIMUM + 1, 2**31 - 1])
def test_a_limit_outside_the_range_is_refused(graphql, projects, limit):
    message = f"`limit` must be between 1 and {MAXIMUM}; got {limit}."
    assert graphql.errors(HOME, {"limit": limit}) == [message]
    literal = HOME.replace("query($limit: Int)", "query").replace("$limit", str(limit))
    assert graphql.errors(literal) == [message]


def test_the_maximum_is_accepted(graphql, projects):
    assert len(open_source(graphql, MAXIMUM)) == DEFAULT + 2


def test_the_field_says_its_bounds():
    argument = schema.graphql_schema.get_type("HomePage").fields["openSourceProjects"].args["limit"]
    assert f"1 to {MAXIMUM}; default {DEFAULT}" in argument.description


def measured(graphql, limit):
    """(SQL queries, ProjectPage objects built) of one home request past the response cache."""
    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    with override_settings(GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0}):
        graphql.query(HOME, {"limit": limit})
        post_init.connect(count, sender=ProjectPage)
        try:
            with CaptureQueriesContext(connection) as queries:
                graphql.query(HOME, {"limit": limit})
        finally:
            post_init.disconnect(count, sender=ProjectPage)
    return len(queries), len(built)


def test_the_list_does_not_grow_with_the_site_beyond_its_limit(graphql, projects):
    at_12 = {limit: measured(graphql, limit) for limit in (None, 5)}
    add_projects(projects, 30, start=DEFAULT + 2)
    at_42 = {limit: measured(graphql, limit) for limit in (None, 5)}
    assert at_12 == at_42, (at_12, at_42)
    assert at_42[None][1] == DEFAULT and at_42[5][1] == 5
    estimate = measure(schema.graphql_schema, parse(HOME), {})["queries"]
    assert at_42[None][0] <= estimate


def estimate(limit_argument):
    document = HOME.replace("query($limit: Int)", "query").replace("(limit: $limit)", limit_argument)
    return measure(schema.graphql_schema, parse(document))


def test_the_estimate_counts_the_list_at_its_limit():
    absent, default, largest = estimate(""), estimate(f"(limit: {DEFAULT})"), estimate(f"(limit: {MAXIMUM})")
    assert absent == default  # the estimate's size for an absent limit is the resolver's default
    fields = 6  # the selection on each project: five fields, `url` weighing 2 (LabPage.graphql_work)
    assert largest["cost"] - default["cost"] == (MAXIMUM - DEFAULT) * (PAGE_ITEM_COST + fields)
    assert largest["queries"] >= default["queries"]
