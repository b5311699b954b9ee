"""Settings shared by every environment; each value that differs between machines comes from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# The apps whose models are content: installed first, and exposed by grapple (GRAPPLE["APPS"], by app label).
# A new content type is a new app added here; everything else it declares itself (docs/adding-a-content-type.md).
CONTENT_APPS = ["core", "home", "research", "people", "blog", "news", "lab", "publications"]


def app_labels(app_names):
    return [name.rsplit(".", 1)[-1] for name in app_names]


INSTALLED_APPS = [
    *CONTENT_APPS,
    "previews",
    "citations",
    "webhooks",
    "feeds",
    "wagtail_headless_preview",
    "grapple",
    "graphene_django",
    "graphql_api",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    "corsheaders",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Security (docs/security.md): request bodies and the statement timeout of the public API, the
    # Content-Security-Policy of every response, and axes last, as its documentation requires.
    "graphql_api.middleware.RequestBodyMiddleware",
    "graphql_api.middleware.StatementTimeoutMiddleware",
    "cms.security.PathCSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default so that a fresh clone runs with nothing but Python.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}

# --- Database timeouts (docs/security.md) ---------------------------------------------------------------------
# A database that never answers must not hold a worker until gunicorn kills it: libpq gives up connecting after
# DB_CONNECT_TIMEOUT seconds (its minimum is 2). Public API reads are cut after GRAPHQL_STATEMENT_TIMEOUT_MS by
# graphql_api.middleware.StatementTimeoutMiddleware; the admin and imports keep PostgreSQL's default (none).
DB_CONNECT_TIMEOUT = int(os.environ.get("DB_CONNECT_TIMEOUT", "5"))
GRAPHQL_STATEMENT_TIMEOUT_MS = int(os.environ.get("GRAPHQL_STATEMENT_TIMEOUT_MS", "5000"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": DB_CONNECT_TIMEOUT, **DATABASES["default"].get("OPTIONS", {})}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The admin writes from several requests at once (autosave, image thumbnails): take the write lock at the start
    # of a transaction and wait for it, instead of failing half-way with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }

REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_cache(url, key_prefix):
    """Django's Redis cache that fails soft: an unreachable or slow Redis is a miss (core.redis_cache)."""
    socket_timeout = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
    return {
        "BACKEND": "core.redis_cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {"socket_timeout": socket_timeout, "socket_connect_timeout": socket_timeout},
    }


if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, os.environ.get("CACHE_KEY_PREFIX", "labcms"))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Wagtail writes every rendition it returns into this cache; a per-process one saves a Redis round trip per image,
# as Wagtail's documentation recommends (the renditions themselves live in the database). core.rendition_cache keeps
# them as column snapshots instead of pickles: LocMemCache's pickling was ~5% of an uncached listing's CPU (issue 12).
CACHES["renditions"] = {
    "BACKEND": "core.rendition_cache.RenditionCache",
    "LOCATION": "renditions",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# --- Login throttling with django-axes (docs/security.md) -------------------------------------------------------
# Failed logins (the Wagtail admin, Django's admin, page and document passwords) are recorded in the database;
# after AXES_FAILURE_LIMIT failures one username from one IP address is locked out for AXES_COOLOFF_MINUTES, even
# with the right password. Unlock early with `manage.py axes_reset_username <name>` (or `axes_reset`).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=float(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip"
# How many reverse proxies in front append to X-Forwarded-For: the client is the address they saw. 0: REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "MIT HAN Lab")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_IMAGE_MODEL = "core.LabImage"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip", "bib"]

# The decoupled frontend(s). Page URLs in the API, previews and feeds point here.
FRONTEND_BASE_URL = os.environ.get("FRONTEND_BASE_URL", "http://localhost:3000").rstrip("/")
FRONTEND_ORIGINS = env_list("FRONTEND_ORIGINS", FRONTEND_BASE_URL)

# wagtail-headless-preview: the admin's Preview button opens the frontend's preview route.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": f"{FRONTEND_BASE_URL}/api/preview"},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}

CORS_ALLOWED_ORIGINS = FRONTEND_ORIGINS
CORS_URLS_REGEX = r"^/graphql/$"
CORS_ALLOW_METHODS = ["GET", "POST", "OPTIONS"]

# Image filters a frontend may ask for: every rendition costs disk and CPU, so the set is closed.
IMAGE_RENDITION_WIDTHS = [320, 480, 640, 800, 1024, 1280, 1600, 1920]
GRAPPLE = {
    "APPS": app_labels(CONTENT_APPS),
    "PAGE_INTERFACE": "graphql_api.interfaces.PublicPageInterface",
    "EXPOSE_GRAPHIQL": False,
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
    "ALLOWED_IMAGE_FILTERS": [
        *(f"width-{w}" for w in IMAGE_RENDITION_WIDTHS),
        *(f"width-{w}|format-webp" for w in IMAGE_RENDITION_WIDTHS),
        "fill-400x400",
        "fill-800x450",
        "fill-1200x630",
        "original",
    ],
}
GRAPHENE = {
    "SCHEMA": "graphql_api.schema.schema",
    "SCHEMA_OUTPUT": "graphql_api/schema.graphql",
    "SCHEMA_INDENT": 2,
    # The API's field middleware (private media, batches, cache tags) is applied at schema build to object fields
    # only (graphql_api.schema): here it would wrap every scalar field of every item too.
    "MIDDLEWARE": [],
}

# Limits on what one GraphQL request may cost; each refusal names the limit.
GRAPHQL_LIMITS = {
    "MAX_DEPTH": int(os.environ.get("GRAPHQL_MAX_DEPTH", "10")),
    "MAX_ALIASES": int(os.environ.get("GRAPHQL_MAX_ALIASES", "15")),
    "MAX_ROOT_FIELDS": int(os.environ.get("GRAPHQL_MAX_ROOT_FIELDS", "15")),
    "MAX_TOKENS": int(os.environ.get("GRAPHQL_MAX_TOKENS", "2000")),
    "MAX_DOCUMENT_CHARS": int(os.environ.get("GRAPHQL_MAX_DOCUMENT_CHARS", "15000")),
    "MAX_OPERATIONS": int(os.environ.get("GRAPHQL_MAX_OPERATIONS", "10")),
    "MAX_COST": int(os.environ.get("GRAPHQL_MAX_COST", "18000")),
    # An upper bound of the SQL queries a document runs (graphql_api.query_estimate), calibrated by tests/graphql_api/
    # test_cost.py so that an accepted document runs at most this many on the benchmark's large dataset.
    "MAX_QUERIES": int(os.environ.get("GRAPHQL_MAX_QUERIES", "150")),
    "DEFAULT_LIST_SIZE": int(os.environ.get("GRAPHQL_DEFAULT_LIST_SIZE", "10")),
    "MAX_SECONDS": float(os.environ.get("GRAPHQL_MAX_SECONDS", "10")),
    "MAX_BODY_BYTES": int(os.environ.get("GRAPHQL_MAX_BODY_BYTES", str(1_048_576))),
    "MAX_SEARCH_TERMS_CHARS": 200,
}
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", default=True)
# Public responses in the shared cache (invalidated on every content change) and their HTTP lifetime for GET.
# Server-side caching needs a cache every process shares (Redis): with a per-process cache, a publish in one
# process (a worker, cron's publish_scheduled) could not invalidate another's copy. Without REDIS_URL it is off.
GRAPHQL_CACHE = {
    "TIMEOUT": int(os.environ.get("GRAPHQL_CACHE_TIMEOUT", "300" if REDIS_URL else "0")),
    "MAX_AGE": int(os.environ.get("GRAPHQL_CACHE_MAX_AGE", "60")),
    # Automatic persisted queries: only validated documents, in a table of at most this many slots (a newcomer
    # replaces the document in its slot), each for a day: at most SLOTS x MAX_DOCUMENT_CHARS bytes (docs/redis.md).
    "PERSISTED_QUERY_TIMEOUT": int(os.environ.get("GRAPHQL_PERSISTED_QUERY_TIMEOUT", str(24 * 3600))),
    "PERSISTED_QUERY_SLOTS": int(os.environ.get("GRAPHQL_PERSISTED_QUERY_SLOTS", "1000")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "3600"))
# Shareable preview links: an editor picks the expiry, at most this many days ahead.
PREVIEW_LINK_MAX_DAYS = int(os.environ.get("PREVIEW_LINK_MAX_DAYS", "7"))

# The home page's open-source listing: projects with at least this many GitHub stars.
OPEN_SOURCE_MIN_STARS = int(os.environ.get("OPEN_SOURCE_MIN_STARS", "1000"))

# Publish webhooks (webhooks/) and feeds (feeds/): see docs/webhooks-and-feeds.md.
# How a committed delivery is sent: "task" (queued on TASKS, sent by the worker), "sync" (inside the commit hook;
# tests), or "cron" (only deliver_webhooks sends).
WEBHOOKS_DELIVERY_MODE = os.environ.get("WEBHOOKS_DELIVERY_MODE", "task")
WEBHOOKS_TASK_BACKEND = os.environ.get("WEBHOOKS_TASK_BACKEND", "queue")
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
WEBHOOKS_MAX_ATTEMPTS = int(os.environ.get("WEBHOOKS_MAX_ATTEMPTS", "6"))
# Seconds before the 1st, 2nd, ... retry: 1 min, 5 min, 30 min, 2 h, 12 h (the last repeats).
WEBHOOKS_RETRY_DELAYS = [60, 300, 1800, 7200, 43200]
# The task queue (django-tasks with its database backend): webhook deliveries and the periodic jobs below, run by
# `manage.py run_worker` (README, "Production"). No cron: the worker runs each command every so many seconds.
# Wagtail's own tasks (search index and reference updates) stay on "default", inline as before; "queue" is the
# worker's (WORKER_TASK_BACKEND).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "queue": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WORKER_TASK_BACKEND = "queue"
# Seconds between runs of each periodic job; PUBLISH_SCHEDULED_EVERY shortens scheduled publishing's (the e2e test).
PERIODIC_COMMANDS = [
    ("publish_scheduled", int(os.environ.get("PUBLISH_SCHEDULED_EVERY", "60"))),
    ("deliver_webhooks", 60),
]
# --- Webhook targets (docs/security.md) --------------------------------------------------------------------------
# Endpoints may not point at loopback, private, link-local or reserved addresses (checked when saved and again after
# DNS resolution when sent), except these hosts, e.g. "localhost,127.0.0.1" for a frontend in development.
WEBHOOK_ALLOWED_INTERNAL_HOSTS = env_list("WEBHOOK_ALLOWED_INTERNAL_HOSTS")
# Fernet keys that encrypt endpoint secrets at rest, newest first (webhooks.secrets); empty: one derived from
# SECRET_KEY (and SECRET_KEY_FALLBACKS). Rotation: docs/webhooks-and-feeds.md, "Secrets".
WEBHOOK_SECRET_KEYS = env_list("WEBHOOK_SECRET_KEYS")
# Items in each RSS/Atom feed.
FEEDS_MAX_ITEMS = int(os.environ.get("FEEDS_MAX_ITEMS", "30"))

# Media files (docs/media.md; owned by core/media.py). Nothing under MEDIA_ROOT is served as a folder: documents go
# through Wagtail's view and image files through core.media.serve_image_file, both of which enforce collection
# privacy. MEDIA_SERVE says who then sends the bytes: "django" streams them from Python; "nginx" answers with an
# X-Accel-Redirect to MEDIA_ACCEL_REDIRECT_PREFIX, an `internal` nginx location over MEDIA_ROOT.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
SENDFILE_BACKEND = "core.media"
MEDIA_SERVE = os.environ.get("MEDIA_SERVE", "django")
MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("MEDIA_ACCEL_REDIRECT_PREFIX", "/protected-media/")
MEDIA_PUBLIC_MAX_AGE = int(os.environ.get("MEDIA_PUBLIC_MAX_AGE", "3600"))

# --- Content-Security-Policy (django-csp; docs/security.md) -----------------------------------------------------
# The admin's policy. Wagtail 7's admin still renders inline <script> (inline panels, date pickers) and inline
# styles, so both need 'unsafe-inline'; the rest is closed: no plugins, no foreign forms, base URL or framing, and
# scripts, fetches and fonts only from this origin. Images may come from any https origin (embed thumbnails,
# avatars, media on object storage); the preview panel frames the frontend.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", FRONTEND_BASE_URL],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
# Responses under these paths are data, never rendered: nothing may load from them and nobody may frame them.
CSP_API_PATHS = ("/graphql/",)
CSP_API_DIRECTIVES = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}

# `import_content` (core/content): the largest YAML file, and the largest dataset, it reads; larger ones are refused
# before parsing (about a second and 35 MB of memory per MB of YAML). Image files follow WAGTAILIMAGES_MAX_UPLOAD_SIZE.
CONTENT_IMPORT_MAX_FILE_BYTES = int(os.environ.get("CONTENT_IMPORT_MAX_FILE_BYTES", str(2 * 1024 * 1024)))
CONTENT_IMPORT_MAX_TOTAL_BYTES = int(os.environ.get("CONTENT_IMPORT_MAX_TOTAL_BYTES", str(10 * 1024 * 1024)))
# The admin's publication import: BibTeX entries per upload (about 0.1 s each, well inside gunicorn's 30 s;
# `manage.py import_publications --bibtex FILE` has no limit).
BIBTEX_ADMIN_MAX_ENTRIES = int(os.environ.get("BIBTEX_ADMIN_MAX_ENTRIES", "100"))

# --- Publications' outside sources (README, "Publications") -----------------------------------------------------
# Base URLs of the APIs `import_publications` and `refresh_citation_counts` read; tests point them at a local server.
PUBLICATIONS_CROSSREF_URL = os.environ.get("PUBLICATIONS_CROSSREF_URL", "https://api.crossref.org")
PUBLICATIONS_ARXIV_URL = os.environ.get("PUBLICATIONS_ARXIV_URL", "https://export.arxiv.org/api")
PUBLICATIONS_ORCID_URL = os.environ.get("PUBLICATIONS_ORCID_URL", "https://pub.orcid.org/v3.0")
PUBLICATIONS_OPENALEX_URL = os.environ.get("PUBLICATIONS_OPENALEX_URL", "https://api.openalex.org")
# Crossref and OpenAlex serve requests that give a contact address faster ("polite pool").
PUBLICATIONS_MAILTO = os.environ.get("PUBLICATIONS_MAILTO", "")
# A 429 or 5xx is asked again this many times, waiting Retry-After or BACKOFF * 2**attempt seconds.
PUBLICATIONS_HTTP_RETRIES = int(os.environ.get("PUBLICATIONS_HTTP_RETRIES", "3"))
PUBLICATIONS_BACKOFF_SECONDS = float(os.environ.get("PUBLICATIONS_BACKOFF_SECONDS", "1"))
