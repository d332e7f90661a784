"""Per-message time that is ours: the offline engine, embedded Postgres, through the HTTP app.

    python -m bench.chat [--messages 1000] [--customers 50] [--webhook]

Each message is a POST /chat through the real functions-framework app (in process, so no socket
time is counted), with token verification, two RPCs (store the message; store the reply and the
lead) and the offline engine. This process is pinned to one core; Postgres runs beside it. With
`--webhook` the company has a webhook endpoint subscribed to every event, message.created included,
so each message also queues its events (nothing is delivered during the run).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from werkzeug.test import Client

from bench.customer_script import SCRIPT
from salesbot.crm.models import EVENT_TYPES
from salesbot.local import accounts, tokens
from salesbot.local.database import as_functions_role, prepare, start_embedded
from salesbot.local.server import create_app
from salesbot.services import reset_services


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--webhook", action="store_true", help="a webhook endpoint that wants every event")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home:
        url = os.environ.get("DATABASE_URL") or start_embedded(Path(home) / "pgdata", keep_running=False)
        prepare(url, seed=True)
        with psycopg.connect(url, autocommit=True) as conn:
            account = accounts.sign_up(conn, f"bench-{time.time_ns()}@example.com", "correct horse", "Bench Realty")
            conn.execute(
                "update public.bot_settings s set document = d.document from public.bot_settings d"
                " join public.members m on m.owner_id = d.owner_id join auth.users u on u.id = m.user_id"
                " where u.email = 'demo@salesbot.local' and s.owner_id = %s",
                (account.company,),
            )
            if args.webhook:
                conn.execute(
                    "insert into public.integrations (owner_id, kind, name, url, events) values (%s, 'webhook',"
                    " 'Bench', 'https://hooks.example.com/bench', %s)", (account.company, [*EVENT_TYPES]))
        secret = "bench-secret-" + "x" * 40
        os.environ.update(DATABASE_URL=as_functions_role(url), SUPABASE_JWT_SECRET=secret)
        os.environ.pop("OPENAI_API_KEY", None)
        reset_services()
        client = Client(create_app())
        token = tokens.sign(tokens.access_token_claims(account.user_id, account.email), secret)
        headers = {"Authorization": f"Bearer {token}"}

        def send(n: int) -> float:
            body = {"customer": f"customer-{n % args.customers}", "text": SCRIPT[(n // args.customers) % len(SCRIPT)]}
            started = time.perf_counter()
            response = client.post("/chat", json=body, headers=headers)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                sys.exit(f"unexpected {response.status_code}: {response.get_data(as_text=True)}")
            return elapsed

        for n in range(50):  # warm-up: connections, plan caches
            send(n)
        samples = [send(n) for n in range(50, 50 + args.messages)]
        reset_services()

    ms = [s * 1000 for s in samples]
    integration = ", every event queued for a webhook" if args.webhook else ""
    print(f"POST /chat, offline engine, embedded Postgres, {args.messages} messages, {args.customers} customers, one core"
          f"{integration}:")
    print(f"  p50 {statistics.median(ms):.2f} ms   p90 {percentile(ms, 0.9):.2f} ms   p99 {percentile(ms, 0.99):.2f} ms"
          f"   mean {statistics.fmean(ms):.2f} ms   ({1000 / statistics.fmean(ms):.0f} messages/s sequential)")


if __name__ == "__main__":
    main()
