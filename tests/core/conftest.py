import pytest

RECORDED = []


class RecordingTagBackend:
    """A frontend-cache backend that purges by tag, recording what it was asked (core.frontend_cache)."""

    def __init__(self, params):
        pass

    def purge_tags(self, tags):
        RECORDED.append(("tags", list(tags)))


@pytest.fixture
def cdn(settings):
    """The CDN purges made during a test, as ("tags", [tag, ...]) entries."""
    RECORDED.clear()
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingTagBackend"}}
    return RECORDED
