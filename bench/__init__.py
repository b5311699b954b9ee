"""`make bench`: the load benchmark of the public API (see docs/benchmark.md). Not imported by the project."""
