"""Public responses are cached, revalidated with ETags, and invalidated on every kind of content change."""

import hashlib
import json
import os
from urllib.parse import urlencode

import pytest
from django.core.cache import caches
from django.test import override_settings

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostPage
from graphql_api.cache import CONTENT_VERSION_KEY, content_version
from people.models import Honor

POSTS = "{ blogPosts { items { title } } }"


def get(client, query, **headers):
    return client.get("/graphql/?" + urlencode({"query": query}), **headers)


def titles(response):
    return [item["title"] for item in json.loads(response.content)["data"]["blogPosts"]["items"]]


@pytest.fixture
def post(site_tree):
    return BlogPostPageFactory(parent=site_tree["blog"], slug="cached", title="First title")


def publish_new_title(post, title):
    page = BlogPostPage.objects.get(pk=post.pk)
    page.title = title
    page.save_revision().publish()


def test_get_is_cacheable_with_an_etag_and_answers_304(client, post):
    first = get(client, POSTS)
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["X-Cache"] == "MISS"
    second = get(client, POSTS)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    revalidated = get(client, POSTS, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_public_responses_set_no_cookie_and_do_not_vary_on_it(client, post):
    response = get(client, POSTS)
    assert not response.cookies
    assert "cookie" not in response.get("Vary", "").lower()


def test_publishing_invalidates(client, post):
    assert titles(get(client, POSTS)) == ["First title"]
    publish_new_title(post, "Second title")
    response = get(client, POSTS)
    assert response["X-Cache"] == "MISS"
    assert titles(response) == ["Second title"]


def test_unpublishing_moving_and_deleting_invalidate(client, site_tree, post):
    other = BlogPostPageFactory(parent=site_tree["blog"], slug="other", title="Other")
    assert sorted(titles(get(client, POSTS))) == ["First title", "Other"]
    BlogPostPage.objects.get(pk=other.pk).unpublish()
    assert titles(get(client, POSTS)) == ["First title"]
    version = content_version()
    BlogPostPage.objects.get(pk=post.pk).move(site_tree["blog"], pos="last-child")
    assert content_version() > version
    BlogPostPage.objects.get(pk=post.pk).delete()
    assert titles(get(client, POSTS)) == []


def test_snippet_changes_invalidate(client, post):
    query = "{ awards { title } }"
    assert json.loads(get(client, query).content)["data"]["awards"] == []
    Honor.objects.create(key="sloan", title="Sloan Research Fellowship", date="2023-05-01")
    assert json.loads(get(client, query).content)["data"]["awards"] == [{"title": "Sloan Research Fellowship"}]


def test_saving_a_draft_does_not_invalidate(post):
    version = content_version()
    page = BlogPostPage.objects.get(pk=post.pk)
    page.title = "Draft only"
    page.save_revision()
    assert content_version() == version


def test_preview_responses_are_never_cached(client, post):
    page = BlogPostPage.objects.get(pk=post.pk)
    page.title = "Draft title"
    token = page.save_revision().as_object().create_page_preview().token
    query = f'{{ page(token: "{token}") {{ title }} }}'
    for _ in range(2):
        response = get(client, query)
        assert json.loads(response.content)["data"]["page"]["title"] == "Draft title"
        assert response["Cache-Control"] == "no-store, private"
        assert "X-Cache" not in response and "ETag" not in response


def persisted(query=None, sha=None):
    body = {"extensions": {"persistedQuery": {"version": 1, "sha256Hash": sha}}}
    if query is not None:
        body["query"] = query
    return body


def test_automatic_persisted_queries(client, post):
    sha = hashlib.sha256(POSTS.encode()).hexdigest()
    params = {"extensions": json.dumps(persisted(sha=sha)["extensions"])}
    unknown = client.get("/graphql/?" + urlencode(params))
    assert json.loads(unknown.content)["errors"] == [
        {"message": "PersistedQueryNotFound", "extensions": {"code": "PERSISTED_QUERY_NOT_FOUND"}}
    ]
    registered = client.post("/graphql/", persisted(POSTS, sha), content_type="application/json")
    assert json.loads(registered.content)["data"]["blogPosts"]["items"] == [{"title": "First title"}]
    by_hash = client.get("/graphql/?" + urlencode(params))
    assert titles(by_hash) == ["First title"]
    assert by_hash["ETag"] and by_hash["Cache-Control"] == "public, max-age=60"


def test_a_persisted_query_whose_hash_does_not_match_is_refused(client, post):
    response = client.post("/graphql/", persisted(POSTS, "0" * 64), content_type="application/json")
    assert json.loads(response.content)["errors"][0]["message"] == "provided sha does not match query"


REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: the shared-cache test needs a real Redis")


def test_the_content_version_lives_in_redis_when_redis_is_the_cache(client, post):
    redis_or_skip()
    redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=redis_cache):
        caches["default"].clear()
        assert titles(get(client, POSTS)) == ["First title"]
        assert get(client, POSTS)["X-Cache"] == "HIT"
        before = caches["default"].get(CONTENT_VERSION_KEY)
        publish_new_title(post, "Through Redis")
        assert caches["default"].get(CONTENT_VERSION_KEY) > before
        assert titles(get(client, POSTS)) == ["Through Redis"]
        caches["default"].clear()
