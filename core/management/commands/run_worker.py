"""The task worker: queue the periodic jobs (core.periodic) if none is waiting, then run django-tasks-db's worker,
which runs them and every other task (webhook deliveries) as they fall due."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from core.periodic import schedule_all


class Command(BaseCommand):
    help = "Run the task worker, with the periodic jobs (scheduled publishing) queued."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls of the queue.")

    def handle(self, *args, interval, **options):
        queued = schedule_all()
        if queued:
            self.stdout.write(f"Queued the periodic jobs: {', '.join(queued)}.")
        # As arguments, not options: argparse checks the parser's default ("default", not a database backend) too.
        call_command(
            "db_worker", "--backend", settings.WORKER_TASK_BACKEND, "--interval", str(interval), "--no-startup-delay",
            reload=False,
        )  # fmt: skip
