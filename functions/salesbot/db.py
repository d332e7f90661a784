"""RPC calls into Postgres, executed the way PostgREST executes them.

Every call is one transaction that first sets, locally, the role, `request.jwt.claims` and the
settings the role has in `pg_db_role_setting` (its statement timeout: anon 3 s, authenticated 8 s
on Supabase), then calls `public.<name>(arg => value, ...)`; RLS and the functions' own checks do
the rest. Errors raised with PostgREST's `PTxyz` SQLSTATEs become HTTP status xyz, as in PostgREST.

Nothing outlives its transaction, so the connection may go through a pooler in transaction mode
(Supavisor, PgBouncer), where each transaction may run on another server connection: no prepared
statements, no session settings, no session advisory locks.

A call is one round trip: the settings and the call go out as one simple-protocol query, its
values bound by psycopg's client-side binding (libpq's quoting). Postgres runs the statements of
one such query as one implicit transaction, committed at its end and rolled back whole if any of
them fails. It costs the client less than half the CPU of the same two statements pipelined in the
extended protocol (`python -m bench.load` is CPU-bound, so this is throughput), and a pooler sees
one plain query.

The service's calls (SERVICE_CLAIMS: the webhooks, the outbox sweep) may go through a login of
their own (`service_url`): a transaction pooler keeps a pool of server connections per login, so
they then never share one with the company users' calls, whose cached plans of statements on tables
with row-level security they would otherwise make Postgres plan again at every switch of role.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from salesbot.errors import ApiError, Unavailable

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

log = logging.getLogger(__name__)

DB_ROLES = frozenset({"anon", "authenticated", "service_role"})
SERVICE_CLAIMS: Mapping[str, Any] = {"role": "service_role"}
_RPC_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# SQLSTATE (or its class, the first two characters) -> HTTP status and our error code.
_STATUS_BY_SQLSTATE = {
    "42501": (403, "forbidden"),
    "23505": (409, "conflict"),
    "23503": (409, "conflict"),
    "23502": (400, "invalid"),
    "23514": (400, "invalid"),
    "P0001": (400, "invalid"),
    "42883": (404, "not_found"),
    "57014": (504, "timeout"),
    "40001": (503, "unavailable"),
    "40P01": (503, "unavailable"),
    "22": (400, "invalid"),
    "08": (503, "unavailable"),
    "53": (503, "unavailable"),
    "57": (503, "unavailable"),
}
_CODE_BY_STATUS = {400: "invalid", 401: "unauthorized", 402: "plan_limit", 403: "forbidden", 404: "not_found",
                   409: "conflict", 410: "gone", 412: "precondition_failed", 422: "unprocessable"}


def company_arg(owner_id: UUID | None) -> str | None:
    """`p_owner_id` of an RPC that acts for the caller's company: the one named, or null for the
    caller's only company (the database refuses to guess among several)."""
    return str(owner_id) if owner_id else None


def error_for_sqlstate(sqlstate: str | None, message: str, detail: str | None = None) -> ApiError:
    """The API error PostgREST would answer for a database error; a refusal's detail, when it is
    `{"reason": ..., <values>}`, gives its reason."""
    sqlstate = sqlstate or ""
    if sqlstate.startswith("PT") and sqlstate[2:].isdigit():
        status = int(sqlstate[2:])
        error = ApiError(message, status=status, code=_CODE_BY_STATUS.get(status, "error"))
        error.reason, error.values = _reason(detail)
        return error
    status, code = _STATUS_BY_SQLSTATE.get(sqlstate) or _STATUS_BY_SQLSTATE.get(sqlstate[:2], (500, "internal"))
    if status == 503:
        return Unavailable("the database is unavailable, retry later")
    if status == 500:
        log.error("unexpected database error %s", sqlstate)
        return ApiError("internal error", status=500, code="internal")
    return ApiError(message, status=status, code=code)


def _reason(detail: str | None) -> tuple[str | None, dict[str, Any]]:
    try:
        values = json.loads(detail) if detail and detail.startswith("{") else {}
    except ValueError:
        return None, {}
    reason = values.pop("reason", None)
    return (reason, values) if isinstance(reason, str) else (None, {})


class Database(Protocol):
    def rpc(self, name: str, args: Mapping[str, Any], claims: Mapping[str, Any]) -> Any:
        """Call `public.<name>` as the holder of `claims`; returns the function's JSON value."""
        ...


# The settings each API role has for this database, as Postgres would apply them at login as that
# role: its own for every database, then its own for this one, which win. Only those a user may
# change (context 'user'), since the connecting role is no superuser. PostgREST reads the same
# catalog once and applies an impersonated role's settings in every request's transaction.
_ROLE_SETTINGS = """
select r.rolname, p.name, substr(c.setting, strpos(c.setting, '=') + 1)
from pg_catalog.pg_db_role_setting s
join pg_catalog.pg_roles r on r.oid = s.setrole
cross join lateral unnest(s.setconfig) c(setting)
join pg_catalog.pg_settings p on p.name = split_part(c.setting, '=', 1) and p.context = 'user'
where r.rolname = any(%s)
  and s.setdatabase in (0, (select oid from pg_catalog.pg_database where datname = current_database()))
order by s.setdatabase
"""
# Beside the claims, the caller's id and role as `request.jwt.claim.sub` and `.role`, which
# Supabase's auth.uid() and auth.role() read before they parse the claims: the tenant policies ask
# for the caller's id in every statement of a call (about forty times a message), and parsing the
# claims' JSON each time was 8% of Postgres's CPU for a /chat message.
_REQUEST_SETTINGS = (
    "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true),"
    " set_config('request.jwt.claim.sub', %s, true), set_config('request.jwt.claim.role', %s, true),"
    " set_config('request.method', 'POST', true), set_config('request.path', %s, true)"
)


@functools.lru_cache(maxsize=256)
def _call(name: str, keys: tuple[str, ...], settings: int) -> str:
    """The query of one RPC with its `settings` role settings, its values left as %s: made once per
    shape. `name` and `keys` are checked identifiers."""
    from psycopg import sql

    call = sql.SQL("select public.{}({})").format(
        sql.Identifier(name), sql.SQL(", ").join(sql.SQL("{} => %s").format(sql.Identifier(key)) for key in keys))
    return f"{_REQUEST_SETTINGS}{', set_config(%s, %s, true)' * settings}; {call.as_string()}"


class _Pool:
    """A psycopg pool that comes back promptly after its server was away, and refuses quickly while
    it is.

    Once it has lost its connections, psycopg_pool opens new ones in the background, doubling its
    wait between attempts for up to 5 minutes: a server back after 10 s was found at 15 s, after
    20 s at 31 s, 503s all the while. Here it tries for RECONNECT_SECONDS (at once, after about 1 s,
    at 2 s), then gives up, and opens a connection again only when a request asks for one and finds
    none, one attempt at a time: a long outage costs the server an attempt per such request, never
    a background storm, and the first request after the server is back connects at once.

    A request asks again every ASK_EVERY seconds it waits (a request that began waiting before the
    pool gave up would otherwise wait out its `timeout` with no attempt made for it), and stops
    waiting, a 503, once the server is known away (the pool gave up, and nothing connected since):
    a request gets its 503 in a second, not in `timeout`.
    """

    RECONNECT_SECONDS = 2.0
    ASK_EVERY = 1.0

    def __init__(self, url: str, *, min_size: int, max_size: int, timeout: float,
                 configure: Callable[[psycopg.Connection], None]) -> None:
        from psycopg import ClientCursor
        from psycopg_pool import ConnectionPool

        self._configure = configure
        self.server_away = False
        self.pool: ConnectionPool = ConnectionPool(
            url,
            min_size=min_size,
            max_size=max_size,
            open=True,
            timeout=timeout,
            # psycopg prepares a query it has run a few times; on a pooler the next transaction
            # may run on a server connection that never saw it.
            # Autocommit, so psycopg adds no BEGIN of its own: each call is one implicit transaction.
            # Client-side binding: a call's statements go out together as one query.
            kwargs={"prepare_threshold": None, "autocommit": True, "cursor_factory": ClientCursor},
            configure=self._connected,
            reconnect_timeout=self.RECONNECT_SECONDS,
            reconnect_failed=self._given_up,
        )

    def _connected(self, conn: psycopg.Connection) -> None:
        self.server_away = False
        self._configure(conn)

    def _given_up(self, pool: ConnectionPool) -> None:
        self.server_away = True

    @contextlib.contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A connection the server has not dropped. One it has is closed and given back, which makes
        the pool open another at once, and the next one is taken. (A failed pool `check` would wait
        1, 2, 4... s before it took the next one: after a restart, a pool of idle connections
        answered 503s for seconds with the server up.)"""
        deadline = time.monotonic() + self.pool.timeout
        conn = self._take(deadline)
        while _dropped(conn):
            conn.close()
            self.pool.putconn(conn)
            conn = self._take(deadline)
        try:
            yield conn
        finally:
            self.pool.putconn(conn)

    def _take(self, deadline: float) -> psycopg.Connection:
        """A connection of the pool by `deadline`, asked for again every ASK_EVERY seconds until the
        server is known away; PoolTimeout (a 503) then, or at the deadline."""
        from psycopg_pool import PoolTimeout

        while True:
            try:
                return self.pool.getconn(timeout=min(self.ASK_EVERY, deadline - time.monotonic()))
            except PoolTimeout:
                if self.server_away or time.monotonic() >= deadline:
                    raise

    def close(self) -> None:
        self.pool.close()


def _dropped(conn: psycopg.Connection) -> bool:
    """Whether the server has dropped an idle connection, seen without a round trip: one it has
    written to (a shutdown notice) or closed (a crash, a restart) is readable, so only then is it asked."""
    import select

    import psycopg
    from psycopg_pool import ConnectionPool

    if conn.closed:
        return True
    if not select.select([conn.fileno()], [], [], 0)[0]:
        return False
    try:
        ConnectionPool.check_connection(conn)
    except psycopg.Error:
        return True
    return False


class PostgresDatabase:
    """RPCs over a pooled connection: direct (the local stack, tests) or through a transaction pooler.

    The connecting role must be allowed to `set role` to anon, authenticated and service_role,
    as Supabase's `authenticator` and our `salesbot_functions` are; `service_url`'s to service_role,
    as our `salesbot_service` is.
    """

    def __init__(self, url: str, *, service_url: str | None = None, max_size: int = 10, timeout: float = 5.0) -> None:
        self._role_settings: dict[str, list[tuple[str, str]]] | None = None
        self._settings_lock = threading.Lock()
        self._pool = _Pool(url, min_size=1, max_size=max_size, timeout=timeout, configure=self._read_role_settings)
        # Opened at its first call: a process that never acts as the service holds none of its connections.
        self._service_pool = (_Pool(service_url, min_size=0, max_size=max_size, timeout=timeout,
                                    configure=self._read_role_settings) if service_url else self._pool)

    def close(self) -> None:
        self._pool.close()
        self._service_pool.close()

    def rpc(self, name: str, args: Mapping[str, Any], claims: Mapping[str, Any]) -> Any:
        import psycopg
        from psycopg.types.json import Jsonb
        from psycopg_pool import PoolTimeout

        role = claims.get("role")
        if role not in DB_ROLES:
            raise ApiError("the token's role may not use the database", status=403, code="forbidden")
        if not _RPC_NAME.match(name) or not all(_RPC_NAME.match(key) for key in args):
            raise ApiError(f"no such function: {name}", status=404, code="not_found")
        values = [Jsonb(value) if isinstance(value, (dict, list)) else value for value in args.values()]
        try:
            pool = self._service_pool if role == "service_role" else self._pool
            with pool.connection() as conn:
                settings = self._settings_of(role, conn)
                cursor = conn.execute(
                    _call(name, tuple(args), len(settings)),
                    [role, json.dumps(dict(claims)), str(claims.get("sub") or ""), role, f"/rpc/{name}",
                     *(v for pair in settings for v in pair), *values],
                )
                cursor.nextset()  # past the settings, to the call's result
                row = cursor.fetchone()
        except psycopg.errors.Error as error:
            if error.sqlstate is None and isinstance(error, psycopg.DataError):
                # Refused before it was sent: a value no Postgres text can hold (a NUL character).
                raise ApiError("a value holds a character the database cannot store", status=400,
                               code="invalid") from error
            if error.sqlstate is None:  # the connection itself failed
                raise Unavailable("the database is unavailable, retry later") from error
            raise error_for_sqlstate(error.sqlstate, error.diag.message_primary or "database error",
                                     error.diag.message_detail) from error
        except PoolTimeout as error:
            raise Unavailable("the database is busy, retry later") from error
        return row[0] if row else None

    def _read_role_settings(self, conn: psycopg.Connection) -> None:
        """Reads the API roles' settings once, on the pool's first connection (while the process
        is still importing the rest, at a cold start)."""
        with self._settings_lock:
            if self._role_settings is not None:
                return
            settings: dict[str, dict[str, str]] = {role: {} for role in DB_ROLES}
            with conn.transaction():
                for role, name, value in conn.execute(_ROLE_SETTINGS, (sorted(DB_ROLES),)):
                    settings[role][name] = value  # this database's own come last and win
            self._role_settings = {role: sorted(named.items()) for role, named in settings.items()}

    def _settings_of(self, role: str, conn: psycopg.Connection) -> list[tuple[str, str]]:
        if self._role_settings is None:  # the connection that read them failed before it could
            self._read_role_settings(conn)
        return (self._role_settings or {}).get(role, [])
