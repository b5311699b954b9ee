"""A paper news item points at the publication it announces: editable, validated, served while public, filled in
for existing items by a data migration, and its news item's cached answers follow the publication."""

from importlib import import_module

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from news.factories import NewsPageFactory
from news.models import NewsPage
from tests.publications.conftest import lab  # noqa: F401 (the publications fixture)

migration = import_module("news.migrations.0008_link_paper_news_to_publications")
QUERY = """query($path: String) { page(urlPath: $path) { ... on NewsPage {
  publication { title url venueShort status } } } }"""


@pytest.fixture
def paper_news(lab, site_tree):  # noqa: F811
    return NewsPageFactory(
        parent=site_tree["news"], slug="awq-accepted", kind="paper", venue="MLSys 2024", project=lab["awq"],
        publication=lab["papers"]["awq"],
    )  # fmt: skip


def test_the_item_serves_its_publication_while_it_is_public(graphql, lab, paper_news):  # noqa: F811
    data = graphql.query(QUERY, {"path": "/news/awq-accepted/"})["page"]
    assert data["publication"] == {
        "title": "AWQ: Activation-aware Weight Quantization",
        "url": "/publications/awq/",
        "venueShort": "MLSys 2024",
        "status": "published",
    }
    lab["papers"]["awq"].unpublish()
    assert graphql.query(QUERY, {"path": "/news/awq-accepted/"})["page"]["publication"] is None


def test_only_a_paper_item_announces_a_publication(paper_news):
    paper_news.kind = "talk"
    with pytest.raises(ValidationError) as caught:
        paper_news.full_clean()
    assert caught.value.message_dict["publication"] == [
        "Only a paper news item announces a publication: set the kind to Paper, or clear it."
    ]


def test_a_change_to_the_publication_reaches_the_item(lab, paper_news):  # noqa: F811
    assert paper_news.pk in {page.pk for page in lab["papers"]["awq"].affected_pages() if page is not None}


def test_the_migration_links_an_item_only_where_the_match_is_certain(lab, site_tree):  # noqa: F811
    index = site_tree["news"]
    streaming = NewsPageFactory(parent=index, kind="paper", venue="ICLR 2024", project=lab["streaming"])
    streaming.save_revision()
    other_venue = NewsPageFactory(parent=index, kind="paper", venue="NeurIPS 2025", project=lab["streaming"])
    two_papers = NewsPageFactory(parent=index, kind="paper", venue="", project=lab["awq"])  # AWQ has two
    release = NewsPageFactory(parent=index, kind="release", project=lab["streaming"])

    historical = MigrationExecutor(connection).loader.project_state(("news", "0008_link_paper_news_to_publications"))
    migration.forwards(historical.apps, None)

    linked = dict(NewsPage.objects.values_list("pk", "publication__slug"))
    assert linked[streaming.pk] == "streamingllm"
    assert linked[other_venue.pk] is linked[two_papers.pk] is linked[release.pk] is None
    revision = NewsPage.objects.get(pk=streaming.pk).get_latest_revision_as_object()
    assert revision.publication_id == lab["papers"]["streamingllm"].pk  # the next edit keeps the link
