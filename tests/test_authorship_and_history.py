"""What only the server says, tried by a member writing through PostgREST as an attacker inside the
company would: a lead's status history (written by its trigger alone), who wrote a note or a
message and when, a customer's own words, a lead's first status; and keys that include owner_id,
so an insert pointing at another company's row never tells whether that row exists."""

from __future__ import annotations

import uuid

import psycopg
import pytest

from salesbot.errors import ApiError
from tests.support.accounts import make_company
from tests.support.leads import add_lead
from tests.support.postgres import as_client


@pytest.fixture
def pair(sql):
    mine, theirs = make_company(sql, "Mine"), make_company(sql, "Theirs")
    return mine, add_lead(sql, mine, "Анна"), theirs, add_lead(sql, theirs, "Борис")


def widget_conversation(sql, company) -> str:
    """A customer of a real (widget) channel, with what they wrote."""
    channel = sql.execute("insert into public.channels (owner_id, kind, name) values (%s, 'widget', 'Site') returning id",
                          (company.owner_id,)).fetchone()[0]
    customer = sql.execute("insert into public.customers (owner_id, channel_id, external_id) values (%s, %s, 'v1')"
                           " returning id", (company.owner_id, channel)).fetchone()[0]
    sql.execute("insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, 'customer', 'Нужна студия')",
                (company.owner_id, customer))
    return str(customer)


# --- status history -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["manager", "admin", "owner"])
def test_no_member_writes_status_history_the_trigger_alone_does(sql, pair, role):
    mine, lead, _, _ = pair
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users[role].claims) as conn:
        conn.execute("insert into public.lead_status_history (owner_id, lead_id, from_status, to_status, changed_by, changed_at)"
                     " values (%s, %s, 'qualified', 'won', %s, '2020-01-01')",
                     (mine.owner_id, lead["lead_id"], mine.users["owner"].user_id))
    with as_client(sql, mine.users[role].claims, commit=True) as conn:
        conn.execute("update public.leads set status = 'contacted' where id = %s", (lead["lead_id"],))
    history = sql.execute("select from_status::text, to_status::text, changed_by, changed_at > now() - interval '1 minute'"
                          " from public.lead_status_history where lead_id = %s", (lead["lead_id"],)).fetchall()
    assert history == [("new", "contacted", mine.users[role].user_id, True)]


@pytest.mark.parametrize("status", ["contacted", "qualified", "won", "lost"])
def test_a_lead_starts_as_new(sql, pair, status):
    mine, _, _, _ = pair
    customer = sql.execute("insert into public.customers (owner_id, channel_id, external_id)"
                           " select owner_id, id, 'fresh' from public.channels where owner_id = %s returning id",
                           (mine.owner_id,)).fetchone()[0]
    with pytest.raises(psycopg.errors.DatabaseError, match="starts as new"), \
            as_client(sql, mine.users["manager"].claims) as conn:
        conn.execute("insert into public.leads (owner_id, customer_id, status) values (%s, %s, %s)",
                     (mine.owner_id, customer, status))


def test_a_leads_dates_are_the_servers(sql, pair):
    mine, lead, _, _ = pair
    with as_client(sql, mine.users["manager"].claims, commit=True) as conn:
        conn.execute("update public.leads set created_at = '2020-01-01', updated_at = '2020-01-01',"
                     " qualified_at = '2020-01-01' where id = %s", (lead["lead_id"],))
    created, updated, qualified = sql.execute(
        "select created_at > now() - interval '1 minute', updated_at > now() - interval '1 minute',"
        " qualified_at > now() - interval '1 minute' from public.leads where id = %s", (lead["lead_id"],)).fetchone()
    assert (created, updated, qualified) == (True, True, True)


# --- notes --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("column,value", [("author_id", "owner"), ("created_at", "'2020-01-01'")])
def test_a_note_is_credited_to_its_writer_at_the_servers_time(sql, pair, column, value):
    mine, lead, _, _ = pair
    named = mine.users["owner"].user_id if value == "owner" else value
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users["manager"].claims) as conn:
        conn.execute(f"insert into public.lead_notes (owner_id, lead_id, body, {column}) values (%s, %s, 'x', %s)",
                     (mine.owner_id, lead["lead_id"], named))
    with as_client(sql, mine.users["manager"].claims, commit=True) as conn:
        conn.execute("insert into public.lead_notes (owner_id, lead_id, body) values (%s, %s, 'звонил')",
                     (mine.owner_id, lead["lead_id"]))
    assert sql.execute("select author_id from public.lead_notes where lead_id = %s", (lead["lead_id"],)).fetchall() \
        == [(mine.users["manager"].user_id,)]


def test_only_a_notes_author_rewords_it(database, sql, pair):
    mine, lead, _, _ = pair
    note = database.rpc("add_lead_note", {"p_lead_id": lead["lead_id"], "p_body": "Клиент просил перезвонить"},
                        mine.users["manager"].claims)
    for other in ("admin", "owner"):
        with as_client(sql, mine.users[other].claims) as conn:
            assert conn.execute("update public.lead_notes set body = 'Клиент отказался' where id = %s",
                                (note["id"],)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users[other].claims) as conn:
            conn.execute("update public.lead_notes set author_id = %s where id = %s", (mine.users[other].user_id, note["id"]))
    with as_client(sql, mine.users["manager"].claims) as conn:
        assert conn.execute("update public.lead_notes set body = 'Перезвонить в пятницу' where id = %s",
                            (note["id"],)).rowcount == 1


# --- messages -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["customer", "bot"])
def test_no_member_puts_words_in_a_customers_or_the_bots_mouth(sql, pair, role):
    mine, _, _, _ = pair
    customer = widget_conversation(sql, mine)
    with pytest.raises(psycopg.errors.DatabaseError, match="only the channel writes"), \
            as_client(sql, mine.users["owner"].claims) as conn:
        conn.execute("insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, %s, 'Я передумал')",
                     (mine.owner_id, customer, role))
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users["owner"].claims) as conn:
        conn.execute("update public.messages set text = 'Я передумал' where customer_id = %s", (customer,))


def test_nor_through_the_chat_rpcs_which_write_past_that_check(database, sql, pair):
    """The test chat's RPCs write as their definer, whom the trigger above leaves alone: they refuse
    a real channel's conversation to a member themselves."""
    mine, _, _, _ = pair
    customer = widget_conversation(sql, mine)
    (channel,) = sql.execute("select channel_id from public.customers where id = %s", (customer,)).fetchone()
    manager = mine.users["manager"].claims
    for name, args in (("ingest_customer_message", {"p_customer": "v1", "p_text": "Я передумал", "p_channel_id": str(channel)}),
                       ("record_bot_turn", {"p_customer_id": customer, "p_reply": "Хорошо", "p_stage": "qualification"})):
        with pytest.raises(ApiError, match="only the channel writes") as refused:
            database.rpc(name, args, manager)
        assert refused.value.status == 403, name
    assert sql.execute("select count(*) from public.messages where customer_id = %s", (customer,)).fetchone()[0] == 1


@pytest.mark.parametrize("column,value", [("created_at", "2020-01-01"), ("sender_id", None)])
def test_a_managers_message_is_theirs_at_the_servers_time(sql, pair, column, value):
    mine, _, _, _ = pair
    customer = widget_conversation(sql, mine)
    value = value or str(mine.users["owner"].user_id)
    with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, mine.users["manager"].claims) as conn:
        conn.execute(f"insert into public.messages (owner_id, customer_id, role, text, {column})"
                     " values (%s, %s, 'manager', 'hi', %s)", (mine.owner_id, customer, value))
    with as_client(sql, mine.users["manager"].claims, commit=True) as conn:
        conn.execute("insert into public.messages (owner_id, customer_id, role, text) values (%s, %s, 'manager', 'Добрый день')",
                     (mine.owner_id, customer))
    assert sql.execute("select sender_id from public.messages where customer_id = %s and role = 'manager'",
                       (customer,)).fetchall() == [(mine.users["manager"].user_id,)]


def test_the_test_chat_still_stores_both_sides_as_the_member(client, company, sql):
    from tests.conftest import JWT_SECRET

    response = client.post("/chat", json={"customer": "c1", "text": "Здравствуйте"},
                           headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"})
    assert response.status_code == 200
    assert [role for (role,) in sql.execute("select role::text from public.messages where customer_id = %s order by id",
                                            (response.json["customer_id"],))] == ["customer", "bot"]


# --- no existence oracle ---------------------------------------------------------------------------------------

def test_a_lead_for_another_companys_customer_fails_alike_whether_it_has_a_lead_or_not(sql, pair):
    mine, _, theirs, their_lead = pair
    bare = sql.execute("insert into public.customers (owner_id, channel_id, external_id)"
                       " select owner_id, id, 'no lead' from public.channels where owner_id = %s returning id",
                       (theirs.owner_id,)).fetchone()[0]
    errors = []
    for customer in (their_lead["customer_id"], bare, uuid.uuid4()):  # with a lead, without, nobody at all
        with pytest.raises(psycopg.errors.DatabaseError) as failed, as_client(sql, mine.users["manager"].claims) as conn:
            conn.execute("insert into public.leads (owner_id, customer_id) values (%s, %s)", (mine.owner_id, customer))
        errors.append((type(failed.value), failed.value.diag.message_primary))
    assert len(set(errors)) == 1 and errors[0][0] is not psycopg.errors.UniqueViolation, errors


def test_a_customer_on_another_companys_channel_fails_alike_whether_the_visitor_exists_or_not(sql, pair):
    mine, _, _, their_lead = pair
    channel, known = sql.execute("select channel_id, external_id from public.customers where id = %s",
                                 (their_lead["customer_id"],)).fetchone()
    errors = []
    for external_id in (known, "nobody"):
        with pytest.raises(psycopg.errors.DatabaseError) as failed, as_client(sql, mine.users["manager"].claims) as conn:
            conn.execute("insert into public.customers (owner_id, channel_id, external_id) values (%s, %s, %s)",
                         (mine.owner_id, channel, external_id))
        errors.append(type(failed.value))
    assert errors == [psycopg.errors.ForeignKeyViolation] * 2


def test_a_message_keyed_like_another_companys_fails_alike(sql, pair, database):
    mine, _, theirs, their_lead = pair
    sql.execute("insert into public.messages (owner_id, customer_id, role, text, request_key) values (%s, %s, 'customer', 'x', 'k1')",
                (theirs.owner_id, their_lead["customer_id"]))
    errors = []
    for key in ("k1", "k2"):
        with pytest.raises(psycopg.errors.DatabaseError) as failed, as_client(sql, mine.users["manager"].claims) as conn:
            conn.execute("insert into public.messages (owner_id, customer_id, role, text, request_key)"
                         " values (%s, %s, 'customer', 'x', %s)", (mine.owner_id, their_lead["customer_id"], key))
        errors.append(type(failed.value))
    assert errors == [psycopg.errors.ForeignKeyViolation] * 2
    with pytest.raises(ApiError):  # and the RPCs stay inside the caller's company
        database.rpc("add_lead_note", {"p_lead_id": their_lead["lead_id"], "p_body": "x"}, mine.users["manager"].claims)
