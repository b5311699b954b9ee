"""The health endpoint reports the database, the cache and the task queue, each on its own; only the database
decides the status a load balancer reads."""

import pytest

from core.periodic import schedule, schedule_all
from tests.core.test_redis_outage import throwaway_redis  # noqa: F401 (fixture)


def health(client):
    response = client.get("/health/?format=json")
    return response.status_code, response.json()


def test_everything_working(client, db):
    assert health(client) == (200, {"Database": "OK", "Cache": "OK", "TaskQueue": "OK"})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the checks run in threads of their own
def test_a_queue_without_a_worker_is_reported_but_not_critical(client):
    schedule("publish_scheduled", -600)
    status, report = health(client)
    assert status == 200
    assert report["TaskQueue"].startswith("unavailable: Tasks waiting for more than 0:05:00")


def test_redis_down_is_reported_but_not_critical(client, db, throwaway_redis):  # noqa: F811
    assert health(client)[1]["Cache"] == "OK"
    throwaway_redis.stop()
    status, report = health(client)
    assert status == 200 and report["Database"] == "OK"
    assert report["Cache"] != "OK"


def test_the_dashboard_shows_the_next_run_of_scheduled_publishing(admin_client, django_capture_on_commit_callbacks):
    assert "no run is queued" in admin_client.get("/admin/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        schedule_all()
    dashboard = admin_client.get("/admin/").content.decode()
    assert "Scheduled publishing: next run at" in dashboard and "(every 60 s)" in dashboard
