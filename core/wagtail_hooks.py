from wagtail import hooks

from .rich_text import PublicDocumentLinkHandler, PublicImageEmbedHandler, PublicPageLinkHandler


@hooks.register("register_rich_text_features", order=100)
def register_public_links(features):
    """Replace Wagtail's page and document link and image embed handlers (registered earlier) with ones that hide
    non-public targets."""
    features.register_link_type(PublicPageLinkHandler)
    features.register_link_type(PublicDocumentLinkHandler)
    features.register_embed_type(PublicImageEmbedHandler)
