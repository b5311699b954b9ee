"""The test settings plus one content type that no shared module knows of (docs/adding-a-content-type.md).

`make test-backend` runs tests/extension with these settings, apart from the main suite, so the seminar type never
reaches the committed schema file or the lab's site.
"""

from cms.settings.test import *  # noqa: F403
from cms.settings.test import CONTENT_APPS, GRAPPLE, INSTALLED_APPS, app_labels

CONTENT_APPS = [*CONTENT_APPS, "tests.extension.seminars"]
INSTALLED_APPS = [*INSTALLED_APPS, "tests.extension.seminars"]
GRAPPLE = {**GRAPPLE, "APPS": app_labels(CONTENT_APPS)}
