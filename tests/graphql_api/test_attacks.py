"""What an anonymous client might send to hurt or probe the API: each is refused, cheaply, and never as a 500.

Also grapple's remaining raw paths, closed in graphql_api/roots.py: `site { pages page rootPage }`, `sites(order:)`,
`redirects` to drafts, and the raw `order` of `images`, `documents`, `collections` and `tags`.
"""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction, Site

from blog.factories import BlogPostPageFactory
from core.factories import ImageFactory

pytestmark = pytest.mark.django_db


def send(client, query, variables=None):
    body = {"query": query} if variables is None else {"query": query, "variables": variables}
    return client.post("/graphql/", json.dumps(body), content_type="application/json")


def refused(client, django_assert_num_queries, query, variables=None):
    """Messages of a request refused before any SQL runs (counts, not seconds: a busy machine is no failure)."""
    with django_assert_num_queries(0):
        response = send(client, query, variables)
    assert response.status_code == 200, response.content
    payload = response.json()
    assert "data" not in payload, payload
    return [error["message"] for error in payload["errors"]]


# Bombs ----------------------------------------------------------------------------------------------------------


def test_depth_bomb(client, django_assert_num_queries):
    query = "{ pages { " + "children { " * 30 + "id" + " }" * 30 + " } }"
    assert refused(client, django_assert_num_queries, query) == ["Query depth 32 exceeds the limit of 10."]


def test_alias_bomb(client, django_assert_num_queries):
    query = "{ " + " ".join(f"a{n}: pages(limit: 100) {{ children {{ id }} }}" for n in range(50)) + " }"
    messages = refused(client, django_assert_num_queries, query)
    assert "Alias count 50 exceeds the limit of 15." in messages
    assert "Root field count 50 exceeds the limit of 15." in messages


def test_alias_bomb_under_the_alias_limit_is_stopped_by_cost(client, django_assert_num_queries):
    query = "{ " + " ".join(f"a{n}: pages(limit: 100) {{ children {{ id }} }}" for n in range(15)) + " }"
    assert refused(client, django_assert_num_queries, query) == ["Query cost 115515 exceeds the limit of 18000."]


@pytest.mark.parametrize(
    "query",
    [
        "{ ...A } fragment A on Query { ...A }",
        "{ ...A } fragment A on Query { ...B } fragment B on Query { researchAreas { id } ...A }",
        "{ page(id: 1) { ...P } } fragment P on PageInterface { children { ...Q } } "
        "fragment Q on PageInterface { parent { ...P } }",
    ],
)
def test_fragment_cycle(client, django_assert_num_queries, query):
    messages = refused(client, django_assert_num_queries, query)
    assert any(message.startswith("Cannot spread fragment") for message in messages), messages


def test_directive_flood(client, django_assert_num_queries):
    query = "{ __typename" + " @include(if: true)" * 100 + " }"
    messages = refused(client, django_assert_num_queries, query)
    assert set(messages) == {"The directive '@include' can only be used once at this location."}
    query = "{ __typename" + " @include(if: true)" * 400 + " }"
    assert refused(client, django_assert_num_queries, query) == ["Token count exceeds the limit of 2000."]


def test_one_megabyte_document(client, django_assert_num_queries):
    query = "{ __typename }" + " " * 1_000_000
    assert refused(client, django_assert_num_queries, query) == [
        "Document size 1000014 characters exceeds the limit of 15000."
    ]


def test_two_megabyte_body(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = send(client, "{ __typename }" + " " * 2_000_000)
    assert response.status_code == 413
    assert response.json() == {"errors": [{"message": "The request body exceeds the limit of 1048576 bytes."}]}


def test_batched_operations(client, django_assert_num_queries):
    batch = [{"query": "{ pages(limit: 100) { title } }"}] * 100
    with django_assert_num_queries(0):
        response = client.post("/graphql/", json.dumps(batch), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Batched operations are not supported")


def test_rendition_filter_flood(client, django_assert_num_queries):
    widths = [320 + n for n in range(40)]
    query = "{ image(id: 1) { " + " ".join(f"w{w}: rendition(width: {w}) {{ url }}" for w in widths) + " } }"
    assert refused(client, django_assert_num_queries, query) == ["Alias count 40 exceeds the limit of 15."]


def test_deeply_nested_argument_literal(client, django_assert_num_queries):
    query = "{ image(id: " + "[" * 900 + "1" + "]" * 900 + ") { id } }"
    messages = refused(client, django_assert_num_queries, query)
    assert messages and "nested too deeply" in messages[0]


def test_huge_integer_literal(client, django_assert_num_queries):
    messages = refused(client, django_assert_num_queries, "{ pages(limit: 99999999999999999999999) { id } }")
    assert messages == ["Expected value of type 'PositiveInt', found 99999999999999999999999."]


def test_deeply_nested_variables_json(client, django_assert_num_queries):
    body = '{"query": "query ($s: [Int]) { image(id: 1) { srcSet(sizes: $s) } }", "variables": {"s": ' + (
        "[" * 100_000 + "]" * 100_000 + "}}"
    )
    with django_assert_num_queries(0):
        response = client.post("/graphql/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": "The request body is not valid JSON."}]}


def test_long_search_terms(graphql, site_tree):
    assert graphql.errors("query ($q: String) { search(query: $q) { __typename } }", {"q": "x" * 201}) == [
        "`searchQuery` may be at most 200 characters; got 201."
    ]


# Ordering oracles -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "allowed"),
    [
        ('{ pages(order: "owner__password") { id } }', "title, -title"),
        ('{ site(hostname: "testserver") { pages(order: "owner__password") { id } } }', "title, -title"),
        ('{ sites(order: "root_page__owner__password") { id } }', "hostname, -hostname"),
        ('{ images(order: "uploaded_by_user__password") { id } }', "title, -title, created_at"),
        ('{ documents(order: "uploaded_by_user__password") { id } }', "title, -title, created_at"),
        ('{ collections(order: "name,-view_restrictions__password") { id } }', "name, -name, path"),
        ('{ tags(order: "taggit_taggeditem_items__id") { id } }', "name, -name, slug"),
        ('{ blogPosts(order: "owner__password") { items { id } } }', "-date, date"),
        ('{ page(urlPath: "/") { children(order: "owner__password") { id } } }', "title, -title"),
    ],
)
def test_order_on_hidden_columns_is_refused_everywhere(graphql, site_tree, query, allowed):
    messages = graphql.errors(query)
    assert len(messages) == 1
    assert messages[0].startswith("`order` may not be '"), messages
    assert f"; use one of: {allowed}" in messages[0]


def test_allowed_orders_still_work(graphql, site_tree):
    data = graphql.query(
        """{ sites(order: "-hostname") { hostname } images(order: "-created_at") { id }
             documents(order: "title") { id } collections(order: "path") { name } tags(order: "name") { name } }"""
    )
    assert data["sites"] == [{"hostname": "testserver"}]
    assert data["collections"] == [{"name": "Root"}]


# grapple's site type --------------------------------------------------------------------------------------------


@pytest.fixture
def hidden_posts(site_tree):
    draft = BlogPostPageFactory(parent=site_tree["blog"], slug="secret-draft", title="Secret draft", live=False)
    private = BlogPostPageFactory(parent=site_tree["blog"], slug="members-only", title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    expired = BlogPostPageFactory(
        parent=site_tree["blog"],
        slug="expired",
        title="Expired",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    return [draft, private, expired]


def test_site_pages_shows_only_public_pages(graphql, site_tree, hidden_posts):
    BlogPostPageFactory(parent=site_tree["blog"], slug="public", title="Public")
    data = graphql.query('{ site(hostname: "testserver") { pages(limit: 100) { title } } }')
    titles = {page["title"] for page in data["site"]["pages"]}
    assert "Public" in titles
    assert not titles & {"Secret draft", "Members only", "Expired"}
    data = graphql.query("{ sites { pages(limit: 100) { title } } }")
    assert not {page["title"] for page in data["sites"][0]["pages"]} & {"Secret draft", "Members only", "Expired"}


@pytest.mark.parametrize("key", ["urlPath", "slug", "id"])
def test_site_page_by_every_key_shows_only_public_pages(graphql, site_tree, hidden_posts, key):
    for post in hidden_posts:
        value = {"urlPath": f'"/blog/{post.slug}/"', "slug": f'"{post.slug}"', "id": post.pk}[key]
        data = graphql.query(f'{{ site(hostname: "testserver") {{ page({key}: {value}) {{ title }} }} }}')
        assert data == {"site": {"page": None}}, post.title
    visible = BlogPostPageFactory(parent=site_tree["blog"], slug="visible", title="Visible")
    data = graphql.query(f'{{ site(hostname: "testserver") {{ page(id: {visible.pk}) {{ title }} }} }}')
    assert data == {"site": {"page": {"title": "Visible"}}}


def test_site_page_with_a_forged_token_is_an_error_not_a_page(graphql, site_tree):
    messages = graphql.errors('{ site(hostname: "testserver") { page(token: "id=3;forged") { title } } }')
    assert messages == ["The preview token is not valid."]


def test_site_root_page_is_hidden_when_it_is_not_public(graphql, site_tree):
    assert graphql.query('{ site(hostname: "testserver") { rootPage { title } } }')["site"]["rootPage"]
    home = site_tree["home"]
    home.live = False
    home.save()
    payload = graphql.post('{ site(hostname: "testserver") { siteName rootPage { title } } }').json()
    assert payload["data"] == {"site": None}


def test_sites_search_is_refused_by_name(graphql, site_tree):
    assert graphql.errors('{ sites(searchQuery: "x") { id } }') == ["`searchQuery` is not supported on sites."]


# Redirects ------------------------------------------------------------------------------------------------------


def test_redirects_only_to_public_pages_or_external_urls(graphql, site_tree, hidden_posts):
    public = BlogPostPageFactory(parent=site_tree["blog"], slug="public", title="Public")
    site = Site.objects.get(is_default_site=True)
    for post in hidden_posts:
        Redirect.objects.create(old_path=f"/old-{post.slug}", site=site, redirect_page=post)
    Redirect.objects.create(old_path="/old-public", site=site, redirect_page=public)
    Redirect.objects.create(old_path="/old-external", redirect_link="https://hanlab.mit.edu/")
    data = graphql.query("{ redirects { oldPath newUrl page { title } site { hostname } } }")
    testserver = {"hostname": "testserver"}
    assert data["redirects"] == [
        {"oldPath": "/old-external", "newUrl": "https://hanlab.mit.edu/", "page": None, "site": testserver},
        {"oldPath": "/old-public", "newUrl": public.url, "page": {"title": "Public"}, "site": testserver},
    ]
    assert "secret" not in json.dumps(data) and "members" not in json.dumps(data)


# Never a 500 ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        '{ page(id: "not-a-number") { title } }',
        '{ site(id: "x") { id } }',
        '{ image(id: "x") { id } }',
        '{ pages(id: "x") { id } }',
        '{ pages(contentType: "no-dot") { id } }',
        '{ pages(contentType: "wagtailcore.Page,auth.User") { id } }',
        '{ page(token: "") { id } }',
        '{ images(searchQuery: "x", searchOperator: OR) { id } }',
        "{ sites(limit: 0) { id } }",
        "{ tags(offset: 5) { name } }",
    ],
)
def test_odd_arguments_never_give_a_500(client, site_tree, query):
    response = send(client, query)
    assert response.status_code == 200
    payload = response.json()
    assert "data" in payload or payload["errors"]


# Search on lists ------------------------------------------------------------------------------------------------


def test_search_on_page_lists_finds_public_pages_only(graphql, site_tree, hidden_posts):
    BlogPostPageFactory(parent=site_tree["blog"], slug="public", title="Secret but public")
    data = graphql.query(
        """{ pages(searchQuery: "Secret") { title }
             site(hostname: "testserver") { pages(searchQuery: "Secret", contentType: "blog.BlogPostPage") { title } }
             page(urlPath: "/blog/") { children(searchQuery: "Secret") { title } } }"""
    )
    assert data == {
        "pages": [{"title": "Secret but public"}],
        "site": {"pages": [{"title": "Secret but public"}]},
        "page": {"children": [{"title": "Secret but public"}]},
    }


def test_search_on_images_works_and_skips_private_collections(graphql, image):
    image.title = "Accuracy chart"
    image.save()
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    ImageFactory(title="Accuracy secret", collection=private)
    assert graphql.query('{ images(searchQuery: "accuracy") { title } }') == {"images": [{"title": "Accuracy chart"}]}
    assert graphql.query("{ images { title } }") == {"images": [{"title": "Accuracy chart"}]}
