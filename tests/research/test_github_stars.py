"""`refresh_github_stars` against a local server that replays recorded GitHub responses: never the network."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from research.factories import ProjectIndexPageFactory, ProjectPageFactory
from research.models import ProjectPage

FIXTURES = Path(__file__).parent / "fixtures" / "github"


class FakeGitHub:
    """Serves `GET /repos/{owner}/{repo}` from fixture files: `routes` maps a path to the fixtures it answers with,
    in order (the last one repeats); any other path is a 404. Every request is recorded."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.requests.append((self.path, dict(self.headers)))
                queue = fake.routes.get(self.path) or ["not-found"]
                name = queue.pop(0) if len(queue) > 1 else queue[0]
                response = json.loads((FIXTURES / f"{name}.json").read_text())
                body = json.dumps(response["body"]).encode()
                self.send_response(response["status"])
                for header, value in response["headers"].items():
                    self.send_header(header, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def paths(self):
        return [path for path, _ in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def github(settings, monkeypatch):
    fake = FakeGitHub()
    settings.GITHUB_API_URL = fake.url
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    yield fake
    fake.close()


@pytest.fixture
def projects(site_tree):
    index = ProjectIndexPageFactory(parent=site_tree["home"])
    made = {}
    for short_name, repo, stars in [
        ("AWQ", "mit-han-lab/llm-awq", 2900),
        ("SmoothQuant", "mit-han-lab/smoothquant", None),
        ("StreamingLLM", "mit-han-lab/streaming-llm", 6000),
        ("EIE", "", 10),
    ]:
        page = ProjectPageFactory(
            parent=index, title=short_name, slug=short_name.lower(), short_name=short_name, github_repo=repo,
            github_stars=stars,
        )  # fmt: skip
        page.save_revision().publish()
        made[short_name] = page
    return made


def refresh(*args):
    out = io.StringIO()
    try:
        call_command("refresh_github_stars", *args, stdout=out, no_color=True)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), None


def stars(short_name):
    page = ProjectPage.objects.get(short_name=short_name)
    return page.github_stars, page.github_stars_refreshed_at


def test_star_counts_are_refreshed_with_the_token(github, projects, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "ghp_test_token")
    github.routes = {
        "/repos/mit-han-lab/llm-awq": ["llm-awq"],
        "/repos/mit-han-lab/smoothquant": ["smoothquant"],
        "/repos/mit-han-lab/streaming-llm": ["streaming-llm-last-request"],
    }
    output, error = refresh()
    assert error is None
    assert stars("AWQ")[0] == 3050 and stars("AWQ")[1] is not None
    assert stars("SmoothQuant")[0] == 1480
    assert stars("StreamingLLM")[0] == 6900
    assert stars("EIE") == (10, None)  # no repo: not asked
    assert "mit-han-lab/llm-awq: 3050 stars (was 2900)." in output
    assert "3 refreshed, 0 failed, 0 not reached, of 3." in output
    headers = github.requests[0][1]
    assert headers["Authorization"] == "Bearer ghp_test_token"
    assert headers["Accept"] == "application/vnd.github+json"
    assert headers["X-GitHub-Api-Version"] == "2022-11-28"


def test_without_a_token_no_authorization_is_sent(github, projects):
    github.routes = {"/repos/mit-han-lab/llm-awq": ["llm-awq"], "/repos/mit-han-lab/smoothquant": ["smoothquant"],
                     "/repos/mit-han-lab/streaming-llm": ["smoothquant"]}  # fmt: skip
    refresh()
    assert all("Authorization" not in headers for _, headers in github.requests)


def test_a_failure_keeps_the_last_count_is_reported_and_the_others_go_on(github, projects):
    github.routes = {
        "/repos/mit-han-lab/llm-awq": ["server-error"],
        "/repos/mit-han-lab/smoothquant": ["not-found"],
        "/repos/mit-han-lab/streaming-llm": ["llm-awq"],
    }
    output, error = refresh()
    assert stars("AWQ") == (2900, None)
    assert stars("SmoothQuant") == (None, None)
    assert stars("StreamingLLM")[0] == 3050
    assert "mit-han-lab/llm-awq: GitHub answered 502: Server Error; keeps 2900." in output
    assert "mit-han-lab/smoothquant: not found on GitHub (renamed, deleted or private?); has no count yet." in output
    assert error == "1 refreshed, 2 failed, 0 not reached, of 3."


def test_an_exhausted_rate_limit_stops_the_run_and_names_what_was_not_reached(github, projects):
    github.routes = {"/repos/mit-han-lab/llm-awq": ["rate-limit-exceeded"]}
    output, error = refresh()
    assert github.paths() == ["/repos/mit-han-lab/llm-awq"]
    assert "Stopped: the rate limit is used up; it resets at 2025-12-31" in output
    assert "Not refreshed: mit-han-lab/llm-awq, mit-han-lab/smoothquant, mit-han-lab/streaming-llm." in output
    assert error == "0 refreshed, 0 failed, 3 not reached, of 3."
    assert stars("AWQ") == (2900, None)


def test_the_last_request_of_the_limit_is_used_and_then_the_run_stops(github, projects):
    github.routes = {"/repos/mit-han-lab/llm-awq": ["streaming-llm-last-request"]}
    _, error = refresh()
    assert github.paths() == ["/repos/mit-han-lab/llm-awq"]
    assert stars("AWQ")[0] == 6900
    assert error == "1 refreshed, 0 failed, 2 not reached, of 3."


def test_a_short_retry_after_is_waited_out_and_the_request_repeated(github, projects):
    github.routes = {
        "/repos/mit-han-lab/llm-awq": ["secondary-rate-limit-short", "llm-awq"],
        "/repos/mit-han-lab/smoothquant": ["smoothquant"],
        "/repos/mit-han-lab/streaming-llm": ["smoothquant"],
    }
    _, error = refresh()
    assert error is None
    assert github.paths()[:2] == ["/repos/mit-han-lab/llm-awq", "/repos/mit-han-lab/llm-awq"]
    assert stars("AWQ")[0] == 3050


def test_a_long_retry_after_stops_the_run(github, projects):
    github.routes = {"/repos/mit-han-lab/llm-awq": ["secondary-rate-limit-long"]}
    output, error = refresh("--max-wait", "5")
    assert "Stopped: GitHub asked to wait 120 seconds (secondary rate limit)." in output
    assert error == "0 refreshed, 0 failed, 3 not reached, of 3."


def test_the_least_recently_refreshed_go_first(github, projects):
    github.routes = {"/repos/mit-han-lab/llm-awq": ["llm-awq"], "/repos/mit-han-lab/smoothquant": ["smoothquant"],
                     "/repos/mit-han-lab/streaming-llm": ["smoothquant"]}  # fmt: skip
    refresh()
    ProjectPage.objects.filter(short_name="SmoothQuant").update(github_stars_refreshed_at=None)
    github.requests.clear()
    refresh()
    assert github.paths()[0] == "/repos/mit-han-lab/smoothquant"


def test_an_unreachable_server_is_a_failure_not_a_crash(settings, projects, monkeypatch):
    fake = FakeGitHub()
    url = fake.url
    fake.close()
    settings.GITHUB_API_URL = url
    output, error = refresh()
    assert "no answer from GitHub (ConnectionError); keeps 2900." in output
    assert error == "0 refreshed, 3 failed, 0 not reached, of 3."


def test_publishing_an_older_draft_keeps_the_refreshed_count(github, projects):
    awq = projects["AWQ"]
    awq.summary = "A draft written before the refresh."
    draft = awq.save_revision()
    github.routes = {"/repos/mit-han-lab/llm-awq": ["llm-awq"], "/repos/mit-han-lab/smoothquant": ["smoothquant"],
                     "/repos/mit-han-lab/streaming-llm": ["smoothquant"]}  # fmt: skip
    refresh()
    refreshed_at = stars("AWQ")[1]
    draft.publish()
    page = ProjectPage.objects.get(pk=awq.pk)
    assert page.summary == "A draft written before the refresh."
    assert (page.github_stars, page.github_stars_refreshed_at) == (3050, refreshed_at)
