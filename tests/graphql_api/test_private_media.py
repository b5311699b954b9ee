"""Images in a private collection, or in a collection nested inside one, are absent from every path."""

import json

import pytest
from taggit.models import Tag
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_factories import DocumentFactory

from blog.factories import BlogPostPageFactory
from core.factories import ImageFactory, every_block_body


@pytest.fixture
def private_image(db):
    private = Collection.get_first_root_node().add_child(name="Embargoed figures")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )
    nested = private.add_child(name="Camera-ready")
    return ImageFactory(collection=nested, title="Embargoed")


def test_a_private_image_is_null_on_a_page_and_in_blocks(graphql, site_tree, private_image):
    public_image = ImageFactory(title="Public")
    BlogPostPageFactory(
        parent=site_tree["blog"], slug="mixed", hero_image=private_image, body=every_block_body(private_image)
    )
    data = graphql.query(
        """{ page(urlPath: "/blog/mixed/") { ... on BlogPostPage { heroImage { title } body {
             ... on FigureBlock { image { title } altText }
             ... on GalleryBlock { images { image { title } } } } } } }"""
    )
    page = data["page"]
    assert page["heroImage"] is None
    figures = [block for block in page["body"] if "altText" in block]
    assert figures == [{"image": None, "altText": "Accuracy"}]
    gallery = next(block for block in page["body"] if "images" in block)
    assert gallery["images"] == [{"image": None}, {"image": None}]
    assert public_image.title == "Public"


def test_a_private_image_is_absent_from_the_root_queries(graphql, site_tree, private_image):
    public_image = ImageFactory(title="Public")
    data = graphql.query(f"{{ private: image(id: {private_image.pk}) {{ title }} images {{ title }} }}")
    assert data == {"private": None, "images": [{"title": public_image.title}]}


SEO = """query($path: String) { page(urlPath: $path) { ... on BlogPostPage {
  heroImage { title } seo { openGraphImage { url alt } jsonLd } } } }"""


def test_private_image_absent_from_seo_open_graph_image_and_json_ld(graphql, site_tree, private_image):
    """The page's own `heroImage` was null, but `seo` read the foreign key without asking core.visibility."""
    home = site_tree["home"]
    home.hero_image = private_image
    home.save_revision().publish()
    BlogPostPageFactory(parent=site_tree["blog"], slug="embargoed", hero_image=private_image)
    page = graphql.query(SEO, {"path": "/blog/embargoed/"})["page"]
    assert page["heroImage"] is None
    assert page["seo"]["openGraphImage"] is None
    ld = json.loads(page["seo"]["jsonLd"])
    assert "image" not in ld and "logo" not in ld["publisher"]
    assert "/media/" not in page["seo"]["jsonLd"]


def test_a_page_with_a_private_image_borrows_the_public_home_image(graphql, site_tree, private_image):
    home = site_tree["home"]
    home.hero_image = ImageFactory(title="Lab photo")
    home.save_revision().publish()
    BlogPostPageFactory(parent=site_tree["blog"], slug="embargoed", hero_image=private_image)
    image = graphql.query(SEO, {"path": "/blog/embargoed/"})["page"]["seo"]["openGraphImage"]
    assert image["alt"] == "Lab photo"


def test_rich_text_link_to_a_private_document_loses_its_address(graphql, site_tree, private_image):
    private_document = DocumentFactory(collection=private_image.collection, title="Embargoed draft")
    public_document = DocumentFactory(title="Poster")
    home = site_tree["home"]
    home.about = (
        f'<p><a linktype="document" id="{private_document.pk}">paper</a>'
        f' and <a linktype="document" id="{public_document.pk}">poster</a></p>'
    )
    home.save()
    about = graphql.query('{ page(urlPath: "/") { ... on HomePage { about } } }')["page"]["about"]
    assert about == f'<p><a>paper</a> and <a href="{public_document.url}">poster</a></p>'


def test_rich_text_embed_of_a_private_image_is_dropped(graphql, site_tree, private_image):
    public_image = ImageFactory(title="Public")
    home = site_tree["home"]
    home.about = (
        f'<p>a</p><embed embedtype="image" id="{private_image.pk}" format="fullwidth" alt="secret"/>'
        f'<embed embedtype="image" id="{public_image.pk}" format="fullwidth" alt="shown"/>'
    )
    home.save()
    about = graphql.query('{ page(urlPath: "/") { ... on HomePage { about } } }')["page"]["about"]
    assert "secret" not in about and 'alt="shown"' in about


def test_tags_root_lists_only_tags_of_public_objects(graphql, site_tree, private_image):
    """grapple's `tags` listed every tag, so the tags of drafts, private pages and private images showed."""
    BlogPostPageFactory(parent=site_tree["blog"], tag_names=["quantization"])
    BlogPostPageFactory(parent=site_tree["blog"], live=False, tag_names=["secret-draft-topic"])
    private_post = BlogPostPageFactory(parent=site_tree["blog"], tag_names=["members-topic"])
    PageViewRestriction.objects.create(page=private_post, restriction_type=PageViewRestriction.PASSWORD, password="x")
    private_image.tags.add("embargoed-topic")
    ImageFactory().tags.add("figures")
    DocumentFactory(collection=private_image.collection).tags.add("embargoed-document-topic")
    data = graphql.query("{ tags { id name } }")
    assert sorted(tag["name"] for tag in data["tags"]) == ["figures", "quantization"]
    hidden = Tag.objects.get(name="secret-draft-topic")
    assert graphql.query(f"{{ tag(id: {hidden.pk}) {{ name }} }}") == {"tag": None}
