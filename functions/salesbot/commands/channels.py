"""`salesbot channel`: connect a Telegram bot or create a widget channel on the local stack, exactly
as the `channels` function does, with the user's own rights."""

from __future__ import annotations

import argparse
import json
import sys

from salesbot.commands.common import connect as connect_database
from salesbot.commands.common import database_url
from salesbot.config import Config
from salesbot.db import PostgresDatabase
from salesbot.errors import ApiError
from salesbot.local import accounts, tokens


def register(commands: argparse._SubParsersAction) -> None:
    channel = commands.add_parser("channel", help="connect a channel for a company")
    kinds = channel.add_subparsers(dest="channel_command", required=True, parser_class=type(channel))
    telegram = kinds.add_parser("add-telegram", help="connect a Telegram bot (needs PUBLIC_URL, where Telegram calls us)")
    telegram.add_argument("--email", required=True, help="an admin or owner of the company")
    telegram.add_argument("--bot-token", required=True, help="the token @BotFather gave")
    telegram.add_argument("--name", default="Telegram bot")
    telegram.set_defaults(handler=_add, kind="telegram")
    widget = kinds.add_parser("add-widget", help="create a web widget channel and print its signing secret")
    widget.add_argument("--email", required=True, help="an admin or owner of the company")
    widget.add_argument("--name", default="Website")
    widget.set_defaults(handler=_add, kind="widget", bot_token=None)


def _add(args: argparse.Namespace) -> int:
    from salesbot.channels.connect import connect

    with connect_database() as conn:
        account = accounts.find(conn, args.email)
    claims = tokens.access_token_claims(account.user_id, account.email)
    database = PostgresDatabase(database_url(), max_size=1)
    try:
        print(json.dumps(connect(database, claims, Config.from_env(), args.kind, args.name, args.bot_token)))
    except ApiError as error:
        print(f"salesbot: error: {error.message}", file=sys.stderr)
        return 1
    finally:
        database.close()
    return 0
