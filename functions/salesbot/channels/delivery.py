"""Getting our messages to Telegram: at once when the Bot API answers, later from the outbox when
it does not. Nothing we meant to send is dropped."""

from __future__ import annotations

import logging
from typing import Any
from uuid import UUID

from salesbot.channels.bot_api import BotApi, BotApiError
from salesbot.config import Config
from salesbot.db import SERVICE_CLAIMS, Database

log = logging.getLogger(__name__)

_FLUSH_LIMIT = 10


def deliver(db: Database, api: BotApi, delivery_id: int, chat_id: int | str, text: str) -> bool:
    """Sends a queued delivery now; if the Bot API fails, it stays queued for a later flush."""
    error: str | None = None
    try:
        api.send_message(chat_id, text)
    except BotApiError as failure:
        log.warning("delivery %s stays queued: %s", delivery_id, failure)
        error = str(failure)[:500]
    db.rpc("finish_delivery", {"p_id": delivery_id, "p_error": error}, SERVICE_CLAIMS)
    return error is None


def flush(db: Database, api: BotApi, channel_id: UUID) -> int:
    """Retries the channel's due deliveries; returns how many went out."""
    due = db.rpc("claim_deliveries", {"p_channel_id": str(channel_id), "p_limit": _FLUSH_LIMIT}, SERVICE_CLAIMS)
    return sum(deliver(db, api, item["id"], item["chat_id"], item["text"]) for item in due)


def notify_managers(db: Database, config: Config, owner_id: UUID, lead: dict[str, Any], name: str | None) -> None:
    """Tells the company's managers about a newly qualified lead, through the company's bot, once."""
    queued = db.rpc("enqueue_notifications", {"p_owner_id": str(owner_id), "p_text": lead_summary(lead, name)},
                    SERVICE_CLAIMS)
    bot = db.rpc("company_bot", {"p_owner_id": str(owner_id)}, SERVICE_CLAIMS)
    if queued["queued"] and bot:
        flush(db, BotApi.for_bot(config, bot["bot_token"]), UUID(bot["channel_id"]))


def lead_summary(lead: dict[str, Any], customer_name: str | None) -> str:
    """What a manager is told about a newly qualified lead."""
    budget = (f"{lead['budget_amount']:g} {lead['budget_currency']}"
              if lead.get("budget_amount") is not None else None)
    lines = [f"New qualified lead: {lead.get('name') or customer_name or 'unnamed'}"]
    for label, value in (("Need", lead.get("need")), ("Phone", lead.get("phone")), ("Email", lead.get("email")),
                         ("Budget", budget), ("Location", lead.get("location")), ("When", lead.get("timeline")),
                         ("Score", lead.get("score"))):
        if value is not None:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)
