import json

import pytest
from wagtail.models import Page, Site

from blog.factories import BlogIndexPageFactory
from core.factories import ImageFactory
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from research.factories import ResearchAreaIndexPageFactory
from tests.redis_keys import REDIS_URL, clear_local_cache, delete_prefixed, unique_prefix


class GraphQLClient:
    """Talks to the real /graphql/ endpoint over Django's test client, as a frontend would."""

    def __init__(self, client):
        self.client = client

    def post(self, query, variables=None, **headers):
        body = {"query": query}
        if variables is not None:
            body["variables"] = variables
        return self.client.post("/graphql/", json.dumps(body), content_type="application/json", **headers)

    def query(self, query, variables=None):
        """The `data` of a query that must succeed."""
        response = self.post(query, variables)
        payload = response.json()
        assert response.status_code == 200, payload
        assert "errors" not in payload, payload["errors"]
        return payload["data"]

    def errors(self, query, variables=None):
        """The error messages of a query that must be refused."""
        payload = self.post(query, variables).json()
        assert payload.get("errors"), payload
        return [error["message"] for error in payload["errors"]]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the local-memory cache outlives the database rollback between tests."""
    clear_local_cache("default")


@pytest.fixture
def graphql(client):
    return GraphQLClient(client)


@pytest.fixture
def site_tree(db):
    """The home page as the default site's root, with the research, blog and news indexes under it."""
    root = Page.get_first_root_node()
    for placeholder in root.get_children():
        placeholder.delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    return {
        "home": home,
        "research": ResearchAreaIndexPageFactory(parent=home),
        "blog": BlogIndexPageFactory(parent=home),
        "news": NewsIndexPageFactory(parent=home),
    }


@pytest.fixture
def image(db):
    return ImageFactory()


@pytest.fixture
def redis_default_cache(settings):
    """Django's default cache in a real Redis, under a key prefix of this test's own whose keys alone are deleted
    after: (client, prefix). Skipped when no Redis answers at REDIS_TEST_URL."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: this test needs a real Redis")
    prefix = unique_prefix("test")
    backend = {"BACKEND": "core.redis_cache.ResilientRedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    try:
        settings.CACHES = {**settings.CACHES, "default": backend}
        yield client, prefix
    finally:
        delete_prefixed(client, prefix)


@pytest.fixture
def redis_commands(monkeypatch):
    """The names of the commands the Redis client sends inside the test (it still sends them: a count, not a
    stand-in)."""
    import redis

    sent = []
    send = redis.Redis.execute_command

    def counting(client, *args, **options):
        sent.append(args[0])
        return send(client, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent
