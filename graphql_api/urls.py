from django.conf import settings
from django.urls import path

from .views import GraphiQLView, PublicGraphQLView

urlpatterns = [path("graphql/", PublicGraphQLView.as_view(), name="graphql")]

if settings.DEBUG:
    urlpatterns.append(path("graphiql/", GraphiQLView.as_view(), name="graphiql"))
