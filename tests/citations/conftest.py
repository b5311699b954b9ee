import pytest

from research.models import ProjectIndexPage


@pytest.fixture
def project_index(site_tree):
    return site_tree["home"].add_child(instance=ProjectIndexPage(title="Projects", slug="projects"))
