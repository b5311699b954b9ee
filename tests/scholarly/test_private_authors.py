"""An author linked to an unpublished or view-restricted person: their typed name if any, else left out, and never
the person's name or address, wherever a publication's authors appear (GraphQL authors, citations, Scholar meta,
JSON-LD, search). Projects name no authors: their papers are publications."""

import json

import pytest
from wagtail.models import PageViewRestriction

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor
from research.factories import ProjectIndexPageFactory, ProjectPageFactory

EVERYTHING = """query($path: String) { page(urlPath: $path) { ... on PublicationPage {
  authors { name person { name } } citationBibtex citationCslJson citationRis formattedCitations { text html }
  scholarMeta { name content } seo { jsonLd } } } }"""
PROJECT = """query { page(urlPath: "/projects/awq/") { ... on ProjectPage {
  publications { authors { name person { name } } } seo { jsonLd } } } }"""


@pytest.fixture
def publication(site_tree):
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    public = PersonPageFactory(parent=team, title="Song Han", slug="song-han")
    draft = PersonPageFactory(parent=team, title="Secret Student", slug="secret-student", live=False)
    private = PersonPageFactory(parent=team, title="Private Postdoc", slug="private-postdoc")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    project = ProjectPageFactory(
        parent=ProjectIndexPageFactory(parent=site_tree["home"]), title="AWQ", slug="awq", short_name="AWQ"
    )
    publication = PublicationPageFactory(
        parent=PublicationIndexPageFactory(parent=site_tree["home"]),
        title="AWQ: Activation-aware Weight Quantization",
        slug="awq",
        venue_short="MLSys 2024",
        year=2024,
    )
    publication.authors = [
        PublicationAuthor(name="Ji Lin"),
        PublicationAuthor(person=draft),
        PublicationAuthor(person=private, name="P. Postdoc"),
        PublicationAuthor(person=public),
    ]
    publication.projects = [project]
    publication.save()
    return publication


def test_unpublished_or_private_person_absent_from_authors_citations_meta_and_json_ld(graphql, publication):
    response = graphql.post(EVERYTHING, {"path": "/publications/awq/"})
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
    assert [line for line in page["citationRis"].splitlines() if line.startswith("AU  - ")] == [
        "AU  - Lin, Ji",
        "AU  - Postdoc, P.",
        "AU  - Han, Song",
    ]
    assert json.loads(page["seo"]["jsonLd"])["author"] == [
        {"@type": "Person", "name": "Ji Lin"},
        {"@type": "Person", "name": "P. Postdoc"},
        {"@type": "Person", "name": "Song Han", "url": "http://frontend.test/team/song-han/"},
    ]


def test_unpublished_or_private_person_absent_from_the_project_s_papers(graphql, publication):
    response = graphql.post(PROJECT)
    assert "Secret Student" not in response.text and "Private Postdoc" not in response.text
    assert "secret-student" not in response.text and "private-postdoc" not in response.text
    [paper] = response.json()["data"]["page"]["publications"]
    assert [author["name"] for author in paper["authors"]] == ["Ji Lin", "P. Postdoc", "Song Han"]


def test_unpublished_person_absent_from_site_search_snippets(graphql, publication):
    data = graphql.query('{ siteSearch(query: "MLSys", type: "PublicationPage") { items { snippet } } }')
    [item] = data["siteSearch"]["items"]
    assert "Secret Student" not in item["snippet"] and "Private Postdoc" not in item["snippet"]
    assert "P. Postdoc" in item["snippet"]
