"""Standard Webhooks secrets, signatures and their checks: one implementation for what we sign (the
CRM's outgoing webhooks) and what we check (the requests the widget's relay signs).

A secret is `whsec_` and the base64 of random bytes. A request carries `webhook-id`, the message's
id (the same on every retry), `webhook-timestamp`, Unix seconds at this attempt, and
`webhook-signature`: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's
bytes, several space-separated while a secret is rotated. A receiver refuses a timestamp more than
five minutes from its clock, so a captured request cannot be replayed. Any Standard Webhooks library
(Svix's, the reference `standardwebhooks`) signs and verifies the same, which the tests check.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
TOLERANCE_SECONDS = 5 * 60
SECRET_PREFIX = "whsec_"  # noqa: S105 (the prefix every Standard Webhooks secret has, no secret)
_SECRET_BYTES = 32  # the specification asks for 24 to 64
_TIMESTAMP = re.compile(r"[0-9]{1,12}")


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(_SECRET_BYTES)).decode()


def sign(secret: str, message_id: str, timestamp: int | str, body: bytes) -> str:
    """The `webhook-signature` of one request."""
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signed_headers(secret: str, message_id: str, body: bytes) -> dict[str, str]:
    """The three headers of one attempt to send `body`, timestamped now."""
    timestamp = int(time.time())
    return {ID_HEADER: message_id, TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(secret, message_id, timestamp, body)}


def is_fresh(timestamp: str) -> bool:
    """Whether a `webhook-timestamp` is Unix seconds within the tolerance of our clock."""
    return bool(_TIMESTAMP.fullmatch(timestamp)) and abs(time.time() - int(timestamp)) <= TOLERANCE_SECONDS


def verify(secret: str, message_id: str, timestamp: str, body: bytes, signatures: str) -> bool:
    """Whether any `v1` signature the `webhook-signature` header lists is the request's (compared in
    constant time)."""
    expected = sign(secret, message_id, timestamp, body).encode()
    return any(hmac.compare_digest(candidate.encode(), expected) for candidate in signatures.split(" "))
