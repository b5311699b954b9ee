"""Endpoint secrets move from clear text to Fernet tokens (webhooks.secrets): the column is widened for the tokens,
every existing secret is encrypted in place (receivers keep the secret they have), then the field reads and writes
through the encryption."""

from django.db import migrations, models

import webhooks.models
import webhooks.secrets


def encrypt_existing(apps, schema_editor):
    endpoints = apps.get_model("webhooks", "WebhookEndpoint").objects
    for pk, secret in endpoints.values_list("pk", "secret"):
        endpoints.filter(pk=pk).update(secret=webhooks.secrets.encrypt(secret))


def decrypt_existing(apps, schema_editor):
    endpoints = apps.get_model("webhooks", "WebhookEndpoint").objects
    for pk, token in endpoints.values_list("pk", "secret"):
        endpoints.filter(pk=pk).update(secret=webhooks.secrets.decrypt(token))


HELP_TEXT = (
    "Shared with the receiver, which checks the X-Labcms-Signature header with it (the reference frontend reads it "
    "from REVALIDATE_SECRET). Stored encrypted, shown only once."
)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_events_of_every_content_change"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=models.CharField(default=webhooks.models.new_secret, help_text=HELP_TEXT, max_length=500),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=webhooks.secrets.EncryptedSecretField(
                default=webhooks.models.new_secret, help_text=HELP_TEXT, max_length=500
            ),
        ),
    ]
