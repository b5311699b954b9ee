"""Images in a private collection, or in a collection nested inside one, are absent from every path."""

import pytest
from wagtail.models import Collection, CollectionViewRestriction

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
