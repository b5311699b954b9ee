"""core.rendition_cache.RenditionCache, CACHES["renditions"]: LocMemCache's semantics without its pickling (issue 12).

A listing of images resolved `srcSet` from prefetched renditions and still pickled each one into LocMemCache. Here the
backend's get/set/delete/clear/eviction, that it keeps model instances unpickled (pickle.dumps counted through a
counting wrapper) and hands out a fresh instance each time (Wagtail sets `rendition.image` on what it reads), and that
the blog listing through the real endpoint answers as it did with LocMemCache.
"""

import pickle
import threading
import uuid
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings

from core.factories import ImageFactory
from core.models import LabRendition
from core.rendition_cache import RenditionCache
from tests.frontend_documents import frontend_operation
from tests.graphql_api.test_optimizer_selection import build_listing_site
from tests.redis_keys import clear_local_cache

POSTS = 6
BACKEND = "core.rendition_cache.RenditionCache"


def backend(max_entries=300, location=None):
    """A cache of its own store (LOCATION), as Django builds one per thread for an alias."""
    return RenditionCache(location or f"test-{uuid.uuid4().hex}", {"OPTIONS": {"MAX_ENTRIES": max_entries}})


@pytest.fixture
def pickled(monkeypatch):
    """The types of the values `pickle.dumps` is asked to pickle inside the test (the real function still runs)."""
    types = Counter()
    dumps = pickle.dumps

    def counting(value, *args, **kwargs):
        types[type(value).__name__] += 1
        return dumps(value, *args, **kwargs)

    monkeypatch.setattr(pickle, "dumps", counting)
    return types


@pytest.fixture
def rendition(db):
    image = ImageFactory()
    return LabRendition.objects.create(
        image=image, filter_spec="width-320", focal_point_key="", file="images/x.width-320.png", width=320, height=160
    )


def test_the_renditions_alias_is_this_backend():
    assert settings.CACHES["renditions"]["BACKEND"] == BACKEND
    assert isinstance(caches["renditions"], RenditionCache)
    assert isinstance(caches["renditions"], LocMemCache)  # tests empty it as a local-memory cache


def test_get_set_add_delete_clear():
    cache = backend()
    assert cache.get("a") is None
    assert cache.get("a", "default") == "default"
    cache.set("a", "one")
    assert cache.get("a") == "one"
    assert cache.has_key("a")
    assert cache.add("a", "two") is False
    assert cache.add("b", "two") is True
    assert cache.get_many(["a", "b", "c"]) == {"a": "one", "b": "two"}
    cache.set_many({"c": 3, "d": 4})
    assert cache.incr("c") == 4
    assert cache.get("c") == 4
    with pytest.raises(ValueError):
        cache.incr("missing")
    assert cache.touch("c", 60) is True
    assert cache.touch("missing", 60) is False
    assert cache.delete("a") is True
    assert cache.delete("a") is False
    assert cache.get("a") is None
    cache.clear()
    assert cache.get_many(["b", "c", "d"]) == {}


def test_timeouts_expire_entries():
    cache = backend()
    cache.set("gone", "x", timeout=-1)
    cache.set("kept", "y", timeout=None)
    assert cache.get("gone") is None
    assert not cache.has_key("gone")
    assert cache.get("kept") == "y"


def test_versions_and_prefixes_make_distinct_keys():
    cache = backend()
    cache.set("k", "v1", version=1)
    cache.set("k", "v2", version=2)
    assert (cache.get("k", version=1), cache.get("k", version=2)) == ("v1", "v2")
    cache.delete("k", version=2)
    assert (cache.get("k", version=1), cache.get("k", version=2)) == ("v1", None)


def test_full_cache_evicts_the_least_recently_used():
    cache = backend(max_entries=3)
    for key in "abc":
        cache.set(key, key)
    cache.get("a")  # "b" is now the least recently used
    cache.set("d", "d")
    assert cache.get_many(["a", "b", "c", "d"]) == {"a": "a", "c": "c", "d": "d"}


def test_every_thread_shares_one_store():
    """Django builds a backend per thread for an alias: all of them see one store, under one lock."""
    location = f"test-{uuid.uuid4().hex}"
    backend(location=location).set("k", "written by the main thread")
    seen = []

    def worker(n):
        cache = backend(location=location)
        seen.append(cache.get("k"))
        for i in range(200):
            cache.set(f"{n}-{i}", i)
            assert cache.get(f"{n}-{i}") == i

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == ["written by the main thread"] * 4
    assert backend(location=location).get("3-199") == 199


def test_a_rendition_is_kept_unpickled_and_read_as_a_fresh_instance(rendition, pickled):
    cache = backend()
    image = rendition.image  # the rendition holds its image: a pickle would carry it along
    cache.set("r", rendition)
    first, second = cache.get("r"), cache.get("r")
    assert sum(pickled.values()) == 0, pickled
    assert first is not rendition and second is not first
    for copy in (first, second):
        assert type(copy) is LabRendition
        assert (copy.pk, copy.image_id, copy.filter_spec, copy.width, copy.url) == (
            rendition.pk,
            image.pk,
            "width-320",
            320,
            rendition.url,
        )
        assert not copy._state.adding and copy._state.db == "default"
        assert "image" not in copy._state.fields_cache  # no image kept alive in the cache
    # What Wagtail does to a rendition it reads (for the reading image's contextual alt text) stays on that one.
    first.image = image
    first.image.contextual_alt_text = "A block's own alt text"
    assert "image" not in cache.get("r")._state.fields_cache
    assert cache.get("r").image.pk == image.pk  # loaded on access, as after unpickling


def test_other_values_are_pickled_as_locmemcache_does(pickled):
    cache = backend()
    value = {"mutable": ["list"]}
    cache.set("d", value)
    value["mutable"].append("changed after set")
    assert cache.get("d") == {"mutable": ["list"]}
    assert pickled == {"dict": 1}


def test_a_rendition_found_prefetched_is_not_written_back(rendition):
    """Wagtail marks a rendition it found among the prefetched ones `_from_cache`; get_rendition writes it anyway."""
    cache = backend()
    rendition._from_cache = True
    cache.set("r", rendition)
    assert cache.get("r") is None


def test_a_deleted_rendition_leaves_the_cache(rendition):
    cache = caches["renditions"]
    key = rendition.get_cache_key()
    cache.set(key, LabRendition.objects.get(pk=rendition.pk))
    assert cache.get(key).pk == rendition.pk
    rendition.delete()  # Wagtail's post_delete handler: purge_from_cache
    assert cache.get(key) is None


def test_an_image_reads_its_rendition_from_the_cache(rendition):
    """Not prefetched: Wagtail asks the cache before the database, and gets an instance of its own."""
    clear_local_cache("renditions")
    image = rendition.image
    written = image.get_rendition("width-320")  # from the database, then written to the cache
    assert caches["renditions"].get(rendition.get_cache_key()).pk == rendition.pk
    image = type(image).objects.get(pk=image.pk)
    read = image.get_rendition("width-320")
    assert read.pk == written.pk and read is not written
    assert read.image is image


def listing(graphql):
    """The blog listing's answer, past the response cache."""
    with override_settings(GRAPHQL_CACHE={**settings.GRAPHQL_CACHE, "TIMEOUT": 0}):
        return graphql.query(frontend_operation("BlogPostList"), {"perPage": POSTS})


@pytest.fixture
def listing_site(site_tree):
    build_listing_site(site_tree, POSTS)


def test_the_listing_answers_the_same_and_pickles_no_rendition(graphql, listing_site, monkeypatch):
    answers, renditions_pickled = {}, {}
    for name, renditions_backend in [
        ("locmem", "django.core.cache.backends.locmem.LocMemCache"),
        ("snapshots", BACKEND),
    ]:
        location = f"test-{uuid.uuid4().hex}"
        cache_settings = {**settings.CACHES, "renditions": {"BACKEND": renditions_backend, "LOCATION": location}}
        with override_settings(CACHES=cache_settings):
            listing(graphql)  # makes any rendition missing
            types = Counter()
            dumps = pickle.dumps

            def counting(value, *args, _types=types, _dumps=dumps, **kwargs):
                _types[type(value).__name__] += 1
                return _dumps(value, *args, **kwargs)

            monkeypatch.setattr(pickle, "dumps", counting)
            answers[name] = listing(graphql)
            monkeypatch.setattr(pickle, "dumps", dumps)
            renditions_pickled[name] = types["LabRendition"]
    items = answers["snapshots"]["blogPosts"]["items"]
    assert len(items) == POSTS and all(item["heroImage"]["srcSet"].count("w, ") == 1 for item in items)
    assert answers["snapshots"] == answers["locmem"]
    # Each card's srcSet: 2 renditions, prefetched, that LocMemCache pickled all the same.
    assert renditions_pickled == {"locmem": 2 * POSTS, "snapshots": 0}
