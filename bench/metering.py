"""What metering adds to a message, inside Postgres: reading what the plan allows (with the
conversation, in the ingest RPC) and counting the reply (with the turn, in record_bot_turn).

    python -m bench.metering [--samples 5000]

Both run inside statements the pipeline makes anyway, so they add no round trip; this measures
them as statements of their own, as the service (the functions' login role switched to it), each
in its own transaction like the RPCs', and subtracts the round trip of `select 1` measured
alongside (interleaved, so a busy machine slows all three alike). The commit's wait for the disk is left out (`synchronous_commit = off` for this
session): the turn that meters a reply writes and waits for the disk anyway. The company's period
row already exists, as it does after its first reply.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import psycopg

from salesbot.local import accounts
from salesbot.local.database import as_functions_role, prepare, start_embedded


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=5000)
    args = parser.parse_args()
    statements = {
        "round trip": "select 1",
        "plan allowance": "select private.plan_allowance(%(owner)s)",
        "meter a reply": "select private.meter_usage(%(owner)s, 1, 0, 0)",
        "meter a reply and tokens": "select private.meter_usage(%(owner)s, 1, 1200, 80)",
    }
    with tempfile.TemporaryDirectory(prefix="salesbot-bench-") as home:
        url = start_embedded(Path(home) / "pgdata", keep_running=False)
        prepare(url)
        with psycopg.connect(url, autocommit=True) as operator:
            owner = accounts.sign_up(operator, "metering@example.com", "correct horse", "Metering").company
            operator.execute("insert into private.plans (id, name) values ('bench', 'Bench, unlimited')")
            operator.execute("update public.subscriptions set plan_id = 'bench' where owner_id = %s", (owner,))
        # As the functions connect: their login role, switched to the service's.
        with psycopg.connect(as_functions_role(url), autocommit=True) as conn:
            conn.execute("set synchronous_commit = off")
            conn.execute("set role service_role")
            samples: dict[str, list[float]] = {name: [] for name in statements}
            for n in range(args.samples + 100):
                for name, statement in statements.items():
                    started = time.perf_counter()
                    conn.execute(statement, {"owner": owner}, prepare=True)
                    if n >= 100:  # warm-up: plans cached, the period row made
                        samples[name].append((time.perf_counter() - started) * 1e6)
    base = statistics.median(samples["round trip"])
    print(f"metering, {args.samples} samples each, as the service, own transaction each (median; round trip {base:.0f} µs):")
    for name in list(statements)[1:]:
        ordered = sorted(samples[name])
        print(f"  {name:26s} +{statistics.median(ordered) - base:6.0f} µs   p90 +{ordered[int(0.9 * len(ordered))] - base:6.0f} µs")
    added = statistics.median(samples["plan allowance"]) + statistics.median(samples["meter a reply"]) - 2 * base
    print(f"  added per message (allowance + meter): {added:.0f} µs")


if __name__ == "__main__":
    main()
