"""Rich text as the public sees it: a link to a draft or private page keeps its words but loses its address."""

from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from .visibility import is_public


class PublicPageLinkHandler(PageLinkHandler):
    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        return [cls._anchor(page) for page in pages]

    @classmethod
    def _anchor(cls, page):
        if page is None or not is_public(page):
            return "<a>"
        return f'<a href="{escape(page.url or "")}">'


__all__ = ["PublicPageLinkHandler"]
