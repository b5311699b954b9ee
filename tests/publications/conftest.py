import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from people.factories import PeopleIndexPageFactory, PersonPageFactory
from publications.factories import PublicationIndexPageFactory, PublicationPageFactory
from publications.models import PublicationAuthor, PublicationLink
from research.factories import ProjectIndexPageFactory, ProjectPageFactory, ResearchAreaPageFactory


@pytest.fixture
def lab(site_tree):
    """Two projects, two people (one a draft), and three papers: two of AWQ's, one of StreamingLLM's."""
    projects = ProjectIndexPageFactory(parent=site_tree["home"])
    team = PeopleIndexPageFactory(parent=site_tree["home"])
    index = PublicationIndexPageFactory(parent=site_tree["home"])
    area = ResearchAreaPageFactory(parent=site_tree["research"], title="Efficient LLMs", slug="llm")
    awq = ProjectPageFactory(parent=projects, title="AWQ", slug="awq", short_name="AWQ")
    streaming = ProjectPageFactory(parent=projects, title="StreamingLLM", slug="streamingllm", short_name="SLLM")
    song = PersonPageFactory(parent=team, title="Song Han", slug="song-han", role="pi", orcid="0000-0002-1825-0097")
    hidden = PersonPageFactory(parent=team, title="Hidden Person", slug="hidden", live=False)
    papers = {}
    for slug, title, venue, year, kind, project, doi in [
        ("awq", "AWQ: Activation-aware Weight Quantization", "MLSys 2024", 2024, "conference", awq, "10.1000/awq"),
        ("tinychat", "TinyChat on the Edge", "arXiv", 2023, "preprint", awq, ""),
        ("streamingllm", "Efficient Streaming Language Models", "ICLR 2024", 2024, "conference", streaming, ""),
    ]:
        page = PublicationPageFactory(
            parent=index, title=title, slug=slug, venue_short=venue, year=year, venue_kind=kind, doi=doi,
            abstract=f"About {title}.",
        )  # fmt: skip
        page.authors = [
            PublicationAuthor(name="Ji Lin", equal_contribution=True),
            PublicationAuthor(person=hidden, name="Typed Name"),
            PublicationAuthor(person=song, corresponding=True),
        ]
        page.links = [PublicationLink(kind="code", url=f"https://github.com/mit-han-lab/{slug}")]
        page.projects = [project]
        page.research_areas = [area]
        page.save()
        papers[slug] = page
    papers["tinychat"].arxiv_id = "2312.00001"
    papers["tinychat"].save()
    return {"papers": papers, "song": song, "awq": awq, "streaming": streaming, "index": index}


class Migrator:
    """Moves the test database along the migration graph, for the tests of data migrations."""

    def to(self, *targets):
        """Migrates (forwards or backwards) to these (app, migration) nodes; returns the historical models there, the
        `apps` a data migration is given."""
        MigrationExecutor(connection).migrate(list(targets))
        return MigrationExecutor(connection).loader.project_state(list(targets)).apps

    def to_latest(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture
def migrator(transactional_db, django_db_serialized_rollback):
    """A Migrator; the schema is migrated back to the latest after the test. Outside a transaction, as SQLite's schema
    editor requires; the rows the migrations made (the root page, the default site) are restored afterwards."""
    migrator = Migrator()
    yield migrator
    migrator.to_latest()
