"""Featured-page cards on the home page: the pages they link to are made specific together, with one query per page
type however many cards there are (graphql_api.selection.convert_together). A card whose page is not public:
tests/graphql_api/test_visibility.py."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory

CARDS = """{ page(urlPath: "/") { ... on HomePage { body { ... on FeaturedPageBlock {
  label page { __typename title ... on BlogPostPage { date } ... on NewsPage { kind } } } } } } }"""


def show_cards(graphql, site_tree, count, settings):
    """The cards' answer and the SQL queries of a request for `count` posts and `count` news items featured."""
    settings.GRAPHQL_CACHE = {**settings.GRAPHQL_CACHE, "TIMEOUT": 0}  # every request is computed
    home = site_tree["home"]
    pages = [BlogPostPageFactory(parent=site_tree["blog"]) for _ in range(count)]
    pages += [NewsPageFactory(parent=site_tree["news"]) for _ in range(count)]
    home.body = [{"type": "featured_page", "value": {"page": page.pk, "label": ""}} for page in pages]
    home.save()
    graphql.query(CARDS)  # the site root paths and content types are cached from here on
    with CaptureQueriesContext(connection) as queries:
        cards = graphql.query(CARDS)["page"]["body"]
    return cards, pages, len(queries)


def test_featured_pages_are_made_specific_together(graphql, site_tree, settings):
    cards, pages, queries = show_cards(graphql, site_tree, 2, settings)
    assert [card["label"] for card in cards] == [page.title for page in pages]
    assert [card["page"]["__typename"] for card in cards] == ["BlogPostPage"] * 2 + ["NewsPage"] * 2
    assert all(card["page"]["date"] for card in cards[:2]) and all(card["page"]["kind"] for card in cards[2:])
    more_cards, _, more_queries = show_cards(graphql, site_tree, 5, settings)
    assert len(more_cards) == 10 and more_queries == queries
