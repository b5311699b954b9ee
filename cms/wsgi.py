"""The WSGI application (gunicorn's `cms.wsgi:application`), loaded whole before it serves.

Each worker imports the URLconf and builds the GraphQL schema here rather than on its first request, then moves
everything loaded so far out of the garbage collector's reach (`gc.freeze`: they stay, and are no longer scanned):
otherwise every full collection walks those ~190,000 long-lived objects again, a pause of about 100 ms every few
dozen requests (docs/benchmark.md). What a request creates is collected as usual, in young-generation passes
started every 20,000 net allocations rather than every 700: with the default, a 20-post GraphQL listing started
about 4 young passes and a third of a middle one per request; with 20,000, one young pass every 8 requests (GC time
per listing 1.4 -> 0.7 ms, in one process on the bench's large dataset).
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
gc.set_threshold(20_000, 20, 20)
