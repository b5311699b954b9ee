"""sitemap.xml lists the frontend's URLs of public pages; robots.txt is the CMS host's."""

import datetime

import defusedxml.ElementTree as ET
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory

SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return {
        url.findtext("sm:loc", namespaces=SITEMAP): url.findtext("sm:lastmod", namespaces=SITEMAP)
        for url in root.findall("sm:url", SITEMAP)
    }


def test_the_sitemap_lists_public_pages_at_their_frontend_urls(client, site_tree):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="post")
    post.save_revision().publish()
    NewsPageFactory(parent=site_tree["news"], slug="item")
    BlogPostPageFactory(parent=site_tree["blog"], slug="draft", live=False)
    private = BlogPostPageFactory(parent=site_tree["blog"], slug="private")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    BlogPostPageFactory(
        parent=site_tree["blog"], slug="expired", expire_at=timezone.now() - datetime.timedelta(hours=1)
    )

    urls = sitemap(client)
    assert sorted(urls) == [
        "http://frontend.test/",
        "http://frontend.test/blog/",
        "http://frontend.test/blog/post/",
        "http://frontend.test/news/",
        "http://frontend.test/news/item/",
        "http://frontend.test/research/",
    ]
    post.refresh_from_db()
    lastmod = datetime.datetime.fromisoformat(urls["http://frontend.test/blog/post/"])
    assert abs(lastmod - post.last_published_at) < datetime.timedelta(seconds=1)
    assert urls["http://frontend.test/news/item/"] is None  # never published through a revision


def test_a_page_under_a_private_section_is_left_out(client, site_tree):
    BlogPostPageFactory(parent=site_tree["blog"], slug="post")
    PageViewRestriction.objects.create(page=site_tree["blog"], restriction_type="password", password="x")
    urls = sitemap(client)
    assert not [url for url in urls if "/blog/" in url]


def test_the_frontend_base_url_may_have_a_path(client, site_tree, settings):
    settings.FRONTEND_BASE_URL = "https://lab.example.org/site"
    urls = sitemap(client)
    assert "https://lab.example.org/site/" in urls
    assert "https://lab.example.org/site/blog/" in urls


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405
