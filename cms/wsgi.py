"""The WSGI application (gunicorn's `cms.wsgi:application`), loaded whole before it serves.

Each worker imports the URLconf and builds the GraphQL schema here rather than on its first request, then moves
everything loaded so far out of the garbage collector's reach (`gc.freeze`: they stay, and are no longer scanned):
otherwise every full collection walks those ~190,000 long-lived objects again, a pause of about 100 ms every few
dozen requests (docs/benchmark.md). What a request creates is collected as usual.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()


def _load_everything():
    from graphene_django.settings import graphene_settings

    get_resolver().url_patterns  # noqa: B018 - imports every app's URLs and views
    graphene_settings.SCHEMA  # noqa: B018 - builds the GraphQL schema


_load_everything()
gc.freeze()
