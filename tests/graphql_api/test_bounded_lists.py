"""Every list that grows with the site has a size the limits know before it runs.

The root lists (people, awards, talks, ...; grapple's redirects and snippets, with `offset`) return every item up to
`limit` (default and most MAX_PAGE_SIZE); a project's or a person's publications the newest RELATED_PAGES_SHOWN
unless `limit` asks for more or fewer. The default is stated in the schema (`limit: Int = 100`), and the cost
counts an absent limit at it, not at the resolvers' usual 10.
"""

from graphql import parse
from grapple.settings import grapple_settings
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from blog.factories import BlogPostPageFactory
from core.graphql import RELATED_PAGES_SHOWN
from graphql_api.schema import schema
from graphql_api.validation import ITEM_COST, PAGE_ITEM_COST, measure
from lab.factories import IndustryPartnerFactory
from people.factories import HonorFactory, PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from tests.performance.test_query_counts import count_queries

LARGEST = grapple_settings.MAX_PAGE_SIZE


def cost(document):
    return measure(schema.graphql_schema, parse(document))["cost"]


def test_a_root_list_returns_every_item_up_to_its_limit(graphql, site_tree):
    HonorFactory.create_batch(12)
    assert len(graphql.query("{ awards { key } }")["awards"]) == 12  # not the resolvers' usual 10
    assert len(graphql.query("{ awards(limit: 5) { key } }")["awards"]) == 5
    assert len(graphql.query("{ awards(limit: null) { key } }")["awards"]) == 12
    assert graphql.errors("{ awards(limit: 101) { key } }") == [f"`limit` must be between 1 and {LARGEST}; got 101."]


def test_an_absent_limit_is_counted_at_the_default_the_schema_states():
    # 1 + 100 * (the honor + 1 field): an honor is not a page, so it costs ITEM_COST.
    assert (
        cost("{ awards { key } }") == cost(f"{{ awards(limit: {LARGEST}) {{ key }} }}") == 1 + LARGEST * (ITEM_COST + 1)
    )
    assert cost("{ people { title } }") == 1 + LARGEST * (PAGE_ITEM_COST + 1)
    related = "{ page(id: 1) { ... on ProjectPage { publications { title } } } }"
    assert cost(related) == 1 + PAGE_ITEM_COST + 1 + RELATED_PAGES_SHOWN * (PAGE_ITEM_COST + 1)


def test_a_project_and_a_person_list_their_newest_publications_up_to_the_limit(graphql, site_tree):
    project = ProjectPageFactory(parent=ProjectIndexPageFactory(parent=site_tree["home"]), short_name="P")
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=site_tree["home"]))
    index = PublicationIndexPageFactory(parent=site_tree["home"])
    for year in range(2000, 2000 + RELATED_PAGES_SHOWN + 2):
        PublicationPageFactory(
            parent=index,
            title=f"Paper {year}",
            year=year,
            projects=[project],
            authors=[PublicationAuthor(person=person)],
        )
    for page in (project, person):
        shown = graphql.query(
            f"{{ page(id: {page.pk}) {{ ... on {type(page).__name__} {{ publications {{ year }} }} }} }}"
        )
        years = [publication["year"] for publication in shown["page"]["publications"]]
        assert years == list(range(2000 + RELATED_PAGES_SHOWN + 1, 2001, -1))  # the newest, newest first
        newest = f"{{ page(id: {page.pk}) {{ ... on {type(page).__name__} {{ publications(limit: 1) {{ year }} }} }} }}"
        assert graphql.query(newest)["page"]["publications"] == [{"year": 2000 + RELATED_PAGES_SHOWN + 1}]
        # An explicit null is the default, not "all": the cost counted the default.
        null = newest.replace("limit: 1", "limit: null")
        assert len(graphql.query(null)["page"]["publications"]) == RELATED_PAGES_SHOWN


def test_redirects_come_a_page_at_a_time(graphql, site_tree):
    site = Site.objects.get(is_default_site=True)
    for number in range(5):
        Redirect.objects.create(old_path=f"/old-{number}", site=site, redirect_link="https://hanlab.mit.edu/")
    Redirect.objects.create(old_path="/old-every-site", redirect_link="https://hanlab.mit.edu/")  # one per site
    Site.objects.create(hostname="other.example", root_page=site_tree["home"])
    paths = [(r["oldPath"], r["site"]["hostname"]) for r in graphql.query(REDIRECTS)["redirects"]]
    assert len(paths) == 7 and paths[:2] == [("/old-0", "testserver"), ("/old-1", "testserver")]
    assert (
        graphql.query(REDIRECTS.replace("redirects", "redirects(limit: null)"))["redirects"]
        == graphql.query(REDIRECTS)["redirects"]
    )
    assert graphql.query(REDIRECTS.replace("redirects", "redirects(limit: 2, offset: 4)"))["redirects"] == [
        {"oldPath": "/old-4", "site": {"hostname": "testserver"}},
        {"oldPath": "/old-every-site", "site": {"hostname": paths[5][1]}},
    ]
    assert cost(REDIRECTS) == 1 + LARGEST * (ITEM_COST + 1 + 2)  # the redirect, oldPath, site and its hostname


def test_snippets_list_only_what_has_a_graphql_type_and_are_bounded(graphql, site_tree):
    # Honors and industry partners are admin snippets served by roots of their own: grapple has no snippet type for
    # them, and listing one failed the whole request ("Internal server error."). No snippet has a type here yet.
    HonorFactory.create_batch(2)
    IndustryPartnerFactory.create_batch(2)
    assert graphql.query("{ snippets(limit: 2, offset: 1) { __typename } }")["snippets"] == []
    assert graphql.errors("{ snippets(limit: 0) { __typename } }") == [
        f"`limit` must be between 1 and {LARGEST}; got 0."
    ]
    assert cost("{ snippets { __typename } }") == 1 + LARGEST * (ITEM_COST + 1)


REDIRECTS = "{ redirects { oldPath site { hostname } } }"


def test_redirect_pages_are_loaded_with_the_list(graphql, site_tree):
    site = Site.objects.get(is_default_site=True)
    document = "{ redirects { oldPath page { title } } }"

    def add_redirects(numbers):
        for number in numbers:
            post = BlogPostPageFactory(parent=site_tree["blog"], slug=f"post-{number}", title=f"Post {number}")
            Redirect.objects.create(old_path=f"/old-{number}", site=site, redirect_page=post)

    add_redirects(range(2))
    at_two = count_queries(graphql, document)
    add_redirects(range(2, 6))
    assert count_queries(graphql, document) == at_two  # the pages are made specific together, not one by one
    titles = [redirect["page"]["title"] for redirect in graphql.query(document)["redirects"]]
    assert titles == [f"Post {number}" for number in range(6)]
