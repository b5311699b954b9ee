"""Issue 12: a feed's or the sitemap's cache reads do not grow with the pages it lists.

Every page URL needs Wagtail's site root paths, kept in Django's default cache (Redis in production). Resolved
without the request, they were read from Redis once per page: twice per feed item (its link and its guid). The views
resolve URLs inside `core.paths.urls_for(request)`, on whose request Wagtail keeps them. Counted as the Redis client
sends its commands (a real Redis, under a key prefix of this run's own), through the real views.
"""

import datetime

import pytest
from django.test import override_settings

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from tests.feeds.test_feeds import get_xml

FEEDS = ["/feeds/blog/rss/", "/feeds/blog/atom/", "/feeds/news/rss/", "/feeds/publications/atom/"]
FEW, MANY = 2, 8


@pytest.fixture
def many_pages(site_tree):
    for n in range(MANY):
        date = datetime.date(2024, 1, 1 + n)
        BlogPostPageFactory(parent=site_tree["blog"], slug=f"post-{n}", title=f"Post {n}", date=date)
        NewsPageFactory(parent=site_tree["news"], slug=f"news-{n}", title=f"News {n}", date=date)
    publications = PublicationIndexPageFactory(parent=site_tree["home"])
    for n in range(MANY):
        PublicationPageFactory(parent=publications, slug=f"paper-{n}", title=f"Paper {n}")


def commands(client, redis_commands, url, items):
    """The Redis commands of one request for `url`, once the site root paths are in Redis (as after any request)."""
    client.get(url)
    redis_commands.clear()
    response, root = get_xml(client, url)
    listed = len(root.findall(".//item")) + len(root.findall(".//{http://www.w3.org/2005/Atom}entry"))
    assert listed == items, response.content[:500]
    return list(redis_commands)


@pytest.mark.parametrize("url", FEEDS)
def test_a_feed_reads_the_cache_once_whatever_its_length(client, many_pages, redis_default_cache, redis_commands, url):
    with override_settings(FEEDS_MAX_ITEMS=FEW):
        few = commands(client, redis_commands, url, FEW)
    with override_settings(FEEDS_MAX_ITEMS=MANY):
        many = commands(client, redis_commands, url, MANY)
    assert many == few == ["GET"]  # the site root paths, once


def test_the_sitemap_reads_the_cache_once_whatever_its_length(client, site_tree, redis_default_cache, redis_commands):
    few = commands(client, redis_commands, "/sitemap.xml", 0)
    pages = len(get_xml(client, "/sitemap.xml")[1])
    for n in range(MANY):
        BlogPostPageFactory(parent=site_tree["blog"], slug=f"post-{n}", title=f"Post {n}")
    many = commands(client, redis_commands, "/sitemap.xml", 0)
    assert len(get_xml(client, "/sitemap.xml")[1]) == pages + MANY
    assert many == few == ["GET"]
