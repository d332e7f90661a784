"""The managers' chat: a company's people working from Telegram alone.

An admin links a chat (a group, or their own private chat with the bot) by sending `/link <code>`
there with a one-time code from `create_link_code`; each manager links their own Telegram account
the same way with a code of their own. The bot posts to linked chats the customers waiting for a
person, what those customers write meanwhile, reminders when nobody answers, and new qualified
leads; the posts are queued in the database with the change they report.

A linked manager answers a customer by replying (Telegram's reply) to the bot's post about them:
the text goes to the customer as that manager's message through `salesbot.replies`, the path of
`POST /reply`, run with that manager's own rights, so the database checks them as it checks a
signed-in member. Replied to a post, `/take` takes the conversation and `/release` gives it back
to the bot; `/leads` posts the newest open leads. Messages from chats or people that are not
linked are ignored, and logged without their text.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from uuid import UUID

from salesbot.channels.bot_api import BotApi, BotApiError
from salesbot.channels.credentials import ChannelCredentials
from salesbot.channels.delivery import flush
from salesbot.db import SERVICE_CLAIMS
from salesbot.errors import ApiError
from salesbot.sanitize import clean_text, truncate

if TYPE_CHECKING:
    from salesbot.channels.telegram import TelegramMessage
    from salesbot.services import Services

log = logging.getLogger(__name__)

_COMMAND = re.compile(r"/(?P<name>[A-Za-z0-9_]{1,32})(?:@(?P<bot>[A-Za-z0-9_]{1,64}))?(?:\s+(?P<args>.*))?", re.DOTALL)
MANAGER_COMMANDS = frozenset({"link", "take", "release", "leads"})
SENT = "👍"  # the reaction that tells a manager their reply went out

SAY = {
    "ru": {
        "chat_linked": "✅ Чат подключён: сюда бот будет писать о клиентах, которые ждут менеджера, и о новых лидах. "
                       "Каждый менеджер подключает свой Telegram своим кодом: /link <код>.",
        "member_linked": "✅ Ваш Telegram подключён. Чтобы ответить клиенту, ответьте (Reply) на сообщение бота о нём.",
        "invalid": "Код не подошёл. Попросите новый код в Salesbot.",
        "used": "Этот код уже использован. Попросите новый код в Salesbot.",
        "expired": "Срок действия кода истёк. Попросите новый код в Salesbot.",
        "link_how": "Пришлите код так: /link <код>.",
        "pick_a_customer": "Ответьте (Reply) этим на сообщение бота о клиенте.",
        "taken": "✅ Разговор ваш: бот молчит, пока вы не вернёте его командой /release.",
        "released": "↩️ Разговор снова ведёт бот.",
        "queued": "⏳ Telegram сейчас не принимает сообщения: ответ в очереди и уйдёт клиенту, как только сможет.",
        "refused": "⚠️ Не доставлено: Telegram отказался (возможно, клиент заблокировал бота).",
        "unconfirmed": "⚠️ Telegram не подтвердил доставку: ответ мог дойти, поэтому повторно не отправлен.",
        "text_only": "Клиенту можно отправить только текст.",
        "not_allowed": "Не получилось: {reason}",
    },
    "en": {
        "chat_linked": "✅ Chat linked: the bot will post here the customers waiting for a manager and new leads. "
                       "Each manager links their own Telegram with a code of their own: /link <code>.",
        "member_linked": "✅ Your Telegram is linked. To answer a customer, reply to the bot's message about them.",
        "invalid": "That code did not work. Get a new one from Salesbot.",
        "used": "That code was already used. Get a new one from Salesbot.",
        "expired": "That code has expired. Get a new one from Salesbot.",
        "link_how": "Send the code like this: /link <code>.",
        "pick_a_customer": "Send this as a reply to the bot's message about a customer.",
        "taken": "✅ The conversation is yours: the bot stays silent until you give it back with /release.",
        "released": "↩️ The bot has the conversation again.",
        "queued": "⏳ Telegram is not taking messages right now: the reply is queued and goes out as soon as it can.",
        "refused": "⚠️ Not delivered: Telegram refused it (the customer may have blocked the bot).",
        "unconfirmed": "⚠️ Telegram did not confirm it: the reply may have arrived, so it was not sent again.",
        "text_only": "Only text can be sent to a customer.",
        "not_allowed": "That did not work: {reason}",
    },
}

_usernames: dict[str, str] = {}  # bot token -> its username, asked of getMe once per process
_usernames_lock = threading.Lock()


@dataclass(frozen=True)
class Command:
    name: str
    args: str


def may_be_from_a_manager(message: TelegramMessage) -> bool:
    """Whether a private message might be a manager's rather than a customer's: one of our commands,
    or a reply to one of the bot's messages. Only these cost a look in the database first."""
    if message.reply_to_message is not None:
        return True
    command = _COMMAND.match((message.text or "").strip())
    return bool(command and command["name"].lower() in MANAGER_COMMANDS)


def handle(services: Services, credentials: ChannelCredentials, api: BotApi, update_id: int,
           message: TelegramMessage) -> dict[str, Any] | None:
    """Handles a message in a chat with the company's bot as the company's people's; None when it
    is a customer's after all (a private chat that is not linked)."""
    db = services.database
    private = message.chat.type == "private"
    sender = message.sender
    command = _command(api, credentials, message)
    if command and command.name == "link":
        return _link(db, api, credentials, message, command.args)
    reply_to = message.reply_to_message
    context = db.rpc("manager_chat_context", {
        "p_channel_id": str(credentials.channel_id), "p_chat_id": message.chat.id,
        "p_telegram_user_id": sender.id if sender else None,
        "p_reply_to_message_id": reply_to.message_id if reply_to else None}, SERVICE_CLAIMS)
    if not context["linked"]:
        if private:
            return None
        log.info("ignored a message in chat %s, not linked to channel %s", message.chat.id, credentials.channel_id)
        return {"ok": True, "handled": False}
    if context["user_id"] is None:
        log.info("ignored a message from Telegram user %s, not a linked manager, in chat %s of channel %s",
                 sender.id if sender else None, message.chat.id, credentials.channel_id)
        return {"ok": True, "handled": False}

    language = context["language"]
    customer_id = UUID(context["customer_id"]) if context["customer_id"] else None
    manager = _member_claims(context["user_id"])
    answer = None
    if command and command.name == "leads":
        db.rpc("post_recent_leads", {"p_channel_id": str(credentials.channel_id), "p_chat_id": message.chat.id},
               SERVICE_CLAIMS)
        flush(db, api, credentials.channel_id)
    elif command and command.name in ("take", "release"):
        answer = _take_or_release(services, manager, command.name, customer_id)
    elif command is None and reply_to is not None and _is_ours(reply_to, credentials):
        answer = _answer_customer(services, api, manager, customer_id, message, update_id, credentials)
    else:
        return {"ok": True, "handled": False}  # the team talking among themselves, or another bot's command
    if answer:
        _say(api, message, SAY[language][answer[0]].format(reason=answer[1]))
    return {"ok": True, "handled": True}


def _answer_customer(services: Services, api: BotApi, manager: dict[str, Any], customer_id: UUID | None,
                     message: TelegramMessage, update_id: int,
                     credentials: ChannelCredentials) -> tuple[str, str] | None:
    from salesbot.replies import reply_to_customer

    if customer_id is None:
        return "pick_a_customer", ""
    text = clean_text(truncate(message.text or ""))
    if not text:
        return "text_only", ""
    try:
        # The company is the bot's: a manager of several companies answers for the one whose chat this is.
        sent = reply_to_customer(services.database, services.config, manager, customer_id, text,
                                 request_key=f"telegram:{credentials.channel_id}:{update_id}",
                                 owner_id=credentials.owner_id)
    except ApiError as error:
        if error.status >= 500:
            raise  # Telegram retries the update, and the request key keeps the reply single
        return "not_allowed", error.message
    if sent["status"] in ("sent", "stored"):
        _react(api, message)
        return None
    return sent["status"], ""


def _take_or_release(services: Services, manager: dict[str, Any], name: str,
                     customer_id: UUID | None) -> tuple[str, str]:
    if customer_id is None:
        return "pick_a_customer", ""
    rpc = "take_over_conversation" if name == "take" else "release_conversation"
    try:
        services.database.rpc(rpc, {"p_customer_id": str(customer_id)}, manager)
    except ApiError as error:
        if error.status >= 500:
            raise
        return "not_allowed", error.message
    return ("taken" if name == "take" else "released"), ""


def _link(db: Any, api: BotApi, credentials: ChannelCredentials, message: TelegramMessage,
          code: str) -> dict[str, Any]:
    sender = message.sender
    language = "ru" if sender and (sender.language_code or "").startswith(("ru", "uk", "be")) else "en"
    code = code.strip()
    if not code or sender is None:
        _say(api, message, SAY[language]["link_how"])
        return {"ok": True, "handled": True}
    linked = db.rpc("redeem_link_code", {
        "p_channel_id": str(credentials.channel_id), "p_code": code[:64], "p_chat_id": message.chat.id,
        "p_chat_type": message.chat.type, "p_telegram_user_id": sender.id, "p_language": sender.language_code,
    }, SERVICE_CLAIMS)
    status = linked["status"]
    log.info("a link code in chat %s of channel %s: %s %s", message.chat.id, credentials.channel_id,
             linked.get("purpose"), status)
    key = f"{linked['purpose']}_linked" if status == "linked" else status
    _say(api, message, SAY[language][key])
    return {"ok": True, "handled": True}


def _command(api: BotApi, credentials: ChannelCredentials, message: TelegramMessage) -> Command | None:
    """One of our commands (`/take`, `/take@our_bot`); None for plain text and other bots' commands."""
    found = _COMMAND.fullmatch((message.text or "").strip())
    if not found or found["name"].lower() not in MANAGER_COMMANDS:
        return None
    if found["bot"] and found["bot"].lower() != _username(api, credentials).lower():
        return None
    return Command(found["name"].lower(), found["args"] or "")


def _username(api: BotApi, credentials: ChannelCredentials) -> str:
    token = credentials.bot_token or ""
    with _usernames_lock:
        known = _usernames.get(token)
    if known is None:
        known = str(api.get_me().get("username") or "")
        with _usernames_lock:
            _usernames[token] = known
    return known


def _is_ours(message: TelegramMessage, credentials: ChannelCredentials) -> bool:
    """Whether a message was sent by this bot: a bot's id is the number its token starts with."""
    return message.sender is not None and str(message.sender.id) == (credentials.bot_token or "").partition(":")[0]


def _member_claims(user_id: str) -> dict[str, Any]:
    """The claims a linked member acts with: the database checks their role as for a signed-in member."""
    return {"role": "authenticated", "aud": "authenticated", "sub": user_id}


def _say(api: BotApi, message: TelegramMessage, text: str) -> None:
    """A short answer to a manager's message; best effort: what it reports is already stored."""
    try:
        api.send_message(message.chat.id, text, reply_to=message.message_id)
    except BotApiError as error:
        log.warning("could not answer in chat %s: %s", message.chat.id, error)


def _react(api: BotApi, message: TelegramMessage) -> None:
    try:
        api.set_reaction(message.chat.id, message.message_id, SENT)
    except BotApiError as error:
        log.warning("could not react in chat %s: %s", message.chat.id, error)
