from wagtail import hooks

from .rich_text import PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_public_page_links(features):
    """Replace Wagtail's page link handler (registered earlier) with one that hides non-public targets."""
    features.register_link_type(PublicPageLinkHandler)
