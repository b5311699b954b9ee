"""Two server processes and one task worker share PostgreSQL and Redis: what one server publishes, the other serves
in its very next answer, and the worker delivers the webhook.

The production layout (stateless gunicorn processes, one database, Redis for cache and invalidation, a worker for
the task queue), for real: two gunicorn servers under production settings, `manage.py run_worker`, an editor
publishing through the first one's admin, a reader asking the second, and a webhook receiver. Skipped, with the
reason, where PostgreSQL, Redis or gunicorn is absent.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest
import requests
from django.conf import settings

from tests.redis_keys import REDIS_URL, delete_prefixed, unique_prefix
from tests.webhooks.conftest import SECRET, Receiver

POSTGRES = "postgres://postgres@127.0.0.1:5432/"
POSTS = "{ blogPosts { items { title } } }"
PROXY = {"Host": "127.0.0.1"}

SEED = """
from wagtail.models import Page, Site
from blog.factories import BlogIndexPageFactory, BlogPostPageFactory
from home.factories import HomePageFactory
from django.contrib.auth import get_user_model
root = Page.get_first_root_node()
for child in root.get_children():
    child.delete()
home = HomePageFactory(parent=root)
Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "127.0.0.1", "port": 80, "root_page": home})
post = BlogPostPageFactory(parent=BlogIndexPageFactory(parent=home), slug="shared", title="Live title")
post.title = "Published through A"
post.save_revision()
get_user_model().objects.create_superuser("editor", "editor@example.org", "two-servers-pw")
print(post.pk)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def reachable(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def environment(tmp_path_factory):
    if not reachable("127.0.0.1", 5432):
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432: the two-server test needs it")
    if not reachable("127.0.0.1", 6379):
        pytest.skip("Redis is not reachable on 127.0.0.1:6379: the two-server test needs it")
    if shutil.which("gunicorn", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("gunicorn is not installed in this environment")
    import psycopg
    import redis

    database = f"labcms_two_servers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{database}"')
    cache_prefix = unique_prefix("two-servers")  # this run's keys only: other runs may share the database
    folder = tmp_path_factory.mktemp("two-servers")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": POSTGRES + database,
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": cache_prefix,
        "SECRET_KEY": "two-servers-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "WEBHOOK_ALLOWED_INTERNAL_HOSTS": "127.0.0.1",
    }
    try:
        yield env
    finally:
        delete_prefixed(redis.Redis.from_url(REDIS_URL), cache_prefix)
        with psycopg.connect(POSTGRES + "postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def servers(environment):
    manage(environment, "migrate", "--noinput")
    manage(environment, "collectstatic", "--noinput")
    post_id = int(manage(environment, "shell", "-c", SEED).split()[-1])
    receiver = Receiver().start()
    endpoint = (
        "from webhooks.models import WebhookEndpoint as E; "
        f"E.objects.create(name='Frontend', url='{receiver.url}', secret='{SECRET}')"
    )
    manage(environment, "shell", "-c", endpoint)
    processes, urls = [], []
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    try:
        processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
                cwd=settings.BASE_DIR,
                env=environment,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        for _ in range(2):
            port = free_port()
            processes.append(
                subprocess.Popen(
                    [gunicorn, "cms.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                    cwd=settings.BASE_DIR,
                    env=environment,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            deadline = time.monotonic() + 60
            while not reachable("127.0.0.1", int(url.rsplit(":", 1)[1])):
                assert time.monotonic() < deadline, f"{url} did not start within 60 s"
                time.sleep(0.2)
        yield {"a": urls[0], "b": urls[1], "post_id": post_id, "receiver": receiver}
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        receiver.stop()


def titles(url):
    # Both servers sit behind one reverse proxy in production, so both see the site's own Host header.
    response = requests.get(f"{url}/graphql/?" + urlencode({"query": POSTS}), headers=PROXY, timeout=30)
    response.raise_for_status()
    return [item["title"] for item in response.json()["data"]["blogPosts"]["items"]], response.headers.get("X-Cache")


def publish_in_admin(url, page_id):
    """Log in to the admin and publish the page's latest revision with the bulk 'Publish' action."""
    session = requests.Session()
    cookies = {}

    def remember(response):
        # The production cookies are Secure, so a client on plain http would not send them back; carry them by hand.
        for name in ("csrftoken", "sessionid"):
            if match := re.search(rf"{name}=([^;]+)", response.headers.get("Set-Cookie", "")):
                cookies[name] = match.group(1)

    login = session.get(f"{url}/admin/login/", timeout=30)
    remember(login)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    answer = session.post(
        f"{url}/admin/login/", data={"username": "editor", "password": "two-servers-pw", "csrfmiddlewaretoken": token},
        cookies=cookies, allow_redirects=False, timeout=30,
    )  # fmt: skip
    assert answer.status_code == 302, answer.text[:500]
    remember(answer)
    action = f"{url}/admin/bulk/wagtailcore/page/publish/?" + urlencode({"id": page_id, "next": "/admin/"})
    confirm = session.get(action, cookies=cookies, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.text).group(1)
    published = session.post(
        action, data={"csrfmiddlewaretoken": token}, cookies=cookies, allow_redirects=False, timeout=30
    )
    assert published.status_code == 302, published.text[:500]


def test_what_one_server_publishes_the_other_serves_at_once(servers):
    assert titles(servers["b"]) == (["Live title"], "MISS")
    assert titles(servers["b"]) == (["Live title"], "HIT")  # B's answer now sits in the shared Redis cache
    assert titles(servers["a"]) == (["Live title"], "HIT")  # ... which A reads too

    publish_in_admin(servers["a"], servers["post_id"])

    assert titles(servers["b"]) == (["Published through A"], "MISS")
    # The worker, not the web server, sent the webhook: the delivery is a task in the shared database.
    deadline = time.monotonic() + 60
    while not servers["receiver"].requests:
        assert time.monotonic() < deadline, "the worker did not deliver the webhook within 60 s"
        time.sleep(0.2)
    [delivery] = servers["receiver"].requests
    assert (delivery["payload"]["event"], delivery["answered"]) == ("page.published", 200)
    assert delivery["payload"]["url_path"] == "/blog/shared/"
