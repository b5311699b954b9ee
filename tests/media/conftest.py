import pytest
from wagtail.models import Collection, CollectionViewRestriction

from core.factories import ImageFactory
from tests.redis_keys import clear_local_cache


@pytest.fixture
def private_collection(db):
    """A collection nested in one that only logged-in users may see: private by inheritance."""
    restricted = Collection.get_first_root_node().add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(collection=restricted, restriction_type=CollectionViewRestriction.LOGIN)
    return restricted.add_child(name="Camera-ready")


@pytest.fixture
def public_image(db):
    return ImageFactory(title="Public figure")


@pytest.fixture
def private_image(private_collection):
    return ImageFactory(title="Embargoed figure", collection=private_collection)


@pytest.fixture(autouse=True)
def empty_renditions_cache():
    """Wagtail caches renditions by image id, which a rolled-back test may hand on to the next one."""
    clear_local_cache("renditions")
