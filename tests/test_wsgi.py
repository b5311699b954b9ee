"""A worker loads the whole application before it serves, and moves it out of the garbage collector's reach
(cms/wsgi.py): the URLconf and the GraphQL schema are built, and the objects loaded so far are frozen."""

import json
import os
import subprocess
import sys

from django.conf import settings

PROBE = """
import gc, json, sys
import cms.wsgi
print(json.dumps({"frozen": gc.get_freeze_count(), "schema": "graphql_api.schema" in sys.modules,
                  "urls": "cms.urls" in sys.modules}))
"""


def test_the_wsgi_module_loads_everything_then_freezes_it():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=settings.BASE_DIR, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["schema"] and loaded["urls"]
    assert loaded["frozen"] > 100_000  # Django, Wagtail, the apps and the schema: about 190,000 objects
