"""Resolving a draft from its preview token; the only path by which the API returns a draft."""

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from core.models import InvalidPreviewToken

from .errors import BadRequestArgument


def page_from_preview_token(token):
    """The draft a token was issued for. A forged, expired or unknown token is an error naming the problem."""
    try:
        identifier = HeadlessPreviewMixin.get_preview_signer().unsign(token)
    except BadSignature:
        raise BadRequestArgument("The preview token is not valid.") from None
    page_class = _page_class_for(identifier)
    if page_class is None or not hasattr(page_class, "get_page_from_preview_token"):
        raise BadRequestArgument("The preview token is not valid.")
    try:
        return page_class.get_page_from_preview_token(token)
    except InvalidPreviewToken as error:
        raise BadRequestArgument(str(error)) from None


def _page_class_for(identifier):
    params = dict(part.split("=", 1) for part in identifier.split(";") if "=" in part)
    if page_id := params.get("id"):
        page = Page.objects.filter(pk=page_id).only("content_type").first()
        return page.specific_class if page else None
    if page_type := params.get("page_type"):
        app_label, _, model = page_type.lower().partition(".")
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        return content_type.model_class() if content_type else None
    return None
