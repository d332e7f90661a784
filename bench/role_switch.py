"""Why Postgres works harder per message through a transaction pooler: a server connection that
serves both the test chat (as `authenticated`) and Telegram updates (as `service_role`) plans the
chat's statements again after every switch.

    python -m bench.role_switch [--turns 400]

Direct, each functions process keeps connections of its own and acts as one role on them: the
chat as its users (`authenticated`), the webhooks as the service. Through PgBouncer or Supavisor in
transaction mode, any server connection runs any function's next transaction. The chat's RPCs and
a Telegram update's run the same statements (ingest_channel_update calls ingest_customer_message;
both record a turn through the same lead and metering helpers), and a cached plan of a statement
on a table with row-level security is only good for the role it was made for: run as the other
role, Postgres rewrites and plans it again.

On one connection (one backend), as `bench.load` sends them, this times a /chat message's two RPCs
back to back; each after another company's chat message (the same statements, the same role: no
cost); each after a Telegram update's ingest (the same statements as the service); and each after
service work that runs none of the chat's statements (another role alone costs nothing: it is the
same statement under another role that does). Interleaved, medians; commits do not wait for the disk
(`synchronous_commit = off`), the same for every case, noise only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import psycopg

from bench.coldstart import JWT_SECRET, sign_up
from salesbot.auth import TokenVerifier
from salesbot.db import SERVICE_CLAIMS, PostgresDatabase
from salesbot.local.database import FUNCTIONS_ROLE, as_functions_role, prepare, start_embedded
from tests.servers.telegram import serve_bot_api

TEXT = "Здравствуйте! Ищу студию в Казани, бюджет 5 млн"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=400, help="chat turns timed in each case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home, serve_bot_api() as bot_api:
        url = start_embedded(Path(home) / "pgdata", keep_running=False)
        prepare(url)
        token, channel_id, _ = sign_up(url, bot_api)
        other_token, _, _ = sign_up(url, bot_api)
        verifier = TokenVerifier(secret=JWT_SECRET)
        claims, other_claims = verifier.verify(token), verifier.verify(other_token)
        database = PostgresDatabase(f"{as_functions_role(url)} options='-c synchronous_commit=off'", max_size=1)
        run = uuid.uuid4().hex[:8]

        def chat_turn(n: int, caller: dict = claims) -> None:
            context = database.rpc("ingest_customer_message", {
                "p_customer": f"chat-{run}-{n // 10}", "p_text": TEXT, "p_request_key": f"{run}-{n}"}, caller)
            database.rpc("record_bot_turn", {
                "p_customer_id": context["customer_id"], "p_reply": "Какой у вас бюджет?", "p_stage": "qualification",
                "p_lead": {"need": "студия", "location": "Казань"}, "p_score": 10, "p_asked": "budget"}, caller)

        def other_company_turn(n: int) -> None:
            chat_turn(n, other_claims)

        def telegram_update(n: int) -> None:
            database.rpc("ingest_channel_update", {
                "p_channel_id": channel_id, "p_update_key": f"{run}-{n}", "p_customer": f"{run}-{n}", "p_text": TEXT},
                SERVICE_CLAIMS)

        def service_transaction(n: int) -> None:
            database.rpc("forget_expired", {}, SERVICE_CLAIMS)

        cases: dict[str, Callable[[int], None] | None] = {
            "back to back": None,
            "after another company's chat message": other_company_turn,
            "after a Telegram update (service_role)": telegram_update,
            "after other service_role work": service_transaction,
        }
        database.rpc("forget_expired", {}, SERVICE_CLAIMS)  # its one connection is open
        with psycopg.connect(url) as operator:
            (pid,) = operator.execute("select pid from pg_stat_activity where usename = %s", (FUNCTIONS_ROLE,)).fetchone()
        backend = Path(f"/proc/{pid}/stat")
        timed: dict[str, list[float]] = {name: [] for name in cases}
        cpu = dict.fromkeys(cases, 0.0)
        counter = 0
        for _ in range(20):  # warm: every statement planned, on both roles
            counter += 1
            chat_turn(counter)
            telegram_update(counter)
        # Interleaved, so that a busy machine slows every case alike. The channel takes 600
        # updates a minute: --turns stays under it.
        for _ in range(args.turns):
            for name, before in cases.items():
                counter += 1
                if before is not None:
                    before(counter)
                used, started = backend_cpu(backend), time.perf_counter()
                chat_turn(counter)
                timed[name].append(time.perf_counter() - started)
                cpu[name] += backend_cpu(backend) - used
        database.close()
    base = statistics.median(timed["back to back"])
    print(f"a /chat message's two RPCs on one connection ({args.turns} each): median time, and the backend's CPU a message")
    for name, samples in timed.items():
        median = statistics.median(samples)
        print(f"  {name:40} {median * 1000:5.2f} ms ({(median - base) * 1000:+.2f})   CPU {cpu[name] / args.turns * 1000:.2f} ms")


def backend_cpu(stat: Path) -> float:
    """Seconds of CPU a process has used (Linux /proc, in clock ticks: sum many differences)."""
    fields = stat.read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":
    main()
