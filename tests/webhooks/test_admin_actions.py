"""The admin's "Retry now" and "Send test": each asks first, then only queues; the worker (here the commit hook,
in `sync` mode) sends."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from webhooks.models import DeliveryStatus, WebhookDelivery


def test_send_test_delivers_a_signed_test_event(admin_client, endpoint, receiver, django_capture_on_commit_callbacks):
    url = reverse("webhooks_send_test", args=[endpoint.pk])
    assert "Send a webhook.test delivery" in admin_client.get(url).content.decode()
    assert not WebhookDelivery.objects.exists()  # asking changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(url).status_code == 302
    [request] = receiver.requests
    assert (request["payload"]["event"], request["answered"]) == ("webhook.test", 200)
    assert WebhookDelivery.objects.get().status == DeliveryStatus.SUCCEEDED


def test_retry_now_sends_a_failed_delivery_again(admin_client, endpoint, receiver, django_capture_on_commit_callbacks):
    receiver.statuses = [500]
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("webhooks_send_test", args=[endpoint.pk]))
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 1)  # a retry is due in a minute
    index = admin_client.get(reverse("webhook_deliveries:index")).content.decode()
    assert reverse("webhooks_retry_delivery", args=[delivery.pk]) in index
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("webhooks_retry_delivery", args=[delivery.pk]))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 2)


def test_only_those_who_may_change_endpoints_may_act(client, django_user_model, endpoint):
    user = django_user_model.objects.create_user("reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.post(reverse("webhooks_send_test", args=[endpoint.pk])).status_code in (302, 403)
    assert not WebhookDelivery.objects.exists()
