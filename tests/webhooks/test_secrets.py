"""Endpoint secrets are encrypted at rest with a key the database does not hold, and shown once: a database dump
alone cannot sign a delivery a receiver would accept."""

from importlib import import_module

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.urls import reverse

from webhooks import signing
from webhooks.models import WebhookEndpoint
from webhooks.secrets import derived_key

from .conftest import SECRET


def stored_secret(endpoint):
    """What a database dump holds for the endpoint's secret."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_webhookendpoint WHERE id = %s", [endpoint.pk])
        return cursor.fetchone()[0]


def test_the_stored_value_alone_does_not_reveal_the_secret(db, settings):
    endpoint = WebhookEndpoint.objects.create(name="Frontend", url="https://frontend.example/hook", secret=SECRET)
    dumped = stored_secret(endpoint)
    assert SECRET not in dumped and dumped != stored_secret(
        WebhookEndpoint.objects.create(name="Twin", url="https://frontend.example/hook", secret=SECRET)
    )  # a fresh token each time: equal secrets are not even recognisable
    body = b'{"event": "page.published"}'
    forged = signing.sign(dumped, body, timestamp=1_000_000)
    with pytest.raises(signing.InvalidSignature):
        signing.verify(SECRET, forged, body, now=1_000_000)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == SECRET  # the server, with its key, reads it back

    settings.WEBHOOK_SECRET_KEYS = [Fernet.generate_key().decode()]  # a copy of the database on another server
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        WebhookEndpoint.objects.get(pk=endpoint.pk)


def test_rotating_the_key_reencrypts_every_secret(db, settings):
    endpoint = WebhookEndpoint.objects.create(name="Frontend", url="https://frontend.example/hook", secret=SECRET)
    old = derived_key(settings.SECRET_KEY).decode()
    new = Fernet.generate_key().decode()
    settings.WEBHOOK_SECRET_KEYS = [new, old]
    before = stored_secret(endpoint)
    call_command("rotate_webhook_secret_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert stored_secret(endpoint) != before
    settings.WEBHOOK_SECRET_KEYS = [new]  # the old key removed
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == SECRET


def test_a_generated_secret_is_shown_once_and_never_in_the_edit_form(admin_client, db):
    response = admin_client.post(
        reverse("webhook_endpoints:add"),
        {"name": "Next.js", "url": "https://lab.example.org/api/revalidate/", "secret": "", "active": "on",
         "events": ["page.published"]},
        follow=True,
    )  # fmt: skip
    endpoint = WebhookEndpoint.objects.get()
    assert len(endpoint.secret) >= 32
    shown = [str(message) for message in response.context["messages"]]
    assert any(endpoint.secret in message for message in shown), shown

    edit_url = reverse("webhook_endpoints:edit", args=[endpoint.pk])
    assert endpoint.secret not in admin_client.get(edit_url).content.decode()
    assert endpoint.secret not in admin_client.get(reverse("webhook_endpoints:index")).content.decode()

    form = {"name": "Next.js", "url": endpoint.url, "secret": "", "active": "on", "events": ["page.published"]}
    assert admin_client.post(edit_url, form).status_code == 302
    assert WebhookEndpoint.objects.get().secret == endpoint.secret  # left empty: kept
    assert admin_client.post(edit_url, {**form, "secret": "a-new-shared-secret-for-rotation"}).status_code == 302
    assert WebhookEndpoint.objects.get().secret == "a-new-shared-secret-for-rotation"


def test_the_migration_encrypts_the_secrets_already_stored(db):
    """The data step of the migration, run against rows written as before it (clear text)."""
    before = ("webhooks", "0002_events_of_every_content_change")
    old_apps = MigrationLoader(connection).project_state(before).apps
    endpoint = old_apps.get_model("webhooks", "WebhookEndpoint").objects.create(
        name="Frontend", url="https://frontend.example/hook", secret=SECRET, events=[]
    )
    assert stored_secret(endpoint) == SECRET
    import_module("webhooks.migrations.0003_encrypt_endpoint_secrets").encrypt_existing(old_apps, None)
    assert SECRET not in stored_secret(endpoint)
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == SECRET  # the receiver's secret is unchanged
