"""These tests need the seminars app installed: they run only under tests.extension.settings."""

import os

EXTENSION_SETTINGS = "tests.extension.settings"

if os.environ.get("DJANGO_SETTINGS_MODULE") != EXTENSION_SETTINGS:
    collect_ignore_glob = ["test_*.py"]
