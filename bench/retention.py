"""What one sweep costs on big tables: every function the outbox sweep calls to keep the tables
bounded (`forget_expired`, `forget_billing_events`, `forget_crm_history`), timed on the migrations
before this pass and on all of them, side by side on the same rows, and the plan of every
statement they run.

    python -m bench.retention [--rows 300000] [--rounds 5] [--before 20261205010000]

Each table the sweep bounds holds `--rows` rows over 60 days, nearly all settled (the outbox,
taken-in channel updates, payment provider events, CRM deliveries and their events), rate-limit
windows a tenth as many over two hours, and 2,000 amoCRM authorizations, mostly expired: the backlog
of the first sweep after a deploy, with the retention at 30 days and at most 10,000 rows of each a
call. One database is built from the migrations older than `--before`, filled, copied, and the copy
migrated to the newest; then each round times each function once in each database, alternately,
every call in a transaction rolled back, so every call finds the same backlog. Medians.

Then the plans, from the migrated database (auto_explain, nested statements): every scan each
function's deletes run, the cascades and triggers they fire included. Each should probe an index and
read about as many rows as it forgets, never the whole table; a sequential scan is flagged (the
planner rightly reads the 2,000 amoCRM authorizations whole when nearly all of them go).
The embedded Postgres is a throwaway one.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import psycopg

from salesbot.local.database import apply_migrations, prepare, start_embedded
from salesbot.local.paths import MIGRATIONS_DIR
from tests.support.postgres import with_database

SWEEP = ("forget_expired", "forget_billing_events", "forget_crm_history")

FILL = """
with company as (insert into public.companies (name) values ('Bench') returning id),
channel as (
  insert into public.channels (owner_id, kind, name) select id, 'telegram', 'Bench bot' from company
  returning id, owner_id),
customer as (
  insert into public.customers (owner_id, channel_id, external_id)
  select owner_id, id, 'bench' from channel returning id, owner_id, channel_id),
outbox as (
  insert into public.outbox (owner_id, channel_id, customer_id, chat_id, text, purpose, created_at, next_attempt_at,
                             delivered_at)
  select c.owner_id, c.channel_id, c.id, '42', 'Здравствуйте!', 'reply', t, t,
         case when random() < 0.95 then t + interval '1 second' end
  from customer c, generate_series(1, %(rows)s) n, lateral (select now() - interval '60 days' * n / %(rows)s t) at),
updates as (
  insert into public.channel_updates (owner_id, channel_id, customer_id, update_key, created_at)
  select c.owner_id, c.channel_id, c.id, n::text, now() - interval '60 days' * n / %(rows)s
  from customer c, generate_series(1, %(rows)s) n),
windows as (
  insert into private.rate_limits (key, window_start, hits)
  select 'customer:' || n, now() - interval '2 hours' * n / (%(rows)s / 10), 1 from generate_series(1, %(rows)s / 10) n),
billing as (
  insert into private.billing_events (provider, event_id, kind, occurred_at, outcome, received_at)
  select 'stripe', 'evt_' || n, 'payment_succeeded', t, 'ignored', t
  from generate_series(1, %(rows)s) n, lateral (select now() - interval '60 days' * n / %(rows)s t) at),
integration as (
  insert into public.integrations (owner_id, kind, name, url, events)
  select id, 'webhook', 'Bench', 'https://crm.example.com/hook', '{lead.qualified}' from company returning id, owner_id),
events as (
  insert into public.crm_events (owner_id, type, data, created_at)
  select i.owner_id, 'integration.test', '{}', now() - interval '60 days' * n / %(rows)s
  from integration i, generate_series(1, %(rows)s) n returning id, owner_id, created_at),
deliveries as (
  insert into public.crm_deliveries (owner_id, integration_id, event_id, created_at, next_attempt_at, delivered_at)
  select e.owner_id, i.id, e.id, e.created_at, e.created_at,
         case when random() < 0.95 then e.created_at + interval '1 minute' end
  from events e, integration i)
insert into private.crm_authorizations (state, owner_id, name, expires_at)
select md5(n::text), id, 'amoCRM', now() - interval '1 hour' * (n - 10) from company, generate_series(1, 2000) n
"""
# The rest of the log: some outbox rows refused for good, a few CRM deliveries dead.
SETTLE = (
    "update public.outbox set abandoned_at = created_at where id % 50 = 0 and delivered_at is null",
    ("update public.crm_deliveries set dead_at = delivered_at, delivered_at = null"
     " where id % 50 = 0 and delivered_at is not null"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=300_000, help="rows in each table the sweep bounds")
    parser.add_argument("--rounds", type=int, default=5, help="times each function is timed in each database")
    parser.add_argument("--before", default="20261205010000",
                        help="the first migration version left out of the database timed as before")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home:
        server = start_embedded(Path(home) / "pgdata", keep_running=False)
        older = Path(home) / "migrations"
        older.mkdir()
        for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
            if path.stem.partition("_")[0] < args.before:
                shutil.copy(path, older)
        before, after = (with_database(server, name) for name in ("before", "after"))
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("create database before")
        prepare(before, migrations=older)
        started = time.perf_counter()
        with psycopg.connect(before, autocommit=True) as conn:
            conn.execute(FILL, {"rows": args.rows})
            for statement in SETTLE:
                conn.execute(statement)
            conn.execute("vacuum analyze")
        print(f"{args.rows} rows in each table over 60 days (filled in {time.perf_counter() - started:.0f} s);"
              " the cutoff 30 days ago; at most 10,000 a call")
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute("create database after template before")
        with psycopg.connect(after, autocommit=True) as conn:
            added = apply_migrations(conn, MIGRATIONS_DIR)
            conn.execute("vacuum analyze")
        print(f"before: migrations older than {args.before}; after: and {', '.join(added) or 'nothing'}")
        time_side_by_side(before, after, args.rounds)
        print("\nThe plans after (every scan of every statement the sweep runs):")
        with psycopg.connect(after, autocommit=True) as conn:
            for function in SWEEP:
                print(f"\n{function}:")
                for line in scans(conn, function):
                    print("  " + line)


def time_side_by_side(before: str, after: str, rounds: int) -> None:
    """Each function in each database, alternately, once a round after a warm-up round; medians."""
    took: dict[tuple[str, str], list[float]] = {}
    forgot: dict[tuple[str, str], dict] = {}
    with psycopg.connect(before, autocommit=True) as old, psycopg.connect(after, autocommit=True) as new:
        for round_ in range(rounds + 1):
            for function in SWEEP:
                for label, conn in (("before", old), ("after", new)):
                    with conn.transaction(force_rollback=True):
                        started = time.perf_counter()
                        forgot[label, function] = conn.execute(f"select public.{function}(30)").fetchone()[0]
                        if round_:
                            took.setdefault((label, function), []).append(time.perf_counter() - started)
    print(f"\n{'':24}{'before':>10}{'after':>10}{'ratio':>8}  forgotten (after)")
    for function in SWEEP:
        old_ms, new_ms = (statistics.median(took[label, function]) * 1000 for label in ("before", "after"))
        print(f"{function:24}{old_ms:>8.1f}ms{new_ms:>8.1f}ms{old_ms / new_ms:>7.1f}x  {forgot['after', function]}")
    old_total, new_total = (sum(statistics.median(took[label, f]) for f in SWEEP) * 1000 for label in ("before", "after"))
    print(f"{'the whole sweep':24}{old_total:>8.1f}ms{new_total:>8.1f}ms{old_total / new_total:>7.1f}x")


def scans(conn: psycopg.Connection, function: str) -> list[str]:
    """Each statement `function` runs (its own, its triggers', its foreign keys' cascades) with the
    scans its plan made and the rows each read."""
    notices: list[str] = []
    conn.add_notice_handler(lambda notice: notices.append(notice.message_primary or ""))
    with conn.transaction(force_rollback=True):
        conn.execute("load 'auto_explain'")
        for setting in ("log_min_duration = 0", "log_nested_statements = on", "log_analyze = on",
                        "log_timing = off", "log_level = notice"):
            conn.execute(f"set local auto_explain.{setting}")
        conn.execute(f"select public.{function}(30)")
    lines: dict[str, int] = {}
    for plan in notices:
        text = plan.partition("Query Text:")[2].strip()
        if not text or text.startswith(f"select public.{function}"):
            continue
        statement = " ".join(text.split("\n")[0].split())[:100]
        found = [" ".join(node.split()) for node in re.findall(r"(?:Seq|Index|Index Only|Bitmap Heap|Tid) Scan[^\n]*",
                                                                  plan)]
        flag = "SEQUENTIAL SCAN " if any(node.startswith("Seq Scan") for node in found) else ""
        shown = "\n    ".join([flag + statement] + [re.sub(r"\(cost=[^)]*\)\s*", "", node) for node in found])
        lines[shown] = lines.get(shown, 0) + 1
    # A cascade runs once a row: its plans show once, with how many times it ran.
    return [shown + (f"\n    ... {count} times" if count > 1 else "") for shown, count in lines.items()]


if __name__ == "__main__":
    main()
