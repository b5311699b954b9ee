"""The page interface every page type implements, with grapple's tree resolvers made public-only.

Stock grapple resolves `parent` with no visibility check (a draft's parent, or a private parent, leaks), and its
list resolvers take a raw `order`. Every resolver here returns pages that `core.visibility` allows.
"""

from grapple.types.interfaces import PageInterface

from core.visibility import public_or_none, public_pages

from .arguments import resolve_page_list


class PublicPageInterface(PageInterface):
    class Meta:
        name = "PageInterface"

    def resolve_url(self, info, **kwargs):
        """With the request, on which Wagtail keeps the site root paths: without it, one cache read per page."""
        return self.get_url(request=info.context)

    def resolve_parent(self, info, **kwargs):
        return public_or_none(self.get_parent())

    def resolve_children(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_children()).specific(), info, **kwargs)

    def resolve_siblings(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_siblings().exclude(pk=self.pk)).specific(), info, **kwargs)

    def resolve_next_siblings(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_next_siblings()).specific(), info, **kwargs)

    def resolve_previous_siblings(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_prev_siblings()).specific(), info, **kwargs)

    def resolve_descendants(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_descendants()).specific(), info, **kwargs)

    def resolve_ancestors(self, info, **kwargs):
        return resolve_page_list(public_pages(self.get_ancestors()).specific(), info, **kwargs)
