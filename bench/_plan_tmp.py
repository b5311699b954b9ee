import django

django.setup()
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.hotspots import send  # noqa: E402
from bench.workload import requests  # noqa: E402

c = Client()
r = requests()["listing-post"]
send(c, r)
with CaptureQueriesContext(connection) as q:
    send(c, r)
sql = max(q.captured_queries, key=lambda x: "ORDER BY" in x["sql"] and "LIMIT 20" in x["sql"])["sql"]
print(sql[:200], "...", sql[-300:])
with connection.cursor() as cursor:
    cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
    for (line,) in cursor.fetchall():
        print(line)
