"""Tenant isolation, checked the way PostgREST runs requests: as each role of one company, against
every table, with another company's rows right there."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import psycopg
import pytest

from tests.support.accounts import ROLES, Company, make_company
from tests.support.postgres import as_client

RANK = {role: rank for rank, role in enumerate(ROLES)}


@dataclass(frozen=True)
class TableRules:
    name: str
    read: str | None  # the least role that may do it; None: no member may
    update: str | None
    delete: str | None
    insert: str  # a row for the company %(owner)s, with its ids in %(...)s
    owner_column: str = "owner_id"
    granted: bool = True  # False: members have no privilege on the table at all, RLS aside
    deletable: str = "true"  # which rows a delete may take (a company keeps its last owner)
    updatable: str = "true"  # which rows an update may take (%(user)s: the member updating)
    touch: str | None = None  # an update every writer may make; default: the owner column onto itself
    inserter: str | None = None  # the least role that may insert rows directly; None: none may


TABLES = [
    TableRules("companies", "viewer", "admin", None, "insert into public.companies (id, name) values (%(new_id)s, 'x')", "id",
               touch="name = name"),
    # The team changes only through its RPCs (tests/test_teams.py): members read it, nothing more.
    TableRules("members", "viewer", None, None,
               "insert into public.members (owner_id, user_id, role) values (%(owner)s, %(stranger)s, 'viewer')"),
    TableRules("invitations", "admin", None, None,
               "insert into public.invitations (owner_id, email, role, expires_at)"
               " values (%(owner)s, 'new@example.com', 'viewer', now() + interval '7 days')"),
    TableRules("bot_settings", "viewer", "admin", None,
               "insert into public.bot_settings (owner_id) values (%(owner)s)"),
    TableRules("channels", "viewer", "admin", "admin",
               "insert into public.channels (owner_id, kind, name) values (%(owner)s, 'widget', 'w')", touch="name = name"),
    TableRules("channel_secrets", None, None, None,
               "insert into public.channel_secrets (channel_id, owner_id, webhook_secret)"
               " values (%(widget)s, %(owner)s, repeat('s', 40))", granted=False),
    TableRules("channel_updates", None, None, None,
               "insert into public.channel_updates (owner_id, channel_id, update_key, customer_id)"
               " values (%(owner)s, %(channel)s, 'u1', %(customer)s)", granted=False),
    TableRules("outbox", None, None, None,
               "insert into public.outbox (owner_id, channel_id, chat_id, text, purpose)"
               " values (%(owner)s, %(channel)s, '1', 'hi', 'reply')", granted=False),
    TableRules("customers", "viewer", "manager", "admin",
               "insert into public.customers (owner_id, channel_id, external_id) values (%(owner)s, %(channel)s, 'new')",
               inserter="manager"),
    TableRules("messages", "viewer", None, "admin",
               "insert into public.messages (owner_id, customer_id, role, text) values (%(owner)s, %(customer)s, 'customer', 'hi')",
               inserter="manager"),
    TableRules("leads", "viewer", "manager", "admin",
               "insert into public.leads (owner_id, customer_id) values (%(owner)s, %(customer2)s)", inserter="manager"),
    TableRules("lead_notes", "viewer", "manager", "admin",
               "insert into public.lead_notes (owner_id, lead_id, body) values (%(owner)s, %(lead)s, 'call back')",
               inserter="manager", updatable="author_id = %(user)s", touch="body = body"),
    TableRules("manager_chats", "viewer", None, "admin",
               "insert into public.manager_chats (channel_id, chat_id, owner_id, chat_type)"
               " values (%(channel)s, -1001, %(owner)s, 'group')"),
    TableRules("member_telegram_accounts", "viewer", None, "admin",
               "insert into public.member_telegram_accounts (owner_id, user_id, telegram_user_id)"
               " values (%(owner)s, %(user)s, 4242)"),
    TableRules("lead_status_history", "viewer", None, None,
               "insert into public.lead_status_history (owner_id, lead_id, to_status) values (%(owner)s, %(lead)s, 'won')"),
    TableRules("integrations", "viewer", "admin", "admin",
               "insert into public.integrations (owner_id, kind, name, url, events)"
               " values (%(owner)s, 'webhook', 'w', 'https://hooks.example.com/x', '{lead.created}')", touch="name = name"),
    TableRules("integration_secrets", None, None, None,
               "insert into public.integration_secrets (integration_id, owner_id, credentials)"
               " values (%(integration)s, %(owner)s, '{}')", granted=False),
    TableRules("crm_events", "viewer", None, None,
               "insert into public.crm_events (owner_id, type, data) values (%(owner)s, 'integration.test', '{}')"),
    TableRules("crm_deliveries", "viewer", None, None,
               "insert into public.crm_deliveries (owner_id, integration_id, event_id)"
               " values (%(owner)s, %(integration)s, %(event)s)"),
    TableRules("crm_links", "viewer", None, None,
               "insert into public.crm_links (integration_id, lead_id, owner_id, external_id)"
               " values (%(integration)s, %(lead)s, %(owner)s, '42')"),
    TableRules("subscriptions", "viewer", None, None,
               "insert into public.subscriptions (owner_id, plan_id) values (%(owner)s, 'free')"),
    TableRules("usage", "viewer", None, None,
               "insert into public.usage (owner_id, period_start, period_end) values (%(owner)s, now(), now() + interval '1 month')"),
    TableRules("invoices", "owner", None, None,
               "insert into public.invoices (owner_id, provider, invoice_ref, status, amount_due, currency, issued_at, state_at)"
               " values (%(owner)s, 'stripe', 'in_new', 'open', 100, 'EUR', now(), now())"),
]


def allowed(role: str, least: str | None) -> bool:
    return least is not None and RANK[role] >= RANK[least]


def seed_rows(conn: psycopg.Connection, company: Company) -> dict[str, uuid.UUID]:
    """One row in every table for `company`, and the ids an insert may point at."""
    owner = company.owner_id
    ids: dict[str, uuid.UUID] = {"owner": owner, "new_id": uuid.uuid4()}
    ids["channel"] = conn.execute("select id from public.channels where owner_id = %s", (owner,)).fetchone()[0]
    ids["widget"] = conn.execute(
        "insert into public.channels (owner_id, kind, name) values (%s, 'widget', 'site') returning id", (owner,)
    ).fetchone()[0]
    conn.execute(
        "insert into public.channel_secrets (channel_id, owner_id, webhook_secret, bot_token)"
        " values (%s, %s, repeat('x', 40), 'bot-token')",
        (ids["channel"], owner),
    )
    for key in ("customer", "customer2"):
        ids[key] = conn.execute(
            "insert into public.customers (owner_id, channel_id, external_id) values (%s, %s, %s) returning id",
            (owner, ids["channel"], key),
        ).fetchone()[0]
    conn.execute(
        "insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, 'customer', 'hello')",
        (owner, ids["customer"]),
    )
    ids["lead"] = conn.execute(
        "insert into public.leads (owner_id, customer_id, name) values (%s, %s, 'Ann') returning id",
        (owner, ids["customer"]),
    ).fetchone()[0]
    conn.execute(
        "insert into public.lead_status_history (owner_id, lead_id, to_status) values (%s, %s, 'new')",
        (owner, ids["lead"]),
    )
    for user in company.users.values():  # a note by each member: only its author may reword it
        conn.execute("insert into public.lead_notes (owner_id, lead_id, body, author_id) values (%s, %s, 'first call', %s)",
                     (owner, ids["lead"], user.user_id))
    conn.execute("insert into public.channel_updates (owner_id, channel_id, update_key, customer_id) values (%s, %s, 'u0', %s)",
                 (owner, ids["channel"], ids["customer"]))
    conn.execute("insert into public.outbox (owner_id, channel_id, chat_id, text, purpose) values (%s, %s, '1', 'hi', 'reply')",
                 (owner, ids["channel"]))
    conn.execute(
        "insert into public.invitations (owner_id, email, role, expires_at) values (%s, %s, 'manager', now() + interval '7 days')",
        (owner, f"{owner}@example.com"),
    )
    conn.execute("insert into public.manager_chats (channel_id, chat_id, owner_id, chat_type) values (%s, -100, %s, 'group')",
                 (ids["channel"], owner))
    ids["user"] = company.users["manager"].user_id
    conn.execute("insert into public.member_telegram_accounts (owner_id, user_id, telegram_user_id) values (%s, %s, 77)",
                 (owner, company.users["owner"].user_id))
    ids["integration"] = conn.execute(
        "insert into public.integrations (owner_id, kind, name, events) values (%s, 'hubspot', 'HubSpot', '{lead.qualified}')"
        " returning id", (owner,)).fetchone()[0]
    conn.execute("insert into public.integration_secrets (integration_id, owner_id, credentials) values (%s, %s, %s)",
                 (ids["integration"], owner, '{"token": "pat-na1-secret"}'))
    ids["event"] = conn.execute(
        "insert into public.crm_events (owner_id, type, customer_id, data) values (%s, 'lead.qualified', %s, '{}')"
        " returning id", (owner, ids["customer"])).fetchone()[0]
    conn.execute("insert into public.crm_deliveries (owner_id, integration_id, event_id, customer_id) values (%s, %s, %s, %s)",
                 (owner, ids["integration"], ids["event"], ids["customer"]))
    conn.execute("insert into public.crm_links (integration_id, lead_id, owner_id, external_id) values (%s, %s, %s, '41')",
                 (ids["integration"], ids["lead"], owner))
    conn.execute("insert into public.usage (owner_id, period_start, period_end, bot_replies)"
                 " values (%s, '2026-01-01', '2026-02-01', 3)", (owner,))
    conn.execute("insert into public.invoices (owner_id, provider, invoice_ref, status, amount_due, currency, issued_at,"
                 " state_at) values (%s, 'stripe', %s, 'paid', 1900, 'EUR', now(), now())", (owner, f"in_{owner}"))
    ids["stranger"] = make_company(conn, "Stranger").users["owner"].user_id
    return ids


@pytest.fixture(scope="module")
def tenants(sql: psycopg.Connection):
    mine, theirs = make_company(sql, "Mine"), make_company(sql, "Theirs")
    return mine, seed_rows(sql, mine), theirs, seed_rows(sql, theirs)


def owners(conn: psycopg.Connection, statement: str) -> list[uuid.UUID]:
    return [row[0] for row in conn.execute(statement).fetchall()]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("role", ROLES)
def test_a_member_reaches_only_its_own_company(sql: psycopg.Connection, tenants, table: TableRules, role: str):
    mine, _, _, _ = tenants
    claims = mine.users[role].claims
    column = table.owner_column
    total_mine = sql.execute(f"select count(*) from public.{table.name} where {column} = %s", (mine.owner_id,)).fetchone()[0]
    assert total_mine > 0
    if not table.granted:
        for statement in (
            f"select 1 from public.{table.name}",
            f"update public.{table.name} set {column} = {column}",
            f"delete from public.{table.name}",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, claims) as conn:
                conn.execute(statement)
        return

    with as_client(sql, claims) as conn:
        seen = owners(conn, f"select {column} from public.{table.name}")
    assert set(seen) <= {mine.owner_id}
    assert len(seen) == (total_mine if allowed(role, table.read) else 0)

    updatable = sql.execute(
        f"select count(*) from public.{table.name} where {column} = %(owner)s and {table.updatable}",
        {"owner": mine.owner_id, "user": mine.users[role].user_id},
    ).fetchone()[0]
    update = f"update public.{table.name} set {table.touch or f'{column} = {column}'} returning {column}"
    updated = _changed_rows(sql, claims, update, may=table.update is not None)
    assert set(updated) <= {mine.owner_id}
    assert len(updated) == (updatable if allowed(role, table.update) else 0)

    deletable = sql.execute(
        f"select count(*) from public.{table.name} where {column} = %s and {table.deletable}", (mine.owner_id,)
    ).fetchone()[0]
    delete = f"delete from public.{table.name} where {table.deletable} returning {column}"
    deleted = _changed_rows(sql, claims, delete, may=table.delete is not None)
    assert set(deleted) <= {mine.owner_id}
    assert len(deleted) == (deletable if allowed(role, table.delete) else 0)


def _changed_rows(sql: psycopg.Connection, claims: dict, statement: str, *, may: bool) -> list[uuid.UUID]:
    """The owners of the rows `statement` changed. What no member may do is refused by privilege,
    before RLS is even asked; what some may do, RLS narrows to the caller's rows and role."""
    if not may:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, claims) as conn:
            conn.execute(statement)
        return []
    with as_client(sql, claims) as conn:
        return owners(conn, statement)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
@pytest.mark.parametrize("role", ROLES)
def test_no_member_writes_into_another_company(sql: psycopg.Connection, tenants, table: TableRules, role: str):
    mine, _, theirs, their_ids = tenants
    claims = mine.users[role].claims
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, claims) as conn:
        conn.execute(table.insert, their_ids)
    if allowed(role, table.update):
        # Moving one's own row into another company is refused as well.
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, claims) as conn:
            conn.execute(
                f"update public.{table.name} set {table.owner_column} = %s", (theirs.owner_id,)
            )


# Companies, memberships, invitations, bot settings and channels are made by signup and RPCs only,
# and the status history by its trigger, so members never insert them.
MEMBER_INSERTED = [t for t in TABLES if t.inserter]


@pytest.mark.parametrize("table", MEMBER_INSERTED, ids=lambda t: t.name)
def test_writers_can_insert_into_their_own_company(sql: psycopg.Connection, tenants, table: TableRules):
    """The other side of the refusals above: the same insert works for a member allowed to write."""
    mine, my_ids, _, _ = tenants
    with as_client(sql, mine.users[table.inserter].claims) as conn:
        assert conn.execute(table.insert, my_ids).rowcount == 1


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_anon_sees_and_writes_nothing(sql: psycopg.Connection, tenants, table: TableRules):
    _, _, _, their_ids = tenants
    with as_client(sql, {"role": "anon"}) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(f"select 1 from public.{table.name}")
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, {"role": "anon"}) as conn:
        conn.execute(table.insert, their_ids)


def test_channel_secrets_are_readable_only_by_the_service(sql: psycopg.Connection, tenants):
    mine, _, _, _ = tenants
    with as_client(sql, {"role": "service_role"}) as conn:
        tokens = owners(conn, f"select bot_token from public.channel_secrets where owner_id = '{mine.owner_id}'")
    assert tokens == ["bot-token"]
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users["owner"].claims) as conn:
        conn.execute("select bot_token from public.channel_secrets")


def test_a_viewer_cannot_change_bot_settings_and_a_manager_neither(sql: psycopg.Connection, tenants):
    mine, _, _, _ = tenants
    for role in ("viewer", "manager"):
        with as_client(sql, mine.users[role].claims) as conn:
            changed = conn.execute("""update public.bot_settings set document = '{"description": "hacked"}'""").rowcount
        assert changed == 0
    with as_client(sql, mine.users["admin"].claims) as conn:
        assert conn.execute("""update public.bot_settings set document = '{"description": "Hello!"}'""").rowcount == 1


def test_every_public_table_has_row_level_security(sql: psycopg.Connection):
    unprotected = owners(
        sql,
        "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity",
    )
    assert unprotected == []
    tested = {t.name for t in TABLES}
    tables = set(owners(sql, "select tablename from pg_tables where schemaname = 'public'"))
    assert tables <= tested, f"add the new tables to this test: {tables - tested}"


SERVICE_RPCS = ("channel_credentials", "company_bots", "ingest_channel_update", "record_channel_turn",
                "claim_deliveries", "finish_delivery", "channels_with_waiting_deliveries", "forget_expired",
                "remind_waiting_customers", "redeem_link_code", "manager_chat_context", "post_recent_leads",
                "widget_messages",
                "crm_authorization", "complete_crm_authorization", "lease_crm_integration", "release_crm_integration",
                "claim_crm_deliveries", "finish_crm_deliveries", "record_crm_link", "store_crm_credentials",
                "crm_lead_conversation", "apply_billing_event", "link_billing_customer", "forget_billing_events",
                "forget_crm_history")


def test_the_webhooks_rpcs_are_the_services_alone(sql):
    rows = sql.execute(
        "select p.proname, has_function_privilege('anon', p.oid, 'execute'),"
        " has_function_privilege('authenticated', p.oid, 'execute'),"
        " has_function_privilege('service_role', p.oid, 'execute')"
        " from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any(%s)",
        (list(SERVICE_RPCS),),
    ).fetchall()
    assert sorted(name for name, *_ in rows) == sorted(SERVICE_RPCS)
    assert [(name, anon, user) for name, anon, user, _ in rows if anon or user] == []
    assert all(service for *_, service in rows)
