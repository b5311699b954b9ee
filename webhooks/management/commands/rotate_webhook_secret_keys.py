"""Re-encrypts every endpoint's secret under the newest of WEBHOOK_SECRET_KEYS, so that older keys can be dropped."""

from django.core.management.base import BaseCommand
from django.db import transaction

from webhooks.models import WebhookEndpoint


class Command(BaseCommand):
    help = (
        "Re-encrypt every webhook endpoint's secret under the first key of WEBHOOK_SECRET_KEYS (each is read with "
        "whichever listed key encrypted it). Run it after putting a new key first; then remove the old keys."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            endpoints = list(WebhookEndpoint.objects.select_for_update())
            for endpoint in endpoints:
                endpoint.save(update_fields=["secret"])
        self.stdout.write(f"Re-encrypted the secrets of {len(endpoints)} endpoint(s) under the newest key.")
