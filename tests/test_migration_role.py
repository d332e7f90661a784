"""The migrations run as Supabase runs them: as `postgres`, which is no superuser and does not own
auth's tables (supabase/postgres 10000000000000_demote-postgres.sql; supabase_auth_admin owns
them). Locally that role is `salesbot_migrator` (sql/supabase_compat.sql); if it were a superuser
again, or owned auth.users, a migration that only a superuser or auth's owner may run would pass
here and fail on the project. Dropping a trigger on auth.users is refused here even where a
project's supautils is configured to allow it (`supautils.drop_trigger_grants`): stricter, so a
migration that passes here passes there too.
"""

from __future__ import annotations

import psycopg
import pytest

from salesbot.local.database import MIGRATION_ROLE, prepare
from salesbot.local.paths import MIGRATIONS_DIR
from tests.support import postgres

_ATTRIBUTES = ("rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin", "rolreplication",
               "rolbypassrls")
# `postgres` on a project today: nosuperuser inherit createrole createdb login replication bypassrls.
SUPABASE_POSTGRES = dict.fromkeys(_ATTRIBUTES, True) | {"rolsuper": False}


def test_the_migration_role_has_supabase_postgres_attributes_and_memberships(sql: psycopg.Connection):
    row = sql.execute(f"select {', '.join(_ATTRIBUTES)} from pg_roles where rolname = %s", (MIGRATION_ROLE,)).fetchone()
    assert dict(zip(_ATTRIBUTES, row, strict=True)) == SUPABASE_POSTGRES
    admin_of = sql.execute(
        "select array_agg(roleid::regrole::text order by roleid::regrole::text) from pg_auth_members"
        " where member = %s::regrole and admin_option", (MIGRATION_ROLE,)).fetchone()[0]
    assert {"anon", "authenticated", "service_role", "authenticator"} <= set(admin_of)
    member_of_auth_admin = sql.execute(
        "select pg_has_role(%s, 'supabase_auth_admin', 'member')", (MIGRATION_ROLE,)).fetchone()[0]
    assert member_of_auth_admin is False
    owners = sql.execute(
        "select distinct relowner::regrole::text from pg_class where relnamespace = 'auth'::regnamespace"
        " union select distinct proowner::regrole::text from pg_proc where pronamespace = 'auth'::regnamespace"
    ).fetchall()
    assert owners == [("supabase_auth_admin",)]


def test_every_object_the_migrations_made_belongs_to_the_migration_role(sql: psycopg.Connection):
    owners = sql.execute(
        "select relowner::regrole::text, count(*) from pg_class"
        " where relnamespace in ('public'::regnamespace, 'private'::regnamespace) group by 1"
        " union all"
        " select proowner::regrole::text, count(*) from pg_proc"
        " where pronamespace in ('public'::regnamespace, 'private'::regnamespace) group by 1"
    ).fetchall()
    assert {owner for owner, _ in owners} == {MIGRATION_ROLE}
    triggers_on_users = sql.execute(
        "select array_agg(tgname::text) from pg_trigger where tgrelid = 'auth.users'::regclass and not tgisinternal"
    ).fetchone()[0]
    assert {"on_auth_user_created", "on_auth_user_deleted"} <= set(triggers_on_users)  # its trigger privilege


@pytest.mark.parametrize("statement", [
    "drop trigger on_auth_user_created on auth.users",
    "alter table auth.users disable trigger on_auth_user_created",
    "create index on auth.users (created_at)",
    "alter table auth.users add column nickname text",
    "create table auth.profiles (id uuid)",
])
def test_the_migration_role_may_not_change_auth_users_as_only_its_owner_may(sql: psycopg.Connection, statement: str):
    with sql.transaction(force_rollback=True):
        sql.execute(f"set local role {MIGRATION_ROLE}")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            sql.execute(statement)


def test_the_runner_applies_each_migration_as_the_migration_role(pg_server: str, tmp_path):
    """Its trigger privilege lets a migration add a trigger to auth.users; dropping it is the
    owner's: the migration fails, as on the project, and nothing of it stays."""
    (tmp_path / "20000101000000_trigger_on_auth_users.sql").write_text(
        "create function public.noop() returns trigger language plpgsql as $$ begin return new; end $$;\n"
        "create trigger noop after insert on auth.users for each row execute function public.noop();\n"
        "drop trigger noop on auth.users;\n")
    url = postgres.create_empty_database(pg_server, postgres.random_name("salesbot_demoted"))
    try:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner of relation users"):
            prepare(url, migrations=tmp_path)
        with psycopg.connect(url) as conn:
            assert conn.execute("select count(*) from supabase_migrations.schema_migrations").fetchone()[0] == 0
            assert conn.execute("select to_regproc('public.noop')").fetchone()[0] is None
    finally:
        postgres.drop_database(url)


def test_a_database_migrated_as_the_superuser_is_handed_to_the_migration_role(fresh_db_url: str, tmp_path):
    """Local databases migrated before the migrations ran as this role hold the superuser's objects:
    the next migration must still be able to replace them."""
    for path in MIGRATIONS_DIR.glob("*.sql"):
        (tmp_path / path.name).write_text(path.read_text())
    (tmp_path / "99990101000000_replaces_a_function.sql").write_text(
        "create or replace function private.current_user_id() returns uuid language sql stable set search_path = ''"
        " as $$ select nullif(nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub', '')::uuid $$;")
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("alter function private.current_user_id() owner to current_user")
        conn.execute("alter table public.leads owner to current_user")
    assert prepare(fresh_db_url, migrations=tmp_path) == ["99990101000000_replaces_a_function.sql"]
    with psycopg.connect(fresh_db_url) as conn:
        assert conn.execute(
            "select proowner::regrole::text from pg_proc where oid = 'private.current_user_id'::regproc"
            " union all select relowner::regrole::text from pg_class where oid = 'public.leads'::regclass"
        ).fetchall() == [(MIGRATION_ROLE,), (MIGRATION_ROLE,)]
