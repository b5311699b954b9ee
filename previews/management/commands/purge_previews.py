"""Delete preview data nobody can use any more. Run it on a schedule (cron, every hour), not only on preview."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from wagtail_headless_preview.models import PagePreview

from previews.models import PreviewLink

KEEP_DEAD_LINKS_FOR = datetime.timedelta(days=30)


class Command(BaseCommand):
    help = "Delete stored previews older than PREVIEW_TOKEN_MAX_AGE and preview links dead for 30 days."

    def handle(self, *args, **options):
        # PagePreview.created_at is a date, so a row is kept until its whole day is past the token's lifetime.
        oldest_usable_day = (timezone.now() - datetime.timedelta(seconds=settings.PREVIEW_TOKEN_MAX_AGE)).date()
        previews, _ = PagePreview.objects.filter(created_at__lt=oldest_usable_day).delete()
        cutoff = timezone.now() - KEEP_DEAD_LINKS_FOR
        links, _ = PreviewLink.objects.filter(expires_at__lt=cutoff).delete()
        revoked, _ = PreviewLink.objects.filter(revoked_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {previews} stored previews and {links + revoked} dead preview links.")
