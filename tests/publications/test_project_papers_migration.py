"""The data migration that turns each project's single paper into a publication linked to the project."""

from importlib import import_module

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.models import PublicationPage
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory
from research.models import ProjectAuthor, ProjectLink

migration = import_module("publications.migrations.0002_project_papers")


def test_each_project_paper_becomes_a_linked_publication_once(site_tree):
    index = ProjectIndexPageFactory(parent=site_tree["home"])
    person = PersonPageFactory(parent=PeopleIndexPageFactory(parent=site_tree["home"]), title="Ji Lin")
    awq = ProjectPageFactory(
        parent=index, slug="awq", short_name="AWQ", title="AWQ", venue="MLSys 2024", year=2024,
        paper_title="AWQ: Activation-aware Weight Quantization", doi="10.1000/awq",
    )  # fmt: skip
    awq.authors = [ProjectAuthor(person=person, equal_contribution=True), ProjectAuthor(name="Song Han")]
    awq.links = [ProjectLink(kind="paper", url="https://arxiv.org/abs/2306.00978"),
                 ProjectLink(kind="huggingface", url="https://huggingface.co/x")]  # fmt: skip
    awq.research_areas = [ResearchAreaPageFactory(parent=site_tree["research"], slug="llm")]
    awq.save()
    ProjectPageFactory(parent=index, slug="sana-video", short_name="SANA-Video", venue="In Submission", year=2025)
    ProjectPageFactory(parent=index, slug="no-paper", short_name="Park")

    # The models as the migration sees them (historical: no Wagtail or modelcluster behaviour), run twice.
    historical = MigrationExecutor(connection).loader.project_state(("publications", "0002_project_papers")).apps
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
