"""A manager's answer to a customer, on the customer's own channel: the one path behind `POST /reply`
and a reply in the managers' Telegram chat.

`reply_to_customer` (SQL) stores the reply as the manager's, takes the conversation over and, for a
Telegram customer, queues the delivery behind whatever still waits for that chat, all in one
transaction. The reply is then sent at once when nothing waits before it, exactly as the webhook
sends the bot's own replies, so it has their guarantees: retries, 429, never sent twice, never
lost, save one that went out and was never answered, which is set aside unconfirmed rather than
risk a second copy (see `salesbot.channels.delivery`). A widget visitor's open widget fetches it
within seconds; the test chat shows it in the conversation.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from salesbot.channels.bot_api import BotApi
from salesbot.channels.credentials import channel_credentials
from salesbot.channels.delivery import deliver, flush
from salesbot.config import Config
from salesbot.db import Database, company_arg


def reply_to_customer(db: Database, config: Config, claims: Mapping[str, Any], customer_id: UUID, text: str,
                      request_key: str | None = None, *, owner_id: UUID | None) -> dict[str, Any]:
    """Stores and delivers a reply as the holder of `claims`, to a customer of the company `owner_id`
    (None: the caller's only company); says whether it was sent or queued.

    `status`: sent (Telegram took it), queued (in the outbox, behind the chat's earlier messages or
    waiting for the Bot API), refused (Telegram refused it for good: the customer blocked the bot),
    unconfirmed (sent, and no answer came: set aside, never sent again), stored (a widget or
    test-chat customer reads it from the conversation).
    """
    stored = db.rpc("reply_to_customer", {"p_customer_id": str(customer_id), "p_text": text,
                                          "p_request_key": request_key,
                                          "p_owner_id": company_arg(owner_id)}, claims)
    status = stored["status"]
    if status == "queued":
        status = _send(db, config, stored, text) or status
    return {
        "message_id": stored["message_id"],
        "customer_id": stored["customer_id"],
        "channel": stored["channel"],
        "status": status,
        "handed_over": stored["handed_over"],
        "taken_by": stored["taken_by"],
        "created_at": stored["created_at"],
        "duplicate": stored["duplicate"],
    }


def _send(db: Database, config: Config, stored: Mapping[str, Any], text: str) -> str | None:
    """Sends the queued reply now if it is first in its chat, else pushes the chat's backlog ahead of it."""
    channel_id = UUID(stored["channel_id"])
    credentials = channel_credentials(db, channel_id)
    if credentials is None or not credentials.bot_token or not credentials.is_active:
        return None  # a paused bot: it waits in the outbox
    api = BotApi.for_bot(config, credentials.bot_token, deadline=time.monotonic() + config.telegram_retry_budget)
    if stored["delivery_id"] is None:
        flush(db, api, channel_id)
        return None
    return deliver(db, api, stored["delivery_id"], stored["chat_id"], text)
