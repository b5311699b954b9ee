"""The admin's BibTeX import: a form (pasted entries or a .bib file), then a report line per entry."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .bibtex_import import import_bibtex, project_index
from .forms import BibtexImportForm


def can_import(user):
    """Editors who may add projects under the project index (and so import them)."""
    index = project_index()
    return index is not None and index.permissions_for_user(user).can_add_subpage()


def can_publish(user):
    index = project_index()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()


class BibtexImportView(WagtailAdminTemplateMixin, FormView):
    form_class = BibtexImportForm
    template_name = "research/import_bibtex.html"
    page_title = "Import projects from BibTeX"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, **kwargs):
        index = project_index()
        if index is not None and not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if index := project_index():
            items.append({"url": reverse("wagtailadmin_explore", args=[index.pk]), "label": index.title})
        return [*items, {"url": "", "label": "Import from BibTeX"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["project_index"] = project_index()
        context["can_publish"] = can_publish(self.request.user)
        return context

    def form_valid(self, form):
        publish = form.cleaned_data["publish"]
        if publish and not can_publish(self.request.user):
            form.add_error(None, "You may not publish projects: import them as drafts for review.")
            return self.form_invalid(form)
        report = import_bibtex(
            form.cleaned_data["text"],
            user=self.request.user,
            publish=publish,
            dry_run=form.cleaned_data["dry_run"],
        )
        return self.render_to_response(self.get_context_data(form=form, report=report))
