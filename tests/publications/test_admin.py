"""The admin's "Import publications" screen: the same sources as the command, a report line per paper, drafts."""

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from publications.models import PublicationPage

from .test_imports import BIBTEX, apis  # noqa: F401 (the replay server fixture)

URL = "/admin/publications/import/"


def test_the_screen_imports_a_doi_as_a_draft_and_links_to_it(admin_client, lab, apis):  # noqa: F811
    assert reverse("publications_import") == URL
    response = admin_client.post(URL, {"source": "doi", "value": "10.5555/labcms.0001"})
    content = response.content.decode()
    assert response.status_code == 200 and "created" in content
    page = PublicationPage.objects.get(doi="10.5555/labcms.0001")
    assert not page.live and reverse("wagtailadmin_pages:edit", args=[page.pk]) in content


def test_a_bib_file_and_bad_input(admin_client, lab, apis):  # noqa: F811
    upload = SimpleUploadedFile("lab.bib", BIBTEX.encode(), content_type="application/x-bibtex")
    content = admin_client.post(URL, {"source": "bibtex", "file": upload, "dry_run": "on"}).content.decode()
    assert "nothing saved" in content and "lin2024awq" in content and "xiao2023streaming" in content
    assert PublicationPage.objects.count() == 3
    content = admin_client.post(URL, {"source": "doi", "value": "not-a-doi"}).content.decode()
    assert "&#x27;not-a-doi&#x27; is not a DOI" in content
    content = admin_client.post(URL, {"source": "arxiv", "value": ""}).content.decode()
    assert "Type the DOI, arXiv id or ORCID iD to import." in content


def test_an_editor_without_add_permission_is_refused(lab, django_user_model):
    user = django_user_model.objects.create_user("viewer", password="pw")
    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)  # Wagtail turns a refusal into a redirect with a message
    assert client.post(URL, {"source": "doi", "value": "10.5555/labcms.0001"}).status_code in (302, 403)
    assert PublicationPage.objects.count() == 3


def test_bibtex_entries_are_reported_by_line_and_the_admin_limit_is_named(admin_client, lab, settings):
    text = "@misc{good, title = {A Good Entry}, year = {in press}}\n@misc{notitle, year = {2020}}\n"
    content = admin_client.post(URL, {"source": "bibtex", "bibtex": text}).content.decode()
    assert "good (line 1)" in content and "The year &#x27;in press&#x27; is not a year; left blank." in content
    assert "notitle (line 2)" in content and "the entry has no title: add a title field." in content
    settings.BIBTEX_ADMIN_MAX_ENTRIES = 1
    content = admin_client.post(URL, {"source": "bibtex", "bibtex": text}).content.decode()
    assert "There are 2 entries; the admin imports at most 1 at a time" in content
    assert PublicationPage.objects.count() == 4  # the good entry of the first post, nothing from the second
