"""RPC calls into Postgres, executed the way PostgREST executes them.

Every call is one transaction that first sets the role and `request.jwt.claims` locally, then
calls `public.<name>(arg => value, ...)`; RLS and the functions' own checks do the rest.
Errors raised with PostgREST's `PTxyz` SQLSTATEs become HTTP status xyz, as in PostgREST.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Mapping
from typing import Any, Protocol

from salesbot.errors import ApiError, Unavailable

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
_CODE_BY_STATUS = {400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found", 409: "conflict",
                   412: "precondition_failed", 422: "unprocessable"}


def error_for_sqlstate(sqlstate: str | None, message: str) -> ApiError:
    """The API error PostgREST would answer for a database error."""
    sqlstate = sqlstate or ""
    if sqlstate.startswith("PT") and sqlstate[2:].isdigit():
        status = int(sqlstate[2:])
        return ApiError(message, status=status, code=_CODE_BY_STATUS.get(status, "error"))
    status, code = _STATUS_BY_SQLSTATE.get(sqlstate) or _STATUS_BY_SQLSTATE.get(sqlstate[:2], (500, "internal"))
    if status == 503:
        return Unavailable("the database is unavailable, retry later")
    if status == 500:
        log.error("unexpected database error %s", sqlstate)
        return ApiError("internal error", status=500, code="internal")
    return ApiError(message, status=status, code=code)


class Database(Protocol):
    def rpc(self, name: str, args: Mapping[str, Any], claims: Mapping[str, Any]) -> Any:
        """Call `public.<name>` as the holder of `claims`; returns the function's JSON value."""
        ...


class PostgresDatabase:
    """RPCs over a pooled direct connection (the local stack, tests, or a pooler in production).

    The connecting role must be allowed to `set role` to anon, authenticated and service_role,
    as Supabase's `postgres` and `authenticator` roles are.
    """

    def __init__(
        self, url: str, *, max_size: int = 10, timeout: float = 5.0, statement_timeout_ms: int = 15000
    ) -> None:
        from psycopg_pool import ConnectionPool

        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            open=True,
            timeout=timeout,
            kwargs={"options": f"-c statement_timeout={statement_timeout_ms}"},
            check=ConnectionPool.check_connection,
        )

    def close(self) -> None:
        self._pool.close()

    def rpc(self, name: str, args: Mapping[str, Any], claims: Mapping[str, Any]) -> Any:
        import psycopg
        from psycopg import sql
        from psycopg.types.json import Jsonb
        from psycopg_pool import PoolTimeout

        role = claims.get("role")
        if role not in DB_ROLES:
            raise ApiError("the token's role may not use the database", status=403, code="forbidden")
        if not _RPC_NAME.match(name) or not all(_RPC_NAME.match(key) for key in args):
            raise ApiError(f"no such function: {name}", status=404, code="not_found")
        call = sql.SQL("select public.{}({})").format(
            sql.Identifier(name),
            sql.SQL(", ").join(sql.SQL("{} => %s").format(sql.Identifier(key)) for key in args),
        )
        values = [Jsonb(value) if isinstance(value, (dict, list)) else value for value in args.values()]
        try:
            with self._pool.connection() as conn, conn.transaction():
                conn.execute(
                    "select set_config('role', %s, true), set_config('request.jwt.claims', %s, true),"
                    " set_config('request.method', 'POST', true), set_config('request.path', %s, true)",
                    (role, json.dumps(dict(claims)), f"/rpc/{name}"),
                )
                row = conn.execute(call, values).fetchone()
        except psycopg.errors.Error as error:
            if error.sqlstate is None:  # the connection itself failed
                raise Unavailable("the database is unavailable, retry later") from error
            raise error_for_sqlstate(error.sqlstate, error.diag.message_primary or "database error") from error
        except PoolTimeout as error:
            raise Unavailable("the database is busy, retry later") from error
        return row[0] if row else None
