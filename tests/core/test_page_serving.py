"""Pages are rendered by the frontend: every page URL on the CMS host redirects there, and the admin links there."""

import pytest
from django.contrib.auth.models import User

from blog.factories import BlogPostPageFactory

FRONTEND = "http://frontend.test"


@pytest.fixture
def post(site_tree):
    return BlogPostPageFactory(parent=site_tree["blog"], slug="awq")


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/", f"{FRONTEND}/"),
        ("/blog/", f"{FRONTEND}/blog/"),
        ("/blog/awq/", f"{FRONTEND}/blog/awq/"),
        ("/blog/awq/?utm_source=admin", f"{FRONTEND}/blog/awq/?utm_source=admin"),
    ],
)
def test_a_page_url_on_the_cms_redirects_to_the_same_path_on_the_frontend(client, post, path, target):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == target


def test_a_path_that_is_no_page_is_a_404_not_a_redirect(client, post):
    assert client.get("/blog/no-such-post/").status_code == 404


def test_a_draft_is_not_redirected_to(client, site_tree):
    BlogPostPageFactory(parent=site_tree["blog"], slug="draft", live=False)
    assert client.get("/blog/draft/").status_code == 404


@pytest.fixture
def editor(client, db):
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    return client


def test_the_admin_live_badge_links_to_the_frontend(editor, post):
    html = editor.get(f"/admin/pages/{post.pk}/edit/").content.decode()
    assert f'href="{FRONTEND}/blog/awq/"' in html
    assert 'href="/blog/awq/"' not in html


def test_the_listing_view_live_button_links_to_the_frontend(editor, post):
    html = editor.get(f"/admin/pages/{post.get_parent().pk}/").content.decode()
    assert f'href="{FRONTEND}/blog/awq/"' in html
    assert 'href="/blog/awq/"' not in html
