"""Issue 12: an uncached answer's Redis round trips do not grow with the number of pages it shows.

Wagtail keeps the site root paths (every page URL needs them) in Django's default cache, which is Redis in production:
a page URL resolved without the request read them from Redis once per page. The API resolves URLs with the request,
on which Wagtail keeps them, so a listing of any length reads them once. The commands are counted as the Redis client
sends them (it still sends them: a count, not a stand-in), through the real endpoint, with the response cache on.
"""

import json
from urllib.parse import urlencode

import pytest
from django.test import override_settings

from blog.factories import BlogPostPageFactory
from tests.redis_keys import REDIS_URL, delete_prefixed, unique_prefix

LISTING = """
query ($perPage: Int) {
  blogPosts(perPage: $perPage) {
    items { title url urlPath seo { canonicalUrl jsonLd } }
  }
}
"""


@pytest.fixture
def redis_default_cache():
    """Django's default cache in a real Redis, under a key prefix of this test's own whose keys alone are deleted."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: this test counts a real Redis's commands")
    prefix = unique_prefix("test-execution")
    backend = {"BACKEND": "core.redis_cache.ResilientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    try:
        with override_settings(CACHES={"default": backend}):
            yield
    finally:
        delete_prefixed(client, prefix)


@pytest.fixture
def redis_commands(monkeypatch):
    import redis

    sent = []
    send = redis.Redis.execute_command

    def counting(client, *args, **options):
        sent.append(args[0])
        return send(client, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


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
