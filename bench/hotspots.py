"""Where a request's time goes: in-process timings, SQL queries, Redis commands and a cProfile of each request.

Run by bench/run.py against the large dataset when the GraphQL listing is slower than the REST one (or always, with
`--profile always`), with the same environment as the servers and the response cache off (GRAPHQL_CACHE_TIMEOUT=0):

    python -m bench.hotspots --output test-artifacts/bench/hotspots.md [--worst-query bench/worst_query.graphql]

Requests go through Django's test client, in this process: no HTTP, no gunicorn, no wrk, so CPU time per request
is the application's own. The full profiles are written next to the output (profile-<request>.txt).

The worst accepted query (`--worst-query`, phase (w)) is timed and its SQL queries counted, not profiled in full.

What a cost unit of the API's limits is in time: each request's Python function calls are counted once (cProfile,
as tests/graphql_api/test_work.py counts them) and its unprofiled wall time divided by them; the slowest of those
times `CALLS_PER_COST` x `MAX_COST` is how long the most expensive document the limits accept may take here.

The figures per request are also written as JSON next to the output (hotspots.json), for the driver's targets.
See docs/benchmark.md.
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
django.setup()

import redis  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

import cms.wsgi  # noqa: E402, F401 - this process loads and freezes the application as a server's worker does
from bench.workload import WORST_QUERY_PATH, requests  # noqa: E402
from graphql_api.validation import CALLS_PER_COST  # noqa: E402

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


def _time_one(client, request):
    wall, cpu = time.perf_counter(), time.process_time()
    send(client, request)
    return time.perf_counter() - wall, time.process_time() - cpu


def timed(client, named_requests, count=TIMED):
    """Each request's median wall and CPU ms. The requests take turns, so that a burst of load from elsewhere on
    the machine (PostgreSQL's autovacuum after the load runs, another job on the other core) falls on all of them
    alike rather than on whichever was being timed: CPU time per request rises with a busy neighbour too."""
    samples = {name: [] for name in named_requests}
    for _ in range(count):
        for name, request in named_requests.items():
            samples[name].append(_time_one(client, request))
    return {
        name: tuple(1000 * statistics.median(column) for column in zip(*times, strict=True))
        for name, times in samples.items()
    }


def counted(client, request, redis_counter):
    redis_counter.reset()
    with CaptureQueriesContext(connection) as queries:
        send(client, request)
    count = len(queries)
    reset_queries()
    return count, sum(redis_counter.counts.values()), dict(redis_counter.counts)


def function_calls(client, request):
    """Python function calls of one request, counted as tests/graphql_api/test_work.py counts them."""
    profiler = cProfile.Profile()
    profiler.enable()
    send(client, request)
    profiler.disable()
    return pstats.Stats(profiler).total_calls


def cost_bound(figures):
    """How long a document at the cost limit may take here: the slowest wall time per call seen, times the calls
    a cost unit stands for, times the limit."""
    us_per_call = max(1000 * entry["wall"] / entry["calls"] for entry in figures.values())
    limit = settings.GRAPHQL_LIMITS["MAX_COST"]
    return {
        "us_per_call": us_per_call,
        "calls_per_cost": CALLS_PER_COST,
        "max_cost": limit,
        "ms": us_per_call * CALLS_PER_COST * limit / 1000,
    }


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


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=Path("test-artifacts/bench/hotspots.md"))
    parser.add_argument("--count", type=int, default=30, help="profiled requests of each kind (default 30)")
    parser.add_argument("--worst-query", type=Path, default=WORST_QUERY_PATH, help="the document of phase (w)")
    args = parser.parse_args()
    cache.clear()
    client, all_requests, redis_counter = Client(), requests(args.worst_query), RedisCounter()
    summary = [
        "| request | wall ms | CPU ms | SQL queries | Redis commands | Python calls | µs per call |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    details, figures = [], {}
    profiled = {name: all_requests[name] for name in PROFILED}
    for name, request in [*profiled.items(), ("worst", all_requests["worst"])]:
        for _ in range(2 if name == "worst" else 5):
            send(client, request)
    timings = {**timed(client, profiled), **timed(client, {"worst": all_requests["worst"]}, count=3)}
    for name in [*PROFILED, "worst"]:
        request = all_requests[name]
        wall, cpu = timings[name]
        queries, commands, by_command = counted(client, request, redis_counter)
        calls = function_calls(client, request)
        summary.append(
            f"| {name} | {wall:.1f} | {cpu:.1f} | {queries} | {commands} ({by_command}) | {calls} | "
            f"{1000 * wall / calls:.3f} |"
        )
        figures[name] = {"wall": wall, "cpu": cpu, "queries": queries, "redis_commands": commands, "calls": calls}
        if name == "worst":
            continue
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
    bound = cost_bound(figures)
    details += [
        "",
        f"A cost unit is at most {bound['calls_per_cost']} Python calls; at the slowest {bound['us_per_call']:.3f} µs "
        f"per call above, a document at the cost limit ({bound['max_cost']}) may take {bound['ms']:.0f} ms here.",
    ]
    lines = [*summary, *details]
    args.output.write_text("\n".join(lines) + "\n")
    args.output.with_suffix(".json").write_text(json.dumps({**figures, "cost_bound": bound}, indent=2))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
