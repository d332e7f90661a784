"""`salesbot dev`: the database, the schema, the demo company, and every function on one port;
`salesbot stop`: the embedded database stopped, its data kept.

Everything that can fail is checked before "ready" is printed: a port in use or a `PORT` that is
no port is one line on stderr, never a token printed above a traceback.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import socket
import sys
import time

import psycopg

from salesbot.commands.common import access_token, database_url, functions_database_url, reset_local_database
from salesbot.local import accounts, tokens

DEMO_EMAIL = "demo@salesbot.local"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = commands.add_parser("dev", help="start the database and serve every function on one port")
    dev.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    # A string default goes through `type` too, so a bad PORT is refused like a bad --port.
    dev.add_argument("--port", type=_port, default=os.environ.get("PORT", "8080"), help="default: PORT, or 8080")
    dev.add_argument("--reset", action="store_true",
                     help="delete the local database first and build it anew (its data is lost)")
    dev.set_defaults(handler=_dev)
    stop = commands.add_parser("stop", help="stop the local database that salesbot dev left running (data kept)")
    stop.set_defaults(handler=_stop)


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1-65535; from --port or PORT)")
    return port


def _dev(args: argparse.Namespace) -> int:
    from werkzeug.serving import WSGIRequestHandler, make_server

    from salesbot.local.database import prepare
    from salesbot.local.server import create_app

    started = time.perf_counter()
    try:
        # Bound first, by us (werkzeug would print two lines and exit): a busy port is refused
        # before the database starts or anything is printed.
        listening = _listen(args.host, args.port)
    except OSError as error:
        print(f"salesbot: error: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 1
    # The functions read their configuration on their first request, so it can be set below.
    class JsonRefusals(WSGIRequestHandler):
        """The server's own refusals (a request line or headers too long, a request it cannot
        parse) as JSON errors, like the functions' own, not as an HTML page. Its messages are
        fixed phrases ("Line too long"), so they need no escaping beyond what it does."""

        error_content_type = "application/json"
        error_message_format = '{"error": {"code": "bad_request", "message": "%(message)s"}}\n'

        def parse_request(self) -> bool:
            # http.server keeps every copy of a header and werkzeug reads the first: a body framed two
            # ways would be read one way here and another by a proxy in front (RFC 9112 section 6.3).
            if not super().parse_request():
                return False
            lengths = self.headers.get_all("Content-Length") or []
            if len(lengths) > 1 or (lengths and self.headers.get("Transfer-Encoding")):
                self.send_error(400, "Body length given more than once")
                return False
            return True

    server = make_server(args.host, args.port, create_app(), threaded=True, fd=listening.fileno(),
                         request_handler=JsonRefusals)
    if args.reset:
        reset_local_database()
    url = database_url()
    applied = prepare(url, seed=True)
    # The functions read their configuration from the environment, exactly as when deployed.
    os.environ["DATABASE_URL"] = functions_database_url()
    os.environ["SUPABASE_JWT_SECRET"] = tokens.local_jwt_secret()
    os.environ["SALESBOT_LOCAL_AUTH_DATABASE_URL"] = url  # the console's sign-in reads auth.users
    with psycopg.connect(url, autocommit=True) as conn:
        demo = accounts.find(conn, DEMO_EMAIL)
    base = f"http://{args.host}:{args.port}"
    brain = f"LLM ({os.environ.get('SALESBOT_MODEL') or 'default model'})" if os.environ.get("OPENAI_API_KEY") else "offline engine"
    body = '{"customer": "c1", "text": "Здравствуйте, ищу двушку"}'
    print(
        f"salesbot: ready in {time.perf_counter() - started:.2f}s ({len(applied)} migration(s) applied, brain: {brain})\n"
        f"  functions:  {base}/<name>\n"
        f"  database:   {url}\n"
        f"  try:        TOKEN={access_token(demo)}\n"
        f"              curl -s {base}/chat -H \"Authorization: Bearer $TOKEN\""
        f" -H 'Content-Type: application/json' -d {shlex.quote(body)}",
        flush=True,
    )
    # Stopped by a supervisor (SIGTERM) as by Ctrl-C: exit handlers run, so the embedded database
    # knows this process no longer uses it.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server.serve_forever()  # werkzeug's: Ctrl-C ends it quietly
    return 0


def _listen(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    listening = socket.socket(family, kind, proto)
    try:
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as werkzeug's own server does
        listening.bind(address)
        listening.listen()
    except OSError:
        listening.close()
        raise
    return listening


def _stop(args: argparse.Namespace) -> int:
    from salesbot.local.database import stop_embedded
    from salesbot.local.paths import state_dir

    if os.environ.get("DATABASE_URL"):
        print("salesbot: DATABASE_URL is set: that database is not the local stack's to stop", file=sys.stderr)
        return 2
    data_dir = state_dir() / "pgdata"
    print(f"salesbot: stopped the local database in {data_dir} (data kept)" if stop_embedded(data_dir)
          else "salesbot: the local database is not running")
    return 0
