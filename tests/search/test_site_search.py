"""`siteSearch`: typed, paginated, highlighted full-text search of what the public may see."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from graphql_api.search import highlight
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor
from tests.search.conftest import paragraph

SEARCH = """query($query: String!, $type: String, $page: Int, $perPage: Int) {
  siteSearch(query: $query, type: $type, page: $page, perPage: $perPage) {
    items { type title url externalUrl snippet score page { id title } }
    pagination { total count perPage currentPage totalPages nextPage prevPage }
  }
}"""


def search(graphql, query, **variables):
    return graphql.query(SEARCH, {"query": query, **variables})["siteSearch"]


def titles(result):
    return {item["title"] for item in result["items"]}


def test_the_database_backend_is_full_text_search_on_this_database(db):
    backend = type(get_search_backend()).__name__
    expected = {"postgresql": "PostgresSearchBackend", "sqlite": "SQLiteSearchBackend"}[connection.vendor]
    assert backend == expected


def test_finds_public_pages_and_talks_of_every_type(graphql, content):
    result = search(graphql, "quantization", perPage=50)
    assert titles(result) == {
        "AWQ",  # via its summary: "quantization"
        "SmoothQuant",
        "Song Han",
        "Why quantization works",
        "Efficient LLMs",
        "Quantization for on-device LLMs",
    }
    assert {item["type"] for item in result["items"]} == {
        "ProjectPage",
        "PersonPage",
        "BlogPostPage",
        "ResearchAreaPage",
        "talk",
    }
    scores = [item["score"] for item in result["items"]]
    assert scores == sorted(scores, reverse=True)


def test_drafts_private_and_expired_pages_are_never_found(graphql, content):
    found = titles(search(graphql, "quantization project", perPage=50))
    assert found.isdisjoint({"Secret quantization", "Old quantization", "Private quantization"})


def test_results_carry_frontend_paths_pages_and_links(graphql, content):
    items = {item["title"]: item for item in search(graphql, "quantization", perPage=50)["items"]}
    assert items["AWQ"]["url"] == "/projects/awq/"
    assert items["AWQ"]["page"]["title"] == "AWQ"
    assert items["Song Han"]["url"] == "/team/song-han/"
    assert items["Why quantization works"]["url"] == "/blog/why-quantization/"
    talk = items["Quantization for on-device LLMs"]
    assert talk["url"] == "/team/song-han/" and talk["page"] is None
    assert talk["externalUrl"] == "https://www.youtube.com/watch?v=3dYLj9vjfA0"


def test_honors_are_found_and_lead_to_their_project(graphql, content):
    items = search(graphql, "best paper", type="honor")["items"]
    assert [(item["type"], item["title"], item["url"]) for item in items] == [
        ("honor", "MLSys Best Paper Award", "/projects/awq/")
    ]


def test_snippets_highlight_matches_and_escape_the_rest(graphql, content):
    items = {item["title"]: item for item in search(graphql, "quantization", perPage=50)["items"]}
    assert items["Song Han"]["snippet"] == (
        "Principal investigator · Works on model compression and <mark>quantization</mark> &amp; efficient AI."
    )
    assert "<b>" not in items["Why quantization works"]["snippet"]
    assert "<mark>quantization</mark>" in items["Why quantization works"]["snippet"]


def test_filter_by_type(graphql, content):
    result = search(graphql, "quantization", type="ProjectPage")
    assert titles(result) == {"AWQ", "SmoothQuant"}
    result = search(graphql, "quantization", type="talk,BlogPostPage")
    assert titles(result) == {"Why quantization works", "Quantization for on-device LLMs"}


def test_an_unknown_type_is_refused_with_the_choices(graphql, content):
    errors = graphql.errors(SEARCH, {"query": "x", "type": "Page"})
    assert errors == [
        "`type` may not be 'Page'; use one or more of: ProjectPage, PublicationPage, PersonPage, BlogPostPage, "
        "NewsPage, ResearchAreaPage, talk, honor."
    ]


def test_pagination(graphql, content):
    first = search(graphql, "quantization", perPage=4)
    assert first["pagination"] == {
        "total": 6, "count": 4, "perPage": 4, "currentPage": 1, "totalPages": 2, "nextPage": 2, "prevPage": None,
    }  # fmt: skip
    second = search(graphql, "quantization", perPage=4, page=2)
    assert second["pagination"]["count"] == 2 and second["pagination"]["prevPage"] == 1
    assert titles(first).isdisjoint(titles(second))
    assert search(graphql, "quantization", perPage=4, page=9)["items"] == []
    assert graphql.errors(SEARCH, {"query": "x", "perPage": 500})[0].startswith("`perPage` must be between 1 and")
    assert graphql.errors(SEARCH, {"query": "x", "page": 0}) == ["`page` must be 1 or more; got 0."]


def test_every_term_must_match(graphql, content):
    assert titles(search(graphql, "quantization W8A8")) == {"SmoothQuant"}


def test_news_is_found(graphql, content):
    assert titles(search(graphql, "award", type="NewsPage")) == {"AWQ wins best paper"}


def test_a_blank_query_finds_nothing_and_a_long_one_is_refused(graphql, content):
    assert search(graphql, "   ")["items"] == []
    assert graphql.errors(SEARCH, {"query": "q" * 201}) == ["`searchQuery` may be at most 200 characters; got 201."]


def test_punctuation_and_operators_in_the_query_are_harmless(graphql, content):
    for query in ['"quantization', "quantization OR", "AND", "*", "quantization -awq", "NEAR(a b)", "')--"]:
        search(graphql, query)


# Highlighting ---------------------------------------------------------------------------------------------------


def test_highlight_escapes_html_and_marks_whole_words():
    assert highlight("Use <script> for Quantized models", "quantize") == (
        "Use &lt;script&gt; for <mark>Quantized</mark> models"
    )


def test_highlight_falls_back_to_a_stem():
    assert highlight("post-training quantization", "quantized") == "post-training <mark>quantization</mark>"


def test_highlight_cuts_a_window_around_the_first_match():
    text = "word " * 60 + "target " + "tail " * 60
    snippet = highlight(text, "target")
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>target</mark>" in snippet
    assert len(snippet) < 260


def test_highlight_without_a_match_shows_the_start():
    assert highlight("Nothing to see <here>", "absent") == "Nothing to see &lt;here&gt;"


@pytest.mark.parametrize("query", ["", "!!", "a"])
def test_highlight_without_terms(query):
    assert highlight("A & B", query) == "A &amp; B"


def test_papers_are_found_by_title_author_and_venue_as_publications_not_projects(graphql, content):
    paper = PublicationPageFactory(
        parent=PublicationIndexPageFactory(parent=content["awq"].get_parent().get_parent()),
        title="Activation-aware Weight Quantization for LLM Compression", slug="awq", venue_short="MLSys 2024",
        authors=[PublicationAuthor(name="Ji Lin")], projects=[content["awq"]],
    )  # fmt: skip
    paper.save_revision().publish()  # indexed again with its authors, as an editor's publishing does
    for query in ("compression", "Ji Lin", "MLSys"):
        assert titles(search(graphql, query, type="PublicationPage")) == {paper.title}
        # A project's hit text is its summary and body: its papers' titles, authors and venues are theirs.
        assert titles(search(graphql, query, type="ProjectPage")) == set()
    [hit] = search(graphql, "Ji Lin", type="PublicationPage")["items"]
    assert hit["url"] == "/publications/awq/" and "<mark>Ji</mark>" in hit["snippet"]


def test_a_project_is_found_by_its_body(graphql, content):
    awq = content["awq"]
    awq.body = paragraph("Salient channels are kept in higher precision.")
    awq.save_revision().publish()
    [hit] = search(graphql, "salient", type="ProjectPage")["items"]
    assert hit["title"] == "AWQ" and "<mark>Salient</mark>" in hit["snippet"]
