import datetime

import pytest

from blog.factories import BlogPostPageFactory
from news.factories import NewsPageFactory
from research.factories import ResearchAreaPageFactory

BLOG_LISTING = """query($page: Int, $perPage: Int, $researchArea: String, $tag: String, $year: Int, $order: String) {
  blogPosts(page: $page, perPage: $perPage, researchArea: $researchArea, tag: $tag, year: $year, order: $order) {
    items { title date }
    pagination { total count perPage currentPage prevPage nextPage totalPages }
  }
}"""

NEWS_LISTING = """query($kind: String, $year: Int, $researchArea: String, $order: String) {
  newsItems(kind: $kind, year: $year, researchArea: $researchArea, order: $order) { items { title kind date } }
}"""


@pytest.fixture
def posts(site_tree):
    llm = ResearchAreaPageFactory(parent=site_tree["research"], slug="llm")
    made = []
    for number in range(5):
        post = BlogPostPageFactory(
            parent=site_tree["blog"],
            title=f"Post {number}",
            date=datetime.date(2023 + number % 2, 1, 1 + number),
            tag_names=["quantization"] if number < 2 else ["tinyml"],
        )
        if number % 2:
            post.research_areas.add(llm)
            post.save()
        made.append(post)
    return made


def titles(data, listing="blogPosts"):
    return [item["title"] for item in data[listing]["items"]]


def test_blog_posts_newest_first_by_default(graphql, posts):
    data = graphql.query(BLOG_LISTING)
    assert titles(data) == ["Post 3", "Post 1", "Post 4", "Post 2", "Post 0"]


def test_blog_posts_paginate(graphql, posts):
    data = graphql.query(BLOG_LISTING, {"page": 2, "perPage": 2})
    assert titles(data) == ["Post 4", "Post 2"]
    assert data["blogPosts"]["pagination"] == {
        "total": 5, "count": 2, "perPage": 2, "currentPage": 2, "prevPage": 1, "nextPage": 3, "totalPages": 3,
    }  # fmt: skip


def test_a_page_past_the_end_is_empty(graphql, posts):
    data = graphql.query(BLOG_LISTING, {"page": 9, "perPage": 2})
    assert titles(data) == []
    assert data["blogPosts"]["pagination"]["totalPages"] == 3


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"perPage": 101}, "`perPage` must be between 1 and 100; got 101."),
        ({"perPage": 0}, "`perPage` must be between 1 and 100; got 0."),
        ({"page": 0}, "`page` must be 1 or more; got 0."),
        ({"order": "owner__password"}, "`order` may not be 'owner__password'; use one of: -date, date, title, -title."),
    ],
)
def test_out_of_bounds_arguments_are_refused_by_name(graphql, posts, variables, message):
    assert graphql.errors(BLOG_LISTING, variables) == [message]


def test_blog_posts_filter_by_research_area_tag_and_year(graphql, posts):
    assert titles(graphql.query(BLOG_LISTING, {"researchArea": "llm"})) == ["Post 3", "Post 1"]
    assert titles(graphql.query(BLOG_LISTING, {"tag": "quantization"})) == ["Post 1", "Post 0"]
    assert titles(graphql.query(BLOG_LISTING, {"year": 2023})) == ["Post 4", "Post 2", "Post 0"]
    assert titles(graphql.query(BLOG_LISTING, {"researchArea": "nope"})) == []


def test_blog_posts_order_from_the_allow_list(graphql, posts):
    assert titles(graphql.query(BLOG_LISTING, {"order": "title"})) == [f"Post {n}" for n in range(5)]
    assert titles(graphql.query(BLOG_LISTING, {"order": "date"}))[0] == "Post 0"


def test_news_items_filter_by_kind_and_year(graphql, site_tree):
    NewsPageFactory(parent=site_tree["news"], title="Award", kind="award", date=datetime.date(2024, 5, 1))
    NewsPageFactory(parent=site_tree["news"], title="Paper", kind="paper", date=datetime.date(2023, 5, 1))
    NewsPageFactory(parent=site_tree["news"], title="Talk", kind="talk", date=datetime.date(2024, 6, 1))
    assert titles(graphql.query(NEWS_LISTING), "newsItems") == ["Talk", "Award", "Paper"]
    assert titles(graphql.query(NEWS_LISTING, {"kind": "award"}), "newsItems") == ["Award"]
    assert titles(graphql.query(NEWS_LISTING, {"year": 2024}), "newsItems") == ["Talk", "Award"]
    assert graphql.errors(NEWS_LISTING, {"kind": "gossip"}) == [
        "`kind` may not be 'gossip'; use one of: paper, award, talk, blog, announcement, release."
    ]


def test_research_areas_in_editor_order(graphql, site_tree):
    for title in ["Zeta", "Alpha", "Mu"]:
        ResearchAreaPageFactory(parent=site_tree["research"], title=title)
    data = graphql.query("{ researchAreas { title } }")
    assert [area["title"] for area in data["researchAreas"]] == ["Zeta", "Alpha", "Mu"]


def test_pages_order_is_allow_listed_too(graphql, posts):
    errors = graphql.errors('{ pages(order: "owner__password") { id } }')
    assert errors[0].startswith("`order` may not be 'owner__password'; use one of: title, -title")
    data = graphql.query('{ pages(contentType: "blog.BlogPostPage", order: "-title", limit: 2) { title } }')
    assert data["pages"] == [{"title": "Post 4"}, {"title": "Post 3"}]
