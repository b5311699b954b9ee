from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from graphql import print_schema


def schema_sdl():
    """The public schema as SDL, the form frontends generate their types from."""
    from graphql_api.schema import schema

    return print_schema(schema.graphql_schema) + "\n"


class Command(BaseCommand):
    help = "Write the GraphQL schema (SDL) to graphql_api/schema.graphql, or check that the file is current."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit non-zero if the committed file is stale.")

    def handle(self, *args, check=False, **options):
        target = Path(settings.BASE_DIR) / settings.GRAPHENE["SCHEMA_OUTPUT"]
        sdl = schema_sdl()
        if check:
            if not target.exists() or target.read_text() != sdl:
                self.stderr.write("graphql_api/schema.graphql is stale: run `make schema` and commit it.")
                raise SystemExit(1)
            self.stdout.write("GraphQL schema file is current.")
            return
        target.write_text(sdl)
        self.stdout.write(f"Wrote {target.relative_to(settings.BASE_DIR)}")
