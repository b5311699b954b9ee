"""The CMS and the reference frontend, started for the e2e tests on free local ports and stopped afterwards.

Everything here is bounded: every wait has a deadline, every process is started in its own session and stopped
by its process group id at teardown. Nothing listens on anything but 127.0.0.1.
"""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parents[2]
FRONTEND_SOURCE = ROOT / "frontend"
HOST = "127.0.0.1"
TIME_ZONE = "America/New_York"
ADMIN_USERNAME = "e2e-admin"
ADMIN_PASSWORD = "e2e-admin-password-not-secret"

# The frontend's build is copied here without node_modules (linked) and .next, so a developer's `next dev` or
# another build of frontend/ and this session never share a .next directory.
COPY_IGNORE = shutil.ignore_patterns("node_modules", ".next", "gql", "tsconfig.tsbuildinfo", "test-artifacts")


class ServerError(RuntimeError):
    """A server did not start, or a command of the setup failed; the message carries the end of its log."""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def run_environment(cms_port, frontend_port):
    """The base URLs `make run HOST=127.0.0.1 PORT=<cms_port> FRONTEND_PORT=<frontend_port>` would give the CMS and
    the frontend, read from the Makefile itself (`make run-env`): {"cms": {...}, "frontend": {...}}."""
    make = shutil.which("make")
    if make is None:
        raise ServerError("make is not on PATH: the e2e servers take their base URLs from the Makefile")
    args = [make, "-s", "--no-print-directory", "run-env", f"HOST={HOST}", f"PORT={cms_port}"]
    result = subprocess.run(
        [*args, f"FRONTEND_PORT={frontend_port}"], cwd=ROOT, capture_output=True, text=True, timeout=30, check=False
    )
    if result.returncode != 0:
        raise ServerError(f"make run-env failed (exit {result.returncode}):\n{result.stderr}")
    environments = {"cms": {}, "frontend": {}}
    for line in result.stdout.splitlines():
        server, _, assignment = line.partition(" ")
        name, _, value = assignment.partition("=")
        environments[server][name] = value
    return environments


def log_tail(path, lines=40):
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


class Process:
    """A child process in its own session, its output in a log file; stopped by its process group id."""

    def __init__(self, name, args, *, cwd, env, log_path):
        self.name = name
        self.log_path = Path(log_path)
        self.log = self.log_path.open("ab")
        self.popen = subprocess.Popen(
            args, cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def running(self):
        return self.popen.poll() is None

    def wait(self, timeout):
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise ServerError(f"{self.name} did not finish within {timeout} s:\n{log_tail(self.log_path)}") from None

    def stop(self, grace=10):
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=grace)
        self.log.close()


def run(name, args, *, cwd, env, log_path, timeout):
    """Run a setup command to completion; a non-zero exit is a ServerError with the end of its output."""
    process = Process(name, args, cwd=cwd, env=env, log_path=log_path)
    code = process.wait(timeout)
    process.log.close()
    if code != 0:
        raise ServerError(f"{name} failed (exit {code}):\n{log_tail(log_path)}")
    return Path(log_path).read_text(errors="replace")


def wait_for_http(url, process, *, timeout, accept=lambda status: status < 500):
    """Poll `url` until it answers with an accepted status, the process dies, or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if not process.running():
            raise ServerError(f"{process.name} exited early:\n{log_tail(process.log_path)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (http://127.0.0.1 only)
                if accept(response.status):
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            if accept(error.code):
                return
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.25)
    raise ServerError(f"{process.name} did not answer {url} within {timeout} s ({last}):\n{log_tail(process.log_path)}")


def local_redis_url():
    """redis://127.0.0.1:6379/15 when a Redis server answers there, else None."""
    try:
        with socket.create_connection((HOST, 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return f"redis://{HOST}:6379/15"
    except OSError:
        pass
    return None


class CMS:
    """The Wagtail CMS on a fresh SQLite database: migrated, seeded (tests/e2e/seed.py), with an admin user.

    Its cache is shared by every process of the run, as in production: the server, and the management commands
    the tests run beside it (`publish_scheduled`, as cron would). That is Redis: E2E_REDIS_URL, else CI's
    REDIS_TEST_URL, else a Redis answering on 127.0.0.1:6379 (database 15, under a key prefix of this run's own,
    deleted at the end). Without one (or with E2E_REDIS_URL=off), each process would have its own local-memory
    cache and the API's response cache would hide what a command published for up to GRAPHQL_CACHE_TIMEOUT
    seconds, so it is turned off (GRAPHQL_CACHE_TIMEOUT=0).
    """

    def __init__(self, workdir, port, run_env):
        self.workdir = Path(workdir)
        self.port = port
        self.url = run_env["WAGTAILADMIN_BASE_URL"]
        chosen = os.environ.get("E2E_REDIS_URL") or os.environ.get("REDIS_TEST_URL") or local_redis_url()
        self.redis_url = None if chosen in {"off", "none", ""} else chosen
        self.cache_prefix = f"labcms-e2e-{os.getpid()}-{self.port}"
        self.env = self._environment(run_env)
        self.server = None
        self.worker = None
        self.site = None

    @property
    def cache_description(self):
        return f"Redis {self.redis_url} (prefix {self.cache_prefix})" if self.redis_url else "response cache off"

    def _environment(self, run_env):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("REDIS", "DJANGO_", "PYTEST"))}
        (self.workdir / "media").mkdir(parents=True, exist_ok=True)
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.dev",
            # runserver answers in threads, and the image chooser's thumbnails are written while an autosave
            # writes the page: SQLite's default deferred transactions then fail with "database is locked" (a
            # 500 that leaves a half-created page; see the e2e report). IMMEDIATE transactions wait instead.
            DATABASE_URL=(
                f"sqlite:///{self.workdir / 'e2e.sqlite3'}"
                "?transaction_mode=IMMEDIATE&timeout=20&init_command=PRAGMA%20journal_mode%3DWAL"
            ),
            MEDIA_ROOT=str(self.workdir / "media"),
            DEV_ADMIN_USERNAME=ADMIN_USERNAME,
            DEV_ADMIN_PASSWORD=ADMIN_PASSWORD,
            TIME_ZONE=TIME_ZONE,
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
            # The worker (when a test starts it) publishes what is due every 5 s instead of every minute.
            PUBLISH_SCHEDULED_EVERY="5",
            **run_env,  # WAGTAILADMIN_BASE_URL, FRONTEND_BASE_URL and ALLOWED_HOSTS, as `make run` sets them
        )
        if self.redis_url:
            env.update(REDIS_URL=self.redis_url, CACHE_KEY_PREFIX=self.cache_prefix)
        else:
            env.update(GRAPHQL_CACHE_TIMEOUT="0")
        return env

    def manage(self, *args, timeout=120, log_name="manage.log"):
        return run(
            f"manage.py {args[0]}",
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            log_path=self.workdir / log_name,
            timeout=timeout,
        )

    def shell(self, code, timeout=60):
        """Python run by `manage.py shell` against the e2e database; returns its last line of output."""
        output = self.manage("shell", "--no-imports", "-c", code, timeout=timeout, log_name="shell.log")
        lines = [line for line in output.splitlines() if line.strip()]
        return lines[-1] if lines else ""

    def prepare(self):
        self.manage("migrate", "--noinput", timeout=240, log_name="migrate.log")
        self.site = json.loads(self.shell(f"from tests.e2e.seed import seed; seed({self.port})"))
        self.manage("ensure_dev_admin", log_name="manage.log")

    def start(self, timeout=60):
        self.server = Process(
            "CMS (runserver)",
            [sys.executable, "manage.py", "runserver", f"{HOST}:{self.port}", "--noreload"],
            cwd=ROOT,
            env=self.env,
            log_path=self.workdir / "cms.log",
        )
        wait_for_http(f"{self.url}/admin/login/", self.server, timeout=timeout, accept=lambda status: status == 200)

    def start_worker(self):
        """The task worker as `make run` starts it (`manage.py run_worker`), stopped with the server. Returns once it
        has queued the periodic jobs."""
        self.worker = Process(
            "task worker (run_worker)",
            [sys.executable, "manage.py", "run_worker", "--interval", "0.5"],
            cwd=ROOT,
            env=self.env,
            log_path=self.workdir / "worker.log",
        )
        deadline = time.monotonic() + 30
        while "Queued the periodic jobs" not in self.worker.log_path.read_text(errors="replace"):
            if not self.worker.running() or time.monotonic() > deadline:
                raise ServerError(f"the worker did not queue its jobs:\n{log_tail(self.worker.log_path)}")
            time.sleep(0.2)

    def graphql(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(  # noqa: S310 (http://127.0.0.1 only)
            f"{self.url}/graphql/", data=body, headers={"content-type": "application/json"}, method="POST"
        )
        with urllib.request.urlopen(request, timeout=15) as response:  # noqa: S310
            return json.loads(response.read())

    def stop(self):
        for process in (self.worker, self.server):
            if process:
                process.stop()
        if self.redis_url:
            self._forget_cache()

    def _forget_cache(self):
        """Deletes this run's keys (the content version never expires by itself)."""
        try:
            client = redis.Redis.from_url(self.redis_url, socket_timeout=5)
            keys = list(client.scan_iter(match=f"{self.cache_prefix}:*", count=500))
            if keys:
                client.delete(*keys)
        except Exception as error:  # a leftover key with a unique prefix harms nothing; say so and go on
            print(f"e2e: could not delete the cache keys {self.cache_prefix}:* ({error})")


class Frontend:
    """The Next.js frontend: a production build of a copy of frontend/, served by `next start`."""

    def __init__(self, workdir, port, run_env):
        self.workdir = Path(workdir)
        self.port = port
        self.url = f"http://{HOST}:{self.port}"
        self.run_env = run_env
        self.build_dir = self.workdir / "frontend"
        self.build = None
        self.server = None

    @staticmethod
    def missing_tools():
        """Why the frontend cannot be built here, or None."""
        if not shutil.which("node"):
            return "Node.js is not on PATH"
        if not (FRONTEND_SOURCE / "node_modules" / ".bin" / "next").exists():
            return "frontend/node_modules is not installed (run `make frontend-install` or `npm ci` in frontend/)"
        return None

    def _environment(self, serving=False):
        env = {key: value for key, value in os.environ.items() if not key.startswith(("CMS_", "NEXT_", "PYTEST"))}
        env.update(
            NEXT_TELEMETRY_DISABLED="1",
            NEXT_IGNORE_INCORRECT_LOCKFILE="1",
            CMS_SCHEMA_FILE=str(ROOT / "graphql_api" / "schema.graphql"),
            NODE_ENV="production",
        )
        if serving:
            # CMS_GRAPHQL_URL as `make run` sets it. Public responses are cached for 1 s instead of 60, so a publish
            # shows within a reload or two.
            env.update(self.run_env, CMS_REVALIDATE_SECONDS="1", SITE_NAME="E2E Lab")
        return env

    def start_build(self):
        """Copy frontend/ (sources only) and start `npm run build` in the copy; `finish_build` waits for it."""
        reuse = os.environ.get("E2E_FRONTEND_BUILD_DIR")
        if reuse and (Path(reuse) / ".next" / "BUILD_ID").exists():
            # A development aid: a copy built by an earlier run, when only the tests changed.
            self.build_dir = Path(reuse)
            return
        shutil.copytree(FRONTEND_SOURCE, self.build_dir, ignore=COPY_IGNORE)
        (self.build_dir / "node_modules").symlink_to(FRONTEND_SOURCE / "node_modules", target_is_directory=True)
        self.build = Process(
            "frontend build (npm run build)",
            [shutil.which("npm") or "npm", "run", "build"],
            cwd=self.build_dir,
            env=self._environment(),
            log_path=self.workdir / "frontend-build.log",
        )

    def finish_build(self, timeout=420):
        if self.build is None:
            return
        code = self.build.wait(timeout)
        self.build.log.close()
        if code != 0:
            raise ServerError(f"npm run build failed (exit {code}):\n{log_tail(self.build.log_path)}")

    def start(self, timeout=60):
        self.server = Process(
            "frontend (next start)",
            [str(self.build_dir / "node_modules" / ".bin" / "next"), "start", "-p", str(self.port), "-H", HOST],
            cwd=self.build_dir,
            env=self._environment(serving=True),
            log_path=self.workdir / "frontend.log",
        )
        wait_for_http(f"{self.url}/", self.server, timeout=timeout, accept=lambda status: status == 200)

    def stop(self):
        for process in (self.server, self.build):
            if process:
                process.stop()


def servers_on_free_ports(workdir, cms_class=CMS):
    """A CMS and a frontend on free ports (never 8000 and 3000), with the base URLs `make run PORT=...
    FRONTEND_PORT=...` derives from those ports: a preview framing another port, or an image URL pointing at one
    where nothing listens, shows up in the tests as it would for a developer."""
    cms_port, frontend_port = free_port(), free_port()
    run_env = run_environment(cms_port, frontend_port)
    return cms_class(workdir, cms_port, run_env["cms"]), Frontend(workdir, frontend_port, run_env["frontend"])
