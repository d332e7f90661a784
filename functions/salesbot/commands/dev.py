"""`salesbot dev`: the database, the schema, the demo company, and every function on one port."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time

import psycopg

from salesbot.commands.common import access_token, database_url, reset_local_database
from salesbot.local import accounts, tokens

DEMO_EMAIL = "demo@salesbot.local"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = commands.add_parser("dev", help="start the database and serve every function on one port")
    dev.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    dev.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    dev.add_argument("--reset", action="store_true",
                     help="delete the local database first and build it anew (its data is lost)")
    dev.set_defaults(handler=_dev)


def _dev(args: argparse.Namespace) -> int:
    from werkzeug.serving import run_simple

    from salesbot.local.database import prepare
    from salesbot.local.server import create_app

    started = time.perf_counter()
    if args.reset:
        reset_local_database()
    url = database_url()
    applied = prepare(url, seed=True)
    # The functions read their configuration from the environment, exactly as when deployed.
    os.environ["DATABASE_URL"] = url
    os.environ["SUPABASE_JWT_SECRET"] = tokens.local_jwt_secret()
    app = create_app()
    with psycopg.connect(url, autocommit=True) as conn:
        demo = accounts.find(conn, DEMO_EMAIL)
    base = f"http://{args.host}:{args.port}"
    brain = f"LLM ({os.environ.get('SALESBOT_MODEL') or 'default model'})" if os.environ.get("OPENAI_API_KEY") else "offline engine"
    print(
        f"salesbot: ready in {time.perf_counter() - started:.2f}s ({len(applied)} migration(s) applied, brain: {brain})\n"
        f"  functions:  {base}/<name>\n"
        f"  demo token: {access_token(demo)}\n"
        f"  try:        curl -s {base}/chat -H \"Authorization: Bearer $TOKEN\""
        " -H 'Content-Type: application/json' -d '{\"customer\": \"c1\", \"text\": \"Здравствуйте, ищу двушку\"}'",
        flush=True,
    )
    # Stopped by a supervisor (SIGTERM) as by Ctrl-C: exit handlers run, so the embedded database
    # knows this process no longer uses it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    run_simple(args.host, args.port, app, threaded=True)
    return 0
