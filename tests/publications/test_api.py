"""The publications through the real /graphql/ endpoint: the listing's filters, one publication, and the links from
projects and people."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from people.models import PersonPosition
from publications.models import PublicationAuthor, PublicationPage

LISTING = """query($year: Int, $project: String, $person: String, $researchArea: String, $venue: String,
  $kind: String, $status: String, $search: String, $order: String, $perPage: Int) {
  publications(year: $year, project: $project, person: $person, researchArea: $researchArea, venue: $venue,
    kind: $kind, status: $status, search: $search, order: $order, perPage: $perPage) {
    items { slug authors { name person { slug } equalContribution corresponding } links { kind url }
            projects { shortName } researchAreas { slug } }
    pagination { total totalPages }
  }
}"""


def slugs(graphql, **variables):
    return [item["slug"] for item in graphql.query(LISTING, variables)["publications"]["items"]]


def test_listing_filters(graphql, lab):
    assert slugs(graphql) == ["awq", "streamingllm", "tinychat"]
    assert slugs(graphql, year=2023) == ["tinychat"]
    assert slugs(graphql, project="awq") == slugs(graphql, project="AWQ") == ["awq", "tinychat"]
    assert slugs(graphql, person="song-han") == ["awq", "streamingllm", "tinychat"]
    assert slugs(graphql, person="hidden") == []
    assert slugs(graphql, researchArea="llm", order="title") == ["awq", "streamingllm", "tinychat"]
    assert slugs(graphql, venue="iclr") == ["streamingllm"]
    assert slugs(graphql, kind="preprint") == ["tinychat"]
    assert slugs(graphql, status="published") == ["awq", "streamingllm", "tinychat"]
    assert slugs(graphql, search="streaming") == ["streamingllm"]
    assert slugs(graphql, search="Song edge") == ["tinychat"]
    assert slugs(graphql, search="Hidden") == []


def test_listing_hides_drafts_and_unpublished_authors(graphql, lab):
    lab["papers"]["tinychat"].unpublish()
    data = graphql.query(LISTING, {"perPage": 1})["publications"]
    assert data["pagination"] == {"total": 2, "totalPages": 2}
    (item,) = data["items"]
    assert item["authors"] == [
        {"name": "Ji Lin", "person": None, "equalContribution": True, "corresponding": False},
        {"name": "Typed Name", "person": None, "equalContribution": False, "corresponding": False},
        {"name": "Song Han", "person": {"slug": "song-han"}, "equalContribution": False, "corresponding": True},
    ]
    assert item["projects"] == [{"shortName": "AWQ"}]


def test_listing_costs_the_same_whatever_the_number_of_items(graphql, lab):
    with CaptureQueriesContext(connection) as three:
        graphql.query(LISTING)
    lab["papers"]["tinychat"].unpublish()
    with CaptureQueriesContext(connection) as two:
        graphql.query(LISTING)
    assert len(three) == len(two)


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"kind": "poster"}, "`kind` may not be 'poster'"),
        ({"status": "accepted"}, "`status` may not be 'accepted'"),
        ({"order": "doi"}, "`order` may not be 'doi'"),
    ],
)
def test_bad_arguments_are_refused(graphql, lab, variables, message):
    assert graphql.errors(LISTING, variables)[0].startswith(message)


ONE = """query($doi: String, $arxivId: String, $slug: String) {
  publication(doi: $doi, arxivId: $arxivId, slug: $slug) {
    slug doiUrl arxivUrl citationBibtex citationRis citationCslJson formattedCitations { style text html }
    scholarMeta { name content } seo { jsonLd }
  }
}"""


def test_one_publication_by_doi_arxiv_id_or_slug(graphql, lab):
    by_doi = graphql.query(ONE, {"doi": "https://doi.org/10.1000/AWQ"})["publication"]
    assert by_doi["slug"] == "awq" and by_doi["doiUrl"] == "https://doi.org/10.1000/awq"
    assert [c["style"] for c in by_doi["formattedCitations"]] == ["APA", "IEEE"]
    assert "<i>MLSys 2024</i>" in by_doi["formattedCitations"][0]["html"]
    assert {"name": "citation_doi", "content": "10.1000/awq"} in by_doi["scholarMeta"]
    assert '"@type":"ScholarlyArticle"' in by_doi["seo"]["jsonLd"]
    assert "https://orcid.org/0000-0002-1825-0097" in by_doi["seo"]["jsonLd"]  # the lab member's
    PublicationAuthor.objects.filter(name="Ji Lin", page__slug="awq").update(orcid="0000-0001-5109-3700")
    json_ld = json.loads(graphql.query(ONE, {"slug": "awq"})["publication"]["seo"]["jsonLd"])
    assert json_ld["author"][0] == {
        "@type": "Person",
        "name": "Ji Lin",
        "sameAs": "https://orcid.org/0000-0001-5109-3700",
    }
    assert graphql.query(ONE, {"arxivId": "arXiv:2312.00001"})["publication"]["slug"] == "tinychat"
    assert graphql.query(ONE, {"slug": "streamingllm"})["publication"]["slug"] == "streamingllm"
    assert graphql.query(ONE, {"slug": "nothing"})["publication"] is None
    assert graphql.errors(ONE, {"doi": "10.1000/awq", "slug": "awq"}) == [
        "Give exactly one of `doi`, `arxivId` or `slug`."
    ]


def test_projects_and_people_list_their_publications_and_positions(graphql, lab):
    song = lab["song"]
    song.positions = [PersonPosition(role="pi", organisation="MIT"), PersonPosition(title="Co-founder",
                                                                                    organisation="OmniML")]  # fmt: skip
    song.save()
    data = graphql.query("""{
      project: page(urlPath: "/projects/awq/") { ... on ProjectPage { publications { slug } } }
      person: page(urlPath: "/team/song-han/") { ... on PersonPage {
        orcid publications { slug } positions { role title organisation current start end advisor { slug } } } }
    }""")
    assert data["project"]["publications"] == [{"slug": "awq"}, {"slug": "tinychat"}]
    assert [p["slug"] for p in data["person"]["publications"]] == ["awq", "streamingllm", "tinychat"]
    assert data["person"]["orcid"] == "0000-0002-1825-0097"
    assert data["person"]["positions"][1] == {
        "role": "",
        "title": "Co-founder",
        "organisation": "OmniML",
        "current": True,
        "start": None,
        "end": None,
        "advisor": None,
    }


def test_papers_without_a_year_come_last_on_every_database(graphql, lab):
    PublicationPage.objects.filter(slug="awq").update(year=None)
    assert slugs(graphql) == ["streamingllm", "tinychat", "awq"]
    assert slugs(graphql, order="year") == ["tinychat", "streamingllm", "awq"]
