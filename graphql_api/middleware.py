"""Field middleware that applies to every path of the schema at once."""

from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage

from core.visibility import is_public_media

MEDIA = (AbstractImage, AbstractDocument)


class PrivateMediaMiddleware:
    """An image or document in a private collection resolves to null (or drops out of a list), wherever it is
    reached: a page's image field, a block, a gallery, a root query."""

    def resolve(self, next, root, info, **kwargs):
        result = next(root, info, **kwargs)
        if isinstance(result, MEDIA):
            return result if is_public_media(result) else None
        if isinstance(result, list) and result and isinstance(result[0], MEDIA):
            return [item for item in result if is_public_media(item)]
        return result
