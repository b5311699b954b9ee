"""The data migration that turns each project's single paper into a publication linked to the project."""

from importlib import import_module

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.models import PublicationPage
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory
from research.models import ProjectLink

migration = import_module("publications.migrations.0002_project_papers")
# Where 0002 ran: projects still held their paper (research 0006 removes it).
BEFORE_PROJECTS_LOST_THEIR_PAPERS = [
    ("publications", "0002_project_papers"),
    ("research", "0005_inline_math_in_callouts"),
]


def test_each_project_paper_becomes_a_linked_publication_once(site_tree, migrator):
    index = ProjectIndexPageFactory(parent=site_tree["home"])
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=site_tree["home"]), title="Ji Lin")
    awq = ProjectPageFactory(parent=index, slug="awq", short_name="AWQ", title="AWQ", year=2024)
    awq.links = [ProjectLink(kind="paper", url="https://arxiv.org/abs/2306.00978"),
                 ProjectLink(kind="huggingface", url="https://huggingface.co/x")]  # fmt: skip
    awq.research_areas = [ResearchAreaPageFactory(parent=site_tree["research"], slug="llm")]
    awq.save()
    sana = ProjectPageFactory(parent=index, slug="sana-video", short_name="SANA-Video", year=2025)
    ProjectPageFactory(parent=index, slug="no-paper", short_name="Park")

    # The models as the migration sees them (historical: no Wagtail or modelcluster behaviour), where projects still
    # held a paper: the papers are written there, and the migration is run twice.
    historical = migrator.to(*BEFORE_PROJECTS_LOST_THEIR_PAPERS)
    Project = historical.get_model("research", "ProjectPage")
    Project.objects.filter(pk=awq.pk).update(
        venue="MLSys 2024", paper_title="AWQ: Activation-aware Weight Quantization", doi="10.1000/awq"
    )
    Project.objects.filter(pk=sana.pk).update(venue="In Submission")
    Author = historical.get_model("research", "ProjectAuthor")
    Author.objects.create(page_id=awq.pk, sort_order=0, person_id=person.pk, equal_contribution=True)
    Author.objects.create(page_id=awq.pk, sort_order=1, name="Song Han")
    migration.forwards(historical, None)
    migration.forwards(historical, None)

    made = {page.slug: page for page in PublicationPage.objects.all()}
    assert sorted(made) == ["awq", "sana-video"]
    paper = made["awq"]
    assert (paper.title, paper.venue_short, paper.year, paper.doi, paper.status) == (
        "AWQ: Activation-aware Weight Quantization", "MLSys 2024", 2024, "10.1000/awq", "published",
    )  # fmt: skip
    assert list(paper.projects.all()) == [awq]
    assert [area.slug for area in paper.research_areas.all()] == ["llm"]
    assert [(a.person_id, a.name, a.equal_contribution) for a in paper.authors.all()] == [
        (person.pk, "", True), (None, "Song Han", False),
    ]  # fmt: skip
    assert [(link.kind, link.url) for link in paper.links.all()] == [("paper", "https://arxiv.org/abs/2306.00978")]
    assert paper.url_path.endswith("/publications/awq/") and paper.get_parent().slug == "publications"
    assert (made["sana-video"].status, made["sana-video"].venue_short) == ("in_submission", "")
    assert paper.live and made["sana-video"].live  # as live as their projects
