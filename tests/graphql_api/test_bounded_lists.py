"""Every list that grows with the site has a size the limits know before it runs.

The root lists (people, awards, talks, ...) return every item up to `limit` (default and most MAX_PAGE_SIZE); a
project's or a person's publications the newest RELATED_PAGES_SHOWN unless `limit` asks for more or fewer. The
default is stated in the schema (`limit: Int = 100`), and the cost counts an absent limit at it, not at the
resolvers' usual 10.
"""

from graphql import parse
from grapple.settings import grapple_settings

from core.graphql import RELATED_PAGES_SHOWN
from graphql_api.schema import schema
from graphql_api.validation import PAGE_ITEM_COST, measure
from people.factories import HonorFactory, PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor
from research.factories import ProjectIndexPageFactory, ProjectPageFactory

LARGEST = grapple_settings.MAX_PAGE_SIZE


def cost(document):
    return measure(schema.graphql_schema, parse(document))["cost"]


def test_a_root_list_returns_every_item_up_to_its_limit(graphql, site_tree):
    HonorFactory.create_batch(12)
    assert len(graphql.query("{ awards { key } }")["awards"]) == 12  # not the resolvers' usual 10
    assert len(graphql.query("{ awards(limit: 5) { key } }")["awards"]) == 5
    assert graphql.errors("{ awards(limit: 101) { key } }") == [f"`limit` must be between 1 and {LARGEST}; got 101."]


def test_an_absent_limit_is_counted_at_the_default_the_schema_states():
    # 1 + 100 * (1 field): an honor is not a page, so it costs its fields alone.
    assert cost("{ awards { key } }") == cost(f"{{ awards(limit: {LARGEST}) {{ key }} }}") == 1 + LARGEST
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
