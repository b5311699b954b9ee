"""Webhook endpoints (configured by admins) and the delivery log, which is also the outbox deliveries are sent from."""

import secrets
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import targets
from .events import DELIVERY_EVENT_CHOICES, EVENT_CHOICES, all_events
from .secrets import EncryptedSecretField

SECRET_MIN_CHARS, SECRET_MAX_CHARS = 16, 200


def new_secret():
    return secrets.token_urlsafe(32)


class EventListField(models.JSONField):
    """A list of event names, stored as JSON and edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=EVENT_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {choice for choice, _label in EVENT_CHOICES}
        unknown = [event for event in value or [] if event not in known]
        if unknown:
            raise ValidationError(f"Unknown events: {', '.join(unknown)}.")


class WebhookEndpoint(models.Model):
    """A receiver, e.g. a frontend's revalidation route, told about the content changes it subscribed to."""

    name = models.CharField(max_length=120, help_text="E.g. Next.js site (production).")
    url = models.URLField(
        "URL", max_length=500, help_text="Where deliveries are POSTed, e.g. https://lab.example.org/api/revalidate"
    )
    secret = EncryptedSecretField(
        max_length=500,  # the token's length (webhooks.secrets); the secret itself has at most SECRET_MAX_CHARS
        default=new_secret,
        help_text="Shared with the receiver, which checks the X-Labcms-Signature header with it "
        "(the reference frontend reads it from REVALIDATE_SECRET). Stored encrypted, shown only once.",
    )
    active = models.BooleanField(default=True)
    events = EventListField(default=all_events, help_text="The events sent to this endpoint.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "webhook endpoint"

    def __str__(self):
        return self.name

    def clean(self):
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": "Use an http:// or https:// URL."})
        if self.url:
            try:
                targets.check_url(self.url)
            except targets.RefusedTarget as refusal:
                raise ValidationError({"url": str(refusal)}) from None
        if self.secret is not None and not SECRET_MIN_CHARS <= len(self.secret) <= SECRET_MAX_CHARS:
            raise ValidationError({"secret": f"Use {SECRET_MIN_CHARS} to {SECRET_MAX_CHARS} characters."})

    def wants(self, event):
        return self.active and event in (self.events or [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending deliveries whose next attempt is due and which no sender is working on."""
        now = now or timezone.now()
        return self.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now).filter(
            models.Q(locked_until__isnull=True) | models.Q(locked_until__lte=now)
        )


class WebhookDelivery(models.Model):
    """One event for one endpoint: written in the same transaction as the content change, sent after it commits."""

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.UUIDField(default=uuid.uuid4, db_index=True, help_text="Shared by every endpoint's delivery.")
    event = models.CharField(max_length=40, choices=DELIVERY_EVENT_CHOICES)
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, default=timezone.now, help_text="Empty once the delivery succeeded or failed for good."
    )
    locked_until = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="A sender's claim, so that two never send the same delivery."
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_due_idx")]

    def __str__(self):
        return f"{self.event} to {self.endpoint} ({self.get_status_display()})"

    @property
    def object_label(self):
        obj = (self.payload or {}).get("object") or {}
        return f"{obj.get('type', '?')} #{obj.get('id', '?')}"
