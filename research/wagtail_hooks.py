from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import BibtexImportView, can_import


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("research/projects/import-bibtex/", BibtexImportView.as_view(), name="citations_import_bibtex")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem("Import BibTeX", reverse("citations_import_bibtex"), icon_name="doc-full-inverse", order=250)
