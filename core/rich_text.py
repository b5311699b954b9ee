"""Rich text as the public sees it: a link to a draft or private page, or to a document in a private collection,
keeps its words but loses its address; an image in a private collection is not embedded at all.

Each link or embed also tags the answer being computed with its target (core.cache_tags), found or not: moving,
renaming, unpublishing or restricting the target, or publishing a page under that id, purges the answer."""

from django.utils.html import escape
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.images.formats import get_image_format
from wagtail.images.rich_text import ImageEmbedHandler
from wagtail.rich_text.pages import PageLinkHandler

from .cache_tags import record
from .paths import page_url
from .visibility import is_public, public_media_or_none


def _record_targets(kind, attrs_list):
    record(f"{kind}:{attrs['id']}" for attrs in attrs_list if attrs.get("id"))


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        _record_targets("page", attrs_list)
        pages = cls.get_many(attrs_list)
        return [cls._anchor(page) for page in pages]

    @classmethod
    def _anchor(cls, page):
        if page is None or not is_public(page):
            return "<a>"
        return f'<a href="{escape(page_url(page) or "")}">'


class PublicDocumentLinkHandler(DocumentLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        _record_targets("document", attrs_list)
        documents = map(public_media_or_none, cls.get_many(attrs_list))
        return [f'<a href="{escape(document.url)}">' if document else "<a>" for document in documents]


class PublicImageEmbedHandler(ImageEmbedHandler):
    """No rich text feature offers image embeds, but a stored `<embed embedtype="image">` is still expanded."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        _record_targets("image", attrs_list)
        images = map(public_media_or_none, cls.get_many(attrs_list))
        return [
            get_image_format(attrs["format"]).image_to_html(image, attrs.get("alt", "")) if image else ""
            for attrs, image in zip(attrs_list, images, strict=True)
        ]


__all__ = ["PublicDocumentLinkHandler", "PublicImageEmbedHandler", "PublicPageLinkHandler"]
