"""The admin's import view (form, CSRF, per-entry report, permissions) and `manage.py import_bibtex`."""

import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from research.models import ProjectPage

GOOD = "@inproceedings{lin2024awq, title = {AWQ}, author = {Lin, Ji}, booktitle = {MLSys}, year = {2024}}"
BAD = "@misc{notitle, year = {2020}}"
URL = "/admin/research/projects/import-bibtex/"


def test_the_view_lives_under_research_projects():
    assert reverse("citations_import_bibtex") == URL


def test_an_editor_sees_the_form(admin_client, project_index):
    response = admin_client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content and "csrfmiddlewaretoken" in content
    assert 'name="bibtex"' in content and 'name="file"' in content


def test_pasted_entries_are_imported_and_reported_by_entry(admin_client, project_index):
    response = admin_client.post(URL, {"bibtex": f"{GOOD}\n{BAD}", "publish": "on"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "2 entries: 1 created, 0 updated, 0 unchanged, 1 failed." in content
    assert "lin2024awq (line 1)" in content and "notitle (line 2)" in content
    assert "Missing title: add a title field." in content
    page = ProjectPage.objects.get(short_name="lin2024awq")
    assert page.live and page.owner is not None


def test_a_bib_file_is_imported(admin_client, project_index):
    upload = SimpleUploadedFile("lab.bib", GOOD.encode("utf-8"), content_type="application/x-bibtex")
    response = admin_client.post(URL, {"bibtex": "", "file": upload})
    assert "1 entries: 1 created" in response.content.decode()
    assert not ProjectPage.objects.get(short_name="lin2024awq").live


def test_a_file_that_is_not_utf8_is_refused(admin_client, project_index):
    upload = SimpleUploadedFile("lab.bib", "@misc{k, title={Caf\xe9}}".encode("latin-1"))
    response = admin_client.post(URL, {"file": upload})
    assert "The file is not UTF-8 text." in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_an_empty_form_says_what_to_do(admin_client, project_index):
    response = admin_client.post(URL, {"bibtex": "  "})
    assert "Paste BibTeX entries or choose a .bib file." in response.content.decode()


def test_a_post_without_the_csrf_token_is_refused(django_user_model, project_index):
    user = django_user_model.objects.create_superuser("csrf", "csrf@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post(URL, {"bibtex": GOOD}).status_code == 403
    assert not ProjectPage.objects.exists()


@pytest.fixture
def author_client(client, django_user_model, project_index):
    """An editor who may add pages under the project index but not publish them."""
    group = Group.objects.create(name="Authors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=project_index, permission=Permission.objects.get(codename="add_page")
    )
    user = django_user_model.objects.create_user("author", "author@example.org", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def test_an_editor_who_may_not_publish_imports_drafts_only(author_client):
    response = author_client.get(URL)
    assert response.status_code == 200 and 'name="publish"' not in response.content.decode()
    response = author_client.post(URL, {"bibtex": GOOD, "publish": "on"})
    assert "You may not publish projects" in response.content.decode()
    response = author_client.post(URL, {"bibtex": GOOD})
    assert "1 created" in response.content.decode()
    assert not ProjectPage.objects.get().live


def test_someone_who_may_not_add_projects_is_refused(client, django_user_model, project_index):
    group = Group.objects.create(name="Readers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    user.groups.add(group)
    client.force_login(user)
    assert client.get(URL).status_code in (302, 403)
    assert client.post(URL, {"bibtex": GOOD}).status_code in (302, 403)
    assert not ProjectPage.objects.exists()


# The command ---------------------------------------------------------------------------------------------------


def run(*args):
    out = io.StringIO()
    call_command("import_bibtex", *args, stdout=out, no_color=True)
    return out.getvalue()


def test_the_command_imports_a_file_and_prints_a_line_per_entry(project_index, tmp_path):
    path = tmp_path / "lab.bib"
    path.write_text(GOOD, encoding="utf-8")
    output = run(str(path), "--publish")
    assert f"{path}: lin2024awq (line 1): created 'AWQ'" in output
    assert f"{path}: 1 entries: 1 created, 0 updated, 0 unchanged, 0 failed." in output
    assert ProjectPage.objects.get().live
    assert f"{path}: lin2024awq (line 1): unchanged 'AWQ'" in run(str(path))


def test_the_command_reports_bad_entries_and_fails_after_importing_the_good_ones(project_index, tmp_path):
    path = tmp_path / "lab.bib"
    path.write_text(f"{BAD}\n{GOOD}", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"1 entries failed; the others were imported\."):
        call_command("import_bibtex", str(path), stdout=out, no_color=True)
    assert "notitle (line 1): failed\n    error: Missing title: add a title field." in out.getvalue()
    assert ProjectPage.objects.filter(short_name="lin2024awq").exists()


def test_the_command_dry_run_saves_nothing(project_index, tmp_path):
    path = tmp_path / "lab.bib"
    path.write_text(GOOD, encoding="utf-8")
    assert "Dry run, nothing saved: 1 entries: 1 created" in run(str(path), "--dry-run")
    assert not ProjectPage.objects.exists()


def test_the_command_names_a_missing_file(project_index):
    with pytest.raises(CommandError, match=r"no-such\.bib: no such file\."):
        run("no-such.bib")


def test_bibtex_upload_over_the_admin_entry_limit_is_refused_not_a_timeout(admin_client, project_index, settings):
    """1,000 entries took 108 s, past gunicorn's 30 s timeout: the admin refuses more than its limit, naming it."""
    settings.BIBTEX_ADMIN_MAX_ENTRIES = 3
    text = "\n".join(f"@misc{{k{i}, title = {{Title {i}}}}}" for i in range(4)) + "\n@string{x = {y}}"
    response = admin_client.post(URL, {"bibtex": text})
    assert response.status_code == 200
    assert "There are 4 entries; the admin imports at most 3 at a time." in response.content.decode()
    assert not ProjectPage.objects.exists()


def test_the_command_has_no_entry_limit(project_index, settings, tmp_path):
    settings.BIBTEX_ADMIN_MAX_ENTRIES = 1
    bib = tmp_path / "two.bib"
    bib.write_text("@misc{a, title = {First}}\n@misc{b, title = {Second}}\n")
    call_command("import_bibtex", str(bib), stdout=io.StringIO())
    assert ProjectPage.objects.count() == 2
