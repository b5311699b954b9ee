"""Periodic jobs of the task worker: each management command in PERIODIC_COMMANDS runs every so many seconds, as a
task on the same queue as everything else (django-tasks' database backend), so nothing needs cron.

A job is a task that first queues its own next run, then runs its command: a failure does not end the chain. The
worker (`manage.py run_worker`) queues each job once when it starts unless a run is already waiting, so restarting
it, or running several, does not multiply them.
"""

import datetime
import logging

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def intervals():
    return dict(settings.PERIODIC_COMMANDS)


def waiting_runs(command=None):
    """Runs queued and not yet started, soonest first (for the admin: "next run at")."""
    from django_tasks_db.models import DBTaskResult

    runs = DBTaskResult.objects.filter(
        backend_name=settings.WORKER_TASK_BACKEND, task_path=run_command.module_path, status="READY"
    ).order_by("run_after")
    if command is not None:
        runs = runs.filter(args_kwargs__args=[command])
    return runs


def schedule(command, delay):
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    run_command.using(backend=settings.WORKER_TASK_BACKEND, run_after=run_after).enqueue(command)


def schedule_all():
    """Queue each job that has no run waiting; returns the commands queued."""
    queued = []
    for command in intervals():
        if not waiting_runs(command).exists():
            schedule(command, 0)
            queued.append(command)
    return queued


@task()
def run_command(command):
    interval = intervals().get(command)
    if interval is None:  # dropped from the settings: the chain ends here
        return None
    if waiting_runs(command).count() < 1:
        schedule(command, interval)
    call_command(command)
    return command
