import pytest

from research.factories import ProjectIndexPageFactory


@pytest.fixture
def project_index(site_tree):
    return ProjectIndexPageFactory(parent=site_tree["home"], title="Projects", slug="projects")
