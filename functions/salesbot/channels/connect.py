"""Connecting a company's channels: a Telegram bot (webhook set with a fresh secret), a widget."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from salesbot.channels.bot_api import BotApi, BotApiError
from salesbot.config import Config
from salesbot.db import Database, company_arg
from salesbot.errors import ApiError, BadRequest
from salesbot.standard_webhooks import new_secret


def connect_telegram(db: Database, claims: Mapping[str, Any], config: Config, name: str, bot_token: str,
                     owner_id: UUID | None) -> dict[str, Any]:
    """Stores the bot for the company `owner_id` and points Telegram at our webhook; undone if Telegram refuses."""
    if not config.public_url:
        raise ApiError("PUBLIC_URL is not configured: Telegram needs an address to call", status=503, code="unavailable")
    # token_urlsafe draws from A-Z a-z 0-9 _ -, exactly what Telegram allows in secret_token.
    secret = secrets.token_urlsafe(32)
    channel = db.rpc("connect_channel", {"p_kind": "telegram", "p_name": name, "p_webhook_secret": secret,
                                         "p_bot_token": bot_token, "p_owner_id": company_arg(owner_id)}, claims)
    webhook_url = f"{config.public_url.rstrip('/')}/telegram?channel={channel['channel_id']}"
    try:
        BotApi.for_bot(config, bot_token).set_webhook(webhook_url, secret)
    except BotApiError as error:
        db.rpc("disconnect_channel", {"p_channel_id": channel["channel_id"]}, claims)
        raise ApiError(f"Telegram refused the webhook: {error}", status=502, code="telegram_refused") from None
    return {**channel, "webhook_url": webhook_url}


def create_widget(db: Database, claims: Mapping[str, Any], name: str, owner_id: UUID | None) -> dict[str, Any]:
    """A widget channel and its signing secret, shown this once: the company's relay keeps it.

    The secret is a Standard Webhooks one (`whsec_` and base64 of 32 random bytes), so the relay
    may sign with any Standard Webhooks library as well as with ours.
    """
    secret = new_secret()
    channel = db.rpc("connect_channel", {"p_kind": "widget", "p_name": name, "p_webhook_secret": secret,
                                         "p_owner_id": company_arg(owner_id)}, claims)
    return {**channel, "signing_secret": secret}


def connect(db: Database, claims: Mapping[str, Any], config: Config, kind: str, name: str,
            bot_token: str | None, *, owner_id: UUID | None = None) -> dict[str, Any]:
    """Connects a channel to the company `owner_id` (None: the caller's only company)."""
    if kind == "telegram":
        if not bot_token:
            raise BadRequest("bot_token: a Telegram channel needs the bot's token")
        return connect_telegram(db, claims, config, name, bot_token, owner_id)
    return create_widget(db, claims, name, owner_id)
