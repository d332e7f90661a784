"""`salesbot signup` and `salesbot token`: what Supabase Auth does, on the local stack."""

from __future__ import annotations

import argparse
import json

from salesbot.commands.common import access_token, connect
from salesbot.local import accounts


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    signup = commands.add_parser("signup", help="sign a company user up, as Supabase Auth would")
    signup.add_argument("--email", required=True)
    signup.add_argument("--password", required=True)
    signup.add_argument("--company", required=True)
    signup.set_defaults(handler=_signup)

    token = commands.add_parser("token", help="print an access token for a user")
    token.add_argument("--email", required=True)
    token.set_defaults(handler=_token)


def _signup(args: argparse.Namespace) -> int:
    with connect() as conn:
        account = accounts.sign_up(conn, args.email, args.password, args.company)
    print(json.dumps({
        "user_id": str(account.user_id),
        "owner_id": str(account.company),
        "access_token": access_token(account),
    }))
    return 0


def _token(args: argparse.Namespace) -> int:
    with connect() as conn:
        account = accounts.find(conn, args.email)
    print(access_token(account))
    return 0
