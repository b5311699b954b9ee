import json

import pytest
from wagtail.models import Page, Site

from blog.factories import BlogIndexPageFactory
from core.factories import ImageFactory
from home.factories import HomePageFactory
from news.factories import NewsIndexPageFactory
from research.factories import ResearchAreaIndexPageFactory
from tests.redis_keys import clear_local_cache


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
