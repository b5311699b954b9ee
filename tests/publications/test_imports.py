"""`import_publications` and `refresh_citation_counts` against recorded answers replayed locally: never the network."""

import io

import pytest
from django.core.management import CommandError, call_command

from publications.models import PublicationPage

from .replay import ReplayServer

DOI_PATH = "/crossref/works/10.5555/labcms.0001"
ARXIV_PATH = "/arxiv/query?id_list=2309.17453"
ORCID_PATH = "/orcid/0000-0002-1825-0097/works"
BIBTEX = """@inproceedings{lin2024awq,
  title = {Activation-aware Weight Quantization for On-Device {LLM} Compression},
  author = {Lin, Ji and Han, Song},
  booktitle = {MLSys},
  year = {2024},
  doi = {10.5555/labcms.0001}
}
@misc{xiao2023streaming,
  title = {Efficient Streaming Language Models with Attention Sinks},
  author = {Xiao, Guangxuan and Han, Song},
  year = {2023},
  eprint = {2309.17453},
  archivePrefix = {arXiv}
}
"""


@pytest.fixture
def apis(settings):
    server = ReplayServer()
    for name in ("CROSSREF", "ARXIV", "ORCID", "OPENALEX"):
        setattr(settings, f"PUBLICATIONS_{name}_URL", f"{server.url}/{name.lower()}")
    settings.PUBLICATIONS_BACKOFF_SECONDS = 0
    settings.PUBLICATIONS_HTTP_RETRIES = 2
    server.routes = {
        DOI_PATH: ["crossref-work"],
        ARXIV_PATH: ["arxiv-2309.17453"],
        "/arxiv/query?id_list=2401.99999": ["arxiv-no-entry"],
        ORCID_PATH: ["orcid-works"],
        "/openalex/works/doi:10.5555/labcms.0001": ["openalex-work"],
    }
    yield server
    server.close()


def run(*args):
    out = io.StringIO()
    call_command("import_publications", *args, stdout=out)
    return out.getvalue()


def test_doi_import_makes_a_draft_and_links_authors_by_orcid_else_suggests(apis, lab):
    lab["papers"]["awq"].delete()
    assert run("--doi", "https://doi.org/10.5555/labcms.0001").startswith("10.5555/labcms.0001: created")
    page = PublicationPage.objects.get(doi="10.5555/labcms.0001")
    assert not page.live and page.get_latest_revision() is not None
    assert page.title == "Activation-aware Weight Quantization for On-Device LLM Compression"
    assert (page.venue_name, page.venue_short, page.venue_kind, page.year) == (
        "Proceedings of Machine Learning and Systems", "MLSys", "conference", 2024,
    )  # fmt: skip
    assert page.provenance["doi"] == "crossref" and page.provenance["authors"] == "crossref"
    authors = [(a.name, a.person_id, a.suggested_person_id) for a in page.authors.all()]
    song = lab["song"].pk
    # Ji Lin's ORCID iD is Song Han's page's (the fixture's person): the ORCID iD wins over the name.
    assert authors == [("Ji Lin", song, None), ("Jiaming Tang", None, None), ("Song Han", None, song)]
    assert run("--doi", "10.5555/labcms.0001") == "10.5555/labcms.0001: unchanged\n"
    assert PublicationPage.objects.count() == 3


def test_arxiv_import_updates_the_matching_title_and_keeps_editors_values(apis, lab):
    paper = lab["papers"]["streamingllm"]
    paper.title = "Efficient streaming language models with attention sinks!"
    paper.save_revision().publish()
    out = run("--arxiv", "arXiv:2309.17453")
    assert out == "2309.17453: updated (arxiv_id)\n"  # matched by title; only the empty field is filled
    revision = PublicationPage.objects.get(pk=paper.pk).get_latest_revision_as_object()
    assert revision.arxiv_id == "2309.17453" and revision.provenance == {"arxiv_id": "arxiv"}
    assert (revision.title, revision.venue_short, revision.year) == (paper.title, "ICLR 2024", 2024)  # the editor's
    assert PublicationPage.objects.get(pk=paper.pk).arxiv_id == ""  # the live page waits for the editor
    assert run("--arxiv", "2309.17453") == "2309.17453: unchanged\n"


def test_orcid_works_match_existing_by_doi_and_arxiv_id(apis, lab):
    lab["papers"]["awq"].doi = "10.5555/labcms.0001"
    lab["papers"]["awq"].save_revision().publish()
    PublicationPage.objects.filter(slug="streamingllm").update(arxiv_id="2309.17453")
    out = run("--orcid", "https://orcid.org/0000-0002-1825-0097")
    assert out == (
        "Activation-aware Weight Quantization for On-Device LLM Compression: updated (venue_name)\n"
        "Efficient Streaming Language Models with Attention Sinks: unchanged\n"  # the editor's values are kept
    )
    assert PublicationPage.objects.count() == 3
    assert run("--orcid", "0000-0002-1825-0097").count(": unchanged") == 2


def test_bibtex_import_is_idempotent(apis, lab, tmp_path):
    path = tmp_path / "papers.bib"
    path.write_text(BIBTEX)
    first = run("--bibtex", str(path))
    assert first.startswith("lin2024awq (line 1): created") and "xiao2023streaming (line 8): created" in first
    assert run("--bibtex", str(path)) == "lin2024awq (line 1): unchanged\nxiao2023streaming (line 8): unchanged\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--doi", "not-a-doi"), "'not-a-doi' is not a DOI"),
        (("--doi", "10.5555/missing"), "DOI 10.5555/missing: Crossref has no work with this DOI."),
        (("--arxiv", "2401.99999"), "arXiv 2401.99999: arXiv has no paper with this id."),
        (("--arxiv", "banana"), "'banana' is not an arXiv id"),
        (("--orcid", "0000-0000"), "'0000-0000' is not an ORCID iD"),
        (("--bibtex", "/nonexistent.bib"), "/nonexistent.bib: no such file."),
    ],
)
def test_bad_input_is_a_message_and_a_non_zero_exit(apis, lab, args, message):
    with pytest.raises(CommandError, match="^" + message.replace("(", r"\(").replace(".", r"\.")):
        run(*args)
    assert PublicationPage.objects.count() == 3


def test_unreachable_source_backs_off_then_fails_cleanly(apis, lab, settings):
    apis.routes[DOI_PATH] = ["rate-limited", "crossref-work"]
    assert run("--doi", "10.5555/labcms.0001").startswith("10.5555/labcms.0001: created")
    assert apis.requests == [DOI_PATH, DOI_PATH]  # the 429 was waited out (Retry-After: 0) and asked again
    apis.routes["/crossref/works/10.5555/down"] = ["server-error"]
    with pytest.raises(CommandError, match="the service answered 503 3 times"):
        run("--doi", "10.5555/down")
    settings.PUBLICATIONS_CROSSREF_URL = "http://127.0.0.1:9"
    with pytest.raises(CommandError, match="could not reach"):
        run("--doi", "10.5555/labcms.0001")


def test_refresh_citation_counts_keeps_the_last_good_count(apis, lab):
    awq = lab["papers"]["awq"]
    PublicationPage.objects.filter(pk=awq.pk).update(doi="10.5555/labcms.0001")
    PublicationPage.objects.filter(pk=lab["papers"]["tinychat"].pk).update(citation_count=7)
    apis.routes["/openalex/works/doi:10.48550/arxiv.2312.00001"] = ["openalex-not-found"]
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 publications could not be refreshed"):
        call_command("refresh_citation_counts", stdout=out)
    assert "TinyChat on the Edge: OpenAlex 10.48550/arxiv.2312.00001: OpenAlex has no work" in out.getvalue()
    counts = dict(PublicationPage.objects.values_list("slug", "citation_count"))
    assert counts == {"awq": 412, "tinychat": 7, "streamingllm": None}
    assert PublicationPage.objects.get(pk=awq.pk).citation_count_source == "openalex"
