import pytest
from wagtail.models import Page

from blog.models import BlogIndexPage, BlogPostPage
from home.models import HomePage
from news.models import NewsIndexPage, NewsPage
from people.models import PeopleIndexPage, PersonPage
from research.models import ProjectIndexPage, ProjectPage, ResearchAreaIndexPage, ResearchAreaPage

ALLOWED_CHILDREN = {
    HomePage: {ResearchAreaIndexPage, ProjectIndexPage, PeopleIndexPage, BlogIndexPage, NewsIndexPage},
    ResearchAreaIndexPage: {ResearchAreaPage},
    ProjectIndexPage: {ProjectPage},
    PeopleIndexPage: {PersonPage},
    BlogIndexPage: {BlogPostPage},
    NewsIndexPage: {NewsPage},
    ResearchAreaPage: set(),
    ProjectPage: set(),
    PersonPage: set(),
    BlogPostPage: set(),
    NewsPage: set(),
}


@pytest.mark.parametrize(("parent", "children"), ALLOWED_CHILDREN.items(), ids=lambda v: getattr(v, "__name__", ""))
def test_each_page_type_accepts_only_its_own_children(parent, children):
    assert set(parent.allowed_subpage_models()) == children


@pytest.mark.parametrize(
    ("page_type", "parent_type"),
    [
        (BlogPostPage, BlogIndexPage),
        (NewsPage, NewsIndexPage),
        (ResearchAreaPage, ResearchAreaIndexPage),
        (ProjectPage, ProjectIndexPage),
        (PersonPage, PeopleIndexPage),
    ],
)
def test_leaf_pages_live_only_under_their_index(page_type, parent_type):
    assert set(page_type.allowed_parent_page_models()) == {parent_type}


def test_indexes_and_home_are_singletons(site_tree):
    for page_type in (HomePage, ResearchAreaIndexPage, ProjectIndexPage, PeopleIndexPage, BlogIndexPage, NewsIndexPage):
        assert page_type.max_count == 1
    for index_type in (ResearchAreaIndexPage, BlogIndexPage, NewsIndexPage):  # made by the site_tree fixture
        assert not index_type.can_create_at(site_tree["home"])


def test_home_page_sits_at_the_tree_root(site_tree):
    assert HomePage.allowed_parent_page_models() == [Page]
    assert not HomePage.can_create_at(Page.get_first_root_node())  # one already exists
