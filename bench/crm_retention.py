"""How the sweep finds the CRM history past its retention (`forget_crm_history`) in a big delivery
log: the plan of each of its statements as the function runs them (auto_explain), on a log of
`--rows` deliveries over 60 days, nearly all settled: the backlog of the first sweep after a deploy.

    python -m bench.crm_retention [--rows 300000]

Each statement should probe its index (crm_deliveries_settled_idx, crm_authorizations_expires_idx;
the events, which go with their last delivery, by their key) and read about as many rows as it
forgets, never the whole table.
Everything runs in a transaction rolled back; the embedded Postgres is a throwaway one.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import psycopg

from salesbot.local.database import prepare, start_embedded

FILL = """
with company as (insert into public.companies (name) values ('Bench') returning id),
integration as (
  insert into public.integrations (owner_id, kind, name, url, events)
  select id, 'webhook', 'Bench', 'https://crm.example.com/hook', '{lead.qualified}' from company returning id, owner_id),
events as (
  insert into public.crm_events (owner_id, type, data, created_at)
  select i.owner_id, 'integration.test', '{}', now() - interval '60 days' * n / %(rows)s
  from integration i, generate_series(1, %(rows)s) n returning id, owner_id, created_at)
insert into public.crm_deliveries (owner_id, integration_id, event_id, created_at, next_attempt_at, delivered_at, dead_at)
select e.owner_id, i.id, e.id, e.created_at, e.created_at,
       case when random() < 0.95 then e.created_at + interval '1 minute' end, null
from events e, integration i
"""



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000, help="deliveries (and events) in the log")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home:
        url = start_embedded(Path(home) / "pgdata", keep_running=False)
        prepare(url)
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(FILL, {"rows": args.rows})
            # The rest of the log: a few dead ones, some pending; amoCRM authorizations, mostly expired.
            conn.execute("update public.crm_deliveries set dead_at = delivered_at, delivered_at = null"
                         " where id % 50 = 0 and delivered_at is not null")
            conn.execute("insert into private.crm_authorizations (state, owner_id, name, expires_at)"
                         " select md5(n::text), (select id from public.companies where name = 'Bench'), 'amoCRM',"
                         " now() - interval '1 hour' * (n - 10) from generate_series(1, 2000) n")
            conn.execute("vacuum analyze public.crm_deliveries, public.crm_events, private.crm_authorizations")
            print(f"{args.rows} deliveries and events over 60 days; the cutoff 30 days ago; at most 10,000 a statement")
            # A pooled connection plans the function's statements for the cutoff given (the first
            # five calls), then maybe once for any cutoff: both, each in a transaction rolled back,
            # timed first without auto_explain, whose logging of each cascaded delete costs more.
            for mode in ("force_custom_plan", "force_generic_plan"):
                with conn.transaction(force_rollback=True):
                    conn.execute(f"set local plan_cache_mode = {mode}")
                    started = time.perf_counter()
                    forgotten = conn.execute("select public.forget_crm_history(30)").fetchone()[0]
                    print(f"\n{mode}: {forgotten} in {(time.perf_counter() - started) * 1000:.0f} ms")
                    print("\n".join("  " + plan.replace("\n", "\n  ") for plan in explained(conn, mode)))


def explained(conn: psycopg.Connection, mode: str) -> list[str]:
    """The plans of the function's own statements (not of the deletes its foreign keys cascade to)."""
    notices: list[str] = []
    conn.add_notice_handler(lambda notice: notices.append(notice.message_primary or ""))
    conn.execute("load 'auto_explain'")
    for setting in ("log_min_duration = 0", "log_nested_statements = on", "log_analyze = on", "log_buffers = on",
                    "log_timing = off", "log_level = notice"):
        conn.execute(f"set local auto_explain.{setting}")
    with conn.transaction(force_rollback=True):
        conn.execute(f"set local plan_cache_mode = {mode}")
        conn.execute("select public.forget_crm_history(30)")
    conn.execute("set local auto_explain.log_min_duration = -1")
    return [plan for plan in notices if "Query Text: delete from" in plan]


if __name__ == "__main__":
    main()
