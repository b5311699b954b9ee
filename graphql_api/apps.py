from django.apps import AppConfig


class GraphQLApiConfig(AppConfig):
    name = "graphql_api"
    verbose_name = "GraphQL API"

    def ready(self):
        from .cache import connect_invalidation
        from .streamfield import register_public_chooser_blocks

        register_public_chooser_blocks()
        connect_invalidation()
