"""How committed deliveries reach a sender: the django-tasks queue (the worker sends), or only the command."""

import pytest
from django.core.management import call_command
from django_tasks import task_backends

from blog.factories import BlogPostPageFactory
from webhooks import delivery as sender
from webhooks.models import DeliveryStatus, WebhookDelivery
from webhooks.tasks import deliver_webhook

QUEUE = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "webhooks": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
}


@pytest.fixture
def post(site_tree):
    return BlogPostPageFactory(parent=site_tree["blog"], slug="post")


def test_with_a_task_queue_configured_deliveries_are_enqueued_not_sent(
    post, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUE
    settings.WEBHOOKS_TASK_BACKEND = "webhooks"
    settings.WEBHOOKS_DELIVERY_MODE = "task"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    [queued] = task_backends["webhooks"].results
    assert queued.task.func is deliver_webhook.func
    assert queued.args == [delivery.pk]
    assert receiver.requests == []

    # The worker runs the task: a 500 is recorded, and the retry is queued for its time.
    receiver.statuses = [500]
    assert deliver_webhook.call(delivery.pk) == DeliveryStatus.PENDING
    delivery.refresh_from_db()
    [_, retry] = task_backends["webhooks"].results
    assert retry.task.run_after == delivery.next_attempt_at
    assert retry.args == [delivery.pk]


@pytest.mark.parametrize(
    ("mode", "expected"), [("task", "task"), ("sync", "sync"), ("cron", "cron"), ("nonsense", "task")]
)
def test_the_mode_actually_used(settings, mode, expected):
    settings.WEBHOOKS_DELIVERY_MODE = mode
    assert sender.resolved_mode() == expected


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the flush would take the root page with it
def test_by_default_publishing_queues_the_delivery_in_the_database_and_sends_nothing(
    site_tree, endpoint, receiver, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.WEBHOOKS_DELIVERY_MODE = "task"
    post = BlogPostPageFactory(parent=site_tree["blog"], slug="queued")
    post.save_revision().publish()  # autocommit: on_commit runs right after the publish's own transaction
    delivery = WebhookDelivery.objects.get()
    [queued] = DBTaskResult.objects.filter(task_path="webhooks.tasks.deliver_webhook")
    assert queued.args_kwargs["args"] == [delivery.pk]
    assert receiver.requests == [] and delivery.attempts == 0  # the web process sent nothing: the worker will


def test_in_cron_mode_only_the_command_sends(post, endpoint, receiver, settings, django_capture_on_commit_callbacks):
    settings.WEBHOOKS_DELIVERY_MODE = "cron"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    assert receiver.requests == []
    call_command("deliver_webhooks")
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 1


def test_a_deactivated_endpoint_fails_its_pending_deliveries(
    post, endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_DELIVERY_MODE = "cron"
    with django_capture_on_commit_callbacks(execute=True):
        post.save_revision().publish()
    endpoint.active = False
    endpoint.save()
    call_command("deliver_webhooks")
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.last_error) == (DeliveryStatus.FAILED, "The endpoint was deactivated.")
    assert receiver.requests == []
