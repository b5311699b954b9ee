"""Endpoint secrets, encrypted at rest: a database dump alone cannot sign a delivery a receiver would accept.

A secret is stored as a Fernet token (`cryptography`: AES-128-CBC with an HMAC-SHA256, the library's recipe for
exactly this) under keys the database does not hold: `WEBHOOK_SECRET_KEYS` (settings, from the environment), newest
first. Without them, a key is derived from `SECRET_KEY` and `SECRET_KEY_FALLBACKS` (HKDF), so rotating Django's key
the documented way keeps the secrets readable. `rotate_webhook_secret_keys` re-encrypts every secret under the newest
key (docs/webhooks-and-feeds.md, "Secrets").
"""

import base64
import functools

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models

DERIVATION_INFO = b"labcms webhook endpoint secrets"


def derived_key(secret_key):
    """A Fernet key derived from one of Django's secret keys, used only for this."""
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=DERIVATION_INFO).derive(secret_key.encode())
    return base64.urlsafe_b64encode(key)


@functools.cache
def _fernet():
    keys = list(getattr(settings, "WEBHOOK_SECRET_KEYS", None) or [])
    if not keys:
        keys = [derived_key(key) for key in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS) if key]
    if not keys:
        raise ImproperlyConfigured("Webhook secrets need WEBHOOK_SECRET_KEYS or SECRET_KEY to be encrypted with.")
    return MultiFernet([Fernet(key) for key in keys])


def _forget_keys(setting, **kwargs):
    if setting in {"WEBHOOK_SECRET_KEYS", "SECRET_KEY", "SECRET_KEY_FALLBACKS"}:
        _fernet.cache_clear()


setting_changed.connect(_forget_keys)


def encrypt(secret):
    return _fernet().encrypt(secret.encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A webhook endpoint's secret cannot be decrypted: none of WEBHOOK_SECRET_KEYS (or keys derived from "
            "SECRET_KEY and SECRET_KEY_FALLBACKS) is the key it was encrypted with."
        ) from None


class EncryptedSecretField(models.CharField):
    """A secret that Python code reads and writes in clear and the database holds encrypted. Tokens differ at each
    write, so the column cannot be filtered on."""

    def from_db_value(self, value, expression, connection):
        return value if not value else decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return value if not value else encrypt(value)
