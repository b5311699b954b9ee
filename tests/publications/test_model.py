"""What an editor is told when a publication or a person is wrong, and where the citation formats come from."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import PersonPosition
from publications.models import PublicationPage


def messages(page):
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    return caught.value.message_dict


def test_malformed_doi_and_arxiv_id_are_explained(lab):
    page = lab["papers"]["streamingllm"]
    page.doi, page.arxiv_id = "not-a-doi", "arxiv 123"
    found = messages(page)
    assert "is not a DOI" in found["doi"][0]
    assert "is not an arXiv id" in found["arxiv_id"][0]


def test_resolver_prefixes_are_removed_before_checking(lab):
    page = lab["papers"]["streamingllm"]
    page.doi, page.arxiv_id = "https://doi.org/10.48550/arXiv.2309.17453", "https://arxiv.org/abs/2309.17453v4"
    page.full_clean()
    assert (page.doi, page.arxiv_id) == ("10.48550/arXiv.2309.17453", "2309.17453v4")


def test_a_published_paper_cannot_be_from_the_future(lab):
    page = lab["papers"]["streamingllm"]
    page.year = datetime.date.today().year + 1
    assert "is in the future, but the status is published" in messages(page)["year"][0]
    page.status = "to_appear"
    page.full_clean()


def test_in_submission_is_a_status_never_a_venue(lab):
    page = lab["papers"]["streamingllm"]
    page.status = "in_submission"
    assert "in submission has no venue" in messages(page)["venue_name"][0]


def test_duplicate_doi_names_the_other_publication(lab):
    page = lab["papers"]["streamingllm"]
    page.doi = "10.1000/AWQ"
    assert messages(page)["doi"] == ['Another publication, "AWQ: Activation-aware Weight Quantization", has this DOI: '
                                     "edit that one instead."]  # fmt: skip


def test_duplicate_doi_is_refused_by_the_database_too(lab):
    """Whatever skips the form (an import, a script), the database keeps DOIs unique, whatever their case."""
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicationPage.objects.filter(pk=lab["papers"]["streamingllm"].pk).update(doi="10.1000/AWQ")


def test_orcid_checksum_and_position_dates(lab):
    song = lab["song"]
    song.orcid = "0000-0002-1825-0098"
    assert "does not match" in messages(song)["orcid"][0]
    position = PersonPosition(page=song, role="phd", start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1))
    with pytest.raises(ValidationError, match="ends before it starts"):
        position.clean()


def test_citation_formats(lab):
    page = lab["papers"]["awq"]
    assert page.citation_bibtex.startswith("@inproceedings{lin2024awq,")
    assert "author = {Lin, Ji and Name, Typed and Han, Song}" in page.citation_bibtex
    csl = page.citation_csl_json
    assert csl["type"] == "paper-conference" and csl["DOI"] == "10.1000/awq"
    assert page.citation_ris.splitlines()[:3] == ["TY  - CPAPER", "TI  - AWQ: Activation-aware Weight Quantization",
                                                  "AU  - Lin, Ji"]  # fmt: skip
    assert page.citation_ris.endswith("ER  - \r\n")
    styles = {citation.style: citation.text for citation in page.formatted_citations()}
    assert styles["APA"] == (
        "Lin, J., Name, T., & Han, S. (2024). AWQ: Activation-aware Weight Quantization. MLSys 2024. "
        "https://doi.org/10.1000/awq"
    )
    assert styles["IEEE"].endswith("J. Lin, T. Name, and S. Han, “AWQ: Activation-aware Weight Quantization”, in "
                                   "MLSys 2024, 2024. doi: 10.1000/awq.")  # fmt: skip
