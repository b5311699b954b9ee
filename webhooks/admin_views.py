"""The admin's two actions: "Retry now" on a delivery and "Send test" on an endpoint. Each asks first (GET), acts on
POST, and only queues: the worker sends, as for every delivery."""

import functools
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from . import events
from .delivery import dispatch
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


def _confirm(request, title, question, back_url):
    context = {"title": title, "question": question, "back_url": back_url}
    return TemplateResponse(request, "webhooks/confirm.html", context)


def _queued(request, delivery_id, message, back_url):
    transaction.on_commit(functools.partial(dispatch, [delivery_id]), robust=True)
    messages.success(request, message)
    return redirect(back_url)


def _check_permission(request):
    if not request.user.has_perm("webhooks.change_webhookendpoint"):
        raise PermissionDenied


def retry_delivery(request, pk):
    _check_permission(request)
    delivery = get_object_or_404(WebhookDelivery, pk=pk)
    back_url = reverse("webhook_deliveries:index")
    if request.method != "POST":
        return _confirm(request, "Retry now", f"Send {delivery} again now?", back_url)
    WebhookDelivery.objects.filter(pk=pk).update(
        status=DeliveryStatus.PENDING, next_attempt_at=timezone.now(), locked_until=None
    )
    return _queued(request, pk, f"Delivery {pk} is queued: the worker sends it within seconds.", back_url)


def send_test(request, pk):
    _check_permission(request)
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    back_url = reverse("webhook_endpoints:index")
    if request.method != "POST":
        return _confirm(request, "Send test", f"Send a {events.TEST} delivery to {endpoint.url}?", back_url)
    event_id = uuid.uuid4()
    payload = {
        "event": events.TEST,
        "id": str(event_id),
        "object": None,
        "url_path": None,
        "affected": [],
        "site_wide": False,
        "occurred_at": timezone.now().isoformat(),
    }
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=events.TEST, event_id=event_id, payload=payload)
    message = f"Test delivery {delivery.pk} is queued; its outcome shows under Deliveries."
    return _queued(request, delivery.pk, message, back_url)
