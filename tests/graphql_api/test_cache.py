"""Public responses are cached, revalidated with ETags, and invalidated on every kind of content change."""

import hashlib
import json
from urllib.parse import urlencode

import pytest

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostPage
from people.factories import HonorFactory
from tests.redis_keys import prefixed_keys

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


def test_publishing_a_draft_purges_the_answer_that_found_nothing_at_its_path(client, site_tree):
    """`page(urlPath:)` of a draft answers null and shows no object: its answer must still go when the page goes
    live (the editor's path in the browser caught a null served from the cache after publishing)."""
    draft = BlogPostPageFactory(parent=site_tree["blog"], slug="draft-first", title="Drafted", live=False)
    query = '{ page(urlPath: "/blog/draft-first/") { title } }'
    assert json.loads(get(client, query).content)["data"]["page"] is None
    assert get(client, query)["X-Cache"] == "HIT"
    BlogPostPage.objects.get(pk=draft.pk).save_revision().publish()
    response = get(client, query)
    assert response["X-Cache"] == "MISS"
    assert json.loads(response.content)["data"]["page"] == {"title": "Drafted"}


def test_unpublishing_moving_and_deleting_invalidate(client, site_tree, post):
    other = BlogPostPageFactory(parent=site_tree["blog"], slug="other", title="Other")
    assert sorted(titles(get(client, POSTS))) == ["First title", "Other"]
    BlogPostPage.objects.get(pk=other.pk).unpublish()
    assert titles(get(client, POSTS)) == ["First title"]
    assert get(client, POSTS)["X-Cache"] == "HIT"
    BlogPostPage.objects.get(pk=post.pk).move(site_tree["blog"], pos="last-child")
    assert get(client, POSTS)["X-Cache"] == "MISS"
    BlogPostPage.objects.get(pk=post.pk).delete()
    assert titles(get(client, POSTS)) == []


def test_snippet_changes_invalidate(client, post):
    query = "{ awards { title } }"
    assert json.loads(get(client, query).content)["data"]["awards"] == []
    HonorFactory(key="sloan", title="Sloan Research Fellowship", date="2023-05-01")
    assert json.loads(get(client, query).content)["data"]["awards"] == [{"title": "Sloan Research Fellowship"}]


def test_saving_a_draft_does_not_invalidate(client, post):
    get(client, POSTS)
    page = BlogPostPage.objects.get(pk=post.pk)
    page.title = "Draft only"
    page.save_revision()
    assert get(client, POSTS)["X-Cache"] == "HIT"


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


def sha256(query):
    return hashlib.sha256(query.encode()).hexdigest()


def register(client, query):
    """Sends a persisted query with its document, as a client does after `PersistedQueryNotFound`."""
    return client.post("/graphql/", persisted(query, sha256(query)), content_type="application/json").json()


def is_stored(client, query):
    """Whether the endpoint answers the query's hash alone, i.e. whether the document was remembered."""
    answer = client.post("/graphql/", persisted(sha=sha256(query)), content_type="application/json").json()
    return answer.get("errors", [{}])[0].get("message") != "PersistedQueryNotFound"


def test_an_oversized_persisted_query_is_refused_and_not_stored(db, client, django_assert_num_queries):
    query = "{ __typename }" + " " * 1_000_000  # under the body limit, far over the document limit
    with django_assert_num_queries(0):
        answer = register(client, query)
    assert answer == {"errors": [{"message": "Document size 1000014 characters exceeds the limit of 15000."}]}
    assert not is_stored(client, query)


@pytest.mark.parametrize(
    "query",
    [
        "{ __typename " + "a " * 2000 + "}",  # over the token limit: refused while parsing
        "{ __typename",  # a syntax error
        "{ " + "page(id: 1) { parent { " * 6 + "id" + " } }" * 6 + " }",  # over the depth limit
        "{ noSuchField }",  # fails a standard rule
    ],
    ids=["tokens", "syntax", "depth", "unknown-field"],
)
def test_an_invalid_persisted_query_is_not_stored(client, query):
    assert "data" not in register(client, query)
    assert not is_stored(client, query)


def test_a_persisted_query_is_stored_once_it_validates(client):
    assert register(client, "{ __typename }") == {"data": {"__typename": "Query"}}
    assert is_stored(client, "{ __typename }")


def test_answers_are_indexed_by_tag_in_redis_and_purged_by_it(client, post, redis_default_cache):
    redis, prefix = redis_default_cache
    assert titles(get(client, POSTS)) == ["First title"]
    assert get(client, POSTS)["X-Cache"] == "HIT"
    tag_key = f"{prefix}:1:graphql:tag:page:{post.pk}".encode()
    assert len(redis.smembers(tag_key)) == 1
    publish_new_title(post, "Through Redis")
    assert not redis.exists(tag_key)
    assert titles(get(client, POSTS)) == ["Through Redis"]


def test_refused_persisted_queries_leave_nothing_in_redis(db, client, redis_default_cache):
    redis, prefix = redis_default_cache
    for n in range(30):  # the attack: 30 documents of 1 MiB took Redis from 2.4 MB to 36 MB
        query = f"{{ a{n}: __typename }}" + " " * 1_048_000
        assert "data" not in register(client, query)
    keys = prefixed_keys(redis, prefix)
    assert [key for key in keys if b"apq" in key] == []
    assert sum(redis.memory_usage(key) for key in keys) < 1000  # Wagtail's site root paths alone


def test_the_persisted_query_store_never_holds_more_than_its_slots(db, client, redis_default_cache, settings):
    redis, prefix = redis_default_cache
    settings.GRAPHQL_CACHE = {**settings.GRAPHQL_CACHE, "PERSISTED_QUERY_SLOTS": 8}
    queries = [f"{{ a{n}: __typename }}" for n in range(40)]
    for query in queries:
        assert "errors" not in register(client, query)
    assert len([key for key in prefixed_keys(redis, prefix) if b"apq" in key]) <= 8
    assert is_stored(client, queries[-1])  # the newest document took its slot


def test_a_cached_answer_by_hash_alone_costs_one_redis_round_trip(client, post, redis_default_cache, redis_commands):
    """Issue 13: the answer is keyed by the document's hash, so a GET by hash is not looked up document-first."""
    params = {"extensions": json.dumps(persisted(sha=sha256(POSTS))["extensions"])}
    register(client, POSTS)
    for request in (lambda: client.get("/graphql/?" + urlencode(params)), lambda: get(client, POSTS)):
        redis_commands.clear()
        response = request()
        assert response["X-Cache"] == "HIT"
        assert titles(response) == ["First title"]
        assert redis_commands == ["GET"]
