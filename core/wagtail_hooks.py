from wagtail import hooks

from .paths import frontend_url
from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_public_links(features):
    """Replace Wagtail's page and document link and image embed handlers (registered earlier) with ones that hide
    non-public targets."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)


@hooks.register("construct_page_listing_buttons")
def view_live_on_the_frontend(buttons, page, user, context=None):
    """The listing's "View live" (in the "More" menu) opens the page on the frontend, not its redirect on this host."""
    for button in buttons:
        for item in getattr(button, "dropdown_buttons", ()):
            if page.live and item.url is not None and item.url == page.url:
                item.url = frontend_url(page)
