"""The dashboard surface as PostgREST serves it: for each RPC and view, what every role of a
company may see and do, and that another company sees and does nothing."""

from __future__ import annotations

import csv
import io
import uuid

import psycopg
import pytest

from salesbot.errors import ApiError
from salesbot.local import tokens
from tests.conftest import JWT_SECRET
from tests.support.accounts import ROLES, Company, make_company
from tests.support.leads import add_lead
from tests.support.postgres import as_client

RANK = {role: rank for rank, role in enumerate(ROLES)}


@pytest.fixture
def pair(sql):
    mine, theirs = make_company(sql, "Mine"), make_company(sql, "Theirs")
    return mine, add_lead(sql, mine, "Анна", need="двухкомнатная квартира", budget_amount=9_000_000,
                          budget_currency="RUB", message="Ищу квартиру в Казани"), theirs, add_lead(sql, theirs, "Борис")


def rpc(database, company: Company, role: str, name: str, **args):
    return database.rpc(name, args, company.users[role].claims)


# --- status, assignment, notes, handoff -----------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_changing_a_leads_status_takes_a_manager_and_is_recorded(database, sql, pair, role):
    mine, lead, _, _ = pair
    if RANK[role] < RANK["manager"]:
        with pytest.raises(ApiError) as refused:
            rpc(database, mine, role, "change_lead_status", p_lead_id=lead["lead_id"], p_status="contacted")
        assert refused.value.status == 403
        return
    changed = rpc(database, mine, role, "change_lead_status", p_lead_id=lead["lead_id"], p_status="contacted",
                  p_note="called, will think")
    assert changed["status"] == "contacted"
    history = sql.execute(
        "select from_status::text, to_status::text, changed_by, note from public.lead_status_history where lead_id = %s",
        (lead["lead_id"],),
    ).fetchall()
    assert history == [("new", "contacted", mine.users[role].user_id, "called, will think")]


def test_only_allowed_transitions_happen_through_the_rpc_and_through_a_plain_patch(database, sql, pair):
    mine, lead, _, _ = pair
    with pytest.raises(ApiError) as refused:
        rpc(database, mine, "manager", "change_lead_status", p_lead_id=lead["lead_id"], p_status="won")
    assert refused.value.status == 409
    with (pytest.raises(psycopg.errors.DatabaseError, match="cannot go from new to won"),
          as_client(sql, mine.users["manager"].claims) as conn):
        conn.execute("update public.leads set status = 'won' where id = %s", (lead["lead_id"],))
    with as_client(sql, mine.users["manager"].claims, commit=True) as conn:
        conn.execute("update public.leads set status = 'qualified' where id = %s", (lead["lead_id"],))
    assert sql.execute("select count(*) from public.lead_status_history where lead_id = %s and to_status = 'qualified'",
                       (lead["lead_id"],)).fetchone()[0] == 1
    assert rpc(database, mine, "manager", "change_lead_status", p_lead_id=lead["lead_id"], p_status="won")["status"] == "won"


def test_another_company_cannot_touch_the_lead(database, pair):
    _, lead, theirs, _ = pair
    for name, args in (("change_lead_status", {"p_status": "contacted"}), ("assign_lead", {"p_user_id": None}),
                       ("add_lead_note", {"p_body": "mine now"})):
        with pytest.raises(ApiError) as refused:
            database.rpc(name, {"p_lead_id": lead["lead_id"], **args}, theirs.users["owner"].claims)
        assert refused.value.status == 404


def test_a_lead_is_assigned_only_to_a_member_of_its_company(database, pair):
    mine, lead, theirs, _ = pair
    assigned = rpc(database, mine, "manager", "assign_lead", p_lead_id=lead["lead_id"], p_user_id=str(mine.users["viewer"].user_id))
    assert assigned["assigned_to"] == str(mine.users["viewer"].user_id)
    with pytest.raises(ApiError) as refused:
        rpc(database, mine, "manager", "assign_lead", p_lead_id=lead["lead_id"], p_user_id=str(theirs.users["owner"].user_id))
    assert refused.value.status == 400
    with pytest.raises(ApiError) as refused:
        rpc(database, mine, "viewer", "assign_lead", p_lead_id=lead["lead_id"], p_user_id=None)
    assert refused.value.status == 403


def test_notes_are_written_by_managers_and_read_by_the_company(database, sql, pair):
    mine, lead, theirs, _ = pair
    note = rpc(database, mine, "manager", "add_lead_note", p_lead_id=lead["lead_id"], p_body="  Перезвонить в пятницу ")
    assert note["body"] == "Перезвонить в пятницу" and note["author_id"] == str(mine.users["manager"].user_id)
    with pytest.raises(ApiError):
        rpc(database, mine, "viewer", "add_lead_note", p_lead_id=lead["lead_id"], p_body="x")
    with as_client(sql, mine.users["viewer"].claims) as conn:
        assert conn.execute("select body from public.lead_notes").fetchall() == [("Перезвонить в пятницу",)]
    with as_client(sql, theirs.users["owner"].claims) as conn:
        assert conn.execute("select count(*) from public.lead_notes where lead_id = %s", (lead["lead_id"],)).fetchone()[0] == 0


@pytest.mark.parametrize("role", ROLES)
def test_assigning_and_noting_take_a_manager_and_every_role_searches(database, pair, role):
    mine, lead, theirs, _ = pair
    works = RANK[role] >= RANK["manager"]
    for name, args in (("assign_lead", {"p_user_id": str(mine.users["viewer"].user_id)}),
                       ("add_lead_note", {"p_body": f"{role} was here"})):
        if works:
            assert rpc(database, mine, role, name, p_lead_id=lead["lead_id"], **args)
        else:
            with pytest.raises(ApiError) as refused:
                rpc(database, mine, role, name, p_lead_id=lead["lead_id"], **args)
            assert refused.value.status == 403
        with pytest.raises(ApiError) as hidden:  # the same role of another company: no such lead
            rpc(database, theirs, role, name, p_lead_id=lead["lead_id"], **args)
        assert hidden.value.status == 404
    assert [hit["id"] for hit in rpc(database, mine, role, "search", p_query="квартира")["leads"]] == [lead["lead_id"]]
    assert rpc(database, theirs, role, "search", p_query="квартира") == {"leads": [], "messages": []}


@pytest.mark.parametrize("role", ROLES)
def test_handing_over_and_releasing_takes_a_manager(database, pair, role):
    mine, lead, theirs, _ = pair
    args = {"p_customer_id": lead["customer_id"]}
    if RANK[role] < RANK["manager"]:
        with pytest.raises(ApiError) as refused:
            database.rpc("take_over_conversation", args, mine.users[role].claims)
        assert refused.value.status == 403
    else:
        assert database.rpc("take_over_conversation", args, mine.users[role].claims)["handed_over"] is True
        assert database.rpc("release_conversation", args, mine.users[role].claims)["handed_over"] is False
    with pytest.raises(ApiError) as refused:
        database.rpc("take_over_conversation", args, theirs.users["owner"].claims)
    assert refused.value.status == 404


# --- search ------------------------------------------------------------------------------------------

def test_search_understands_russian_and_english_word_forms_within_the_company(database, sql, pair):
    mine, lead, theirs, _ = pair
    add_lead(sql, mine, "Kate", need="studio apartments", message="I am looking for studios in London")
    found = rpc(database, mine, "viewer", "search", p_query="квартиры")
    assert [hit["id"] for hit in found["leads"]] == [lead["lead_id"]]
    assert any("Ищу квартиру" in hit["text"] for hit in found["messages"])
    assert rpc(database, mine, "viewer", "search", p_query="Здравствуйте")["messages"] == [], "only the bot said it"
    english = rpc(database, mine, "viewer", "search", p_query="studio")
    assert [hit["name"] for hit in english["leads"]] == ["Kate"]
    assert database.rpc("search", {"p_query": "квартиры"}, theirs.users["owner"].claims) == {"leads": [], "messages": []}
    with pytest.raises(ApiError) as refused:
        rpc(database, mine, "viewer", "search", p_query="   ")
    assert refused.value.status == 400


# --- views ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ROLES)
def test_the_views_count_only_the_readers_company(sql, pair, role):
    mine, _, _, _ = pair
    with as_client(sql, mine.users[role].claims) as conn:
        funnel = conn.execute("select owner_id, status::text, leads, total_budget from public.lead_funnel").fetchall()
        daily = conn.execute("select owner_id, day, new_leads from public.daily_leads").fetchall()
        channels = conn.execute("select owner_id, kind::text, customers, leads from public.channel_conversion").fetchall()
        replies = conn.execute("select owner_id, answered_conversations from public.response_times").fetchall()
    assert funnel == [(mine.owner_id, "new", 1, {"RUB": 9000000})]
    assert len(daily) == 90 and {row[0] for row in daily} == {mine.owner_id} and sum(row[2] for row in daily) == 1
    assert channels == [(mine.owner_id, "test", 1, 1)]
    assert replies == [(mine.owner_id, 1)]


def test_channel_conversion_counts_customers_leads_and_outcomes_per_channel(sql, pair):
    mine, _, theirs, _ = pair
    test_chat = sql.execute("select id from public.channels where owner_id = %s", (mine.owner_id,)).fetchone()[0]
    sql.execute("insert into public.customers (owner_id, channel_id, external_id) values (%s, %s, 'no lead')",
                (mine.owner_id, test_chat))
    site = sql.execute("insert into public.channels (owner_id, kind, name) values (%s, 'widget', 'Site') returning id",
                       (mine.owner_id,)).fetchone()[0]
    won = add_lead(sql, mine, "Вера", status="won", qualified_at="2026-01-01T00:00:00Z")
    sql.execute("update public.customers set channel_id = %s where id = %s", (site, won["customer_id"]))
    with as_client(sql, mine.users["viewer"].claims) as conn:
        rows = conn.execute(
            "select kind::text, customers, leads, qualified_leads, won_leads, qualification_rate::float, win_rate::float"
            " from public.channel_conversion order by kind").fetchall()
    assert rows == [("test", 2, 1, 0, 0, 0.0, 0.0), ("widget", 1, 1, 1, 1, 1.0, 1.0)]
    with as_client(sql, theirs.users["owner"].claims) as conn:
        assert conn.execute("select kind::text, customers, leads from public.channel_conversion").fetchall() == [("test", 1, 1)]


def test_response_times_measure_from_the_first_message_to_the_first_reply_of_bot_or_manager(sql, pair):
    mine, _, _, _ = pair
    test_chat = sql.execute("select id from public.channels where owner_id = %s", (mine.owner_id,)).fetchone()[0]

    def conversation(*replies: tuple[str, int]) -> None:
        """A customer who first wrote 10 minutes ago, and replies (role, seconds after that)."""
        customer = sql.execute(
            "insert into public.customers (owner_id, channel_id, external_id, created_at)"
            " values (%s, %s, %s, now() - interval '10 minutes') returning id",
            (mine.owner_id, test_chat, uuid.uuid4().hex)).fetchone()[0]
        for role, after in replies:
            sql.execute(
                "insert into public.messages (owner_id, customer_id, role, text, created_at)"
                " select owner_id, id, %s, 'ok', created_at + make_interval(secs => %s) from public.customers"
                " where id = %s", (role, after, customer))

    conversation(("customer", 0), ("bot", 4), ("bot", 100))  # the first reply counts, not the later ones
    conversation(("customer", 0), ("customer", 30), ("manager", 60))
    conversation(("customer", 0))  # not answered yet
    with as_client(sql, mine.users["viewer"].claims) as conn:
        answered, median, slowest = conn.execute(
            "select answered_conversations, median_first_reply_seconds::float, p90_first_reply_seconds::float"
            " from public.response_times").fetchone()
    # With the pair's own conversation, answered at once: 0, 4 and 60 seconds.
    assert (answered, median) == (3, 4.0) and 48 < slowest < 60


def test_the_views_are_security_invoker_and_closed_to_anon(sql):
    options = dict(sql.execute(
        "select c.relname, c.reloptions from pg_class c join pg_namespace n on n.oid = c.relnamespace"
        " where n.nspname = 'public' and c.relkind = 'v'").fetchall())
    assert set(options) == {"lead_funnel", "daily_leads", "channel_conversion", "response_times", "conversations"}
    assert all(value == ["security_invoker=true"] for value in options.values())
    for view in options:
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, {"role": "anon"}) as conn:
            conn.execute(f"select * from public.{view}")


def test_every_exposed_table_view_and_column_is_documented(sql):
    # Exposed: what PostgREST shows a signed-in user, i.e. what `authenticated` may select.
    undocumented = sql.execute(
        """
        select c.relname || coalesce('.' || a.attname, '')
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = 'public' and c.relkind in ('r', 'v')
          and has_table_privilege('authenticated', c.oid, 'select')
          and (obj_description(c.oid, 'pg_class') is null
               or (a.attname is not null and col_description(c.oid, a.attnum) is null))
        order by 1
        """
    ).fetchall()
    assert not undocumented, "no comment on: " + ", ".join(name for (name,) in undocumented)


DASHBOARD_RPCS = ("change_lead_status", "assign_lead", "add_lead_note", "take_over_conversation",
                  "release_conversation", "search", "export_leads", "invite_member", "revoke_invitation",
                  "my_invitations", "accept_invitation", "decline_invitation", "change_member_role",
                  "remove_member", "leave_company", "reply_to_customer", "mark_conversation_read", "create_link_code")


def test_every_dashboard_rpc_is_documented_and_closed_to_anon(sql):
    rows = sql.execute(
        "select p.proname, obj_description(p.oid, 'pg_proc'), has_function_privilege('anon', p.oid, 'execute')"
        " from pg_proc p where p.pronamespace = 'public'::regnamespace and p.proname = any(%s)",
        (list(DASHBOARD_RPCS),),
    ).fetchall()
    assert sorted(name for name, _, _ in rows) == sorted(DASHBOARD_RPCS)
    assert [name for name, comment, _ in rows if not comment] == []
    assert [name for name, _, anon in rows if anon] == []


# --- export ------------------------------------------------------------------------------------------------

def export(client, company: Company, role: str = "viewer", query: str = "format=csv"):
    return client.get(f"/leads_export?{query}", headers={"Authorization": f"Bearer {company.users[role].token(JWT_SECRET)}"})


def test_the_export_is_csv_with_a_bom_and_only_the_companys_leads(client, sql, pair):
    mine, lead, _, _ = pair
    add_lead(sql, mine, "=HYPERLINK(\"http://evil\")", status="contacted")
    response = export(client, mine)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(body[1:])))
    assert {row["name"] for row in rows} == {"Анна", "'=HYPERLINK(\"http://evil\")"}
    anna = next(row for row in rows if row["name"] == "Анна")
    assert anna["id"] == lead["lead_id"] and anna["budget_currency"] == "RUB" and float(anna["budget_amount"]) == 9000000


def test_the_export_filters_like_the_dashboard(client, sql, pair):
    mine, _, _, _ = pair
    add_lead(sql, mine, "Виктор", status="contacted")

    def names(query: str) -> set[str]:
        return {row["name"] for row in csv.DictReader(io.StringIO(export(client, mine, query=query).get_data(as_text=True)[1:]))}

    assert names("format=csv&status=contacted") == {"Виктор"}
    assert names("format=csv&q=квартира") == {"Анна"}
    assert names("format=csv&from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z") == set()
    # A bare date is UTC, and may be given with an offset-qualified other end.
    assert names("format=csv&from=2000-01-01&to=2100-01-01T00:00:00%2B03:00") == {"Анна", "Виктор"}
    # Offsets Python reads but Postgres does not (over 15:59), and control characters in the search.
    assert names("format=csv&from=0136-12-15T14:52:00Z&to=2158-10-26T18:13:27-22:23") == {"Анна", "Виктор"}
    assert names("format=csv&q=%00квартира%07") == {"Анна"}


def test_the_export_streams_many_pages(client, sql):
    company = make_company(sql, "Big")
    channel = sql.execute("select id from public.channels where owner_id = %s", (company.owner_id,)).fetchone()[0]
    sql.execute(
        "with c as (insert into public.customers (owner_id, channel_id, external_id)"
        " select %s, %s, 'bulk' || n from generate_series(1, 2500) n returning id)"
        " insert into public.leads (owner_id, customer_id, name) select %s, id, 'bulk' from c",
        (company.owner_id, channel, company.owner_id),
    )
    rows = list(csv.DictReader(io.StringIO(export(client, company).get_data(as_text=True)[1:])))
    assert len(rows) == 2500 and len({row["id"] for row in rows}) == 2500


@pytest.mark.parametrize("query", ["format=xlsx", "status=open", "from=yesterday", "from=2025-02-01&to=2025-01-01",
                                   "format=csv&format=csv", "colour=red"])
def test_bad_export_filters_are_a_400(client, pair, query):
    mine, _, _, _ = pair
    response = export(client, mine, query=query)
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_exports_its_own_companys_leads(client, pair, role):
    mine, lead, theirs, other = pair
    for company, expected in ((mine, lead), (theirs, other)):
        rows = list(csv.DictReader(io.StringIO(export(client, company, role).get_data(as_text=True)[1:])))
        assert [row["id"] for row in rows] == [expected["lead_id"]]


def test_an_export_the_database_refuses_is_an_error_not_a_cut_short_200(client):
    # A token that verifies but that the database cannot read (its sub is no uuid): the first page
    # fails, and that must be the answer, not a 200 with a header and nothing after it.
    token = tokens.sign({**tokens.access_token_claims(uuid.uuid4(), "x@example.com"), "sub": "not-a-uuid"}, JWT_SECRET)
    response = client.get("/leads_export?format=csv", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code >= 400 and response.json["error"]["code"]


def test_the_export_needs_a_token(client):
    assert client.get("/leads_export?format=csv").status_code == 401


def test_salesbot_leads_prints_the_users_leads_through_rls(db_url, sql, pair, tmp_path):
    import os
    import subprocess
    import sys

    mine, _, _, _ = pair
    env = {**os.environ, "DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "salesbot.cli", "leads", "--email", mine.users["viewer"].email],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Анна" in result.stdout and "Борис" not in result.stdout and result.stdout.strip().endswith("1 lead(s)")
    filtered = subprocess.run([sys.executable, "-m", "salesbot.cli", "leads", "--email", mine.users["viewer"].email,
                               "--status", "contacted"], env=env, capture_output=True, text=True, timeout=60)
    assert filtered.returncode == 0 and "Анна" not in filtered.stdout
    assert filtered.stdout.strip().endswith("0 lead(s)")
