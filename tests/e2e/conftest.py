"""Fixtures of the end-to-end tests: the CMS and the frontend on free local ports, and Debian's Chromium.

Run them with `pytest -m e2e tests/e2e` (they are left out of the default run by `-m "not e2e"` in pyproject's
addopts). They need /usr/bin/chromium (Debian's `chromium` package; E2E_CHROMIUM names another binary), Playwright's
Python client (requirements-dev.txt), Node.js and frontend/node_modules. Locally, a missing piece skips them with the
reason; in CI (CI=true) it fails them. `playwright install` is never run: no browser is downloaded.
"""

import importlib
import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .servers import ADMIN_PASSWORD, ADMIN_USERNAME, HOST, ROOT, Frontend, ServerError, servers_on_free_ports

ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
LOCAL_HOSTS = {HOST, "localhost"}
TIMINGS = {}
SETTINGS = {}

# module name -> the first step that failed: later steps of the same ordered flow are skipped, not failed again.
_FAILED_STEPS = {}


def unavailable(reason):
    """A missing prerequisite: a skip on a developer's machine, a failure in CI."""
    if IN_CI:
        pytest.fail(f"e2e tests cannot run in CI: {reason}", pytrace=False)
    pytest.skip(f"e2e tests skipped: {reason}")


@pytest.fixture(scope="session")
def playwright_api():
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install -y chromium chromium-driver)")
    try:
        api = importlib.import_module("playwright.sync_api")
    except ImportError:
        unavailable("Playwright's Python client is not installed (pip install -r requirements-dev.txt)")
    if reason := Frontend.missing_tools():
        unavailable(reason)
    return api


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("*.html"), *ARTIFACTS.glob("*.log")]:
        old.unlink()
    return ARTIFACTS


def _timed(name, function, *args, **kwargs):
    started = time.monotonic()
    try:
        return function(*args, **kwargs)
    finally:
        TIMINGS[name] = round(time.monotonic() - started, 1)


@pytest.fixture(scope="session")
def stack(playwright_api, artifacts, tmp_path_factory):
    """The CMS (fresh SQLite database, seeded site, admin user) and the built frontend, both running."""
    workdir = tmp_path_factory.mktemp("e2e")
    try:
        cms, frontend = servers_on_free_ports(workdir)
    except ServerError as error:
        unavailable(str(error))
    started = time.monotonic()
    try:
        # The frontend builds (about a minute) while the CMS migrates and seeds its database.
        frontend.start_build()
        _timed("cms: migrate, seed, admin", cms.prepare)
        _timed("cms: start", cms.start)
        _timed("frontend: build (rest of)", frontend.finish_build)
        _timed("frontend: start", frontend.start)
    except ServerError as error:
        frontend.stop()
        cms.stop()
        _keep_logs(workdir, artifacts)
        pytest.fail(f"the e2e servers did not start: {error}", pytrace=False)
    TIMINGS["setup total"] = round(time.monotonic() - started, 1)
    SETTINGS["CMS cache"] = cms.cache_description
    yield cms, frontend
    frontend.stop()
    cms.stop()
    _keep_logs(workdir, artifacts)
    (artifacts / "timings.json").write_text(json.dumps(TIMINGS, indent=2) + "\n")


def _keep_logs(workdir, artifacts):
    for log in Path(workdir).glob("*.log"):
        shutil.copyfile(log, artifacts / log.name)


@pytest.fixture(scope="session")
def browser(playwright_api, stack):
    manager = playwright_api.sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:  # Playwright's own Error, e.g. a browser too old or too new for its protocol
        manager.stop()
        unavailable(f"Chromium at {CHROMIUM} could not be started by Playwright: {error}")
    yield chromium
    chromium.close()
    manager.stop()


def _local_only(route):
    """Requests leave for 127.0.0.1 only: a YouTube player, Gravatar and the like are refused, not fetched."""
    if urlsplit(route.request.url).hostname in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


@pytest.fixture(scope="session")
def new_context(browser):
    """A fresh browser context (its own cookies and storage: a fresh profile), local requests only."""
    contexts = []

    def make():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
        context.set_default_timeout(15_000)
        context.set_default_navigation_timeout(30_000)
        context.route("**/*", _local_only)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def frontend_console_errors(page, frontend_url):
    """A list that fills with the errors the frontend's pages log in `page` from now on: React's hydration and key
    errors, uncaught exceptions (what the development server's error badge counts)."""
    errors = []

    def console(message):
        if message.type == "error" and message.location.get("url", "").startswith(frontend_url):
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.fixture(scope="session")
def admin_credentials():
    return ADMIN_USERNAME, ADMIN_PASSWORD


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and item.get_closest_marker("e2e"):
        TIMINGS[item.name] = round(report.duration, 1)
    if report.when == "call" and report.failed and item.get_closest_marker("e2e"):
        _FAILED_STEPS.setdefault(item.module.__name__, item.name)
        flow = item.funcargs.get("flow")
        if flow is not None:
            flow.capture_failure(item.name)
    return report


def pytest_runtest_setup(item):
    if item.get_closest_marker("e2e") and (failed := _FAILED_STEPS.get(item.module.__name__)):
        pytest.skip(f"an earlier step of this path failed: {failed}")


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.section("e2e timings (seconds)")
        for name, value in SETTINGS.items():
            terminalreporter.write_line(f"{name}: {value}")
        for name, seconds in TIMINGS.items():
            terminalreporter.write_line(f"{name:40} {seconds:6.1f}")
