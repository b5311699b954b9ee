"""Drafts reach the API only through an expiring preview token or a live shareable preview link."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail_headless_preview.models import PagePreview

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostPage
from previews.models import PreviewLink

PREVIEW = "query($token: String) { page(token: $token) { title } }"
PREVIEW_LINK = "query($key: String!) { previewLink(key: $key) { title } }"


@pytest.fixture
def draft(site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="draft", title="Live title")
    post.title = "Draft title"
    post.save_revision()
    return BlogPostPage.objects.get(pk=post.pk)


def draft_token(page):
    return page.get_latest_revision_as_object().create_page_preview().token


def test_a_preview_token_opens_that_draft_and_is_never_cached(graphql, draft):
    response = graphql.post(PREVIEW, {"token": draft_token(draft)})
    assert response.json() == {"data": {"page": {"title": "Draft title"}}}
    assert response["Cache-Control"] == "no-store, private"
    assert graphql.query('{ page(urlPath: "/blog/draft/") { title } }') == {"page": {"title": "Live title"}}


def test_a_page_never_saved_can_be_previewed(graphql, site_tree):
    unsaved = BlogPostPage(title="Brand new", slug="brand-new", date=datetime.date(2024, 1, 1), summary="s", body=[])
    unsaved.set_url_path(site_tree["blog"])
    unsaved.path, unsaved.depth = site_tree["blog"].path + "9999", site_tree["blog"].depth + 1
    token = unsaved.create_page_preview().token
    assert graphql.query(PREVIEW, {"token": token}) == {"page": {"title": "Brand new"}}


def test_an_expired_token_is_refused(graphql, draft):
    token = draft_token(draft)
    with override_settings(PREVIEW_TOKEN_MAX_AGE=-1):
        assert graphql.errors(PREVIEW, {"token": token}) == [
            "The preview token has expired: open the preview again from the admin."
        ]


@pytest.mark.parametrize("mutate", [lambda t: t[:-2] + "xx", lambda t: t.replace("id=", "id=9"), lambda t: "garbage"])
def test_a_forged_or_tampered_token_is_refused(graphql, draft, mutate):
    assert graphql.errors(PREVIEW, {"token": mutate(draft_token(draft))}) == ["The preview token is not valid."]


def test_a_token_whose_stored_preview_is_gone_is_refused(graphql, draft):
    token = draft_token(draft)
    PagePreview.objects.all().delete()
    assert graphql.errors(PREVIEW, {"token": token}) == [
        "The preview token is not valid for this page type or no longer exists."
    ]


def test_purge_deletes_previews_older_than_a_token_lives(draft):
    draft_token(draft)
    PagePreview.objects.update(created_at=timezone.localdate() - datetime.timedelta(days=2))
    dead = PreviewLink.objects.create(page=draft, expires_at=timezone.now() - datetime.timedelta(days=40))
    call_command("purge_previews")
    assert not PagePreview.objects.exists()
    assert not PreviewLink.objects.filter(pk=dead.pk).exists()


@pytest.fixture
def editor(admin_client):
    return admin_client


def create_link(editor, page, expires_at):
    return editor.post(reverse("previews:links", args=[page.pk]), {"expires_at": expires_at.strftime("%Y-%m-%dT%H:%M")})


def test_an_editor_creates_a_link_that_shows_the_latest_draft(graphql, editor, draft):
    response = create_link(editor, draft, timezone.localtime() + datetime.timedelta(days=2))
    assert response.status_code == 302
    link = PreviewLink.objects.get(page=draft)
    page = editor.get(reverse("previews:links", args=[draft.pk]))
    assert link.frontend_url in page.content.decode()

    result = graphql.post(PREVIEW_LINK, {"key": link.key})
    assert result.json() == {"data": {"previewLink": {"title": "Draft title"}}}
    assert result["Cache-Control"] == "no-store, private"

    draft.title = "Newer draft"
    draft.save_revision()
    assert graphql.query(PREVIEW_LINK, {"key": link.key}) == {"previewLink": {"title": "Newer draft"}}


def test_a_revoked_link_is_refused(graphql, editor, draft):
    create_link(editor, draft, timezone.localtime() + datetime.timedelta(days=1))
    link = PreviewLink.objects.get(page=draft)
    editor.post(reverse("previews:revoke", args=[draft.pk, link.pk]))
    assert graphql.errors(PREVIEW_LINK, {"key": link.key}) == ["This preview link was revoked by an editor."]


def test_an_expired_or_unknown_link_is_refused(graphql, draft):
    link = PreviewLink.objects.create(page=draft, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert graphql.errors(PREVIEW_LINK, {"key": link.key}) == [
        "This preview link has expired: ask an editor for a new one."
    ]
    assert graphql.errors(PREVIEW_LINK, {"key": "nope"}) == ["This preview link is not valid."]


def test_a_link_cannot_outlive_the_maximum(editor, draft):
    response = create_link(editor, draft, timezone.localtime() + datetime.timedelta(days=8))
    assert response.status_code == 200
    assert "A preview link may last at most 7 days." in response.content.decode()
    assert not PreviewLink.objects.exists()


def test_someone_who_cannot_edit_the_page_cannot_share_it(client, django_user_model, draft):
    django_user_model.objects.create_user("reader", password="pw")
    client.login(username="reader", password="pw")
    response = client.get(reverse("previews:links", args=[draft.pk]))
    assert response.status_code in {302, 403}
    assert not PreviewLink.objects.exists()


def test_the_share_screen_names_the_page_links_back_and_offers_a_copy_button(editor, draft):
    create_link(editor, draft, timezone.localtime() + datetime.timedelta(days=1))
    link = PreviewLink.objects.get(page=draft)
    html = editor.get(reverse("previews:links", args=[draft.pk])).content.decode()
    assert f'href="/admin/pages/{draft.pk}/edit/" data-testid="preview-links-back"' in html
    assert '<strong data-testid="preview-links-page">Draft title</strong></a> (Blog post)' in html
    assert f'<input type="hidden" value="{link.frontend_url}" data-w-clipboard-target="value">' in html
    assert 'data-action="w-clipboard#copy" data-testid="copy-preview-link"' in html
