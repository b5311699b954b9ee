"""`import_publications --bibtex`: what an entry becomes, and how every problem is reported by entry (key and line)
without stopping the others. The BibTeX import of projects (research) moved here: one implementation."""

import io

import pytest
from django.core.management import CommandError, call_command

from publications.models import PublicationPage

AWQ = r"""@inproceedings{lin2024awq,
  title = {{AWQ}: Activation-aware Weight Quantization for On-Device {LLM} Compression and Acceleration},
  author = {Lin, Ji and Tang, Jiaming and M{\"u}ller, Hans and van der Berg, Jan and others},
  booktitle = {MLSys},
  year = {2024},
  doi = {https://doi.org/10.48550/arXiv.2306.00978},
  url = {https://arxiv.org/pdf/2306.00978.pdf},
  abstract = {Large language models have transformed many AI applications.},
}
@article{xiao2023smoothquant,
  title = "SmoothQuant: Accurate \& Efficient Post-Training Quantization",
  author = "Guangxuan Xiao and Ji Lin",
  journal = {ICML},
  year = 2023,
  eprint = {2211.10438},
  archivePrefix = {arXiv},
}
"""
BAD = r"""@inproceedings{notitle, author = {Someone}, year = {2020}}

@article{broken,
  title = {Never closed
  author = {X},

@misc{good2022, title = {A Good Entry}, author = {Song Han}, year = {2022}}

@misc{good2022, title = {Same key again}, year = {2022}}

@misc{samedoi, title = {Different title}, doi = {10.1000/ONE}}
@misc{samedoi2, title = {Another title}, doi = {10.1000/one}}
"""


def run(path, *args):
    out = io.StringIO()
    call_command("import_publications", "--bibtex", str(path), *args, stdout=out, no_color=True)
    return out.getvalue()


@pytest.fixture
def bib(tmp_path):
    def write(text, encoding="utf-8"):
        path = tmp_path / "papers.bib"
        path.write_bytes(text.encode(encoding))
        return path

    return write


def test_an_entry_becomes_a_draft_publication_with_its_citation(lab, bib):
    out = run(bib(AWQ))
    assert out.splitlines()[0] == (
        "lin2024awq (line 1): created "
        "(title, venue_name, venue_kind, year, doi, abstract, bibtex_key, bibtex, authors, links)"
    )
    assert "xiao2023smoothquant (line 10): created" in out
    awq = PublicationPage.objects.get(bibtex_key="lin2024awq")
    assert not awq.live and awq.get_parent().pk == lab["index"].pk
    assert awq.title == "AWQ: Activation-aware Weight Quantization for On-Device LLM Compression and Acceleration"
    assert [a.name for a in awq.authors.all()] == ["Ji Lin", "Jiaming Tang", "Hans Müller", "Jan van der Berg"]
    assert (awq.venue_name, awq.venue_kind, awq.year) == ("MLSys", "conference", 2024)
    assert awq.doi == "10.48550/arxiv.2306.00978" and awq.abstract.startswith("Large language models")
    assert [(link.kind, link.url) for link in awq.links.all()] == [("paper", "https://arxiv.org/pdf/2306.00978.pdf")]
    assert awq.bibtex.startswith("@inproceedings{lin2024awq,") and set(awq.provenance.values()) == {"bibtex"}
    smoothquant = PublicationPage.objects.get(bibtex_key="xiao2023smoothquant")
    assert smoothquant.title == "SmoothQuant: Accurate & Efficient Post-Training Quantization"
    assert (smoothquant.arxiv_id, smoothquant.venue_kind) == ("2211.10438", "journal")


def test_every_problem_is_reported_by_entry_and_the_good_entries_are_imported(lab, bib):
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"^4 of 6 failed; the others were imported\.$"):
        call_command("import_publications", "--bibtex", str(bib(BAD)), stdout=out, no_color=True)
    lines = out.getvalue().splitlines()
    assert lines[0] == "notitle (line 1): failed: the entry has no title: add a title field."
    assert lines[1].startswith("broken (line 3): failed: the entry does not parse: ")
    assert lines[2].startswith("good2022 (line 7): created")
    assert lines[3] == "good2022 (line 9): failed: an entry with the key 'good2022' comes earlier (line 7)."
    assert lines[4].startswith("samedoi (line 11): created")
    assert lines[5] == "samedoi2 (line 12): failed: the entry samedoi (line 11) has the same DOI; skipped."
    assert set(PublicationPage.objects.values_list("bibtex_key", flat=True)) == {"", "good2022", "samedoi"}


def test_string_macros_are_written_out_in_the_stored_entry(lab, bib):
    run(bib('@string{mlsys = "MLSys"}\n@inproceedings{k, title = {T}, booktitle = mlsys, year = 2024}'))
    page = PublicationPage.objects.get(bibtex_key="k")
    assert page.venue_name == "MLSys"
    assert "booktitle = {MLSys}" in page.bibtex and "@string" not in page.bibtex


def test_questionable_values_are_left_out_with_a_note(lab, bib):
    out = run(bib("@misc{k, title = {T}, year = {in press}, doi = {not-a-doi}, url = {javascript:x}}"))
    assert out.splitlines() == [
        "k (line 1): created (title, venue_kind, bibtex_key, bibtex)",
        "    note: The year 'in press' is not a year; left blank.",
        "    note: 'not-a-doi' is not a DOI (10.<registrant>/<suffix>); left out.",
        "    note: The url 'javascript:x' is not a web address; no paper link added.",
    ]


def test_an_existing_paper_link_is_not_added_twice_and_a_dry_run_saves_nothing(lab, bib):
    path = bib(AWQ)
    assert "lin2024awq (line 1): created" in run(path, "--dry-run")
    assert not PublicationPage.objects.filter(bibtex_key="lin2024awq").exists()
    run(path)
    assert run(path).splitlines() == ["lin2024awq (line 1): unchanged", "xiao2023smoothquant (line 10): unchanged"]
    assert PublicationPage.objects.get(bibtex_key="lin2024awq").links.count() == 1


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("just some words", "utf-8", "No BibTeX entries found"),
        (
            "@misc{k, title={Caf\xe9}}",
            "latin-1",
            r"papers\.bib: not UTF-8 text \(invalid continuation byte at byte 19\)",
        ),
    ],
)
def test_a_file_that_is_not_bibtex_is_a_message_and_a_non_zero_exit(lab, bib, text, encoding, message):
    with pytest.raises(CommandError, match=message):
        run(bib(text, encoding))
    assert PublicationPage.objects.count() == 3


def test_standard_input(lab, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("@misc{k, title = {From Standard Input}}"))
    assert run("-").startswith("k (line 1): created")


def test_imported_authors_and_links_are_stored_in_the_papers_order(lab, bib):
    # Without a sort_order the rows came back in whatever order the database chose: on PostgreSQL a second import
    # of the same file could see the authors shuffled and report "updated (authors)".
    run(bib(AWQ))
    page = PublicationPage.objects.get(bibtex_key="lin2024awq")
    authors = list(page.authors.values_list("sort_order", "name"))
    assert [order for order, _ in authors] == list(range(len(authors)))
    assert [name for _, name in authors][:4] == ["Ji Lin", "Jiaming Tang", "Hans Müller", "Jan van der Berg"]
    assert list(page.links.values_list("sort_order", flat=True)) == list(range(page.links.count()))
