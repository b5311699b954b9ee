"""An author linked to an unpublished or view-restricted person: their typed name if any, else left out, and never
the person's name or address, wherever authors appear (GraphQL authors, citations, Scholar meta, JSON-LD, search)."""

import json

import pytest
from wagtail.models import PageViewRestriction

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from research.models import ProjectAuthor

EVERYTHING = """query($path: String) { page(urlPath: $path) { ... on ProjectPage {
  authors { name person { name } } citationBibtex citationCslJson scholarMeta { name content }
  seo { jsonLd } } } }"""


@pytest.fixture
def project(site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    public = PersonPageFactory(parent=team, title="Song Han", slug="song-han")
    draft = PersonPageFactory(parent=team, title="Secret Student", slug="secret-student", live=False)
    private = PersonPageFactory(parent=team, title="Private Postdoc", slug="private-postdoc")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    project = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=site_tree["home"]),
        title="AWQ",
        slug="awq",
        short_name="AWQ",
        venue="MLSys 2024",
        year=2024,
    )
    project.authors = [
        ProjectAuthor(name="Ji Lin"),
        ProjectAuthor(person=draft),
        ProjectAuthor(person=private, name="P. Postdoc"),
        ProjectAuthor(person=public),
    ]
    project.save()
    return project


def test_unpublished_or_private_person_absent_from_authors_citations_meta_and_json_ld(graphql, project):
    response = graphql.post(EVERYTHING, {"path": "/projects/awq/"})
    assert "Secret Student" not in response.text and "Private Postdoc" not in response.text
    assert "secret-student" not in response.text and "private-postdoc" not in response.text
    page = response.json()["data"]["page"]
    assert page["authors"] == [
        {"name": "Ji Lin", "person": None},
        {"name": "P. Postdoc", "person": None},
        {"name": "Song Han", "person": {"name": "Song Han"}},
    ]
    names = ["Ji Lin", "P. Postdoc", "Song Han"]
    assert [tag["content"] for tag in page["scholarMeta"] if tag["name"] == "citation_author"] == names
    csl = json.loads(page["citationCslJson"])
    assert [author["family"] for author in csl["author"]] == ["Lin", "Postdoc", "Han"]
    assert "author = {Lin, Ji and Postdoc, P. and Han, Song}" in page["citationBibtex"]
    assert json.loads(page["seo"]["jsonLd"])["author"] == [
        {"@type": "Person", "name": "Ji Lin"},
        {"@type": "Person", "name": "P. Postdoc"},
        {"@type": "Person", "name": "Song Han", "url": "http://frontend.test/team/song-han/"},
    ]


def test_unpublished_person_absent_from_site_search_snippets(graphql, project):
    data = graphql.query('{ siteSearch(query: "MLSys", type: "ProjectPage") { items { snippet } } }')
    [item] = data["siteSearch"]["items"]
    assert "Secret Student" not in item["snippet"] and "Private Postdoc" not in item["snippet"]
