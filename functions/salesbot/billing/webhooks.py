"""A payment provider's webhook: its signature checked by the provider's module, the event applied
by the database once, whatever the order or number of deliveries. Any 2xx tells the provider to
stop; an answer it should retry (the database down: 503) makes it deliver again later."""

from __future__ import annotations

import logging
from typing import Any

from salesbot.db import SERVICE_CLAIMS
from salesbot.services import Services

log = logging.getLogger(__name__)


def handle_webhook(services: Services, provider_name: str, headers: Any, body: bytes) -> dict[str, Any]:
    event = services.payment_providers.get(provider_name).parse_webhook(headers, body)
    if event is None:
        return {"received": True, "status": "ignored"}
    applied = services.database.rpc("apply_billing_event", {"p_event": event.model_dump(mode="json")}, SERVICE_CLAIMS)
    # Ids only: the event's objects hold the customer's name and email.
    log.info("billing event %s %s (%s): %s", provider_name, event.event_id, event.kind, applied["status"])
    return {"received": True, "status": applied["status"]}
