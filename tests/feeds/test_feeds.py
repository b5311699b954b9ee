"""RSS and Atom feeds, sitemap.xml and robots.txt, read as XML: frontend links, public pages only."""

import datetime

import defusedxml.ElementTree as ET
import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
FRONTEND = "http://frontend.test"


@pytest.fixture
def content(site_tree):
    """Public posts and news in an area and a project, and one draft, private and expired page of each kind."""
    area = ResearchAreaPageFactory(parent=site_tree["research"], slug="efficient-llm", title="Efficient LLM")
    other_area = ResearchAreaPageFactory(parent=site_tree["research"], slug="tinyml", title="TinyML")
    projects = ProjectIndexPageFactory(parent=site_tree["home"])
    awq = ProjectPageFactory(parent=projects, slug="awq", title="AWQ", short_name="AWQ")
    blog, news = site_tree["blog"], site_tree["news"]

    older = BlogPostPageFactory(
        parent=blog, slug="older", title="Older post", date=datetime.date(2024, 1, 1), author_names=["Ji Lin"]
    )
    newer = BlogPostPageFactory(
        parent=blog,
        slug="newer",
        title="Newer post",
        summary="The TL;DR.",
        date=datetime.date(2024, 6, 1),
        author_names=["Ji Lin", "Song Han"],
        tag_names=["quantization"],
    )
    newer.research_areas.set([area])
    newer.projects.set([awq])
    newer.save_revision().publish()
    older.research_areas.set([other_area])
    older.save()

    paper = NewsPageFactory(
        parent=news,
        slug="awq-mlsys",
        title="AWQ at MLSys",
        kind="paper",
        body=[{"type": "paragraph", "value": '<p>AWQ <a linktype="page" id="1">wins</a> a <b>best paper</b>.</p>'}],
    )
    paper.projects.set([awq])
    paper.research_areas.set([area])
    paper.save()
    NewsPageFactory(parent=news, slug="release", title="AWQ release", kind="release", project=awq)
    NewsPageFactory(parent=news, slug="unrelated", title="Unrelated news")

    hidden = []
    for parent, factory in ((blog, BlogPostPageFactory), (news, NewsPageFactory)):
        draft = factory(parent=parent, slug=f"draft-{parent.slug}", title=f"Draft {parent.slug}", live=False)
        private = factory(parent=parent, slug=f"private-{parent.slug}", title=f"Private {parent.slug}")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
        expired = factory(
            parent=parent,
            slug=f"expired-{parent.slug}",
            title=f"Expired {parent.slug}",
            expire_at=timezone.now() - datetime.timedelta(days=1),
        )
        hidden += [draft, private, expired]
        for page in (draft, private, expired):
            page.research_areas.set([area])
            page.projects.set([awq])
            page.save()
    return {"area": area, "awq": awq, "newer": newer, "older": older, "paper": paper, "hidden": hidden}


def get_xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return response, ET.fromstring(response.content)


def rss_items(root):
    return [
        {
            "title": item.findtext("title"),
            "link": item.findtext("link"),
            "guid": item.findtext("guid"),
            "permalink": item.find("guid").get("isPermaLink"),
            "description": item.findtext("description"),
            "pubDate": item.findtext("pubDate"),
            "categories": [category.text for category in item.findall("category")],
            "creator": item.findtext("{http://purl.org/dc/elements/1.1/}creator"),
        }
        for item in root.iter("item")
    ]


def test_blog_rss_lists_public_posts_newest_first_with_frontend_links(client, content):
    response, root = get_xml(client, "/feeds/blog/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = root.find("channel")
    assert channel.findtext("title") == "MIT HAN Lab: Blog"
    assert channel.findtext("link") == f"{FRONTEND}/blog/"
    items = rss_items(root)
    assert [item["title"] for item in items] == ["Newer post", "Older post"]
    newest = items[0]
    assert newest["link"] == newest["guid"] == f"{FRONTEND}/blog/newer/"
    assert newest["permalink"] == "true"
    assert newest["description"] == "The TL;DR."
    assert newest["categories"] == ["quantization"]
    assert newest["creator"] == "Ji Lin, Song Han"
    assert newest["pubDate"].startswith("Sat, 01 Jun 2024 00:00:00")


def test_blog_atom_links_entries_to_the_frontend(client, content):
    response, root = get_xml(client, "/feeds/blog/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    assert root.findtext("atom:title", namespaces=ATOM) == "MIT HAN Lab: Blog"
    links = {link.get("rel"): link.get("href") for link in root.findall("atom:link", ATOM)}
    assert links["alternate"] == f"{FRONTEND}/blog/"
    assert links["self"] == "http://testserver/feeds/blog/atom/"
    entries = root.findall("atom:entry", ATOM)
    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in entries] == ["Newer post", "Older post"]
    newest = entries[0]
    assert newest.find("atom:link", ATOM).get("href") == f"{FRONTEND}/blog/newer/"
    assert newest.findtext("atom:id", namespaces=ATOM) == f"{FRONTEND}/blog/newer/"
    assert newest.findtext("atom:published", namespaces=ATOM).startswith("2024-06-01T00:00:00")
    assert newest.findtext("atom:updated", namespaces=ATOM) is not None


def test_news_feeds_have_plain_text_descriptions_and_no_hidden_items(client, content):
    _, root = get_xml(client, "/feeds/news/rss/")
    items = {item["title"]: item for item in rss_items(root)}
    assert set(items) == {"AWQ at MLSys", "AWQ release", "Unrelated news"}
    paper = items["AWQ at MLSys"]
    assert paper["link"] == f"{FRONTEND}/news/awq-mlsys/"
    assert paper["description"] == "AWQ wins a best paper."
    assert paper["categories"] == ["Paper"]

    _, root = get_xml(client, "/feeds/news/atom/")
    titles = {entry.findtext("atom:title", namespaces=ATOM) for entry in root.findall("atom:entry", ATOM)}
    assert titles == set(items)


@pytest.mark.parametrize("url", ["/feeds/blog/rss/", "/feeds/blog/atom/", "/feeds/news/rss/", "/feeds/news/atom/"])
def test_drafts_private_and_expired_pages_never_appear(client, content, url):
    body = client.get(url).content.decode()
    for page in content["hidden"]:
        assert page.title not in body
        assert f"/{page.slug}/" not in body


def test_a_research_area_feed(client, content):
    _, root = get_xml(client, "/feeds/blog/area/efficient-llm/rss/")
    channel = root.find("channel")
    assert channel.findtext("title") == "MIT HAN Lab: Blog: Efficient LLM"
    assert channel.findtext("link") == f"{FRONTEND}/research/efficient-llm/"
    assert [item["title"] for item in rss_items(root)] == ["Newer post"]

    _, root = get_xml(client, "/feeds/news/area/efficient-llm/atom/")
    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in root.findall("atom:entry", ATOM)] == [
        "AWQ at MLSys"
    ]
    _, root = get_xml(client, "/feeds/blog/area/tinyml/atom/")
    assert [entry.findtext("atom:title", namespaces=ATOM) for entry in root.findall("atom:entry", ATOM)] == [
        "Older post"
    ]


def test_a_project_feed_matches_the_short_name_exactly(client, content):
    _, root = get_xml(client, "/feeds/news/project/AWQ/atom/")
    titles = sorted(entry.findtext("atom:title", namespaces=ATOM) for entry in root.findall("atom:entry", ATOM))
    assert titles == ["AWQ at MLSys", "AWQ release"]  # tagged with the project, or announcing it
    assert root.findtext("atom:title", namespaces=ATOM) == "MIT HAN Lab: News: AWQ"

    _, root = get_xml(client, "/feeds/blog/project/AWQ/rss/")
    assert [item["title"] for item in rss_items(root)] == ["Newer post"]

    assert client.get("/feeds/news/project/awq/atom/").status_code == 404
    assert client.get("/feeds/blog/project/awq/rss/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/blog/area/no-such-area/rss/",
        "/feeds/news/area/no-such-area/atom/",
        "/feeds/blog/project/NOPE/atom/",
        "/feeds/news/project/NOPE/rss/",
    ],
)
def test_unknown_areas_and_projects_are_404(client, content, url):
    assert client.get(url).status_code == 404


def test_a_draft_area_or_project_has_no_feed(client, content):
    content["area"].unpublish()
    content["awq"].unpublish()
    assert client.get("/feeds/blog/area/efficient-llm/rss/").status_code == 404
    assert client.get("/feeds/news/project/AWQ/rss/").status_code == 404


def test_feeds_are_limited(client, content, settings):
    settings.FEEDS_MAX_ITEMS = 1
    _, root = get_xml(client, "/feeds/blog/rss/")
    assert [item["title"] for item in rss_items(root)] == ["Newer post"]
