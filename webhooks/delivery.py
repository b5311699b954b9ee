"""Recording events as deliveries, and sending them: signed POSTs with urllib, retried with exponential backoff.

The delivery table is an outbox. A content change writes its deliveries in its own transaction, so they exist if and
only if the change committed. After the commit, `dispatch` queues one task per delivery on django-tasks (the
database backend; the worker, `manage.py run_worker`, sends them): the web process never sends HTTP itself.
Whatever the queue misses (a crash between commit and enqueue) is sent by `deliver_webhooks`, which the worker
also runs every minute (PERIODIC_COMMANDS). A sender first claims a delivery with one atomic UPDATE, so two
senders never post the same delivery at once.
"""

import datetime
import functools
import json
import logging
import urllib.error
import urllib.request
import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import signing, targets
from .models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

USER_AGENT = "labcms-webhooks/1"
MAX_ERROR_CHARS = 1000
DEFAULT_RETRY_DELAYS = [60, 300, 1800, 7200, 43200]  # 1 min, 5 min, 30 min, 2 h, 12 h


def _setting(name, default):
    return getattr(settings, name, default)


def timeout():
    return float(_setting("WEBHOOKS_TIMEOUT", 5))


def max_attempts():
    return max(1, int(_setting("WEBHOOKS_MAX_ATTEMPTS", 6)))


def retry_delay(attempts):
    """Seconds to wait after the `attempts`-th failed attempt (1-based); the last delay repeats."""
    delays = list(_setting("WEBHOOKS_RETRY_DELAYS", DEFAULT_RETRY_DELAYS)) or DEFAULT_RETRY_DELAYS
    return delays[min(attempts, len(delays)) - 1]


# --- Recording -------------------------------------------------------------------------------------------------


def subscribed_endpoints(event):
    return [endpoint for endpoint in WebhookEndpoint.objects.filter(active=True) if endpoint.wants(event)]


def record(event, build_payload):
    """Write one delivery per endpoint subscribed to `event`, and dispatch them once the transaction commits.

    `build_payload()` is only called when some endpoint wants the event, so that content changes cost one query
    while no webhook is configured. It returns the payload without `event`, `id` and `occurred_at`.
    """
    endpoints = subscribed_endpoints(event)
    if not endpoints:
        return []
    body = build_payload()
    if body is None:
        return []
    event_id = uuid.uuid4()
    payload = {"event": event, "id": str(event_id), **body, "occurred_at": timezone.now().isoformat()}
    deliveries = [
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, event_id=event_id, payload=payload)
        for endpoint in endpoints
    ]
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(functools.partial(dispatch, ids), robust=True)
    return deliveries


# --- Sending ----------------------------------------------------------------------------------------------------


def encode(payload):
    """The exact bytes posted and signed."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def post(endpoint, delivery):
    """POST one delivery; returns (status code or None, error message or "")."""
    if not endpoint.url.lower().startswith(("http://", "https://")):
        return None, "The endpoint's URL is not http(s)."
    try:
        addresses = targets.resolve(endpoint.url)
    except targets.RefusedTarget as refusal:
        return None, f"Refused: {refusal}"
    body = encode(delivery.payload)
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "X-Labcms-Event": delivery.event,
            "X-Labcms-Delivery": str(delivery.pk),
            "X-Labcms-Event-Id": str(delivery.event_id),
            signing.SIGNATURE_HEADER: signing.sign(endpoint.secret, body),
        },
    )
    try:
        with targets.opener(addresses).open(request, timeout=timeout()) as response:
            response.read(64 * 1024)
            return response.status, ""
    except urllib.error.HTTPError as error:
        detail = error.read(MAX_ERROR_CHARS).decode("utf-8", "replace").strip()
        return error.code, f"HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "")
    except urllib.error.URLError as error:
        return None, f"Could not connect: {error.reason}"
    except (TimeoutError, OSError, ValueError) as error:
        return None, f"{type(error).__name__}: {error}"


def claim(delivery_id, now=None):
    """Take a due delivery for this sender until its lease runs out; False if it is not due or someone has it."""
    now = now or timezone.now()
    lease = now + datetime.timedelta(seconds=timeout() * 2 + 30)
    return WebhookDelivery.objects.due(now).filter(pk=delivery_id).update(locked_until=lease) == 1


def deliver(delivery_id):
    """Send one due delivery and record the outcome. Returns the delivery, or None when it was not ours to send."""
    if not claim(delivery_id):
        return None
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if not delivery.endpoint.active:
        delivery.status = DeliveryStatus.FAILED
        delivery.last_error = "The endpoint was deactivated."
        delivery.next_attempt_at = None
        delivery.locked_until = None
        delivery.save()
        return delivery

    status_code, error = post(delivery.endpoint, delivery)
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status_code = status_code
    delivery.locked_until = None
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.last_error = ""
    else:
        delivery.last_error = (error or f"HTTP {status_code}")[:MAX_ERROR_CHARS]
        if delivery.attempts >= max_attempts():
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + datetime.timedelta(seconds=retry_delay(delivery.attempts))
        logger.warning(
            "Webhook delivery %s (%s to %s) failed, attempt %s: %s",
            delivery.pk,
            delivery.event,
            delivery.endpoint.url,
            delivery.attempts,
            delivery.last_error,
        )
    delivery.save()
    if delivery.status == DeliveryStatus.PENDING:
        _schedule_retry(delivery)
    return delivery


def deliver_due(limit=None):
    """Send every due delivery (oldest due first); returns the deliveries this call sent."""
    ids = list(WebhookDelivery.objects.due().order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    sent = []
    for delivery_id in ids:
        delivery = deliver(delivery_id)
        if delivery is not None:
            sent.append(delivery)
    return sent


# --- Dispatching after the commit ------------------------------------------------------------------------------

MODES = {"task", "sync", "cron"}


def task_backend_alias():
    return _setting("WEBHOOKS_TASK_BACKEND", "default")


def task_backend():
    from django_tasks import task_backends

    return task_backends[task_backend_alias()]


def resolved_mode():
    value = _setting("WEBHOOKS_DELIVERY_MODE", "task")
    return value if value in MODES else "task"


def dispatch(ids):
    """Hand freshly committed deliveries to a sender (called by transaction.on_commit)."""
    chosen = resolved_mode()
    if chosen == "sync":
        for delivery_id in ids:
            deliver(delivery_id)
    elif chosen == "task":
        enqueue(ids)
    # "cron": the deliveries wait for `manage.py deliver_webhooks`.


def enqueue(ids, run_after=None):
    from .tasks import deliver_webhook

    task = deliver_webhook.using(backend=task_backend_alias(), run_after=run_after)
    for delivery_id in ids:
        task.enqueue(delivery_id)


def _schedule_retry(delivery):
    """With a task queue that can defer, the retry is queued for its time; otherwise deliver_webhooks sends it."""
    if resolved_mode() != "task" or not task_backend().supports_defer:
        return
    try:
        enqueue([delivery.pk], run_after=delivery.next_attempt_at)
    except Exception:
        logger.exception("Could not queue the retry of webhook delivery %s", delivery.pk)
