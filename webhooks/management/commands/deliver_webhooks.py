"""Send the webhook deliveries that are due: first attempts a sender missed, and retries whose time has come.

Run it from cron (`* * * * * manage.py deliver_webhooks`) or as a long-running worker (`--loop`).
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from webhooks.delivery import deliver_due
from webhooks.models import DeliveryStatus, WebhookDelivery


class Command(BaseCommand):
    help = "Send due webhook deliveries (cron, or a worker with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=10.0, help="Seconds between checks with --loop.")
        parser.add_argument("--limit", type=int, default=None, help="Send at most this many per check.")
        parser.add_argument(
            "--prune-days",
            type=int,
            default=None,
            help="Also delete succeeded and failed deliveries older than this many days.",
        )

    def handle(self, *args, loop, interval, limit, prune_days, **options):
        if prune_days is not None:
            cutoff = timezone.now() - datetime.timedelta(days=prune_days)
            pruned, _ = WebhookDelivery.objects.filter(
                status__in=[DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED], created_at__lt=cutoff
            ).delete()
            self.stdout.write(f"Pruned {pruned} old deliveries.")
        while True:
            sent = deliver_due(limit=limit)
            if sent or not loop:
                succeeded = sum(1 for delivery in sent if delivery.status == DeliveryStatus.SUCCEEDED)
                failed = sum(1 for delivery in sent if delivery.status == DeliveryStatus.FAILED)
                retrying = len(sent) - succeeded - failed
                self.stdout.write(
                    f"Sent {len(sent)} deliveries: {succeeded} succeeded, {retrying} to retry, {failed} failed."
                )
            if not loop:
                return
            time.sleep(interval)
