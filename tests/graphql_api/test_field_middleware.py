"""Issue 12: the API's field middleware wraps the resolvers of object and list fields only, not of every scalar.

Private media, batches of peers and cache tags are about objects: a field that returns an image, a page, a list of
them. Applied as graphene's MIDDLEWARE they wrapped every field of every item (a title, a date, a slug), three
Python calls per scalar per item; the schema now wraps just the resolvers of fields whose type is an object, an
interface or a union (`graphql_api.middleware.apply_object_field_middleware`). Calls are counted, not timed.
"""

import pytest
from graphql import GraphQLInterfaceType, GraphQLObjectType, GraphQLUnionType, get_named_type

from blog.factories import BlogPostPageFactory
from core.factories import ImageFactory, every_block_body
from graphql_api.batching import PeersMiddleware
from graphql_api.cache import CacheTagMiddleware
from graphql_api.execution import BudgetedExecutionContext
from graphql_api.middleware import PrivateMediaMiddleware
from tests.frontend_documents import frontend_operation

MIDDLEWARE = (PrivateMediaMiddleware, PeersMiddleware, CacheTagMiddleware)
COMPOSITE = (GraphQLObjectType, GraphQLInterfaceType, GraphQLUnionType)


@pytest.fixture
def calls(monkeypatch):
    """Fields executed, and each middleware's calls with the kind of field it wrapped (they still run: a count)."""
    counted = {"fields": 0, **{middleware.__name__: {"object": 0, "scalar": 0} for middleware in MIDDLEWARE}}
    execute_field = BudgetedExecutionContext.execute_field

    def counting_execute_field(self, *args, **kwargs):
        counted["fields"] += 1
        return execute_field(self, *args, **kwargs)

    monkeypatch.setattr(BudgetedExecutionContext, "execute_field", counting_execute_field)
    for middleware in MIDDLEWARE:
        resolve = middleware.resolve

        def counting_resolve(self, next, root, info, _resolve=resolve, _name=middleware.__name__, **kwargs):
            kind = "object" if isinstance(get_named_type(info.return_type), COMPOSITE) else "scalar"
            counted[_name][kind] += 1
            return _resolve(self, next, root, info, **kwargs)

        monkeypatch.setattr(middleware, "resolve", counting_resolve)
    return counted


def test_the_frontend_blog_listing_runs_middleware_on_object_fields_only(graphql, site_tree, calls, settings):
    settings.GRAPHQL_CACHE = {**settings.GRAPHQL_CACHE, "TIMEOUT": 0}  # every request executes
    image = ImageFactory()
    for n in range(20):
        BlogPostPageFactory(
            parent=site_tree["blog"], slug=f"post-{n}", hero_image=image, tag_names=["a"], body=every_block_body(image)
        )
    document = frontend_operation("BlogPostList")
    graphql.query(document, {"perPage": 20})  # the first request makes the image renditions
    for counted in calls.values():
        if isinstance(counted, dict):
            counted.update(object=0, scalar=0)
    calls["fields"] = 0
    data = graphql.query(document, {"perPage": 20})
    assert len(data["blogPosts"]["items"]) == 20
    for middleware in MIDDLEWARE:
        assert calls[middleware.__name__]["scalar"] == 0, calls
        assert 20 <= calls[middleware.__name__]["object"] < calls["fields"] / 3, calls


def test_an_object_shown_by_its_scalar_fields_alone_tags_the_answer(client, site_tree):
    """Cache tags are recorded for what object fields return: a page and a listing's items, whose fields are all
    scalars here, still purge the answer."""
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="tagged")
    for query in ('{ page(urlPath: "/blog/tagged/") { title } }', "{ blogPosts { items { title } } }"):
        response = client.get("/graphql/", {"query": query})
        assert f"page:{post.pk}" in response["Cache-Tag"].split(","), (query, response["Cache-Tag"])
