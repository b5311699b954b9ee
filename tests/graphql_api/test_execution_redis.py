"""Issue 12: an uncached answer's Redis round trips do not grow with the number of pages it shows.

Wagtail keeps the site root paths (every page URL needs them) in Django's default cache, which is Redis in production:
a page URL resolved without the request read them from Redis once per page. The API resolves URLs with the request,
on which Wagtail keeps them, so a listing of any length reads them once. The commands are counted as the Redis client
sends them (it still sends them: a count, not a stand-in), through the real endpoint, with the response cache on.
"""

import json
from urllib.parse import urlencode

from blog.factories import BlogPostPageFactory

LISTING = """
query ($perPage: Int) {
  blogPosts(perPage: $perPage) {
    items { title url urlPath seo { canonicalUrl jsonLd } }
  }
}
"""


def listing(client, per_page, variant):
    document = f"{LISTING}# {variant}\n"  # another document text: an answer of its own in the response cache
    params = {"query": document, "variables": json.dumps({"perPage": per_page})}
    return client.get("/graphql/?" + urlencode(params))


def commands_for(client, redis_commands, per_page):
    """The commands of an uncached answer, once the site root paths are in Redis (as after any first request)."""
    listing(client, per_page, "warm")
    redis_commands.clear()
    response = listing(client, per_page, "measured")
    body = json.loads(response.content)
    assert "errors" not in body, body
    assert response["X-Cache"] == "MISS"
    items = body["data"]["blogPosts"]["items"]
    assert len(items) == per_page
    assert all(item["url"] == f"/blog/{item['urlPath'].rsplit('/', 2)[-2]}/" for item in items)
    assert all(item["seo"]["canonicalUrl"].endswith(item["url"]) for item in items)
    return list(redis_commands)


def test_an_uncached_listing_sends_as_many_redis_commands_for_25_pages_as_for_2(
    client, site_tree, redis_default_cache, redis_commands
):
    for n in range(25):
        BlogPostPageFactory(parent=site_tree["blog"], slug=f"post-{n}", title=f"Post {n}")
    two = commands_for(client, redis_commands, 2)
    twenty_five = commands_for(client, redis_commands, 25)
    assert sorted(twenty_five) == sorted(two)
    assert len(twenty_five) <= 4, twenty_five  # the response cache's GET and store, the site root paths' GET
