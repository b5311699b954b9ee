"""The Webhooks menu in the Wagtail admin: endpoints are edited there, deliveries only read and filtered."""

import pytest
from django.urls import reverse

from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint


@pytest.fixture
def deliveries(endpoint):
    payload = {"event": "page.published", "object": {"type": "blog.BlogPostPage", "id": 7}, "affected": ["/"]}
    return [
        WebhookDelivery.objects.create(endpoint=endpoint, event="page.published", payload=payload, status=status)
        for status in (DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED, DeliveryStatus.PENDING)
    ]


def test_an_admin_adds_an_endpoint_choosing_its_events(admin_client, db):
    response = admin_client.get(reverse("webhook_endpoints:add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'type="checkbox" name="events" value="page.published"' in html
    assert 'name="secret"' in html

    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {
            "name": "Next.js",
            "url": "https://lab.example.org/api/revalidate/",
            "secret": "a-long-enough-shared-secret",
            "active": "on",
            "events": ["page.published", "snippet.saved"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["page.published", "snippet.saved"]
    assert endpoint.wants("page.published") and not endpoint.wants("page.deleted")


def test_an_endpoint_needs_an_http_url_a_real_secret_and_an_event(admin_client, db):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {"name": "Bad", "url": "ftp://example.org/", "secret": "short", "active": "on"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"url", "events"}
    assert not WebhookEndpoint.objects.exists()


def test_new_endpoints_get_a_random_secret_and_every_event(db):
    first = WebhookEndpoint.objects.create(name="a", url="https://a.example/")
    second = WebhookEndpoint.objects.create(name="b", url="https://b.example/")
    assert len(first.secret) >= 32 and first.secret != second.secret
    assert first.events == [
        "page.published",
        "page.unpublished",
        "page.moved",
        "page.deleted",
        "snippet.saved",
        "snippet.deleted",
        "image.changed",
        "document.changed",
        "collection.changed",
        "restriction.changed",
        "redirect.changed",
        "tag.changed",
        "content.updated",
    ]


def test_the_delivery_log_lists_and_filters_by_status(admin_client, deliveries):
    response = admin_client.get(reverse("webhook_deliveries:index"))
    assert response.status_code == 200
    assert len(response.context["object_list"]) == 3
    assert "blog.BlogPostPage #7" in response.content.decode()

    response = admin_client.get(reverse("webhook_deliveries:index"), {"status": "failed"})
    assert [delivery.status for delivery in response.context["object_list"]] == ["failed"]


def test_a_delivery_can_be_inspected_but_not_added_edited_or_deleted(admin_client, deliveries):
    delivery = deliveries[0]
    response = admin_client.get(reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert response.status_code == 200
    assert "blog.BlogPostPage" in response.content.decode()

    index = admin_client.get(reverse("webhook_deliveries:index")).content.decode()
    assert reverse("webhook_deliveries:add") not in index
    assert reverse("webhook_deliveries:edit", args=[delivery.pk]) not in index

    for url in (
        reverse("webhook_deliveries:add"),
        reverse("webhook_deliveries:edit", args=[delivery.pk]),
        reverse("webhook_deliveries:delete", args=[delivery.pk]),
    ):
        assert admin_client.get(url).status_code in {302, 403}
        assert admin_client.post(url, {"event": "page.deleted"}).status_code in {302, 403}
    assert WebhookDelivery.objects.count() == 3
    delivery.refresh_from_db()
    assert delivery.event == "page.published"


def test_the_menu_shows_webhooks(admin_client, db):
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Webhooks" in html
    assert reverse("webhook_deliveries:index") in html
