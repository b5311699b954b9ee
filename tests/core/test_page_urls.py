"""Page URLs in the API: relative on a one-site CMS without looking the request's site up, as Wagtail's `get_url`
answers them; absolute for a page of another site when there are several (core.paths.page_url).

Wagtail's `get_url(request)` reads the request's site from the database on every request only to choose between
the two forms; a listing of 20 posts spent about a tenth of its CPU time there (issue 12's profile).
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from home.factories import HomePageFactory

LISTING = "{ blogPosts(perPage: 10) { items { title url } } }"


def test_one_site_gives_relative_urls_without_reading_the_sites_table(graphql, site_tree, settings):
    settings.GRAPHQL_CACHE = {**settings.GRAPHQL_CACHE, "TIMEOUT": 0}  # every request is computed
    BlogPostPageFactory(parent=site_tree["blog"], title="Sparse attention", slug="sparse-attention")
    graphql.query(LISTING)  # Wagtail keeps the site root paths in its cache from the first request on
    with CaptureQueriesContext(connection) as queries:
        items = graphql.query(LISTING)["blogPosts"]["items"]
    assert items == [{"title": "Sparse attention", "url": "/blog/sparse-attention/"}]
    assert queries and not [query["sql"] for query in queries if "wagtailcore_site" in query["sql"]]


def test_several_sites_give_absolute_urls_for_another_sites_pages(graphql, site_tree):
    BlogPostPageFactory(parent=site_tree["blog"], slug="here")
    other_home = HomePageFactory(parent=site_tree["home"].get_parent(), slug="other-home")
    BlogPostPageFactory(parent=BlogIndexPageFactory(parent=other_home, slug="blog"), slug="there")
    Site.objects.create(hostname="other.example", port=443, root_page=other_home)
    urls = {item["url"] for item in graphql.query(LISTING)["blogPosts"]["items"]}
    assert urls == {"/blog/here/", "https://other.example/blog/there/"}
