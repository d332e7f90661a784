"""How the functions' database connections come back after an outage: the embedded Postgres is
stopped as a crash stops it and started again `--down` seconds later, while one client calls an RPC
through `PostgresDatabase` every 50 ms, as steady traffic would.

    python -m bench.outage [--down 2 5 10 20] [--timeout 5]

For each outage it prints how long after the server is back (accepting connections again) the
first call succeeds, how long the calls during the outage took to be refused (a 503), and how many
connections the pool tried to open while the server was away (the server's refusals, counted by
psycopg_pool). `--timeout` is how long a call may wait for a connection (SALESBOT_DB_TIMEOUT).
The embedded Postgres is a throwaway one.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import tempfile
import threading
import time
import uuid
from pathlib import Path

from salesbot.db import PostgresDatabase
from salesbot.errors import Unavailable
from salesbot.local.database import as_functions_role, prepare, start_embedded
from tests.support.postgres import restart_embedded

CLAIMS = {"role": "authenticated", "sub": str(uuid.uuid4())}


def failed_connects(database: PostgresDatabase) -> int:
    return database._pool.pool.get_stats().get("connections_errors", 0)  # the pool's own count


def one_outage(data_dir: Path, database: PostgresDatabase, down: float) -> tuple[float, list[float], int]:
    """Seconds from the server's return to the first call that succeeds, the seconds each refused
    call took, and the pool's failed connection attempts."""
    database.rpc("my_companies", {}, CLAIMS)
    attempts_before = failed_connects(database)
    refused: list[float] = []
    succeeded = threading.Event()
    first_success = [0.0]
    down_since = time.monotonic()
    restart = restart_embedded(data_dir, down_for=down)

    def call_until_back() -> None:
        while True:
            started = time.monotonic()
            try:
                database.rpc("my_companies", {}, CLAIMS)
            except Unavailable:
                refused.append(time.monotonic() - started)
                time.sleep(0.05)
                continue
            if started - down_since > 0.1:  # not a call that went through before the stop
                first_success[0] = time.monotonic()
                succeeded.set()
                return
            time.sleep(0.05)

    caller = threading.Thread(target=call_until_back, daemon=True)
    caller.start()
    restart.join()
    back_at = time.monotonic()
    succeeded.wait(timeout=600)
    attempts = failed_connects(database) - attempts_before
    return max(0.0, first_success[0] - back_at), refused, attempts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--down", type=float, nargs="+", default=[2.0, 5.0, 10.0, 20.0])
    parser.add_argument("--timeout", type=float, default=5.0)
    args = parser.parse_args()
    logging.getLogger("psycopg.pool").setLevel(logging.ERROR)  # a warning at every failed connect
    with tempfile.TemporaryDirectory(prefix="salesbot-outage-") as scratch:
        data_dir = Path(scratch) / "pgdata"
        url = start_embedded(data_dir, keep_running=False)
        prepare(url)
        database = PostgresDatabase(as_functions_role(url), timeout=args.timeout)
        print(f"PostgresDatabase, one caller every 50 ms, a request waits up to {args.timeout:g} s for a connection")
        print("down (s)  first success after back (s)  refusals  median/max refusal (s)  failed connects")
        try:
            for down in args.down:
                recovery, refused, attempts = one_outage(data_dir, database, down)
                median = statistics.median(refused) if refused else 0.0
                print(f"{down:8.1f}  {recovery:28.2f}  {len(refused):8d}  {median:10.2f}/{max(refused, default=0):.2f}"
                      f"  {attempts:15d}")
        finally:
            database.close()


if __name__ == "__main__":
    main()
