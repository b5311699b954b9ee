"""A development admin account, so a fresh clone can log in at once. Refuses to run outside DEBUG."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the development admin user if it does not exist, and print its credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for development only (DEBUG is off).")
        username = os.environ.get("DEV_ADMIN_USERNAME", "admin")
        password = os.environ.get("DEV_ADMIN_PASSWORD", "labcms-dev-admin")
        user_model = get_user_model()
        if not user_model.objects.filter(username=username).exists():
            user_model.objects.create_superuser(username=username, email="admin@localhost", password=password)
            self.stdout.write(f"Created the development admin user '{username}'.")
        self.stdout.write(f"Admin login: {username} / {password}  (development only)")
