"""The Telegram webhook: one update in, the sales manager's answer out through the company's bot.

Private chats are customers, except a linked manager's commands and replies to the bot's posts;
group chats are the company's people (`managers_chat`)."""

from __future__ import annotations

import hmac
import logging
import re
import time
from collections.abc import Callable
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot import pipeline
from salesbot.channels import managers_chat
from salesbot.channels.bot_api import BotApi
from salesbot.channels.credentials import ChannelCredentials, channel_credentials
from salesbot.channels.delivery import Delivered, deliver, flush, flush_company_bots
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import BadRequest, Unauthorized
from salesbot.http import describe_validation_error
from salesbot.models import Conversation
from salesbot.sanitize import NAME_CHARS, clean_text, says_something, truncate
from salesbot.services import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header's name, not a secret)

_NOT_TEXT = ("photo", "sticker", "voice", "video", "video_note", "audio", "document", "animation", "location",
             "contact", "poll", "dice")
_START = re.compile(r"/start(@\w+)?( .*)?", re.DOTALL)  # deep links add a payload: /start <payload>
_TEXT_ONLY = {
    "ru": "Спасибо! Я пока понимаю только текст: напишите, пожалуйста, словами.",
    "en": "Thank you! I can only read text for now: please write it in words.",
}


class TelegramUser(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    is_bot: bool = False
    first_name: str = ""
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None


class TelegramChat(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    type: str = "private"


class TelegramMessage(BaseModel):
    model_config = ConfigDict(extra="allow")  # every other kind of content arrives as another field

    message_id: int
    chat: TelegramChat
    sender: TelegramUser | None = Field(default=None, alias="from")
    text: str | None = None
    caption: str | None = None
    reply_to_message: TelegramMessage | None = None  # the message this one replies to (Telegram's reply)


class Update(BaseModel):
    model_config = ConfigDict(extra="allow")

    update_id: int
    message: TelegramMessage | None = None


def authenticate(services: Services, channel_id: UUID, headers: Any) -> ChannelCredentials:
    """The channel's credentials, once the request's secret token is the channel's (constant time)."""
    credentials = channel_credentials(services.database, channel_id)
    if credentials is None or credentials.kind != "telegram" or not hmac.compare_digest(
        (headers.get(SECRET_HEADER) or "").encode(), credentials.webhook_secret.encode()
    ):
        raise Unauthorized(f"wrong or missing {SECRET_HEADER}")
    return credentials


def handle_update(services: Services, credentials: ChannelCredentials, body: bytes) -> dict[str, Any]:
    """One update of an authenticated channel (see `authenticate`)."""
    channel_id = credentials.channel_id
    try:
        update = Update.model_validate_json(body)
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None
    message = update.message
    if message is None or not credentials.is_active:
        return {"ok": True, "handled": False}  # edits, channel posts: nothing to answer

    # Every send of this webhook shares one budget: Telegram must hear back well within its timeout.
    deadline = time.monotonic() + services.config.telegram_retry_budget
    api = BotApi.for_bot(services.config, credentials.bot_token or "", deadline=deadline)
    if message.chat.type != "private" or managers_chat.may_be_from_a_manager(message):
        handled = managers_chat.handle(services, credentials, api, update.update_id, message)
        if handled is not None:
            return handled
    text, canned = _what_was_written(message)
    sender = message.sender
    outcome = pipeline.handle_message(
        services.database,
        services.brain,
        SERVICE_CLAIMS,
        pipeline.IncomingMessage(
            customer=str(sender.id if sender else message.chat.id),
            text=text,
            name=_display_name(sender),
            username=sender.username if sender else None,  # Telegram allows a-z, 0-9 and _ only
            channel_id=channel_id,
            update_key=str(update.update_id),
            reply_to=str(message.chat.id),
            canned_reply=canned,
        ),
    )
    # The reply goes out at once, then whatever else is due; a Bot API that just failed is left to the
    # outbox sweep, not tried again now. A reply queued behind others of its chat goes out with them.
    delivered: Delivered = "sent"
    if outcome.delivery_id is not None:
        delivered = deliver(services.database, api, outcome.delivery_id, message.chat.id, outcome.reply or "",
                            then_flush=channel_id)
    else:
        flush(services.database, api, channel_id)
    if delivered == "sent" and (outcome.newly_qualified or outcome.handed_over):  # posts to managers were queued
        flush_company_bots(services.database, services.config, credentials.owner_id, deadline)
    return {"ok": True, "handled": True}


def _display_name(sender: TelegramUser | None) -> str | None:
    """The sender's name as Telegram gives it, cleaned as message texts are: a name is shown on
    dashboards and in the CSV export, and read by the model, like anything a customer writes."""
    if sender is None:
        return None
    return clean_text(" ".join(part for part in (sender.first_name, sender.last_name) if part))[:NAME_CHARS] or None


def _what_was_written(message: TelegramMessage) -> tuple[str, str | Callable[[Conversation], str] | None]:
    """The text to store, and a canned reply to /start or to what is not text we can read."""
    language = "ru" if message.sender and (message.sender.language_code or "").startswith(("ru", "uk", "be")) else "en"
    if message.text is not None and says_something(clean_text(message.text)):
        text = clean_text(truncate(message.text))
        if _START.fullmatch(text):
            return text, lambda conversation: _start_greeting(conversation, language)
        return text, None
    kind = next((field for field in _NOT_TEXT if getattr(message, field, None) is not None), "message")
    caption = clean_text(truncate(message.caption or ""))
    return f"[{kind}] {caption}".strip(), _TEXT_ONLY[language]


def _start_greeting(conversation: Conversation, language: str) -> str:
    """/start: the company's own greeting (or a default one), then what the bot asks first."""
    from salesbot.brain.phrases import ask, say

    settings = conversation.settings
    company = settings.company_name.strip()
    greeting = settings.persona.greeting.strip() or (say("greeting", language, company=company) if company
                                             else say("greeting_anonymous", language))
    return f"{greeting} {ask('need', language)}"
