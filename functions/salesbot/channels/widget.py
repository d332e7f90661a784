"""The web widget's webhook: a visitor's message or poll, signed by the company's relay. A message
gets the reply in the answer; a poll (`{"customer", "after", "client"}`, every few seconds while
the widget is open) gets what was written since, such as a manager's messages, which the widget
did not ask for.

The site's relay (widget/relay.py) signs each request as Standard Webhooks specifies: `webhook-id`
(the request's id: a retry sends the same one), `webhook-timestamp` (Unix seconds) and
`webhook-signature` (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the channel's `whsec_`
secret; several, space-separated, while a secret is rotated). The id and the time are signed with
the body, so a captured request cannot be replayed under a new id, nor at all once it is five
minutes old (the Standard Webhooks tolerance). The body names the visitor (an id the relay
issued) and the client (the address the relay saw them at), and both are trusted because the
relay signed them: limits per client hold however often a visitor changes ids.

A poll is signed the same way, with an id of its own, but it is no message: it stores nothing, its
id is not remembered (nothing to answer once), and it is limited per client apart from messages,
so a visitor who is only waiting never uses up what their messages may send.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Annotated, Any
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from salesbot import pipeline
from salesbot.api import CustomerId, DisplayName
from salesbot.channels.credentials import ChannelCredentials, channel_credentials
from salesbot.channels.delivery import flush_company_bots
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import ApiError, BadRequest, TooManyRequests, Unauthorized
from salesbot.http import describe_validation_error, loads_json
from salesbot.sanitize import clean_text, truncate, visible_text
from salesbot.services import Services
from salesbot.standard_webhooks import ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, is_fresh, verify

# Printable and free of the "." that separates the signed parts; a browser's crypto.randomUUID()
# and the relay's own ids fit.
REQUEST_ID = re.compile(r"[A-Za-z0-9_:-]{1,128}")

# Longer messages are cut the way Telegram cuts them, not refused: the customer already typed them.
WidgetText = Annotated[str, AfterValidator(lambda text: visible_text(truncate(clean_text(text))))]
ClientKey = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class WidgetMessage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer: CustomerId  # the visitor id the relay issued
    text: WidgetText
    name: DisplayName | None = None
    client: ClientKey  # the visitor's address as the relay saw it, or the site's own key for them


class WidgetPoll(BaseModel):
    model_config = ConfigDict(extra="forbid")

    customer: CustomerId  # the visitor id the relay issued
    after: int = Field(default=0, ge=0, le=2**63 - 1, strict=True)  # the newest message id the widget has
    client: ClientKey  # as for a message: polls are limited per client


@dataclass(frozen=True)
class SignedRequest:
    """A request whose headers passed: the channel's, fresh, signed. The body is checked next."""

    credentials: ChannelCredentials
    request_id: str
    timestamp: str
    signatures: str


def authenticate(services: Services, channel_id: UUID, headers: Any) -> SignedRequest:
    """Checks what the headers alone can tell, before a byte of the body is read: all three are
    there, the time is within five minutes of ours, and the channel is a widget."""
    request_id, timestamp, signatures = (headers.get(name) or "" for name in
                                         (ID_HEADER, TIMESTAMP_HEADER, SIGNATURE_HEADER))
    if not (request_id and timestamp and signatures):
        raise Unauthorized(f"sign the request as Standard Webhooks do: {ID_HEADER}, {TIMESTAMP_HEADER}, {SIGNATURE_HEADER}")
    if not REQUEST_ID.fullmatch(request_id):
        raise BadRequest(f"{ID_HEADER}: 1-128 characters of A-Z a-z 0-9 _ : -")
    if not is_fresh(timestamp):
        raise Unauthorized(f"{TIMESTAMP_HEADER} is not within five minutes of now: a delayed or replayed request")
    credentials = channel_credentials(services.database, channel_id)
    if credentials is None or credentials.kind != "widget":
        raise Unauthorized(f"wrong {SIGNATURE_HEADER} for this channel")
    return SignedRequest(credentials, request_id, timestamp, signatures)


def handle_message(services: Services, signed: SignedRequest, body: bytes) -> dict[str, Any]:
    if not verify(signed.credentials.webhook_secret, signed.request_id, signed.timestamp, body, signed.signatures):
        raise Unauthorized(f"wrong {SIGNATURE_HEADER} for this channel")
    credentials = signed.credentials
    if not credentials.is_active:
        raise ApiError("this channel is switched off", status=403, code="forbidden")
    try:
        if _is_poll(body):
            return _poll(services, credentials, WidgetPoll.model_validate_json(body))
        message = WidgetMessage.model_validate_json(body)
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None
    outcome = pipeline.handle_message(
        services.database,
        services.brain,
        SERVICE_CLAIMS,
        pipeline.IncomingMessage(customer=message.customer, text=message.text, name=message.name,
                                 channel_id=credentials.channel_id, update_key=signed.request_id,
                                 client=message.client),
    )
    if outcome.newly_qualified or outcome.handed_over:  # posts to managers were queued with the turn
        flush_company_bots(services.database, services.config, credentials.owner_id,
                           time.monotonic() + services.config.telegram_retry_budget)
    return {"reply": outcome.reply, "customer_id": outcome.customer_id, "handed_over": outcome.handed_over}


def _poll(services: Services, credentials: ChannelCredentials, poll: WidgetPoll) -> dict[str, Any]:
    """What was written since the widget's newest message, or TooManyRequests for a client polling
    past its limit."""
    fetched: dict[str, Any] = services.database.rpc("widget_messages", {
        "p_channel_id": str(credentials.channel_id), "p_customer": poll.customer, "p_after": poll.after,
        "p_client": poll.client}, SERVICE_CLAIMS)
    if fetched.get("refused"):
        raise TooManyRequests(fetched["refused"], retry_after=fetched["retry_after"])
    return fetched


def _is_poll(body: bytes) -> bool:
    """A poll names no text; anything else is read, and checked, as a message."""
    try:
        fields = loads_json(body)
    except ValueError:
        return False
    return isinstance(fields, dict) and "text" not in fields and "after" in fields
