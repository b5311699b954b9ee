"""Where each field came from: an import records its source, and an editor who changes an imported field makes it
theirs, so the next import keeps it."""

import datetime

from django.urls import reverse

from publications.importing import UNCHANGED, UPDATED, import_found
from publications.models import PublicationPage
from publications.sources import Found


def edit_form_data(page, user):
    """What the admin's edit form posts back unchanged, to be edited: every field and formset row as it is."""
    form = type(page).get_edit_handler().get_form_class()(instance=page, for_user=user)
    data = {}
    for bound_form in [form, *(part for fs in form.formsets.values() for part in (fs.management_form, *fs.forms))]:
        for field in bound_form:
            value = field.value()
            if value is None or value is False or value == []:
                continue  # what a browser leaves out (0 is posted: a formset's count)
            if isinstance(value, (list, tuple)):
                data[field.html_name] = [str(item) for item in value]
            elif isinstance(value, datetime.date):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = value
    return data


def test_an_editor_s_change_to_an_imported_field_is_kept_by_the_next_import(admin_client, admin_user, lab):
    found = Found(source="crossref", title="Efficient Streaming Language Models", venue_name="ICLR", year=2024,
                  label="10.1000/streaming")  # fmt: skip
    assert import_found(found).status == UPDATED  # the empty venue name is filled, and recorded as Crossref's
    page = PublicationPage.objects.get(slug="streamingllm").get_latest_revision_as_object()
    assert page.provenance == {"venue_name": "crossref"}

    data = edit_form_data(page, admin_user)
    data["venue_name"] = "International Conference on Learning Representations"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]

    edited = PublicationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert edited.venue_name == "International Conference on Learning Representations"
    assert edited.provenance == {"venue_name": "editor"}
    assert import_found(found).status == UNCHANGED  # the editor's value stands
