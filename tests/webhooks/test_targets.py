"""Endpoints may not reach this machine or its private network: refused when saved, and again when sent."""

import json
import urllib.request

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from webhooks import delivery as sender
from webhooks import targets
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint

from .conftest import SECRET

INTERNAL_URLS = {
    "http://127.0.0.1:6379/": "127.0.0.1: it is a loopback address",
    "http://[::1]/hook": "::1: it is a loopback address",
    "http://10.0.0.1/hook": "10.0.0.1: it is a private address",
    "http://169.254.169.254/latest/meta-data/": "169.254.169.254: it is a link-local address",
    "http://localhost:8000/hook": "localhost: it is a loopback address",
    "http://[::ffff:127.0.0.1]/": "(::ffff:7f00:1): it is a loopback address",
    "http://0.0.0.0/": "0.0.0.0: it is an unspecified address",
}


@pytest.fixture
def nothing_internal_allowed(settings):
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = []


def deliver_to(url):
    endpoint = WebhookEndpoint.objects.create(name="Internal", url=url, secret=SECRET)
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event="page.published", payload={"event": "x"})
    return sender.deliver(delivery.pk)


@pytest.mark.parametrize(("url", "reason"), INTERNAL_URLS.items())
def test_an_internal_url_is_refused_when_saved(db, nothing_internal_allowed, url, reason):
    endpoint = WebhookEndpoint(name="Internal", url=url, secret=SECRET)
    with pytest.raises(ValidationError) as refused:
        endpoint.full_clean()
    [message] = refused.value.message_dict["url"]
    assert reason in message
    assert "WEBHOOK_ALLOWED_INTERNAL_HOSTS" in message


def test_the_admin_form_shows_the_refusal(admin_client, nothing_internal_allowed):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {"name": "Metadata", "url": "http://169.254.169.254/", "secret": SECRET, "active": "on", "events": []},
    )
    assert response.status_code == 200
    assert "169.254.169.254: it is a link-local address" in response.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_a_public_address_is_accepted_when_saved(db, nothing_internal_allowed):
    WebhookEndpoint(
        name="Public", url="https://93.184.215.14/hook", secret=SECRET, events=["page.published"]
    ).full_clean()


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost"], ids=["the receiver's address", "a name that resolves to it"]
)
def test_an_internal_address_is_refused_when_sent_and_the_log_says_why(db, receiver, nothing_internal_allowed, host):
    port = receiver.server.server_address[1]
    delivery = deliver_to(f"http://{host}:{port}/api/revalidate/")
    assert receiver.requests == []
    assert delivery.status == DeliveryStatus.PENDING and delivery.last_status_code is None
    assert delivery.last_error.startswith(f"Refused: Webhooks may not be sent to {host}")
    assert "loopback address" in delivery.last_error


@pytest.mark.parametrize("url", ["http://10.0.0.1/hook", "http://169.254.169.254/", "http://[::1]:6379/"])
def test_internal_literals_are_refused_when_sent_without_connecting(db, nothing_internal_allowed, url):
    delivery = deliver_to(url)
    assert delivery.last_error.startswith("Refused: Webhooks may not be sent to")


def test_an_allowed_internal_host_is_sent_to(db, receiver, settings):
    settings.WEBHOOK_ALLOWED_INTERNAL_HOSTS = ["localhost"]
    port = receiver.server.server_address[1]
    delivery = deliver_to(f"http://localhost:{port}/api/revalidate/")
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.SUCCEEDED, 200)
    assert len(receiver.requests) == 1


def test_the_connection_goes_to_the_vetted_address_not_a_fresh_lookup(receiver):
    """A name that resolves nowhere (.invalid) still reaches the vetted address: a second lookup, which DNS
    rebinding could answer with an internal address, never happens."""
    port = receiver.server.server_address[1]
    receiver.secret = None
    request = urllib.request.Request(f"http://rebound.invalid:{port}/x", data=b"{}", method="POST")
    with targets.opener(["127.0.0.1"]).open(request, timeout=2) as response:
        assert json.loads(response.read()) == {"status": 200}
    assert receiver.requests[0]["headers"]["Host"] == f"rebound.invalid:{port}"


def test_an_unresolvable_host_is_an_error_in_the_log(db, nothing_internal_allowed):
    delivery = deliver_to("http://nowhere.invalid/hook")
    assert delivery.last_error.startswith("Refused: Could not resolve nowhere.invalid")
