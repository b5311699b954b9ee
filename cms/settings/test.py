"""The test suite: fast hashing, media in a temporary folder, the database from DATABASE_URL or SQLite."""

import tempfile

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, GRAPHQL_CACHE

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="labcms-test-media-")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not Django's default in-memory database: that one is opened in SQLite's shared-cache mode, whose table
    # locks fail at once with "database table is locked" instead of waiting out the busy timeout, so a second thread
    # (the webhook sender) failed whenever it wrote while the test's thread held a lock. A file behaves as production.
    DATABASES["default"]["TEST"] = {"NAME": f"{tempfile.mkdtemp(prefix='labcms-test-db-')}/test.sqlite3"}
WAGTAILADMIN_BASE_URL = "http://testserver"
FRONTEND_BASE_URL = "http://frontend.test"
# One process, so the local-memory cache is shared by everything the tests do: exercise the response cache.
GRAPHQL_CACHE = {**GRAPHQL_CACHE, "TIMEOUT": 300}
# Local memory even when REDIS_URL is set: each test empties the default cache, which on Redis would be FLUSHDB of a
# database shared with others. Tests of the Redis cache use REDIS_TEST_URL under a key prefix of their own.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# django-axes stays on; only the test client's login(), which passes no request, skips its check.
AUTHENTICATION_BACKENDS = [
    "tests.axes_backend.AxesBackendAllowingClientLogin",
    "django.contrib.auth.backends.ModelBackend",
]
