"""`salesbot channel`: connect a Telegram bot or create a widget channel on the local stack, exactly
as the `channels` function does, with the user's own rights."""

from __future__ import annotations

import argparse
import json
import uuid

from salesbot.commands.common import as_user, connect
from salesbot.config import Config


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    channel = commands.add_parser("channel", help="connect a channel for a company")
    kinds = channel.add_subparsers(dest="channel_command", required=True, parser_class=type(channel))
    telegram = kinds.add_parser("add-telegram", help="connect a Telegram bot (needs PUBLIC_URL, where Telegram calls us)")
    telegram.add_argument("--email", required=True, help="an admin or owner of the company")
    telegram.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    telegram.add_argument("--bot-token", required=True, help="the token @BotFather gave")
    telegram.add_argument("--name", default="Telegram bot")
    telegram.set_defaults(handler=_add, kind="telegram")
    widget = kinds.add_parser("add-widget", help="create a web widget channel and print its signing secret")
    widget.add_argument("--email", required=True, help="an admin or owner of the company")
    widget.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    widget.add_argument("--name", default="Website")
    widget.set_defaults(handler=_add, kind="widget", bot_token=None)
    outbox = kinds.add_parser("deliver-outbox",
                              help="sweep the outbox once: undelivered Telegram messages and integration events")
    outbox.set_defaults(handler=_deliver_outbox)
    code = kinds.add_parser("link-code", help="a one-time code to send the company's bot as /link <code>: "
                                              "links a managers' chat (chat) or your own Telegram account (member)")
    code.add_argument("--email", required=True, help="the member the code is for (an admin for a chat)")
    code.add_argument("--company", type=uuid.UUID, help="the company's id, for a user of several companies")
    code.add_argument("--purpose", choices=("chat", "member"), default="member")
    code.set_defaults(handler=_link_code)


def _add(args: argparse.Namespace) -> int:
    from salesbot.channels.connect import connect

    with as_user(args.email) as (database, claims):
        print(json.dumps(connect(database, claims, Config.from_env(), args.kind, args.name, args.bot_token,
                                 owner_id=args.company)))
    return 0


def _deliver_outbox(args: argparse.Namespace) -> int:
    from salesbot.commands.common import functions_database_url
    from salesbot.db import PostgresDatabase
    from salesbot.outbox import sweep

    with connect():  # the schema brought up to date
        pass
    database = PostgresDatabase(functions_database_url(), max_size=6)  # the integration workers beside Telegram's
    try:
        print(json.dumps(sweep(database, Config.from_env())))
    finally:
        database.close()
    return 0


def _link_code(args: argparse.Namespace) -> int:
    with as_user(args.email) as (database, claims):
        print(json.dumps(database.rpc("create_link_code", {
            "p_purpose": args.purpose, "p_owner_id": str(args.company) if args.company else None}, claims)))
    return 0
