"""Resolving a draft from its preview token; the only path by which the API returns a draft."""

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from wagtail.models import Page
from wagtail_headless_preview.models import HeadlessPreviewMixin

from core.models import InvalidPreviewToken
from previews.models import PreviewLink

from .errors import BadRequestArgument

DRAFT_CACHE_CONTROL = "no-store, private"


def mark_draft_response(request):
    """The response may carry a draft: no browser, frontend or shared cache may keep it (the view reads this)."""
    request.serves_draft = True


def page_from_preview_token(token, request):
    """The draft a token was issued for. A forged, expired or unknown token is an error naming the problem."""
    mark_draft_response(request)
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


def page_from_preview_link(key, request):
    """The latest draft of the page a shareable preview link is for, as it is now; a dead link is an error."""
    mark_draft_response(request)
    link = PreviewLink.objects.select_related("page").filter(key=key).first()
    if link is None:
        raise BadRequestArgument("This preview link is not valid.")
    if link.state == "revoked":
        raise BadRequestArgument("This preview link was revoked by an editor.")
    if link.state == "expired":
        raise BadRequestArgument("This preview link has expired: ask an editor for a new one.")
    return link.page.specific.get_latest_revision_as_object()
