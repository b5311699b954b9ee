"""A local HTTP server on a free port that replays recorded answers of Crossref, arXiv, ORCID and OpenAlex."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDINGS = Path(__file__).parent / "recordings"


class ReplayServer:
    """`routes` maps a request path (with its query) to recording names, answered in order (the last repeats); any
    other path is answered with `crossref-not-found`. Every request path is kept in `requests`."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                replay.requests.append(self.path)
                queue = replay.routes.get(self.path) or ["crossref-not-found"]
                recording = json.loads(
                    (RECORDINGS / f"{queue.pop(0) if len(queue) > 1 else queue[0]}.json").read_text()
                )
                body = recording["body"]
                data = (body if isinstance(body, str) else json.dumps(body)).encode()
                self.send_response(recording["status"])
                for header, value in recording["headers"].items():
                    self.send_header(header, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
