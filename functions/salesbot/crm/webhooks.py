"""Outgoing webhooks, signed as the Standard Webhooks specification describes.

Each request carries `webhook-id` (the event's id, the same on every retry, so a receiver can take
an event in once), `webhook-timestamp` (seconds since the epoch, at this attempt: receivers refuse
old ones) and `webhook-signature`: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under
the endpoint's secret, which is `whsec_` and base64 random bytes. The body is
`{"type", "timestamp", "data"}`. Any 2xx is delivered; anything else, a redirect included, is
retried.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from salesbot.crm.errors import DeliveryFailed, EndpointRefused
from salesbot.standard_webhooks import signed_headers

if TYPE_CHECKING:
    from salesbot.crm.delivery import Connection
    from salesbot.crm.models import Event

_REQUEST_SECONDS = 15.0


def body_of(event: Event) -> bytes:
    return json.dumps({"type": event.type, "timestamp": event.created_at.isoformat(), "data": event.data},
                      ensure_ascii=False, separators=(",", ":")).encode()


def deliver(connection: Connection, event: Event) -> str:
    """Posts the event to the endpoint once; returns what happened, or raises DeliveryFailed."""
    integration = connection.integration
    if not integration.url:
        raise EndpointRefused("the webhook has no endpoint URL")
    secret = integration.credentials.get("signing_secret")
    if not secret:
        raise DeliveryFailed("the webhook has no signing secret")
    body = body_of(event)
    headers = {"Content-Type": "application/json", **signed_headers(secret, str(event.id), body)}
    remaining = connection.deadline - time.monotonic()
    if remaining < 1.0:
        raise DeliveryFailed("out of time before the endpoint answered")
    # Repeatable: the event's webhook-id is the receiver's idempotency key.
    answer = connection.session.request("POST", integration.url, body=body, headers=headers,
                                        timeout=min(_REQUEST_SECONDS, remaining), repeatable=True)
    if 200 <= answer.status < 300:
        return f"the endpoint answered {answer.status}"
    note = " (redirects are not followed)" if 300 <= answer.status < 400 else ""
    retry_after = answer.retry_after() if answer.status in (429, 503) else None
    raise DeliveryFailed(f"the endpoint answered {answer.status}{note}", status=answer.status, retry_after=retry_after)
