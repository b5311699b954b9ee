"""The load benchmark (`make bench`, bench/run.py): production settings, served over plain HTTP on loopback.

bench/run.py sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and MEDIA_ROOT in the environment, so
everything below is production's except:

- no HTTPS redirect and no HSTS: gunicorn listens on 127.0.0.1 without TLS and there is no proxy in front;
- the URLconf is bench.urls: the project's own URLs plus Wagtail's REST API v2 (the baseline the GraphQL listing
  is compared with) and /bench/floor/ (a fixed JSON body: the cost of Django and gunicorn alone);
- the search index is not updated on save: the dataset generator writes thousands of pages, and no measured
  request searches;
- the shared cache must be Redis (the production setup that the cached measurements are about).
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .production import *  # noqa: F403
from .production import INSTALLED_APPS, REDIS_URL, WAGTAILSEARCH_BACKENDS

if not REDIS_URL:
    raise ImproperlyConfigured("The benchmark measures the shared cache: set REDIS_URL (bench/run.py does).")

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_PRELOAD = False
SECURE_HSTS_INCLUDE_SUBDOMAINS = False

ROOT_URLCONF = "bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]
WAGTAILSEARCH_BACKENDS = {
    name: {**backend, "AUTO_UPDATE": False} for name, backend in WAGTAILSEARCH_BACKENDS.items()
}  # fmt: skip
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1")
