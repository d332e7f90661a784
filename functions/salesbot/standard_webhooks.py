"""Standard Webhooks secrets and signatures, for what we sign (a CRM's webhooks) and what we check
(the widget's relay's requests).

A secret is `whsec_` and the base64 of random bytes; a request's `webhook-signature` is `v1,` and the
base64 HMAC-SHA256 of `id.timestamp.body` under the secret's bytes. Any Standard Webhooks library
(Svix's, the reference `standardwebhooks`) signs and verifies the same, which the tests check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix every Standard Webhooks secret has, no secret)
_SECRET_BYTES = 32  # the specification asks for 24 to 64


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(_SECRET_BYTES)).decode()


def sign(secret: str, message_id: str, timestamp: int | str, body: bytes) -> str:
    """The `webhook-signature` of one request."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
