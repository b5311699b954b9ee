"""Drafts, private and expired pages are absent from every public path.

Stock grapple leaks drafts through `parent`, page foreign keys, `PageChooserBlock` and the root `search`; each of
those has a regression test here named after it.
"""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from research.factories import ResearchAreaPageFactory


@pytest.fixture
def draft_post(site_tree):
    return BlogPostPageFactory(parent=site_tree["blog"], slug="secret-draft", title="Secret draft", live=False)


@pytest.fixture
def private_post(site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="members-only", title="Members only")
    PageViewRestriction.objects.create(page=post, restriction_type=PageViewRestriction.PASSWORD, password="x")
    return post


@pytest.fixture
def expired_post(site_tree):
    return BlogPostPageFactory(
        parent=site_tree["blog"],
        slug="expired",
        title="Expired",
        expire_at=timezone.now() - datetime.timedelta(minutes=1),
    )


@pytest.fixture
def hidden_posts(draft_post, private_post, expired_post):
    return [draft_post, private_post, expired_post]


HIDDEN_TITLES = {"Secret draft", "Members only", "Expired"}


def all_titles(value):
    """Every `title` anywhere in a response."""
    if isinstance(value, dict):
        return {v for k, v in value.items() if k == "title"} | set().union(*map(all_titles, value.values()))
    if isinstance(value, list):
        return set().union(*map(all_titles, value)) if value else set()
    return set()


def test_hidden_pages_absent_from_listings(graphql, hidden_posts):
    BlogPostPageFactory(parent=hidden_posts[0].get_parent(), title="Public")
    data = graphql.query("{ blogPosts { items { title } pagination { total } } }")
    assert all_titles(data) == {"Public"}
    assert data["blogPosts"]["pagination"]["total"] == 1


@pytest.mark.parametrize("key", ["urlPath", "slug", "id"])
def test_hidden_pages_absent_from_page_by_every_key(graphql, hidden_posts, key):
    for post in hidden_posts:
        value = {"urlPath": f'"/blog/{post.slug}/"', "slug": f'"{post.slug}"', "id": post.pk}[key]
        assert graphql.query(f"{{ page({key}: {value}) {{ title }} }}") == {"page": None}


def test_hidden_pages_absent_from_pages_and_tree_fields(graphql, site_tree, hidden_posts):
    data = graphql.query(
        """{ pages(limit: 100) { title }
             page(urlPath: "/blog/") { title children { title } descendants { title } }
             home: page(urlPath: "/") { descendants(limit: 100) { title } } }"""
    )
    assert not all_titles(data) & HIDDEN_TITLES


def test_hidden_pages_absent_from_siblings(graphql, site_tree, hidden_posts):
    BlogPostPageFactory(parent=site_tree["blog"], slug="visible", title="Visible")
    data = graphql.query('{ page(urlPath: "/blog/visible/") { siblings { title } nextSiblings { title } } }')
    assert not all_titles(data) & HIDDEN_TITLES


def test_grapple_leak_parent_of_a_public_page_under_a_draft(graphql, site_tree):
    """grapple's `parent` returns `get_parent().specific` whatever its state."""
    area_index = site_tree["research"]
    area = ResearchAreaPageFactory(parent=area_index, slug="visible-area")
    area_index.live = False
    area_index.save()
    # The child stays live in the tree, but the public must not reach the draft parent through it.
    data = graphql.query('{ pages(contentType: "research.ResearchAreaPage") { title parent { title } } }')
    assert data["pages"] == [{"title": area.title, "parent": None}]


def test_grapple_leak_page_foreign_key(graphql, site_tree, draft_post):
    """grapple resolves a page foreign key to the row, draft or not."""
    NewsPageFactory(parent=site_tree["news"], slug="announces-draft", related_blog_post=draft_post)
    data = graphql.query(
        '{ page(urlPath: "/news/announces-draft/") { ... on NewsPage { relatedBlogPost { title } } } }'
    )
    assert data["page"]["relatedBlogPost"] is None


def test_grapple_leak_page_chooser_block(graphql, site_tree, draft_post):
    """grapple's PageChooserBlock type returns `value.specific` whatever its state; here it is nested in a struct."""
    home = site_tree["home"]
    home.body = [{"type": "featured_page", "value": {"page": draft_post.pk, "label": ""}}]
    home.save()
    data = graphql.query(
        """{ page(urlPath: "/") { ... on HomePage { body { ... on FeaturedPageBlock { page { title } label
               blocks { ... on PageChooserBlock { page { title } } } } } } } }"""
    )
    block = data["page"]["body"][0]
    assert block["page"] is None
    assert block["label"] == ""
    assert block["blocks"][0]["page"] is None


def test_page_chooser_block_shows_a_public_page(graphql, site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], title="Public post")
    home = site_tree["home"]
    home.body = [{"type": "featured_page", "value": {"page": post.pk, "label": ""}}]
    home.save()
    data = graphql.query(
        '{ page(urlPath: "/") { ... on HomePage { body { ... on FeaturedPageBlock { page { title } label } } } } }'
    )
    assert data["page"]["body"] == [{"page": {"title": "Public post"}, "label": "Public post"}]


def test_grapple_leak_root_search(graphql, hidden_posts):
    """grapple's root `search` runs the search backend over every model, drafts included."""
    data = graphql.query('{ search(query: "Secret") { ... on BlogPostPage { title } } }')
    assert data["search"] == []


def test_research_area_link_to_a_draft_area_is_dropped(graphql, site_tree):
    draft_area = ResearchAreaPageFactory(parent=site_tree["research"], title="Draft area", live=False)
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="tagged")
    post.research_areas.add(draft_area)
    post.save()
    data = graphql.query('{ page(urlPath: "/blog/tagged/") { ... on BlogPostPage { researchAreas { title } } } }')
    assert data["page"]["researchAreas"] == []
    listing = "query($area: String) { blogPosts(researchArea: $area) { items { title } } }"
    assert graphql.query(listing, {"area": draft_area.slug}) == {"blogPosts": {"items": []}}


def test_rich_text_link_to_a_draft_keeps_its_words_but_not_its_address(graphql, site_tree, draft_post):
    public = BlogPostPageFactory(parent=site_tree["blog"], slug="public-target")
    home = site_tree["home"]
    home.about = (
        f'<p><a linktype="page" id="{draft_post.pk}">draft</a> and <a linktype="page" id="{public.pk}">public</a></p>'
    )
    home.save()
    about = graphql.query('{ page(urlPath: "/") { ... on HomePage { about } } }')["page"]["about"]
    assert about == '<p><a>draft</a> and <a href="/blog/public-target/">public</a></p>'


def test_internal_editing_fields_are_not_in_the_schema(graphql, site_tree):
    fields = graphql.query('{ __type(name: "BlogPostPage") { fields { name } } }')["__type"]["fields"]
    names = {field["name"] for field in fields}
    assert not names & {"draftTitle", "hasUnpublishedChanges", "latestRevisionCreatedAt", "locked", "aliasOf"}


def test_rich_text_raw_value_does_not_expose_the_id_of_a_linked_draft(graphql, site_tree, draft_post):
    """grapple's `rawValue` is the stored rich text, `<a linktype="page" id="42">` included; nothing reads it."""
    BlogPostPageFactory(
        parent=site_tree["blog"],
        slug="links-draft",
        body=[{"type": "paragraph", "value": f'<p><a linktype="page" id="{draft_post.pk}">soon</a></p>'}],
    )
    errors = graphql.errors(
        """{ page(urlPath: "/blog/links-draft/") { ... on BlogPostPage {
             body { ... on StreamFieldInterface { rawValue } } } } }"""
    )
    assert any("rawValue" in message for message in errors)
    fields = graphql.query('{ __type(name: "StreamFieldInterface") { fields { name } } }')["__type"]["fields"]
    assert "rawValue" not in {field["name"] for field in fields}
