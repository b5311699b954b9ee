"""The admin's publication import: the sources of `import_publications`, one report line per paper."""

from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import PublicationImportForm
from .importing import import_found
from .models import PublicationIndexPage
from .sources import SourceError, arxiv, bibtex_entries, crossref, orcid_works

SOURCES = {"doi": crossref, "arxiv": arxiv, "orcid": orcid_works, "bibtex": bibtex_entries}


def can_import(user):
    """Editors who may add pages under the publication index (new publications are drafts there)."""
    index = PublicationIndexPage.first_in_tree()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


class PublicationImportView(WagtailAdminTemplateMixin, FormView):
    form_class = PublicationImportForm
    template_name = "publications/import.html"
    page_title = "Import publications"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        argument = data["text"] if data["source"] == "bibtex" else data["value"].strip()
        try:
            found = SOURCES[data["source"]](argument)
        except SourceError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        found = found if isinstance(found, list) else [found]
        outcomes = [import_found(paper, dry_run=data["dry_run"]) for paper in found]
        return self.render_to_response(self.get_context_data(form=form, outcomes=outcomes, dry_run=data["dry_run"]))
