"""publications 0003: what a project still held of a paper moves into its publication before research 0006 removes
it from the project; a value the publication already has otherwise is kept in its provenance, and a project none of
whose publications matches gets a new draft publication."""

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationPage
from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from research.models import ProjectLink, ProjectPage

from .test_project_papers_migration import BEFORE_PROJECTS_LOST_THEIR_PAPERS

AFTER = [("research", "0006_project_papers_are_publications")]
SMOOTHQUANT = "SmoothQuant: Accurate and Efficient Post-Training Quantization for Large Language Models"


def fields(page):
    return {name: getattr(page, name) for name in ("title", "venue_short", "year", "doi", "bibtex", "provenance")}


def test_what_projects_held_moves_into_their_publications(site_tree, migrator):
    home = site_tree["home"]
    projects = ProjectIndexPageFactory(parent=home)
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=home), title="Ji Lin", slug="ji-lin")
    index = PublicationIndexPageFactory(parent=home)
    made = {
        short_name: ProjectPageFactory(
            parent=projects, slug=short_name.lower(), short_name=short_name, title=short_name
        )
        for short_name in ("AWQ", "SmoothQuant", "QServe", "Park", "TSM")
    }
    made["QServe"].links = [ProjectLink(kind="paper", url="https://arxiv.org/abs/2405.04532")]
    made["QServe"].save()
    # AWQ's paper, matched by its DOI: no venue, BibTeX or authors yet, and a year of its own.
    awq = PublicationPageFactory(
        parent=index, slug="awq", title="AWQ: Activation-aware Weight Quantization for On-Device LLM Compression",
        venue_short="", year=2023, doi="10.1000/awq", provenance={"doi": "crossref"}, projects=[made["AWQ"]],
    )  # fmt: skip
    # SmoothQuant's two papers: the one with the project's paper title (matched though cased and punctuated
    # otherwise), with other authors; and another.
    smoothquant = PublicationPageFactory(
        parent=index, slug="smoothquant", title=SMOOTHQUANT, venue_short="ICML 2023", year=2023,
        authors=[PublicationAuthor(name="Guangxuan Xiao")], projects=[made["SmoothQuant"]],
    )  # fmt: skip
    other = PublicationPageFactory(
        parent=index, slug="smoothquant-2", title="SmoothQuant+", projects=[made["SmoothQuant"]]
    )
    # Park holds nothing of a paper; TSM only its year, which stays on the project.
    park = PublicationPageFactory(
        parent=index, slug="park", title="Park", venue_short="", year=None, projects=[made["Park"]]
    )
    untouched = {page.pk: fields(page) for page in (other, park)}
    awq.save_revision()  # an editor's next edit starts from the latest revision

    historical = migrator.to(*BEFORE_PROJECTS_LOST_THEIR_PAPERS)
    Project = historical.get_model("research", "ProjectPage")
    Author = historical.get_model("research", "ProjectAuthor")
    Project.objects.filter(pk=made["AWQ"].pk).update(
        paper_title="AWQ: Activation-aware Weight Quantization", venue="MLSys 2024", year=2024,
        doi="https://doi.org/10.1000/AWQ", bibtex="@inproceedings{lin2024awq, title = {AWQ}}", affiliations="MIT",
    )  # fmt: skip
    Author.objects.create(page_id=made["AWQ"].pk, sort_order=0, person_id=person.pk, equal_contribution=True)
    Author.objects.create(page_id=made["AWQ"].pk, sort_order=1, name="Song Han")
    Project.objects.filter(pk=made["SmoothQuant"].pk).update(
        paper_title="SmoothQuant: accurate and efficient post-training quantization for large language models.",
        venue="ICML 2023", year=2023,
    )  # fmt: skip
    Author.objects.create(page_id=made["SmoothQuant"].pk, sort_order=0, name="Guangxuan Xiao")
    Author.objects.create(page_id=made["SmoothQuant"].pk, sort_order=1, name="Ji Lin")
    Project.objects.filter(pk=made["QServe"].pk).update(
        paper_title="QServe: W4A8KV4 Quantization and System Co-design", venue="arXiv", year=2024, doi="10.1000/qserve",
    )  # fmt: skip
    Author.objects.create(page_id=made["QServe"].pk, sort_order=0, name="Yujun Lin")
    Project.objects.filter(pk=made["TSM"].pk).update(year=2019)

    migrator.to(*AFTER)

    # The match's empty fields are filled; where it holds a value of its own, the project's goes to its provenance.
    awq.refresh_from_db()
    assert fields(awq) == {
        "title": "AWQ: Activation-aware Weight Quantization for On-Device LLM Compression",
        "venue_short": "MLSys 2024",
        "year": 2023,
        "doi": "10.1000/awq",
        "bibtex": "@inproceedings{lin2024awq, title = {AWQ}}",
        "provenance": {
            "doi": "crossref",
            "project AWQ held": {
                "year": 2024,
                "paper_title": "AWQ: Activation-aware Weight Quantization",
                "affiliations": "MIT",
            },
        },
    }
    assert [(a.person_id, a.name, a.equal_contribution) for a in awq.authors.all()] == [
        (person.pk, "", True), (None, "Song Han", False),
    ]  # fmt: skip
    revision = awq.get_latest_revision_as_object()
    assert fields(revision) == fields(awq)
    assert [(a.person_id, a.name) for a in revision.authors.all()] == [(person.pk, ""), (None, "Song Han")]
    smoothquant.refresh_from_db()
    assert (smoothquant.venue_short, smoothquant.year, smoothquant.title) == ("ICML 2023", 2023, SMOOTHQUANT)
    assert smoothquant.provenance == {"project SmoothQuant held": {"authors": ["Guangxuan Xiao", "Ji Lin"]}}
    assert [a.name for a in smoothquant.authors.all()] == ["Guangxuan Xiao"]  # an editor compares them

    # No publication of QServe's matches (it has none): its paper becomes a new draft for an editor to review.
    [draft] = PublicationPage.objects.filter(projects=made["QServe"])
    assert not draft.live and draft.has_unpublished_changes
    assert draft.get_parent().pk == index.pk and draft.slug == "qserve"
    assert (draft.title, draft.venue_short, draft.venue_kind, draft.year, draft.doi) == (
        "QServe: W4A8KV4 Quantization and System Co-design", "arXiv", "preprint", 2024, "10.1000/qserve",
    )  # fmt: skip
    assert draft.provenance == {"*": "project QServe"}
    assert [a.name for a in draft.authors.all()] == ["Yujun Lin"]
    assert [(link.kind, link.url) for link in draft.links.all()] == [("paper", "https://arxiv.org/abs/2405.04532")]

    # A project that held no paper leaves its publications as they were, and a year alone makes none.
    for page in (other, park):
        page.refresh_from_db()
        assert fields(page) == untouched[page.pk]
    assert not PublicationPage.objects.filter(projects=made["TSM"]).exists()
    assert PublicationPage.objects.count() == 5
    assert ProjectPage.objects.get(pk=made["TSM"].pk).year == 2019  # the year stays on the project
