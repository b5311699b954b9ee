from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import PublicationImportView, can_import


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("publications/import/", PublicationImportView.as_view(), name="publications_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Import publications", reverse("publications_import"), icon_name="doc-full", order=251)
