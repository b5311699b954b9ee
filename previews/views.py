"""The admin screen where an editor creates and revokes a page's shareable preview links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .forms import PreviewLinkForm
from .models import PreviewLink


def editable_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def preview_links(request, page_id):
    page = editable_page(request, page_id)
    form = PreviewLinkForm(request.POST or None, page=page, user=request.user)
    if request.method == "POST" and form.is_valid():
        link = form.save()
        valid_until = timezone.localtime(link.expires_at)
        messages.success(request, f"Preview link created, valid until {valid_until:%d %b %Y %H:%M}.")
        return redirect("previews:links", page_id=page.pk)
    return TemplateResponse(
        request,
        "previews/preview_links.html",
        {"page": page, "form": form, "links": page.preview_links.all()},
    )


@require_POST
def revoke(request, page_id, link_id):
    page = editable_page(request, page_id)
    link = get_object_or_404(PreviewLink, pk=link_id, page=page)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        messages.success(request, "Preview link revoked: it no longer opens the draft.")
    return redirect("previews:links", page_id=page.pk)
