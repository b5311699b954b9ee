"""Which models are content: saving or deleting one changes what the public API answers.

core.events reads this to decide which saves and deletes are content changes, the one event the response cache,
the CDN purge and the webhooks subscribe to, so they cannot disagree. A content app declares it on its models:
pages are content by being pages; a snippet or setting says `public_content = True`; a model that belongs to one
of these (an orderable's ParentalKey, a many-to-many table) is content with it.
"""

import functools

from modelcluster.fields import ParentalKey
from wagtail.models import Page

# Content from apps that cannot declare it themselves: the lab's images, redirects, and tags.
THIRD_PARTY_CONTENT = {"core.labimage", "wagtailredirects.redirect", "taggit.tag", "taggit.taggeditem"}


def declares_public_content(model):
    """A non-page model whose own changes are news: a snippet or setting that says `public_content = True`."""
    return getattr(model, "public_content", False) and not issubclass(model, Page)


@functools.cache
def is_public_content(model):
    if issubclass(model, Page) or declares_public_content(model):
        return True
    if model._meta.label_lower in THIRD_PARTY_CONTENT:
        return True
    if model._meta.auto_created:  # the table of a many-to-many field belongs to the model that declares the field
        return is_public_content(model._meta.auto_created)
    # An orderable of a page type or a content snippet (not one of any page, as Wagtail's comments are).
    return any(
        isinstance(field, ParentalKey) and field.related_model is not Page and is_public_content(field.related_model)
        for field in model._meta.fields
    )
