"""Under gunicorn with cms.settings.production, what the public API links to downloads and private files do not.

The process a production deployment runs (MEDIA_SERVE=django: no nginx in front), on its own SQLite database and
MEDIA_ROOT, fetched over real HTTP. Skipped where gunicorn is not installed.
"""

import json
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
import requests
from django.conf import settings

from tests.test_two_servers import free_port, manage, reachable

SEED = """
import json
from wagtail.models import Collection, CollectionViewRestriction
from wagtail_factories import DocumentFactory
from core.factories import ImageFactory
private = Collection.get_first_root_node().add_child(name="Embargoed")
CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
public_image = ImageFactory()
private_image = ImageFactory(collection=private)
rendition = private_image.get_rendition("width-320")
public_document = DocumentFactory(file__filename="paper.pdf", file__data=b"%PDF public")
private_document = DocumentFactory(collection=private, file__filename="draft.pdf", file__data=b"%PDF private")
print(json.dumps({
    "public_image": public_image.pk,
    "private_files": [private_image.file.url, rendition.url],
    "public_document": public_document.url,
    "private_document": private_document.url,
}))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent))
    if gunicorn is None:
        pytest.skip("gunicorn is not installed in this environment")
    folder = tmp_path_factory.mktemp("media-gunicorn")
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "SECRET_KEY": "media-gunicorn-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "MEDIA_SERVE": "django",
    }
    manage(env, "migrate", "--noinput")
    seeded = json.loads(manage(env, "shell", "-c", SEED).splitlines()[-1])
    port = free_port()
    process = subprocess.Popen(
        [gunicorn, "cms.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not reachable("127.0.0.1", port):
            assert process.poll() is None, "gunicorn exited at start"
            assert time.monotonic() < deadline, "gunicorn did not start within 60 s"
            time.sleep(0.2)
        yield {"url": f"http://127.0.0.1:{port}", **seeded}
    finally:
        process.terminate()
        process.wait(timeout=30)


def get(server, path):
    return requests.get(server["url"] + path, allow_redirects=False, timeout=30)


def test_gunicorn_serves_the_rendition_the_api_returns_and_refuses_private_files(server):
    query = f"{{ image(id: {server['public_image']}) {{ rendition(width: 320) {{ url }} }} }}"
    answer = requests.get(f"{server['url']}/graphql/?" + urlencode({"query": query}), timeout=30)
    assert answer.status_code == 200, answer.text
    rendition = get(server, urlsplit(answer.json()["data"]["image"]["rendition"]["url"]).path)
    assert rendition.status_code == 200
    assert rendition.headers["Content-Type"].startswith("image/") and rendition.content

    document = get(server, server["public_document"])
    assert (document.status_code, document.content) == (200, b"%PDF public")

    private_document = get(server, server["private_document"])
    assert private_document.status_code == 302 and "login" in private_document.headers["Location"]
    assert [get(server, path).status_code for path in server["private_files"]] == [404, 404]
