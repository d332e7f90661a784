"""The company's people on Telegram, set up as they would do it: one-time codes from
`create_link_code`, sent to the company's bot as `/link <code>` in a chat."""

from __future__ import annotations

from typing import Any

from salesbot.db import Database
from tests.servers.telegram import message_from
from tests.support.accounts import Company, User

MANAGERS_CHAT = -1001234567890  # a supergroup's id, as Telegram gives them


def link_code(database: Database, user: User, purpose: str) -> str:
    return database.rpc("create_link_code", {"p_purpose": purpose}, user.claims)["code"]


def post(client: Any, channel: tuple[str, str], body: dict[str, Any]) -> Any:
    channel_id, secret = channel
    return client.post(f"/telegram?channel={channel_id}", json=body, headers={"X-Telegram-Bot-Api-Secret-Token": secret})


def link_managers_chat(client: Any, database: Database, company: Company, channel: tuple[str, str], *,
                       chat_id: int = MANAGERS_CHAT, language: str = "ru", telegram_user_id: int = 9001) -> None:
    """The admin links a managers' group, and the company's manager links their Telegram account there."""
    admin_code = link_code(database, company.users["admin"], "chat")
    linked = post(client, channel, message_from(telegram_user_id + 1, f"/link {admin_code}", chat_id=chat_id,
                                                chat_type="supergroup", language_code=language))
    assert linked.status_code == 200, linked.json
    link_manager(client, database, company.users["manager"], channel, telegram_user_id, chat_id=chat_id)


def link_manager(client: Any, database: Database, member: User, channel: tuple[str, str], telegram_user_id: int, *,
                 chat_id: int = MANAGERS_CHAT) -> None:
    code = link_code(database, member, "member")
    linked = post(client, channel, message_from(telegram_user_id, f"/link {code}", chat_id=chat_id,
                                                chat_type="supergroup"))
    assert linked.status_code == 200, linked.json
