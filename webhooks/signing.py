"""Stripe-style signatures: `X-Labcms-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.

The timestamp is part of what is signed, so a receiver that refuses a `t` more than five minutes from its own clock
refuses replays of an old delivery. Each attempt is signed afresh, so a retry hours later is still fresh.
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Labcms-Signature"
DEFAULT_TOLERANCE = 300


class InvalidSignature(Exception):
    pass


def compute(secret, timestamp, body):
    """Hex HMAC-SHA256 of `<timestamp>.<body>` (body as the exact bytes sent)."""
    if isinstance(body, str):
        body = body.encode()
    message = str(int(timestamp)).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret, body, timestamp=None):
    """The header value for `body`, signed now (or at `timestamp`)."""
    timestamp = int(time.time() if timestamp is None else timestamp)
    return f"t={timestamp},v1={compute(secret, timestamp, body)}"


def parse(header):
    """(timestamp, [v1 signatures]) from a header value; raises InvalidSignature if it is malformed."""
    timestamp, signatures = None, []
    for part in (header or "").split(","):
        key, _, value = part.strip().partition("=")
        if key == "t" and value.isdigit():
            timestamp = int(value)
        elif key == "v1" and value:
            signatures.append(value)
    if timestamp is None or not signatures:
        raise InvalidSignature("The signature header needs t=<timestamp> and v1=<signature>.")
    return timestamp, signatures


def verify(secret, header, body, tolerance=DEFAULT_TOLERANCE, now=None):
    """What a receiver does: check the signature in constant time, and the timestamp's age. Returns the timestamp."""
    timestamp, signatures = parse(header)
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        raise InvalidSignature("The signature's timestamp is outside the tolerance.")
    expected = compute(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, signature) for signature in signatures):
        raise InvalidSignature("The signature does not match.")
    return timestamp
