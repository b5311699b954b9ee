"""Where a request's time goes: in-process timings, SQL queries, Redis commands and a cProfile of each request.

Run by bench/run.py against the large dataset when the GraphQL listing is slower than the REST one (or always, with
`--profile always`), with the same environment as the servers and the response cache off (GRAPHQL_CACHE_TIMEOUT=0):

    python -m bench.hotspots --output test-artifacts/bench/hotspots.md [--what-if]

Requests go through Django's test client, in this process: no HTTP, no gunicorn, no wrk, so CPU time per request
is the application's own. The full profiles are written next to the output (profile-<request>.txt).

`--what-if` also measures the GraphQL listing and home page query with candidate fixes applied as runtime patches
in the profiling process only (the served application is never changed): each one alone, then all together, with
a check that the answers stay byte-for-byte the same. See docs/benchmark.md.
"""

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
django.setup()

import redis  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.workload import requests  # noqa: E402

PROFILED = ["rest", "listing-post", "home-post"]
TIMED = 30
CATEGORIES = [  # (label, substrings of a profile entry's file name or function), first match wins
    ("Redis client and its socket I/O", ("redis/", "_socket.socket", "pickle")),
    ("PostgreSQL driver (psycopg) and waiting for the server", ("psycopg",)),
    ("GraphQL validation", ("graphql/validation", "graphql_api/validation")),
    ("GraphQL parsing and AST visiting", ("graphql/language",)),
    ("GraphQL execution (graphql-core, graphene, grapple)", ("graphql/", "graphene", "grapple", "graphql_api/")),
    ("REST serialization (DRF, wagtail.api)", ("rest_framework", "wagtail/api")),
    ("StreamField (to_python, blocks)", ("wagtail/blocks", "wagtail/fields", "core/blocks")),
    ("Django ORM (query building, model instances)", ("django/db", "modelcluster", "treebeard", "taggit")),
    ("images and renditions", ("wagtail/images", "willow")),
    ("page URLs and sites", ("wagtail/models/pages", "wagtail/models/sites", "django/urls")),
    ("JSON", ("json/",)),
    ("Django request handling and middleware", ("django/", "corsheaders")),
]


class RedisCounter:
    """Counts the commands the Redis client sends, by command name."""

    def __init__(self):
        self.counts = {}
        self.original = redis.Redis.execute_command
        counter = self

        def execute_command(client, *args, **options):
            counter.counts[args[0]] = counter.counts.get(args[0], 0) + 1
            return counter.original(client, *args, **options)

        redis.Redis.execute_command = execute_command

    def reset(self):
        self.counts = {}


def send(client, request):
    if request.method == "GET":
        response = client.get(request.path, headers=request.headers)
    else:
        headers = {k: v for k, v in request.headers.items() if k != "Content-Type"}
        response = client.post(request.path, request.body, content_type="application/json", headers=headers)
    if problem := request.check(response.status_code, response.content):
        raise SystemExit(f"{request.method} {request.path[:60]}: {problem}")
    return response


def timed(client, request, count=TIMED):
    walls, cpus = [], []
    for _ in range(count):
        wall, cpu = time.perf_counter(), time.process_time()
        send(client, request)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return 1000 * statistics.median(walls), 1000 * statistics.median(cpus)


def counted(client, request, redis_counter):
    redis_counter.reset()
    with CaptureQueriesContext(connection) as queries:
        send(client, request)
    count = len(queries)
    reset_queries()
    return count, sum(redis_counter.counts.values()), dict(redis_counter.counts)


def categorize(stats):
    totals = {}
    for (filename, _, function), (_, _, tottime, _, _) in stats.stats.items():
        where = f"{filename}:{function}"
        label = next((label for label, keys in CATEGORIES if any(key in where for key in keys)), "other")
        totals[label] = totals.get(label, 0.0) + tottime
    return totals


def profile(client, request, count, path):
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        send(client, request)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(40)
    stats.sort_stats("cumulative").print_stats(80)
    path.write_text(text.getvalue().replace(str(Path(django.__file__).parent.parent) + "/", ""))
    return stats


def top_functions(stats, count, limit=8):
    total = sum(entry[2] for entry in stats.stats.values())
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:limit]
    site = str(Path(django.__file__).parent.parent) + "/"
    lines = []
    for (filename, line, function), (_, calls, tottime, _, _) in rows:
        where = filename.replace(site, "").replace(str(Path.cwd()) + "/", "")
        lines.append(
            f"{function} ({where}:{line}): {1000 * tottime / count:.2f} ms/request, "
            f"{calls / count:.0f} calls/request, {100 * tottime / total:.0f}%"
        )
    return lines


# --- what-if patches: candidate fixes, applied in this process only --------------------------------------------------


def patch_research_areas_only():
    """The listing's research areas without their StreamField body (only what a link needs is read)."""
    from django.db.models import Prefetch

    from core.visibility import public_pages
    from graphql_api import listings

    def public_related(name, model):
        return Prefetch(name, queryset=public_pages(model.objects.defer("body")).order_by("path"))

    listings.public_related = public_related


def patch_redis_client_reuse():
    """One redis.Redis per connection pool: Django's RedisCacheClient makes a new one for every cache call, and
    redis-py 8 builds its table of ~170 response callbacks in each."""
    from django.core.cache.backends.redis import RedisCacheClient

    clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]

    RedisCacheClient.get_client = get_client


WHAT_IF = {
    "reuse the Redis client": patch_redis_client_reuse,
    "research areas without body": patch_research_areas_only,
}


WHAT_IF_UNCACHED = ["listing-post", "home-post", "rest"]
WHAT_IF_CACHED = ["floor", "listing-get", "home-get"]


def what_if():
    """Each patch alone (in a fresh process each: patches cannot be undone), then all of them: the uncached requests
    with GRAPHQL_CACHE_TIMEOUT=0, then the cached ones (and the floor) with the production default."""
    import json
    import subprocess
    import sys

    tables = []
    for names, cached, columns in (
        (WHAT_IF_UNCACHED, False, ("wall ms", "CPU ms", "SQL", "Redis")),
        (WHAT_IF_CACHED, True, ("CPU ms", "Redis")),
    ):
        env = {key: value for key, value in os.environ.items() if not (cached and key == "GRAPHQL_CACHE_TIMEOUT")}
        head = " | ".join(f"{name}: {column}" for name in names for column in columns)
        rows = [f"| patch | {head} | same answers |", "| --- |" + " ---: |" * len(columns) * len(names) + " --- |"]
        reference = None
        for name in ["none", *WHAT_IF, "all"]:
            if cached and name not in ("none", "reuse the Redis client"):
                continue  # the other patches change nothing a cached answer does
            command = [sys.executable, "-m", "bench.hotspots", "--apply", name, *(["--cached"] if cached else [])]
            result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True, env=env)  # noqa: S603
            measured = json.loads(result.stdout.strip().splitlines()[-1])
            reference = reference or measured["answers"]
            keys = ("cpu", "commands") if cached else ("wall", "cpu", "queries", "commands")
            cells = " | ".join(cell(m, key, cached) for m in measured["requests"] for key in keys)
            rows.append(f"| {name} | {cells} | {'yes' if measured['answers'] == reference else 'NO'} |")
        tables += [*rows, ""]
    return tables


def cell(measured, key, cached):
    value = measured[key]
    if key in ("wall", "cpu"):
        return f"{value:.2f}" if cached else f"{value:.1f}"
    return str(value)


def apply_and_measure(name, cached):
    """Prints one JSON line: per request, median wall and CPU ms, SQL queries, Redis commands; answers' hashes."""
    import hashlib
    import json

    for patch_name, patch in WHAT_IF.items():
        if name in ("all", patch_name):
            patch()
    cache.clear()
    client, redis_counter, measured, answers = Client(), RedisCounter(), [], []
    for request_name in WHAT_IF_CACHED if cached else WHAT_IF_UNCACHED:
        request = requests()[request_name]
        if request.prime is not None:
            send(client, request.prime)
        for _ in range(5):
            answers.append(hashlib.sha256(send(client, request).content).hexdigest())
        if cached:
            runs = [timed(client, request, 200) for _ in range(5)]
            wall, cpu = min(runs, key=lambda run: run[1])
        else:
            wall, cpu = timed(client, request, 40)
        queries, commands, _ = counted(client, request, redis_counter)
        measured.append({"wall": wall, "cpu": cpu, "queries": queries, "commands": commands})
    print(json.dumps({"requests": measured, "answers": sorted(set(answers))}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=Path("test-artifacts/bench/hotspots.md"))
    parser.add_argument("--count", type=int, default=30, help="profiled requests of each kind (default 30)")
    parser.add_argument("--what-if", action="store_true", help="also measure (c) and (e) with candidate fixes")
    parser.add_argument("--apply", help=argparse.SUPPRESS)
    parser.add_argument("--cached", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.apply:
        apply_and_measure(args.apply, args.cached)
        return
    cache.clear()
    client, all_requests, redis_counter = Client(), requests(), RedisCounter()
    summary = [
        "| request | wall ms | CPU ms | SQL queries | Redis commands |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    details = []
    for name in PROFILED:
        request = all_requests[name]
        for _ in range(5):
            send(client, request)
        wall, cpu = timed(client, request)
        queries, commands, by_command = counted(client, request, redis_counter)
        summary.append(f"| {name} | {wall:.1f} | {cpu:.1f} | {queries} | {commands} ({by_command}) |")
        stats = profile(client, request, args.count, args.output.parent / f"profile-{name}.txt")
        totals = categorize(stats)
        total = sum(totals.values())
        shares = ", ".join(
            f"{label} {100 * seconds / total:.0f}%"
            for label, seconds in sorted(totals.items(), key=lambda item: -item[1])
            if seconds / total >= 0.03
        )
        details += [
            "",
            f"`{name}`: profiled time by area: {shares}.",
            "",
            *(f"- {line}" for line in top_functions(stats, args.count)),
        ]
    lines = [*summary, *details]
    if args.what_if:
        lines += [
            "",
            "With candidate fixes (runtime patches in the profiling process only), uncached, then cached:",
            "",
        ]
        lines += what_if()
    args.output.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
