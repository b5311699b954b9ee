"""BibTeX import: what a good entry creates, how existing projects are matched and updated, and how every problem
is reported by entry without blocking the others."""

import pytest

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from research.bibtex_import import CREATED, FAILED, UNCHANGED, UPDATED, import_bibtex
from research.factories import ProjectPageFactory
from research.models import ProjectAuthor, ProjectLink, ProjectPage

AWQ = r"""
@inproceedings{lin2024awq,
  title = {{AWQ}: Activation-aware Weight Quantization for On-Device {LLM} Compression and Acceleration},
  author = {Lin, Ji and Tang, Jiaming and M{\"u}ller, Hans and Han, Song},
  booktitle = {MLSys},
  year = {2024},
  doi = {https://doi.org/10.48550/arXiv.2306.00978},
  url = {https://arxiv.org/pdf/2306.00978.pdf},
  shortname = {AWQ},
  abstract = {Large language models have transformed many AI applications.},
}
"""
SMOOTHQUANT = r"""
@article{xiao2023smoothquant,
  title = "SmoothQuant: Accurate \& Efficient Post-Training Quantization",
  author = "Guangxuan Xiao and Ji Lin and others",
  journal = {ICML},
  year = 2023,
  eprint = {2211.10438},
  archivePrefix = {arXiv},
}
"""
BAD = r"""
@inproceedings{notitle, author = {Someone}, year = {2020}}

@article{broken,
  title = {Never closed
  author = {X},

@misc{good2022, title = {A Good Entry}, author = {Song Han}, year = {2022}}

@misc{good2022, title = {Same key again}, year = {2022}}

@misc{samedoi, title = {Different title}, doi = {10.1000/ONE}}
@misc{samedoi2, title = {Another title}, doi = {10.1000/one}}

@misc{thiskeyiswaytoolongtobeashortnameforaprojectpage, title = {Long key}}
"""


def statuses(report):
    return [(entry.key, entry.status) for entry in report.entries]


def test_an_entry_creates_a_draft_project_with_its_citation(project_index):
    report = import_bibtex(AWQ + SMOOTHQUANT)
    assert report.error == ""
    assert statuses(report) == [("lin2024awq", CREATED), ("xiao2023smoothquant", CREATED)]

    awq = ProjectPage.objects.get(short_name="AWQ")
    assert awq.get_parent().pk == project_index.pk
    assert not awq.live and awq.latest_revision is not None
    assert awq.title == "AWQ: Activation-aware Weight Quantization for On-Device LLM Compression and Acceleration"
    assert awq.venue == "MLSys" and awq.year == 2024
    assert awq.doi == "10.48550/arXiv.2306.00978"
    assert [author.display_name for author in awq.authors.all()] == [
        "Ji Lin",
        "Jiaming Tang",
        "Hans Müller",
        "Song Han",
    ]
    assert [(link.kind, link.url) for link in awq.links.all()] == [("paper", "https://arxiv.org/pdf/2306.00978.pdf")]
    assert awq.summary == "Large language models have transformed many AI applications."
    assert awq.bibtex.startswith("@inproceedings{lin2024awq,") and "shortname = {AWQ}" in awq.bibtex

    smoothquant = ProjectPage.objects.get(short_name="xiao2023smoothquant")
    assert smoothquant.venue == "ICML" and smoothquant.year == 2023
    assert smoothquant.title == "SmoothQuant: Accurate & Efficient Post-Training Quantization"
    assert [author.display_name for author in smoothquant.authors.all()] == ["Guangxuan Xiao", "Ji Lin"]
    assert [link.url for link in smoothquant.links.all()] == ["https://arxiv.org/abs/2211.10438"]


def test_publish_makes_new_projects_live(project_index):
    import_bibtex(AWQ, publish=True)
    assert ProjectPage.objects.get(short_name="AWQ").live


def test_every_problem_is_reported_by_entry_and_good_entries_are_imported(project_index):
    report = import_bibtex(BAD)
    by_line = {entry.line: entry for entry in report.entries}
    assert [(entry.key, entry.status) for entry in report.entries] == [
        ("notitle", FAILED),
        ("broken", FAILED),
        ("good2022", CREATED),
        ("good2022", FAILED),
        ("samedoi", CREATED),
        ("samedoi2", FAILED),
        ("thiskeyiswaytoolongtobeashortnameforaprojectpage", FAILED),
    ]
    assert by_line[2].errors == ["Missing title: add a title field."]
    assert by_line[4].errors[0].startswith("The entry does not parse: ")
    assert by_line[10].errors == ["Duplicate key: an entry with the key 'good2022' comes earlier (line 8)."]
    assert by_line[13].errors == ["Duplicate: the entry samedoi (line 12) has the same DOI; skipped."]
    assert "longer than 40 characters" in by_line[15].errors[0]
    assert report.failed == 5
    assert set(ProjectPage.objects.values_list("short_name", flat=True)) == {"good2022", "samedoi"}
    assert report.summary == "7 entries: 2 created, 0 updated, 0 unchanged, 5 failed."


def test_importing_the_same_file_twice_changes_nothing(project_index):
    import_bibtex(AWQ + SMOOTHQUANT, publish=True)
    revisions = {page.pk: page.latest_revision_id for page in ProjectPage.objects.all()}
    report = import_bibtex(AWQ + SMOOTHQUANT, publish=True)
    assert statuses(report) == [("lin2024awq", UNCHANGED), ("xiao2023smoothquant", UNCHANGED)]
    assert {page.pk: page.latest_revision_id for page in ProjectPage.objects.all()} == revisions
    assert ProjectPage.objects.count() == 2


@pytest.fixture
def awq_page(project_index):
    page = ProjectPageFactory(
        parent=project_index, title="AWQ", slug="awq", short_name="AWQ", venue="MLSys 2024", summary="Kept."
    )
    page.save_revision().publish()
    return page


def test_an_existing_project_is_matched_by_its_short_name_and_keeps_what_editors_typed(awq_page):
    report = import_bibtex(AWQ, publish=True)
    assert statuses(report) == [("lin2024awq", UPDATED)]
    page = ProjectPage.objects.get(pk=awq_page.pk)
    assert page.title == "AWQ"
    assert page.paper_title.startswith("AWQ: Activation-aware Weight Quantization")
    assert page.venue == "MLSys 2024" and page.summary == "Kept."
    assert page.year == 2024 and page.doi == "10.48550/arXiv.2306.00978"
    notes = report.entries[0].notes
    assert notes[0].startswith("Changed: paper_title, year, doi, bibtex, authors, links")
    assert "Kept the venue 'MLSys 2024' (the entry says 'MLSys')." in notes


def test_an_update_without_publish_waits_in_a_draft_revision(awq_page):
    report = import_bibtex(AWQ)
    assert statuses(report) == [("lin2024awq", UPDATED)]
    assert "Saved as a draft revision: publish it to show the changes." in report.entries[0].notes
    page = ProjectPage.objects.get(pk=awq_page.pk)
    assert page.live and page.has_unpublished_changes and page.doi == ""
    assert page.get_latest_revision_as_object().doi == "10.48550/arXiv.2306.00978"


def test_an_existing_project_is_matched_by_doi_and_by_title(project_index):
    by_doi = ProjectPageFactory(
        parent=project_index, title="Quantized", slug="q", short_name="Q", doi="10.48550/ARXIV.2306.00978"
    )
    by_title = ProjectPageFactory(
        parent=project_index,
        title="smoothquant accurate and efficient post training quantization",
        slug="sq",
        short_name="SQ",
    )
    report = import_bibtex(AWQ.replace("shortname = {AWQ},", "") + SMOOTHQUANT.replace(r"\&", "and"), publish=True)
    assert statuses(report) == [("lin2024awq", UPDATED), ("xiao2023smoothquant", UPDATED)]
    assert report.entries[0].page.pk == by_doi.pk and report.entries[1].page.pk == by_title.pk
    assert ProjectPage.objects.count() == 2


def test_a_key_that_is_another_project_s_short_name_is_refused(project_index):
    ProjectPageFactory(parent=project_index, title="Other", slug="other", short_name="good2022")
    report = import_bibtex("@misc{good2022, title = {A Good Entry}}")
    assert report.entries[0].status == FAILED
    assert report.entries[0].errors[0].startswith("The short name 'good2022' belongs to the project 'Other'")


def test_an_entry_matching_two_projects_is_refused(project_index):
    ProjectPageFactory(parent=project_index, title="One", slug="one", short_name="One", doi="10.1000/x")
    ProjectPageFactory(parent=project_index, title="Two paper", slug="two", short_name="Two")
    report = import_bibtex("@misc{k, title = {Two Paper}, doi = {10.1000/X}}")
    assert report.entries[0].errors == [
        "The entry matches more than one project: 'Two paper' by title; 'One' by DOI. Fix the DOI or title."
    ]


def test_authors_are_linked_to_the_lab_s_people_and_keep_their_links_on_update(site_tree, awq_page):
    people = PeopleIndexPageFactory(parent=site_tree["home"], title="Team", slug="team")
    song = PersonPageFactory(parent=people, title="Song Han", slug="song-han", role="pi")
    import_bibtex(AWQ, publish=True)
    page = ProjectPage.objects.get(pk=awq_page.pk)
    assert [author.person_id for author in page.authors.all()] == [None, None, None, song.pk]

    ProjectAuthor.objects.filter(page=page, name="Ji Lin").update(equal_contribution=True)
    page.save_revision().publish()
    import_bibtex(AWQ.replace("Tang, Jiaming and ", ""), publish=True)
    authors = list(ProjectPage.objects.get(pk=page.pk).authors.all())
    assert [(a.display_name, a.equal_contribution) for a in authors] == [
        ("Ji Lin", True),
        ("Hans Müller", False),
        ("Song Han", False),
    ]


def test_an_existing_paper_link_is_not_added_twice(awq_page):
    awq_page.links.add(ProjectLink(kind="paper", url="https://arxiv.org/pdf/2306.00978.pdf"))
    awq_page.save_revision().publish()
    import_bibtex(AWQ, publish=True)
    assert ProjectPage.objects.get(pk=awq_page.pk).links.count() == 1


def test_string_macros_are_written_out_in_the_stored_entry(project_index):
    import_bibtex('@string{mlsys = "MLSys"}\n@inproceedings{k, title = {T}, booktitle = mlsys, year = 2024}')
    page = ProjectPage.objects.get(short_name="k")
    assert page.venue == "MLSys"
    assert "booktitle = {MLSys}" in page.bibtex and "@string" not in page.bibtex


def test_questionable_values_are_noted_not_fatal(project_index):
    report = import_bibtex("@misc{k, title = {T}, year = {in press}, doi = {not-a-doi}, url = {javascript:x}}")
    entry = report.entries[0]
    assert entry.status == CREATED
    assert entry.notes == [
        "The year 'in press' is not a year; left blank.",
        "'not-a-doi' is not a DOI (10.<registrant>/<suffix>); left out.",
        "The url 'javascript:x' is not a web address; no paper link added.",
    ]


def test_a_dry_run_saves_nothing(project_index):
    report = import_bibtex(AWQ, dry_run=True, publish=True)
    assert statuses(report) == [("lin2024awq", CREATED)]
    assert report.summary.startswith("Dry run, nothing saved: ")
    assert not ProjectPage.objects.exists()


def test_without_a_project_index_nothing_is_imported(site_tree):
    report = import_bibtex(AWQ)
    assert report.error.startswith("There is no project index page")
    assert not ProjectPage.objects.exists()


def test_text_without_entries_is_reported(project_index):
    assert import_bibtex("just some words").error.startswith("No BibTeX entries found")
