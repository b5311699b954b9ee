"""The one public GraphQL endpoint."""

from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from graphene_django.views import GraphQLView


@method_decorator(csrf_exempt, name="dispatch")
class PublicGraphQLView(GraphQLView):
    """Anonymous and cookie-less: it reads no session, so it needs no CSRF token and sets no cookie."""

    graphiql = False


class GraphiQLView(PublicGraphQLView):
    """GraphiQL for developers; only routed when DEBUG is on."""

    graphiql = True
