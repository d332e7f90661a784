"""`salesbot`: run the local stack and act on it from the command line."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import psycopg

from salesbot.commands import channels, crm, dev, leads, settings, users
from salesbot.commands.common import Parser, ResetRefused, rebuild_hint
from salesbot.errors import ApiError
from salesbot.local import accounts
from salesbot.local.database import EmbeddedInUse, MigrationHistoryError

COMMAND_GROUPS = (dev, users, settings, channels, leads, crm)


def main(argv: Sequence[str] | None = None) -> int:
    parser = Parser(prog="salesbot", description="An open AI sales manager on Supabase: the local stack.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for group in COMMAND_GROUPS:
        group.register(commands)
    args = parser.parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except accounts.AccountError as error:
        print(f"salesbot: error: {error}", file=sys.stderr)
        return 2 if isinstance(error, accounts.InvalidSignup) else 1
    except MigrationHistoryError as error:
        print(f"salesbot: error: {error}; {rebuild_hint()}", file=sys.stderr)
        return 1
    except (ResetRefused, EmbeddedInUse) as error:
        print(f"salesbot: error: {error}", file=sys.stderr)
        return 2
    except ApiError as error:  # what the database refused, as the functions would answer it
        print(f"salesbot: error: {error.message}", file=sys.stderr)
        return 1
    except psycopg.OperationalError as error:
        reason = " ".join(str(error).split())  # libpq's messages span lines; the contract is one
        print(f"salesbot: error: cannot reach the database: {reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
