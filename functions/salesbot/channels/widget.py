"""The web widget's webhook: a JSON body signed by the company's relay. A message gets the reply in
the answer; a poll (`{"customer", "after"}`, every few seconds while the widget is open) gets what
was written since, such as a manager's messages, which the widget did not ask for."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from salesbot import pipeline
from salesbot.api import CustomerId, DisplayName
from salesbot.channels.credentials import channel_credentials
from salesbot.channels.delivery import flush_company_bots
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import ApiError, BadRequest, Unauthorized
from salesbot.http import describe_validation_error, request_key
from salesbot.sanitize import clean_text, truncate
from salesbot.services import Services

SIGNATURE_HEADER = "X-Salesbot-Signature"
REQUEST_ID_HEADER = "X-Salesbot-Request-Id"

# Longer messages are cut the way Telegram cuts them, not refused: the customer already typed them.
WidgetText = Annotated[str, AfterValidator(lambda text: clean_text(truncate(clean_text(text)))),
                       StringConstraints(min_length=1)]


class WidgetMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer: CustomerId
    text: WidgetText
    name: DisplayName | None = None


class WidgetPoll(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer: CustomerId
    after: int = Field(default=0, ge=0, le=2**63 - 1)  # the newest message id the widget has


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def handle_message(services: Services, channel_id: UUID, headers: Any, body: bytes) -> dict[str, Any]:
    credentials = channel_credentials(services.database, channel_id)
    if credentials is None or credentials.kind != "widget" or not hmac.compare_digest(
        (headers.get(SIGNATURE_HEADER) or "").encode(), signature(credentials.webhook_secret, body).encode()
    ):
        raise Unauthorized(f"wrong or missing {SIGNATURE_HEADER}: sign the raw body with HMAC-SHA256")
    if not credentials.is_active:
        raise ApiError("this channel is switched off", status=403, code="forbidden")
    try:
        if _is_poll(body):
            poll = WidgetPoll.model_validate_json(body)
            fetched: dict[str, Any] = services.database.rpc(
                "widget_messages", {"p_channel_id": str(channel_id), "p_customer": poll.customer, "p_after": poll.after},
                SERVICE_CLAIMS)
            return fetched
        message = WidgetMessage.model_validate_json(body)
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None
    # Without an id of the caller's, a fresh one: every channel message is taken in (and rate
    # limited) the same way, it just cannot be replayed.
    request_id = request_key(headers, REQUEST_ID_HEADER) or f"auto:{uuid.uuid4()}"
    outcome = pipeline.handle_message(
        services.database,
        services.brain,
        SERVICE_CLAIMS,
        pipeline.IncomingMessage(customer=message.customer, text=message.text, name=message.name,
                                 channel_id=channel_id, update_key=request_id),
    )
    if outcome.newly_qualified or outcome.handed_over:  # posts to managers were queued with the turn
        flush_company_bots(services.database, services.config, credentials.owner_id,
                           time.monotonic() + services.config.telegram_retry_budget)
    return {"reply": outcome.reply, "customer_id": outcome.customer_id, "handed_over": outcome.handed_over}


def _is_poll(body: bytes) -> bool:
    """A poll names no text; anything else is read, and checked, as a message."""
    try:
        fields = json.loads(body)
    except ValueError:
        return False
    return isinstance(fields, dict) and "text" not in fields and "after" in fields
