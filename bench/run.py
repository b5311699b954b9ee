"""`make bench`: load-test the public API against large and small generated datasets, side by side.

    .venv/bin/python bench/run.py [--rounds 3] [--duration 8] [--workers 2] [--profile auto|always|never] [--help]

1. Creates two throw-away PostgreSQL databases (labcms_bench, labcms_bench_small), migrates them with
   cms.settings.bench, loads the lab's content and generates a dataset into each (bench/generate.py).
2. Serves the project with gunicorn (sync workers) on 127.0.0.1, one server per configuration (large dataset with
   the GraphQL response cache off, the same with it on, small dataset with it off), and drives them with wrk in
   interleaved rounds: the floor view, the REST API v2 blog listing, the frontend's GraphQL blog listing and home
   page query, uncached and cached, and the uncached GraphQL queries again on the small dataset.
3. Prints the table and the targets, writes test-artifacts/bench/latest.json, and rewrites the generated section
   of docs/benchmark.md. When the GraphQL listing is slower than the REST one it profiles both (bench/hotspots.py).

Everything is bounded: each step has a time limit and so has the whole run. Servers are stopped, the databases
dropped and the benchmark's Redis database flushed at the end, also after an error, Ctrl-C or SIGTERM.
See docs/benchmark.md.
"""

import argparse
import contextlib
import datetime
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # not bench/: its modules must not shadow top-level ones

import psycopg  # noqa: E402
import redis  # noqa: E402

PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
ARTIFACTS = ROOT / "test-artifacts" / "bench"
MEDIA = ARTIFACTS / "media"
DOCS = ROOT / "docs" / "benchmark.md"
PG_ADMIN_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
# gunicorn's limits on a request's head, stated rather than inherited (these are its defaults, which production uses
# too). Cached GETs go by persisted-query hash, so the longest request line the benchmark sends is about 300 bytes;
# a request that would not fit stops the run before measuring, with its size, instead of a 400 in the middle of it.
LIMIT_REQUEST_LINE = 4094
LIMIT_REQUEST_FIELDS = 100
LIMIT_REQUEST_FIELD_SIZE = 8190
# Every cache key this run writes starts with it: emptying the cache deletes these keys only, never a whole database
# that another run (or anything else) may share.
RUN_CACHE_PREFIX = f"labcms-bench-{os.getpid()}"
DATABASES = {"large": "labcms_bench", "small": "labcms_bench_small"}
DATASETS = {  # generated on top of the lab's own content (content/lab: 18 posts, 121 news items, 45 projects)
    "large": {"blog": 2000, "news": 10000, "projects": 200},
    "small": {"blog": 100, "news": 100, "projects": 10},
}
ADVISORY_LOCK = 7_306_001  # one benchmark at a time on this PostgreSQL server

# One server per configuration, all running for the whole measurement (an idle sync worker costs no CPU), so that
# the phases can be interleaved: the GraphQL response cache off (GRAPHQL_CACHE_TIMEOUT=0) or on (the default).
SERVERS = {  # key: (dataset, GRAPHQL_CACHE_TIMEOUT or None for the production default)
    "large-uncached": ("large", 0),
    "large-cached": ("large", None),
    "small-uncached": ("small", 0),
}
PHASES = {  # key: (request name in bench.workload, server, label); the order of the table
    "a": ("floor", "large-cached", "(a) floor: fixed JSON body, same process and middleware"),
    "b": ("rest", "large-uncached", "(b) REST API v2 blog listing, 20 posts"),
    "b_stock": ("rest-stock", "large-uncached", "(b') REST API v2 listing without prefetching (reference)"),
    "c": ("listing-post", "large-uncached", "(c) GraphQL BlogPostList perPage 20, uncached (POST)"),
    "d": ("listing-get", "large-cached", "(d) GraphQL BlogPostList perPage 20, cached (GET)"),
    "e_uncached": ("home-post", "large-uncached", "(e) GraphQL HomePageData, uncached (POST)"),
    "e_cached": ("home-get", "large-cached", "(e) GraphQL HomePageData, cached (GET)"),
    "c_small": ("listing-post", "small-uncached", "(c) GraphQL BlogPostList, uncached, small dataset"),
    "e_uncached_small": ("home-post", "small-uncached", "(e) GraphQL HomePageData, uncached, small dataset"),
    "w": ("worst", "large-uncached", "(w) worst accepted query, uncached (POST), 1 connection"),
}
# Each round measures every phase once, the two sides of each compared pair one right after the other, so that a
# change in the machine's background load between rounds affects both sides alike.
ORDER = ["a", "d", "b", "c", "c_small", "e_uncached", "e_uncached_small", "e_cached", "w", "b_stock"]
TARGETS = {  # key: (text, bound, whether the measured value must be at least the bound (else at most))
    "c_vs_b": ("(c) GraphQL listing >= 2.0 x (b) REST throughput", 2.0, True),
    "d_vs_a": ("(d) cached GraphQL >= 0.7 x (a) floor throughput", 0.7, True),
    "growth": ("(c) p50 large / small <= 1.2", 1.2, False),
    "listing_cpu": ("(c) listing: CPU ms per request in one process (profile) <= 15", 15.0, False),
    "home_cpu": ("(e) home page: CPU ms per request in one process (profile) <= 15", 15.0, False),
    "worst_sql": ("(w) worst accepted query: SQL queries (profile) <= 150", 150, False),
    "worst_p50": ("(w) worst accepted query: p50 ms <= 1000", 1000.0, False),
    "cost_bound": ("any accepted query: MAX_COST x calls per unit x µs per call (profile) <= 1000 ms", 1000.0, False),
}


class BenchError(Exception):
    pass


class Interrupted(BaseException):
    """SIGTERM, SIGHUP or the overall time limit: unwinds like Ctrl-C, so the cleanup runs."""


def say(message):
    print(f"[bench {time.strftime('%H:%M:%S', time.gmtime())}Z] {message}", flush=True)


def run_step(name, command, env, timeout, echo=False):
    """A subprocess with a time limit; its output goes to test-artifacts/bench/<name>.log."""
    say(f"{name} (limit {timeout} s)")
    started = time.monotonic()
    log = ARTIFACTS / f"{name}.log"
    with log.open("w") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise BenchError(f"{name} took longer than {timeout} s; see {log}") from None
        except BaseException:
            process.kill()
            process.wait()
            raise
    elapsed = time.monotonic() - started
    if code != 0:
        tail = "".join(log.read_text().splitlines(keepends=True)[-20:])
        raise BenchError(f"{name} failed with exit code {code}; see {log}:\n{tail}")
    for line in log.read_text().splitlines() if echo else ():
        say(f"    {line.strip()}")
    say(f"{name}: {elapsed:.1f} s")
    return elapsed


# --- machine and tools --------------------------------------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say("wrk is not installed: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, timeout=300, capture_output=True)  # noqa: S607
    if not shutil.which("wrk"):
        raise BenchError(
            "wrk is needed and could not be installed: run `sudo apt-get install -y wrk` (Debian/Ubuntu) and retry."
        )


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    meminfo = Path("/proc/meminfo").read_text()
    total_kib = int(re.search(r"^MemTotal:\s*(\d+)", meminfo, re.MULTILINE).group(1))
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)  # noqa: S607
    gunicorn = subprocess.run([GUNICORN, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    with psycopg.connect(PG_ADMIN_URL) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "memory_gib": round(total_kib / 1024 / 1024, 1),
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis.Redis.from_url(REDIS_URL).info("server")["redis_version"],
        "wrk": (wrk.stdout or wrk.stderr).split("[")[0].strip(),
        "gunicorn": (gunicorn.stdout or gunicorn.stderr).strip(),
    }


def loadavg():
    return float(Path("/proc/loadavg").read_text().split()[0])


def cpu_jiffies():
    """(busy, total) jiffies of the whole machine."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


def process_cpu_seconds(pid):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_memory_kib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    hwm = int(re.search(r"^VmHWM:\s*(\d+)", status, re.MULTILINE).group(1))
    rss = int(re.search(r"^VmRSS:\s*(\d+)", status, re.MULTILINE).group(1))
    return hwm, rss


# --- databases and cache ------------------------------------------------------------------------------------------


class Databases:
    def __init__(self):
        self.admin = psycopg.connect(PG_ADMIN_URL, autocommit=True)
        if not self.admin.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_LOCK]).fetchone()[0]:
            raise BenchError("another `make bench` is running against this PostgreSQL server; wait for it to end")
        self.created = []

    def url(self, name):
        return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    def create(self, name, template=None):
        self.drop(name)
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        self.admin.execute(sql)
        self.created.append(name)

    def exist(self):
        names = list(DATABASES.values())
        found = self.admin.execute("SELECT count(*) FROM pg_database WHERE datname = ANY(%s)", [names]).fetchone()[0]
        return found == len(names)

    def drop(self, name):
        self.admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self):
        for name in DATABASES.values():
            try:
                self.drop(name)
            except psycopg.Error as error:
                say(f"could not drop {name}: {error}")
        self.admin.close()


def flush_cache():
    """Delete this run's cache keys (Django writes them as `<prefix>:<version>:<key>`)."""
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{RUN_CACHE_PREFIX}*", count=1000))
    for start in range(0, len(keys), 500):
        client.delete(*keys[start : start + 500])


# --- servers and load ---------------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn in its own session, so that stopping it stops its workers and nothing else."""

    def __init__(self, name, env, workers):
        self.name = name
        self.env = env
        self.workers = workers
        self.port = free_port()
        self.process = None
        self.log = ARTIFACTS / f"gunicorn-{re.sub(r'[^a-z]+', '-', name)}.log"

    def start(self, timeout=90):
        command = [
            GUNICORN, "cms.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--worker-class", "sync", "--timeout", "60", "--graceful-timeout", "5", "--log-level", "warning",
            "--limit-request-line", str(LIMIT_REQUEST_LINE), "--limit-request-fields", str(LIMIT_REQUEST_FIELDS),
            "--limit-request-field_size", str(LIMIT_REQUEST_FIELD_SIZE),
            "--error-logfile", str(self.log), "--chdir", str(ROOT),
        ]  # fmt: skip
        self.process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=self.env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn ({self.name}) exited with {self.process.returncode}; see {self.log}")
            if len(self.worker_pids()) == self.workers:
                try:
                    status, _, _ = http_request(self.port, "GET", "/bench/floor/")
                    if status == 200:
                        return
                except OSError:
                    pass
            time.sleep(0.3)
        raise BenchError(f"gunicorn ({self.name}) did not answer within {timeout} s; see {self.log}")

    def worker_pids(self):
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text()
        except FileNotFoundError:
            return []
        return [int(pid) for pid in children.split()]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)  # the session gunicorn was started in: its master and workers
            except ProcessLookupError:
                return
            try:
                self.process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


def http_request(port, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def lua_string(text):
    level = "=" * 4
    while f"]{level}]" in text:
        level += "="
    return f"[{level}[{text}]{level}]"


LUA_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH_JSON {\\"requests\\":%d,\\"duration_us\\":%d,\\"bytes\\":%d,\\"connect\\":%d,\\"read\\":%d," ..
    "\\"write\\":%d,\\"status\\":%d,\\"timeout\\":%d,\\"p50\\":%d,\\"p90\\":%d,\\"p99\\":%d,\\"mean\\":%f," ..
    "\\"max\\":%d}\\n",
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.mean, latency.max))
end
"""


def lua_script(request):
    lines = [f"wrk.method = {lua_string(request.method)}", f"wrk.path = {lua_string(request.path)}"]
    if request.body is not None:
        lines.append(f"wrk.body = {lua_string(request.body.decode())}")
    lines += [f"wrk.headers[ {lua_string(name)} ] = {lua_string(value)}" for name, value in request.headers.items()]
    return "\n".join(lines) + "\n" + LUA_REPORT


def wrk(port, script, seconds, connections, threads):
    command = [
        "wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s",
        "-s", str(script), f"http://127.0.0.1:{port}/",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BenchError(f"wrk failed: {result.stderr.strip()}")
    report = next((line for line in result.stdout.splitlines() if line.startswith("BENCH_JSON ")), None)
    if report is None:
        raise BenchError(f"wrk printed no report (a Lua error?):\n{result.stdout}\n{result.stderr}")
    return json.loads(report.removeprefix("BENCH_JSON ")), result.stdout


def measure(server, key, request, args, expect_cache):
    """Flush the cache, check the answer, warm every worker up, then one timed wrk run.

    The worst accepted query (w) runs on one connection and without the warm-up: it takes seconds, so 8 queued
    connections would measure the queue (or complete nothing), and a warm-up's request would still be running when
    the measured run starts. Its latency is that of one request alone on a server doing nothing else."""
    alone = key == "w"
    connections = 1 if alone else args.connections
    flush_cache()
    if request.prime is not None:
        status, _, body = http_request(
            server.port, "POST", request.prime.path, request.prime.body, request.prime.headers
        )
        if problem := request.prime.check(status, body):
            raise BenchError(f"{key}: registering the persisted query failed: {problem}")
    for attempt in range(2):
        status, headers, body = http_request(server.port, request.method, request.path, request.body, request.headers)
        if problem := request.check(status, body):
            raise BenchError(f"{key}: wrong answer from {request.method} {request.path[:80]}: {problem}")
        if expect_cache and attempt == 1 and headers.get("X-Cache") != expect_cache:
            raise BenchError(f"{key}: expected X-Cache {expect_cache}, got {headers.get('X-Cache')}")
    script = ARTIFACTS / "lua" / f"{key}.lua"
    script.write_text(lua_script(request))
    if not alone:
        wrk(server.port, script, args.warmup, connections, args.threads)

    workers = server.worker_pids()
    cpu_before = sum(process_cpu_seconds(pid) for pid in workers)
    busy_before, total_before = cpu_jiffies()
    load_before = loadavg()
    report, text = wrk(server.port, script, args.duration, connections, args.threads)
    cpu_after = sum(process_cpu_seconds(pid) for pid in workers)
    busy_after, total_after = cpu_jiffies()
    with (ARTIFACTS / "wrk" / f"{key}.txt").open("a") as out:
        out.write(text + "\n")
    memory = [process_memory_kib(pid) for pid in server.worker_pids()]
    return {
        "requests": report["requests"],
        "seconds": report["duration_us"] / 1e6,
        "rps": report["requests"] / (report["duration_us"] / 1e6),
        "p50_ms": report["p50"] / 1000,
        "p90_ms": report["p90"] / 1000,
        "p99_ms": report["p99"] / 1000,
        "max_ms": report["max"] / 1000,
        "non_2xx": report["status"],
        "socket_errors": sum(report[name] for name in ("connect", "read", "write", "timeout")),
        "bytes_per_response": report["bytes"] / max(report["requests"], 1),
        "worker_cpu_seconds": cpu_after - cpu_before,
        "machine_cpu_busy": (busy_after - busy_before) / max(total_after - total_before, 1),
        "loadavg_1m_before": load_before,
        "worker_vmhwm_mib": max(hwm for hwm, _ in memory) / 1024,
        "worker_vmrss_mib": max(rss for _, rss in memory) / 1024,
    }


def summarize(key, server, rounds):
    """A phase over its rounds: medians of rate and latencies, CPU per request over all rounds, peak memory."""
    request, _, label = PHASES[key]

    def median(field):
        # A round that completed no request has no latency (wrk reports 0): it counts for the rate only.
        values = [r[field] for r in rounds if r["requests"] or not field.endswith("_ms")]
        return statistics.median(values) if values else float("nan")

    requests = sum(r["requests"] for r in rounds)
    return {
        "request": request,
        "label": label,
        "server": server.name,
        "rounds": rounds,
        "requests": requests,
        "rps": median("rps"),
        "p50_ms": median("p50_ms"),
        "p90_ms": median("p90_ms"),
        "p99_ms": median("p99_ms"),
        "non_2xx": sum(r["non_2xx"] for r in rounds),
        "socket_errors": sum(r["socket_errors"] for r in rounds),
        "bytes_per_response": median("bytes_per_response"),
        "worker_cpu_ms_per_request": 1000 * sum(r["worker_cpu_seconds"] for r in rounds) / max(requests, 1),
        "machine_cpu_busy": median("machine_cpu_busy"),
        "loadavg_1m_before": median("loadavg_1m_before"),
        "worker_vmhwm_mib": max(r["worker_vmhwm_mib"] for r in rounds),
        "worker_vmrss_mib": max(r["worker_vmrss_mib"] for r in rounds),
    }


# --- results ------------------------------------------------------------------------------------------------------


def evaluate(results, profile=None):
    """Each ratio is the median of its per-round ratios: both sides of a pair were measured one after the other.
    The CPU and SQL targets are read from the in-process profile (`profile`, bench.hotspots' JSON), when it ran."""

    def ratio(a, b, field):
        pairs = zip(results[a]["rounds"], results[b]["rounds"], strict=True)
        if field.endswith("_ms"):  # latencies exist only where requests completed
            pairs = [(x, y) for x, y in pairs if x["requests"] and y["requests"]]
        values = [x[field] / y[field] if y[field] else float("inf") for x, y in pairs]
        return statistics.median(values) if values else float("nan")

    measured = {
        "c_vs_b": ratio("c", "b", "rps"),
        "d_vs_a": ratio("d", "a", "rps"),
        "growth": ratio("c", "c_small", "p50_ms"),
        "worst_p50": results["w"]["p50_ms"] if results["w"]["requests"] else float("inf"),
    }
    if profile:
        measured.update(
            listing_cpu=profile["listing-post"]["cpu"],
            home_cpu=profile["home-post"]["cpu"],
            worst_sql=profile["worst"]["queries"],
            cost_bound=profile["cost_bound"]["ms"],
        )
    evaluation = {
        key: {"text": text, "target": bound, "value": measured.get(key)}
        | {"pass": None if key not in measured else measured[key] >= bound if at_least else measured[key] <= bound}
        for key, (text, bound, at_least) in TARGETS.items()
    }
    evaluation.update(
        c_vs_b_p50=ratio("c", "b", "p50_ms"),
        c_vs_b_cpu=results["c"]["worker_cpu_ms_per_request"] / results["b"]["worker_cpu_ms_per_request"],
        home_growth=ratio("e_uncached", "e_uncached_small", "p50_ms"),
    )
    return evaluation


def table(results):
    head = "| phase | req/s | p50 ms | p99 ms | worker CPU ms/req | peak worker VmHWM MiB | load before |"
    rows = [head, "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for key in PHASES:
        if key in results:
            r = results[key]
            rows.append(
                f"| {r['label']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                f"{r['worker_cpu_ms_per_request']:.1f} | {r['worker_vmhwm_mib']:.0f} | {r['loadavg_1m_before']:.1f} |"
            )
    return "\n".join(rows)


def targets_table(evaluation):
    rows = ["| target | measured | result |", "| --- | ---: | --- |"]
    for key in TARGETS:
        t = evaluation[key]
        if t["pass"] is None:
            rows.append(f"| {t['text']} | - | not measured (no profile) |")
        else:
            rows.append(f"| {t['text']} | {t['value']:.2f} | {'PASS' if t['pass'] else 'MISS'} |")
    return "\n".join(rows)


def markdown(report):
    m, a, e = report["machine"], report["settings"], report["evaluation"]
    lines = [
        f"Measured {report['finished']} by `{report['command']}` in {report['total_seconds'] / 60:.1f} minutes "
        f"(dataset generation {report['generation_seconds']:.0f} s, profile {report['profile_seconds']:.0f} s).",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu_model']}), {m['memory_gib']} GiB, Linux {m['kernel']}; "
        f"Python {m['python']}, PostgreSQL {m['postgresql']}, Redis {m['redis']}, {m['gunicorn']}, {m['wrk']}.",
        "",
        f"Load: `wrk -t{a['threads']} -c{a['connections']} -d{a['duration']}s` after a {a['warmup']} s warm-up, "
        f"{a['rounds']} interleaved rounds (medians); "
        f"gunicorn with {a['workers']} sync workers, DB_CONN_MAX_AGE={a['conn_max_age']}. Datasets: "
        + "; ".join(f"{name}: {report['datasets'][name]}" for name in ("large", "small"))
        + ".",
        "",
        table(report["results"]),
        "",
        targets_table(e),
        "",
        f"Also: (c)/(b) p50 ratio {e['c_vs_b_p50']:.2f} and worker CPU per request ratio {e['c_vs_b_cpu']:.2f}; "
        f"home page (e, uncached) p50 large/small "
        f"{e['home_growth']:.2f}. "
        f"Peak worker memory (VmHWM) over the run: {report['peak_worker_vmhwm_mib']:.0f} MiB.",
    ]
    if report.get("hotspots"):
        lines += [
            "",
            "Profile of (b), (c), (e) and (w) uncached, in one process (`bench/hotspots.py`), per request:",
            "",
            report["hotspots"],
        ]
    return "\n".join(lines) + "\n"


def write_docs(text):
    start, end = "<!-- bench:results:start -->", "<!-- bench:results:end -->"
    if not DOCS.exists():
        say(f"{DOCS} does not exist; the results are in {ARTIFACTS / 'latest.md'}")
        return
    content = DOCS.read_text()
    if start not in content or end not in content:
        say(f"{DOCS} has no generated section; the results are in {ARTIFACTS / 'latest.md'}")
        return
    before, rest = content.split(start, 1)
    after = rest.split(end, 1)[1]
    DOCS.write_text(f"{before}{start}\n{text}{end}{after}")
    say(f"updated the results in {DOCS.relative_to(ROOT)}")


# --- the run ------------------------------------------------------------------------------------------------------


def django_env(database_url, args, cache_timeout=None, cache_prefix="shared"):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GRAPHQL_", "DATABASE_", "REDIS_", "CACHE_", "DB_", "SECURE_", "MEDIA_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.bench",
        SECRET_KEY=args.secret_key,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DATABASE_URL=database_url,
        DB_CONN_MAX_AGE=str(args.conn_max_age),
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX=f"{RUN_CACHE_PREFIX}-{cache_prefix}",
        MEDIA_ROOT=str(MEDIA),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    if cache_timeout is not None:
        env["GRAPHQL_CACHE_TIMEOUT"] = str(cache_timeout)
    return env


def generate(databases, args):
    started = time.monotonic()
    large = databases.url(DATABASES["large"])
    env = django_env(large, args)
    databases.create(DATABASES["large"])
    run_step("migrate", [PYTHON, "manage.py", "migrate", "--noinput"], env, timeout=900)
    run_step("import-lab-content", [PYTHON, "manage.py", "import_content", "content/lab"], env, timeout=600)
    run_step("generate-common", [PYTHON, "-m", "bench.generate", "common"], env, timeout=600, echo=True)
    databases.create(DATABASES["small"], template=DATABASES["large"])  # the same site, images and renditions
    for name in ("large", "small"):
        counts = [f"--{key}={value}" for key, value in DATASETS[name].items()]
        env = django_env(databases.url(DATABASES[name]), args)
        limit = 900 if name == "large" else 300
        command = [PYTHON, "-m", "bench.generate", "items", *counts]
        run_step(f"generate-{name}", command, env, timeout=limit, echo=True)
    return time.monotonic() - started


def measure_all(databases, args, requests):
    order = [key for key in ORDER if key != "b_stock" or args.with_stock]
    servers = {}
    try:
        for name, (dataset, cache_timeout) in SERVERS.items():
            env = django_env(databases.url(DATABASES[dataset]), args, cache_timeout, cache_prefix=name)
            servers[name] = Server(name, env, args.workers)
            servers[name].start()
            timeout = "default" if cache_timeout is None else cache_timeout
            say(f"server {name}: port {servers[name].port}, GRAPHQL_CACHE_TIMEOUT={timeout}")
        rounds = {key: [] for key in order}
        for number in range(1, args.rounds + 1):
            say(f"round {number} of {args.rounds}")
            for key in order:
                request_name, server_name, label = PHASES[key]
                server, cache_timeout = servers[server_name], SERVERS[server_name][1]
                expect = "MISS" if cache_timeout == 0 else "HIT"
                if not request_name.startswith(("listing", "home")):
                    expect = None
                result = measure(server, key, requests[request_name], args, expect)
                rounds[key].append(result)
                say(
                    f"  {label}: {result['rps']:.1f} req/s, p50 {result['p50_ms']:.1f} ms, "
                    f"p99 {result['p99_ms']:.1f} ms, load {result['loadavg_1m_before']:.1f}"
                    + (f", {result['socket_errors']} socket errors" if result["socket_errors"] else "")
                )
                if result["non_2xx"]:
                    raise BenchError(f"{key}: {result['non_2xx']} responses were not 2xx; see {server.log}")
        return {key: summarize(key, servers[PHASES[key][1]], rounds[key]) for key in order}
    finally:
        for server in servers.values():
            server.stop()


def hotspots(databases, args):
    """The in-process profile: (its Markdown, per request its wall and CPU ms, SQL queries and Redis commands)."""
    env = django_env(databases.url(DATABASES["large"]), args, cache_timeout=0)
    out = ARTIFACTS / "hotspots.md"
    command = [PYTHON, "-m", "bench.hotspots", "--output", str(out), "--worst-query", str(args.worst_query)]
    run_step("profile", command, env, timeout=900)
    return out.read_text(), json.loads(out.with_suffix(".json").read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--duration", type=int, default=8, help="seconds of each measured wrk run (default 8)")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before each measured run (default 2)")
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each phase, interleaved (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    parser.add_argument("--threads", type=int, default=1, help="wrk threads (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--conn-max-age", type=int, default=60, help="DB_CONN_MAX_AGE of the servers (default 60)")
    parser.add_argument("--time-limit", type=int, default=40, help="minutes for the whole run (default 40)")
    parser.add_argument("--with-stock", action="store_true", help="also measure the REST listing without prefetching")
    parser.add_argument(
        "--profile",
        choices=["auto", "always", "never"],
        default="always",
        help="profile (b), (c), (e) and (w) in-process (its CPU and SQL figures are targets): always (the default), "
        "only when (c) misses its target (auto), or never",
    )
    parser.add_argument(
        "--worst-query",
        type=Path,
        default=ROOT / "bench" / "worst_query.graphql",
        help="the document of phase (w), the heaviest the API's limits accept (default bench/worst_query.graphql)",
    )
    parser.add_argument("--no-docs", action="store_true", help="do not rewrite the results in docs/benchmark.md")
    parser.add_argument("--keep", action="store_true", help="keep the databases and media (for profiling by hand)")
    parser.add_argument("--reuse", action="store_true", help="measure the databases a --keep run left (no generation)")
    args = parser.parse_args()
    args.worst_query = args.worst_query.resolve()
    args.secret_key = secrets.token_urlsafe(50)

    def interrupt(signum, frame):
        raise Interrupted(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C, even if started with SIGINT ignored
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGALRM):
        signal.signal(sig, interrupt)
    signal.alarm(args.time_limit * 60)

    started = time.monotonic()
    for folder in (ARTIFACTS / "wrk", ARTIFACTS / "lua", *(() if args.reuse else (MEDIA,))):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    databases = None
    try:
        ensure_wrk()
        redis.Redis.from_url(REDIS_URL).ping()
        databases = Databases()
        info = machine()
        say(f"machine: {info['nproc']} CPUs ({info['cpu_model']}), {info['memory_gib']} GiB; load {loadavg():.1f}")
        os.environ.update(django_env(databases.url(DATABASES["large"]), args))
        from bench.workload import requests  # reads the settings (BASE_DIR), which need that environment

        measured_requests = requests(args.worst_query)
        for name, request in measured_requests.items():
            if request.request_line_bytes > LIMIT_REQUEST_LINE:
                raise BenchError(
                    f"{name}: its request line is {request.request_line_bytes} bytes, over gunicorn's "
                    f"--limit-request-line {LIMIT_REQUEST_LINE}; send it by POST or by persisted-query hash"
                )
        if args.reuse and not databases.exist():
            raise BenchError("--reuse needs the databases of an earlier run with --keep")
        generation = 0.0 if args.reuse else generate(databases, args)
        results = measure_all(databases, args, measured_requests)
        evaluation = evaluate(results)
        report = {
            "finished": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": info,
            "settings": {
                key: getattr(args, key)
                for key in ("duration", "warmup", "rounds", "connections", "threads", "workers", "conn_max_age")
            },
            "datasets": {name: ", ".join(f"{v} {k}" for k, v in counts.items()) for name, counts in DATASETS.items()},
            "results": results,
            "evaluation": evaluation,
            "peak_worker_vmhwm_mib": max(r["worker_vmhwm_mib"] for r in results.values()),
            "generation_seconds": generation,
        }
        profile_started = time.monotonic()
        if args.profile == "always" or (args.profile == "auto" and not evaluation["c_vs_b"]["pass"]):
            try:
                report["hotspots"], report["profile"] = hotspots(databases, args)
                report["evaluation"] = evaluation = evaluate(results, report["profile"])
            except BenchError as error:  # the measurements stand; the profile's targets are "not measured"
                say(f"the profile failed, its targets are not measured: {error}")
                report["profile_error"] = str(error)
        report["profile_seconds"] = time.monotonic() - profile_started
        report["command"] = f"bench/run.py {' '.join(sys.argv[1:])}" if sys.argv[1:] else "make bench"
        report["total_seconds"] = time.monotonic() - started
        (ARTIFACTS / "latest.json").write_text(json.dumps(report, indent=2))
        text = markdown(report)
        (ARTIFACTS / "latest.md").write_text(text)
        print()
        print(table(results))
        print()
        print(targets_table(evaluation))
        print()
        print(f"Peak worker memory (VmHWM): {report['peak_worker_vmhwm_mib']:.0f} MiB")
        if not args.no_docs:
            write_docs(text)
        say(f"results: {(ARTIFACTS / 'latest.json').relative_to(ROOT)}; total {report['total_seconds'] / 60:.1f} min")
        return 0
    except BenchError as error:
        say(f"FAILED: {error}")
        return 1
    except (KeyboardInterrupt, Interrupted) as error:
        say(f"interrupted ({error or 'Ctrl-C'}): cleaning up")
        return 130
    finally:
        signal.alarm(0)
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(sig, signal.SIG_IGN)  # let the cleanup finish
        if databases is not None and not args.keep:
            databases.close()
        with contextlib.suppress(redis.RedisError):
            flush_cache()
        if not args.keep:
            shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
