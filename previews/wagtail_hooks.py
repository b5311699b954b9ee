from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import urls


@hooks.register("register_admin_urls")
def register_preview_link_urls():
    return [path("preview-links/", include(urls))]


@hooks.register("register_page_header_buttons")
def preview_links_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            "Share preview",
            reverse("previews:links", args=[page.pk]),
            icon_name="link",
            priority=40,
            attrs={"data-testid": "share-preview"},
        )
