"""Shareable preview links: a reviewer without an admin account opens a page's latest draft until the link expires."""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def new_key():
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="preview_links")
    key = models.CharField(max_length=64, unique=True, default=new_key, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link for {self.page} until {self.expires_at:%Y-%m-%d %H:%M}"

    @staticmethod
    def longest_validity():
        return datetime.timedelta(days=settings.PREVIEW_LINK_MAX_DAYS)

    def clean(self):
        now = timezone.now()
        if self.expires_at <= now:
            raise ValidationError({"expires_at": "Choose an expiry in the future."})
        if self.expires_at > now + self.longest_validity():
            raise ValidationError(
                {"expires_at": f"A preview link may last at most {settings.PREVIEW_LINK_MAX_DAYS} days."}
            )

    @property
    def state(self):
        if self.revoked_at:
            return "revoked"
        return "expired" if self.expires_at <= timezone.now() else "active"

    @property
    def frontend_url(self):
        return f"{settings.FRONTEND_BASE_URL}/preview-link/{self.key}/"
