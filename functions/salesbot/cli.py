"""`salesbot`: run the local stack and act on it from the command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from typing import NoReturn

import psycopg

from salesbot.local import accounts, tokens
from salesbot.local.paths import state_dir

DEMO_EMAIL = "demo@salesbot.local"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not a usage dump: the exit code says it was the arguments.
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="salesbot", description="An open AI sales manager on Supabase: the local stack.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    dev = commands.add_parser("dev", help="start the database and serve every function on one port")
    dev.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    dev.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))

    signup = commands.add_parser("signup", help="sign a company user up, as Supabase Auth would")
    signup.add_argument("--email", required=True)
    signup.add_argument("--password", required=True)
    signup.add_argument("--company", required=True)

    token = commands.add_parser("token", help="print an access token for a user")
    token.add_argument("--email", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "dev":
            return _dev(args.host, args.port)
        if args.command == "signup":
            return _signup(args.email, args.password, args.company)
        return _token(args.email)
    except accounts.AccountError as error:
        print(f"salesbot: error: {error}", file=sys.stderr)
        return 2 if isinstance(error, accounts.InvalidSignup) else 1
    except psycopg.OperationalError as error:
        print(f"salesbot: error: cannot reach the database: {error}".strip(), file=sys.stderr)
        return 1


def database_url() -> str:
    """DATABASE_URL when set; otherwise the embedded database, started if need be."""
    if url := os.environ.get("DATABASE_URL"):
        return url
    from salesbot.local.database import start_embedded

    return start_embedded(state_dir() / "pgdata")


@contextlib.contextmanager
def _connect() -> Iterator[psycopg.Connection]:
    from salesbot.local.database import prepare

    url = database_url()
    prepare(url)
    with psycopg.connect(url, autocommit=True) as conn:
        yield conn


def _signup(email: str, password: str, company: str) -> int:
    with _connect() as conn:
        account = accounts.sign_up(conn, email, password, company)
    print(json.dumps({
        "user_id": str(account.user_id),
        "owner_id": str(account.owner_id),
        "access_token": _access_token(account),
    }))
    return 0


def _token(email: str) -> int:
    with _connect() as conn:
        account = accounts.find(conn, email)
    print(_access_token(account))
    return 0


def _access_token(account: accounts.Account) -> str:
    claims = tokens.access_token_claims(account.user_id, account.email, user_metadata=account.user_metadata)
    return tokens.sign(claims, tokens.local_jwt_secret())


def _dev(host: str, port: int) -> int:
    from werkzeug.serving import run_simple

    from salesbot.local.database import prepare
    from salesbot.local.server import create_app

    started = time.perf_counter()
    url = database_url()
    applied = prepare(url, seed=True)
    # The functions read their configuration from the environment, exactly as when deployed.
    os.environ["DATABASE_URL"] = url
    os.environ["SUPABASE_JWT_SECRET"] = tokens.local_jwt_secret()
    app = create_app()
    with psycopg.connect(url, autocommit=True) as conn:
        demo = accounts.find(conn, DEMO_EMAIL)
    base = f"http://{host}:{port}"
    brain = "LLM (" + os.environ.get("SALESBOT_MODEL", "default model") + ")" if os.environ.get("OPENAI_API_KEY") else "offline engine"
    print(
        f"salesbot: database ready ({len(applied)} migration(s) applied), brain: {brain},"
        f" started in {time.perf_counter() - started:.2f}s\n"
        f"  functions:  {base}/<name>\n"
        f"  demo token: {_access_token(demo)}\n"
        f"  try:        curl -s {base}/chat -H \"Authorization: Bearer $TOKEN\""
        " -H 'Content-Type: application/json' -d '{\"customer\": \"c1\", \"text\": \"Здравствуйте, ищу двушку\"}'",
        flush=True,
    )
    run_simple(host, port, app, threaded=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
