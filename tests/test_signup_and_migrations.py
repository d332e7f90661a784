"""Signup creates a company through the auth.users trigger; migrations apply once and only once."""

from __future__ import annotations

import psycopg
import pytest

from salesbot.local import accounts
from salesbot.local.database import MigrationHistoryError, prepare
from salesbot.local.paths import MIGRATIONS_DIR, SEED_SQL
from tests.support import postgres
from tests.support.postgres import as_client


def test_signup_creates_the_company_its_owner_settings_and_test_chat(sql: psycopg.Connection):
    account = accounts.sign_up(sql, "Founder@Example.com", "correct horse", "  Рога и копыта  ")
    assert account.email == "founder@example.com"
    name, role, settings, chats = sql.execute(
        """
        select c.name, m.role::text,
          (select count(*) from public.bot_settings s where s.owner_id = c.id),
          (select count(*) from public.channels ch where ch.owner_id = c.id and ch.kind = 'test')
        from public.companies c join public.members m on m.owner_id = c.id
        where m.user_id = %s
        """,
        (account.user_id,),
    ).fetchone()
    assert (name, role, settings, chats) == ("Рога и копыта", "owner", 1, 1)
    hashed = sql.execute("select encrypted_password from auth.users where id = %s", (account.user_id,)).fetchone()[0]
    assert hashed.startswith("$2b$10$") and "correct horse" not in hashed


def test_a_company_name_defaults_to_the_email_domain(sql: psycopg.Connection):
    sql.execute(
        "insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), 'x@bakery.example', '{}')"
    )
    assert sql.execute(
        "select c.name from public.companies c join public.members m on m.owner_id = c.id"
        " join auth.users u on u.id = m.user_id where u.email = 'x@bakery.example'"
    ).fetchone()[0] == "bakery.example"


def test_a_company_name_from_a_very_long_domain_is_cut_and_the_signup_goes_through(sql: psycopg.Connection):
    domain = "a" * 240 + ".example"
    sql.execute(
        "insert into auth.users (id, email, raw_user_meta_data) values (gen_random_uuid(), %s, '{}')", (f"x@{domain}",)
    )
    assert sql.execute(
        "select c.name from public.companies c join public.members m on m.owner_id = c.id"
        " join auth.users u on u.id = m.user_id where u.email = %s", (f"x@{domain}",)
    ).fetchone()[0] == domain[:200]


TOKEN_COLUMNS = ("confirmation_token", "recovery_token", "email_change_token_new", "email_change",
                 "phone_change", "phone_change_token", "email_change_token_current", "reauthentication_token")


def test_an_anonymous_user_founds_a_company_only_once_it_becomes_permanent(sql: psycopg.Connection):
    """signInAnonymously inserts a user per visitor: none of them may mint a company until it is a real account."""
    user = sql.execute(
        """
        insert into auth.users (instance_id, id, aud, role, raw_app_meta_data, raw_user_meta_data, is_anonymous,
                                created_at, updated_at)
        values ('00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
                '{}', '{"company_name": "Drive-by"}', true, now(), now())
        returning id
        """
    ).fetchone()[0]
    companies = "select count(*) from public.members where user_id = %s"
    assert sql.execute(companies, (user,)).fetchone()[0] == 0

    # As Auth confirms an email change: the email first, then is_anonymous alone.
    sql.execute("update auth.users set email = 'kept@shop.example', email_confirmed_at = now() where id = %s", (user,))
    assert sql.execute(companies, (user,)).fetchone()[0] == 0
    sql.execute("update auth.users set is_anonymous = false where id = %s", (user,))
    name, role = sql.execute(
        "select c.name, m.role::text from public.members m join public.companies c on c.id = m.owner_id"
        " where m.user_id = %s",
        (user,),
    ).fetchone()
    assert (name, role) == ("Drive-by", "owner")

    # Saving the same value again (Auth updates whole rows elsewhere) founds nothing more.
    sql.execute("update auth.users set is_anonymous = false, updated_at = now() where id = %s", (user,))
    assert sql.execute(companies, (user,)).fetchone()[0] == 1


def test_local_signup_and_the_seed_write_users_as_supabase_auth_does(sql: psycopg.Connection):
    """No token column null (Auth fails reading one: supabase/auth#1940), and an email identity."""
    account = accounts.sign_up(sql, "tokens@example.com", "correct horse", "T")
    sql.execute(SEED_SQL.read_text())
    for email in ("tokens@example.com", "demo@salesbot.local"):
        row = sql.execute(
            f"select {', '.join(TOKEN_COLUMNS)} from auth.users where email = %s", (email,)
        ).fetchone()
        assert None not in row, dict(zip(TOKEN_COLUMNS, row, strict=True))
        identity = sql.execute(
            "select i.provider, i.provider_id, i.email, i.identity_data ->> 'sub' from auth.identities i"
            " join auth.users u on u.id = i.user_id where u.email = %s", (email,)
        ).fetchall()
        assert len(identity) == 1 and identity[0][0] == "email" and identity[0][2] == email
        assert identity[0][1] == identity[0][3]
    assert len(account.companies) == 1  # the company the signup founded
    plans: dict[str, str] = dict(sql.execute(
        "select u.email, s.plan_id from public.subscriptions s join public.members m on m.owner_id = s.owner_id"
        " join auth.users u on u.id = m.user_id where u.email in ('tokens@example.com', 'demo@salesbot.local')").fetchall())
    assert plans == {"tokens@example.com": "free", "demo@salesbot.local": "pro"}  # the demo meets no free-plan limit


def test_an_email_signs_up_once(sql: psycopg.Connection):
    accounts.sign_up(sql, "twice@example.com", "correct horse", "A")
    with pytest.raises(accounts.AccountError, match="already exists"):
        accounts.sign_up(sql, "TWICE@example.com", "correct horse", "B")


@pytest.mark.parametrize(
    "email,password,company,reason",
    [("nope", "correct horse", "A", "email"), ("a@b.co", "short", "A", "password"), ("a@b.co", "long enough", " ", "company")],
)
def test_bad_signups_say_what_is_wrong(sql: psycopg.Connection, email, password, company, reason):
    with pytest.raises(accounts.InvalidSignup, match=reason):
        accounts.sign_up(sql, email, password, company)


def test_a_new_owner_sees_their_company_through_rls(sql: psycopg.Connection):
    account = accounts.sign_up(sql, "rls@example.com", "correct horse", "Mine")
    from salesbot.local.tokens import access_token_claims

    with as_client(sql, access_token_claims(account.user_id, account.email)) as conn:
        assert conn.execute("select id from public.companies").fetchall() == [(account.company,)]


def schema_fingerprint(conn: psycopg.Connection) -> list[tuple]:
    """Every table, column, index, policy, function body and migration record, in a stable order."""
    return conn.execute(
        """
        select 'column', table_schema || '.' || table_name || '.' || column_name, data_type || coalesce(column_default, '')
          from information_schema.columns where table_schema in ('public', 'private', 'auth', 'supabase_migrations')
        union all
        select 'index', schemaname || '.' || indexname, indexdef from pg_indexes
          where schemaname in ('public', 'auth')
        union all
        select 'policy', schemaname || '.' || tablename || '.' || policyname, coalesce(qual, '') || coalesce(with_check, '')
          from pg_policies
        union all
        select 'function', n.nspname || '.' || p.proname, md5(p.prosrc) from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace where n.nspname in ('public', 'private', 'auth')
        union all
        select 'migration', version, name from supabase_migrations.schema_migrations
        order by 1, 2, 3
        """
    ).fetchall()


def test_every_migration_has_a_version_of_its_own():
    """The CLI keys its history on the timestamp before the first "_": two branches that each add a
    migration at the same minute would each pass alone, and together one could not be recorded
    (`supabase_migrations.schema_migrations` has the version as its primary key)."""
    versions = [path.name.split("_", 1)[0] for path in sorted(MIGRATIONS_DIR.glob("*.sql"))]
    assert all(len(version) == 14 and version.isdigit() for version in versions)
    assert sorted(version for version in set(versions) if versions.count(version) > 1) == []


def test_migrations_apply_on_an_empty_database_and_a_second_run_changes_nothing(pg_server: str):
    name = postgres.random_name("salesbot_empty")
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"create database {name}")
    url = postgres.with_database(pg_server, name)
    try:
        first = prepare(url)
        assert first and first == sorted(first)
        with psycopg.connect(url) as conn:
            before = schema_fingerprint(conn)
        assert prepare(url) == []
        with psycopg.connect(url) as conn:
            assert schema_fingerprint(conn) == before
            assert {row[1] for row in before if row[0] == "migration"} == {m.split("_")[0] for m in first}
    finally:
        postgres.drop_database(url)


@pytest.fixture
def migrated_copy(pg_server: str, tmp_path):
    """A copy of the migrations folder, and an empty database that has applied it."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in MIGRATIONS_DIR.glob("*.sql"):
        (folder / path.name).write_text(path.read_text())
    url = postgres.create_empty_database(pg_server, postgres.random_name("salesbot_history"))
    prepare(url, migrations=folder)
    yield folder, url
    postgres.drop_database(url)


def _fingerprint(url: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return schema_fingerprint(conn)


def test_a_migration_edited_after_a_database_applied_it_is_refused(migrated_copy):
    folder, url = migrated_copy
    before = _fingerprint(url)
    first = min(folder.glob("*.sql"))
    first.write_text(first.read_text() + "\ncreate table public.sneaked_in (id int);\n")
    (folder / "99990101000000_later.sql").write_text("create table public.later (id int);")
    with pytest.raises(MigrationHistoryError, match=f"{first.name} was edited"):
        prepare(url, migrations=folder)
    assert _fingerprint(url) == before  # the new migration was not applied either


def test_a_database_built_from_another_history_is_recognised_and_left_alone(migrated_copy):
    folder, url = migrated_copy
    before = _fingerprint(url)
    for path in folder.glob("*.sql"):
        path.rename(path.with_name("2099" + path.name[4:]))
    with pytest.raises(MigrationHistoryError, match="no longer in"):
        prepare(url, migrations=folder)
    assert _fingerprint(url) == before


def test_a_migration_slipped_in_before_applied_ones_is_refused(migrated_copy):
    folder, url = migrated_copy
    (folder / "20000101000000_early.sql").write_text("create table public.early (id int);")
    with pytest.raises(MigrationHistoryError, match="comes before"):
        prepare(url, migrations=folder)
