from pathlib import Path

from django.conf import settings

from graphql_api.management.commands.write_graphql_schema import schema_sdl


def test_committed_schema_file_matches_the_schema():
    committed = (Path(settings.BASE_DIR) / "graphql_api" / "schema.graphql").read_text()
    assert committed == schema_sdl(), "graphql_api/schema.graphql is stale: run `make schema` and commit it."


def test_schema_names_every_page_type_after_its_model():
    sdl = schema_sdl()
    for name in ["HomePage", "ResearchAreaIndexPage", "ResearchAreaPage", "BlogIndexPage", "BlogPostPage",
                 "NewsIndexPage", "NewsPage"]:  # fmt: skip
        assert f"type {name} implements PageInterface" in sdl
