"""With Redis unreachable or hung, the API, feeds, sitemap and admin answer from the database; the cache resumes by
itself when Redis returns. Against a real, throw-away `redis-server` on a free port that the test stops, freezes
(SIGSTOP: a Redis that accepts connections and never answers) and restarts; never the shared one."""

import json
import logging
import shutil
import signal
import socket
import subprocess
import time
from urllib.parse import urlencode

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from blog.factories import BlogPostPageFactory
from blog.models import BlogPostPage
from cms.settings.base import redis_cache

POSTS = "{ blogPosts { items { title } } }"
RETRY_AFTER = 0.3
REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ThrowAwayRedis:
    def __init__(self):
        self.port = free_port()
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def throwaway_redis(settings):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed: the outage test needs a real Redis to stop")
    server = ThrowAwayRedis()
    server.start()
    config = redis_cache(f"redis://127.0.0.1:{server.port}/0", "outage")  # production's configuration
    config["OPTIONS"]["RETRY_AFTER"] = RETRY_AFTER
    try:
        with override_settings(CACHES={**settings.CACHES, "default": config}):
            yield server
    finally:
        server.stop()


def get(client, query=POSTS):
    started = time.monotonic()
    response = client.get("/graphql/?" + urlencode({"query": query}))
    return response, time.monotonic() - started


def titles(response):
    return [item["title"] for item in json.loads(response.content)["data"]["blogPosts"]["items"]]


def public_urls_answer(client):
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/feeds/blog/rss/").status_code == 200
    assert client.get("/admin/login/").status_code == 200


def test_the_site_answers_from_the_database_while_redis_is_down_and_the_cache_resumes(
    client, site_tree, throwaway_redis, caplog
):
    BlogPostPageFactory(parent=site_tree["blog"], slug="p", title="Post")
    assert get(client)[0]["X-Cache"] == "MISS"
    assert get(client)[0]["X-Cache"] == "HIT"

    throwaway_redis.stop()
    timings = []
    with caplog.at_level(logging.WARNING, logger="core.redis_cache"):
        for _ in range(5):
            response, seconds = get(client)
            timings.append(seconds)
            assert response.status_code == 200 and titles(response) == ["Post"]
            assert response["X-Cache"] == "MISS"
        public_urls_answer(client)
    assert len([r for r in caplog.records if r.name == "core.redis_cache"]) == 1  # logged once, not per call
    print(f"\nRedis stopped: GraphQL answers in {[round(t * 1000, 1) for t in timings]} ms")

    throwaway_redis.start()
    time.sleep(RETRY_AFTER)
    assert get(client)[0]["X-Cache"] == "MISS"
    assert get(client)[0]["X-Cache"] == "HIT"  # the cache resumed by itself


def test_a_hung_redis_costs_one_short_timeout_and_a_change_made_meanwhile_is_purged_on_return(
    client, site_tree, throwaway_redis
):
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="p", title="Before")
    get(client)
    assert get(client)[0]["X-Cache"] == "HIT"

    throwaway_redis.process.send_signal(signal.SIGSTOP)  # accepts connections, never answers
    timings = []
    for _ in range(5):
        response, seconds = get(client)
        timings.append(seconds)
        assert response.status_code == 200 and titles(response) == ["Before"]
    public_urls_answer(client)
    page = BlogPostPage.objects.get(pk=post.pk)
    page.title = "During the outage"
    page.save_revision().publish()  # its purge cannot reach Redis
    print(f"\nRedis hung: GraphQL answers in {[round(t * 1000, 1) for t in timings]} ms")

    throwaway_redis.process.send_signal(signal.SIGCONT)
    time.sleep(RETRY_AFTER)
    response, _ = get(client)
    assert titles(response) == ["During the outage"]  # not the answer Redis still held from before
    assert get(client)[0]["X-Cache"] == "HIT"


def test_a_cached_answer_is_one_round_trip_through_one_client(client, site_tree, throwaway_redis):
    BlogPostPageFactory(parent=site_tree["blog"], slug="p", title="Post")
    get(client)
    monitor = redis.Redis(port=throwaway_redis.port)
    before = monitor.info("stats")
    for _ in range(10):
        assert get(client)[0]["X-Cache"] == "HIT"
    after = monitor.info("stats")
    assert after["total_commands_processed"] - before["total_commands_processed"] - 1 == 10  # less the INFO
    assert after["total_connections_received"] == before["total_connections_received"]  # no new connection
    assert caches["default"]._cache.get_client() is caches["default"]._cache.get_client()
