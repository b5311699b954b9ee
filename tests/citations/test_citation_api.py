"""Each project's citation through GraphQL: BibTeX (stored or generated) and CSL-JSON."""

import json

import pytest

from citations.csl import csl_name, generate_bibtex, normalise_doi
from research.factories import ProjectPageFactory
from research.models import ProjectAuthor, ProjectLink

CITATION = """query($path: String) { page(urlPath: $path) { ... on ProjectPage {
  doi paperTitle citationBibtex citationCslJson
} } }"""


@pytest.fixture
def awq(project_index):
    return ProjectPageFactory(
        parent=project_index,
        title="AWQ",
        slug="awq",
        short_name="AWQ",
        paper_title="AWQ: Activation-aware Weight Quantization",
        venue="MLSys 2024",
        year=2024,
        doi="10.48550/arXiv.2306.00978",
        authors=[
            ProjectAuthor(name="Ji Lin"),
            ProjectAuthor(name="Ludwig van Beethoven"),
            ProjectAuthor(name="Han, Song"),
        ],
        links=[
            ProjectLink(kind="code", url="https://github.com/mit-han-lab/llm-awq"),
            ProjectLink(kind="paper", url="https://arxiv.org/abs/2306.00978"),
        ],
    )


def citation(graphql, path="/projects/awq/"):
    return graphql.query(CITATION, {"path": path})["page"]


def test_csl_json_follows_the_csl_schema(graphql, awq):
    data = citation(graphql)
    assert data["doi"] == "10.48550/arXiv.2306.00978"
    assert json.loads(data["citationCslJson"]) == {
        "id": "AWQ",
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


def test_a_stored_entry_is_served_as_it_is_and_lends_csl_its_type_and_details(graphql, awq):
    awq.bibtex = "@article{lin2024awq,\n  title = {AWQ},\n  journal = {JMLR},\n  volume = {25},\n  pages = {1--20}\n}"
    awq.save_revision().publish()
    data = citation(graphql)
    assert data["citationBibtex"] == awq.bibtex + "\n"
    csl = json.loads(data["citationCslJson"])
    assert csl["type"] == "article-journal"
    assert csl["volume"] == "25" and csl["page"] == "1-20"
    assert csl["container-title"] == "MLSys 2024"  # the project's fields stay the source


def test_without_a_paper_link_the_csl_url_is_the_frontend_page(graphql, awq):
    ProjectLink.objects.filter(kind="paper").delete()
    csl = json.loads(citation(graphql)["citationCslJson"])
    assert csl["URL"] == "http://frontend.test/projects/awq/"


def test_a_minimal_project_still_has_a_valid_citation(project_index):
    page = ProjectPageFactory(parent=project_index, title="Tiny & {odd} 50%", slug="tiny", short_name="Tiny")
    assert generate_bibtex(page) == "@misc{tiny,\n  title = {Tiny \\& \\{odd\\} 50\\%}\n}\n"
    assert page.citation_csl_json == {
        "id": "Tiny",
        "type": "article",
        "title": "Tiny & {odd} 50%",
        "URL": "http://frontend.test/projects/tiny/",
    }


def test_the_doi_field_refuses_a_resolver_url(project_index):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        ProjectPageFactory(parent=project_index, title="X", slug="x", short_name="X", doi="https://doi.org/10.1/x")
    assert "doi" in caught.value.message_dict


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
