"""Each publication's citation through GraphQL: BibTeX (stored or generated) and CSL-JSON."""

import json

import pytest

from citations.csl import csl_name, generate_bibtex, normalise_doi
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationLink

CITATION = """query($path: String) { page(urlPath: $path) { ... on PublicationPage {
  title doi citationBibtex citationCslJson
} } }"""


@pytest.fixture
def publication_index(site_tree):
    return PublicationIndexPageFactory(parent=site_tree["home"])


@pytest.fixture
def awq(publication_index):
    return PublicationPageFactory(
        parent=publication_index,
        title="AWQ: Activation-aware Weight Quantization",
        slug="awq",
        venue_short="MLSys 2024",
        venue_kind="conference",
        year=2024,
        doi="10.48550/arXiv.2306.00978",
        authors=[
            PublicationAuthor(name="Ji Lin"),
            PublicationAuthor(name="Ludwig van Beethoven"),
            PublicationAuthor(name="Han, Song"),
        ],
        links=[
            PublicationLink(kind="code", url="https://github.com/mit-han-lab/llm-awq"),
            PublicationLink(kind="paper", url="https://arxiv.org/abs/2306.00978"),
        ],
    )


def citation(graphql, path="/publications/awq/"):
    return graphql.query(CITATION, {"path": path})["page"]


def test_csl_json_follows_the_csl_schema(graphql, awq):
    data = citation(graphql)
    assert data["doi"] == "10.48550/arXiv.2306.00978"
    assert json.loads(data["citationCslJson"]) == {
        "id": "awq",
        "type": "paper-conference",
        "title": "AWQ: Activation-aware Weight Quantization",
        "author": [
            {"family": "Lin", "given": "Ji"},
            {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
            {"family": "Han", "given": "Song"},
        ],
        "container-title": "MLSys 2024",
        "issued": {"date-parts": [[2024]]},
        "DOI": "10.48550/arXiv.2306.00978",
        "URL": "https://arxiv.org/abs/2306.00978",
    }


def test_the_full_venue_name_is_the_container_title_when_there_is_one(graphql, awq):
    awq.venue_name = "Conference on Machine Learning and Systems"
    awq.save_revision().publish()
    assert json.loads(citation(graphql)["citationCslJson"])["container-title"] == (
        "Conference on Machine Learning and Systems"
    )


def test_bibtex_is_generated_from_the_fields_when_none_is_stored(graphql, awq):
    assert citation(graphql)["citationBibtex"] == (
        "@inproceedings{lin2024awq,\n"
        "  title = {AWQ: Activation-aware Weight Quantization},\n"
        "  author = {Lin, Ji and van Beethoven, Ludwig and Han, Song},\n"
        "  booktitle = {MLSys 2024},\n"
        "  year = {2024},\n"
        "  doi = {10.48550/arXiv.2306.00978},\n"
        "  url = {https://arxiv.org/abs/2306.00978}\n"
        "}\n"
    )


def test_the_page_s_own_bibtex_key_and_a_journal_kind_shape_the_generated_entry(graphql, awq):
    awq.bibtex_key = "awq2024"
    awq.venue_kind = "journal"
    awq.save_revision().publish()
    bibtex = citation(graphql)["citationBibtex"]
    assert bibtex.startswith("@article{awq2024,\n")
    assert "  journal = {MLSys 2024},\n" in bibtex and "booktitle" not in bibtex


def test_a_stored_entry_is_served_as_it_is_and_lends_csl_its_type_and_details(graphql, awq):
    awq.bibtex = "@article{lin2024awq,\n  title = {AWQ},\n  journal = {JMLR},\n  volume = {25},\n  pages = {1--20}\n}"
    awq.save_revision().publish()
    data = citation(graphql)
    assert data["citationBibtex"] == awq.bibtex + "\n"
    csl = json.loads(data["citationCslJson"])
    assert csl["type"] == "article-journal"
    assert csl["volume"] == "25" and csl["page"] == "1-20"
    assert csl["container-title"] == "MLSys 2024"  # the publication's fields stay the source
    assert csl["title"] == "AWQ: Activation-aware Weight Quantization"


def test_without_a_paper_link_the_csl_url_is_the_frontend_page(graphql, awq):
    PublicationLink.objects.filter(kind="paper").delete()
    csl = json.loads(citation(graphql)["citationCslJson"])
    assert csl["URL"] == "http://frontend.test/publications/awq/"


def test_a_minimal_publication_still_has_a_valid_citation(publication_index):
    page = PublicationPageFactory(
        parent=publication_index, title="Tiny & {odd} 50%", slug="tiny", venue_short="", venue_kind="preprint",
        year=None,
    )  # fmt: skip
    assert generate_bibtex(page) == "@misc{tiny,\n  title = {Tiny \\& \\{odd\\} 50\\%}\n}\n"
    assert page.citation_csl_json == {
        "id": "tiny",
        "type": "article",
        "title": "Tiny & {odd} 50%",
        "URL": "http://frontend.test/publications/tiny/",
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Song Han", {"family": "Han", "given": "Song"}),
        ("Lin, Ji", {"family": "Lin", "given": "Ji"}),
        ("Plato", {"family": "Plato"}),
        ("{NVIDIA Corporation}", {"literal": "NVIDIA Corporation"}),
        ("Martin Luther King, Jr., Martin", {"family": "Martin Luther King", "given": "Martin", "suffix": "Jr."}),
    ],
)
def test_names_become_csl_names(name, expected):
    assert csl_name(name) == expected


def test_dois_lose_their_resolver_prefix():
    assert normalise_doi(" https://doi.org/10.1145/3620666.3651335 ") == "10.1145/3620666.3651335"
    assert normalise_doi("doi:10.1/x") == "10.1/x"
