"""Local development: debug on, GraphiQL served, a fixed insecure key unless one is given."""

import os

from .base import *  # noqa: F403
from .base import GRAPPLE, env_list

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
GRAPPLE = {**GRAPPLE, "EXPOSE_GRAPHIQL": True}
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
