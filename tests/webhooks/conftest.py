"""A real HTTP receiver on 127.0.0.1, in a thread, that checks signatures as a frontend would."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webhooks import signing
from webhooks.models import WebhookEndpoint

SECRET = "test-secret-0123456789abcdef"


class Receiver:
    def __init__(self, secret=SECRET):
        self.secret = secret
        self.requests = []  # each: {"path", "headers", "body", "payload", "answered"}
        self.statuses = []  # answers to give, in order; 200 once they run out
        self.delay = 0.0
        self.answering = threading.Event()  # clear it to hold every answer until it is set again
        self.answering.set()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.delay:
                    time.sleep(receiver.delay)
                receiver.answering.wait(timeout=30)
                with receiver._lock:
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    if status == 200 and receiver.secret:
                        try:
                            signing.verify(receiver.secret, self.headers.get(signing.SIGNATURE_HEADER), body)
                        except signing.InvalidSignature:
                            status = 401
                    receiver.requests.append(
                        {
                            "path": self.path,
                            "headers": dict(self.headers),
                            "body": body,
                            "payload": json.loads(body or b"null"),
                            "answered": status,
                        }
                    )
                message = json.dumps({"status": status}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(message)))
                self.end_headers()
                self.wfile.write(message)

            def log_message(self, format, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/api/revalidate/"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def deliver_inside_the_commit_hook(settings):
    """Deterministic: deliveries are sent by the on_commit callback itself, which tests run explicitly."""
    settings.WEBHOOKS_DELIVERY_MODE = "sync"
    settings.WEBHOOKS_TIMEOUT = 2
    # The receivers listen on 127.0.0.1, an internal address that endpoints may only reach when allowed.
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]


@pytest.fixture
def endpoint(db, receiver):
    return WebhookEndpoint.objects.create(name="Frontend", url=receiver.url, secret=SECRET)
