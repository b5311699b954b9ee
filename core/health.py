"""The health endpoint for load balancers (`/health/`, django-health-check): the database, the cache and the task
queue, each reported on its own. Only the database is critical (status 500): without Redis the site answers from
the database, and without a worker it still serves; those two are reported, for an operator, not for a balancer."""

import dataclasses
import datetime

from django.conf import settings
from django.utils import timezone
from health_check import Cache, Database
from health_check.backends import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

OVERDUE = datetime.timedelta(minutes=5)


@dataclasses.dataclass
class SharedCache(Cache):
    """Redis: a failure slows the site down, it does not take it down."""

    critical_service: bool = dataclasses.field(init=False, default=False, repr=False)

    def __repr__(self):
        return "Cache"


@dataclasses.dataclass
class TaskQueue(HealthCheck):
    """The queue is reachable and a worker is taking its tasks: none has waited past its time for OVERDUE."""

    critical_service: bool = dataclasses.field(init=False, default=False, repr=False)

    def check_status(self):
        from django_tasks_db.models import DBTaskResult

        overdue = DBTaskResult.objects.filter(
            backend_name=settings.WORKER_TASK_BACKEND, status="READY", run_after__lt=timezone.now() - OVERDUE
        )
        if overdue.exists():
            raise ServiceUnavailable(f"Tasks waiting for more than {OVERDUE}: is a worker (run_worker) running?")

    def __repr__(self):
        return "TaskQueue"


@dataclasses.dataclass
class DatabaseCheck(Database):
    def __repr__(self):
        return "Database"


health_view = HealthCheckView.as_view(checks=[(DatabaseCheck, {}), (SharedCache, {"cache_key": None}), (TaskQueue, {})])
