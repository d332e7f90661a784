"""Bounded CRM tables: the outbox sweep forgets deliveries delivered or dead longer ago than the
retention (SALESBOT_RETENTION_DAYS), each event with its last delivery, and expired amoCRM
authorizations; never a pending delivery, nor a dead one the company may still retry. Every
company's rows by the same rule; the delivery log, the integrations' counts, the console's page
and a retry by hand work after it."""

from __future__ import annotations

import psycopg
import pytest

from salesbot.config import Config
from salesbot.crm import manage
from salesbot.db import SERVICE_CLAIMS
from tests.support.accounts import Company
from tests.support.billing import make_plan, put_on_plan
from tests.support.console import signed_in
from tests.support.crm import QUALIFYING, SWEEPER, chat, deployment, forget_integrations, sweep  # noqa: F401 (autouse)


@pytest.fixture
def retention_of_a_week(monkeypatch):
    deployment(monkeypatch, SALESBOT_RETENTION_DAYS="7")


def connect(database, company: Company, url: str) -> str:
    return str(manage.connect_webhook(database, company.users["admin"].claims, Config(allow_private_endpoints=True),
                                      company.owner_id, "CRM bridge", url, ["lead.qualified"])["id"])


def delivery(database, sql, company: Company, integration: str, state: str, days: int) -> int:
    """A test event's delivery, `state` (delivered, dead or pending) for `days` days; its event as old.
    A pending one is not due before the test ends, so the sweep does not settle it meanwhile."""
    queued = database.rpc("send_test_event", {"p_owner_id": str(company.owner_id), "p_integration_id": integration},
                          company.users["admin"].claims)
    settled = {"delivered": "delivered_at = created_at", "dead": "dead_at = created_at, last_error = 'refused'",
               "pending": "next_attempt_at = now() + interval '1 day'"}[state]
    sql.execute("update public.crm_deliveries set created_at = now() - make_interval(days => %s) where id = %s",
                (days, queued["delivery_id"]))
    sql.execute("update public.crm_deliveries set " + settled + " where id = %s", (queued["delivery_id"],))
    sql.execute("update public.crm_events set created_at = now() - make_interval(days => %s) where id = %s",
                (days, queued["event_id"]))
    return int(queued["delivery_id"])


def left(sql: psycopg.Connection, ids) -> set[int]:
    return {row[0] for row in sql.execute("select id from public.crm_deliveries where id = any(%s)", (list(ids),))}


def events_of(sql: psycopg.Connection, ids) -> set[str]:
    return {str(row[0]) for row in sql.execute(
        "select event_id from public.crm_deliveries where id = any(%s)", (list(ids),))}


def test_the_sweep_forgets_settled_crm_history_past_the_retention_and_keeps_what_a_company_needs(
        client, database, company, other_company, receiver, retention_of_a_week, sql):
    hook, other_hook = connect(database, company, receiver.url), connect(database, other_company, receiver.url)
    going, staying = {}, {}
    for owner, integration in ((company, hook), (other_company, other_hook)):
        going[owner.owner_id] = [delivery(database, sql, owner, integration, "delivered", 8),
                                 delivery(database, sql, owner, integration, "dead", 9)]
        staying[owner.owner_id] = [delivery(database, sql, owner, integration, "delivered", 6),
                                   delivery(database, sql, owner, integration, "dead", 6),
                                   delivery(database, sql, owner, integration, "pending", 40)]
    # Dead for 9 days, then queued again by hand (today): pending, so kept.
    retried = delivery(database, sql, company, hook, "dead", 9)
    database.rpc("retry_crm_delivery", {"p_owner_id": str(company.owner_id), "p_delivery_id": retried},
                 company.users["admin"].claims)
    sql.execute("update public.crm_deliveries set next_attempt_at = now() + interval '1 day' where id = %s", (retried,))
    staying[company.owner_id].append(retried)
    # An event goes with its last delivery, however that goes (here, as when its integration is removed).
    gone = delivery(database, sql, company, hook, "delivered", 1)
    [gone_event] = events_of(sql, [gone])
    sql.execute("delete from public.crm_deliveries where id = %s", (gone,))
    assert sql.execute("select count(*) from public.crm_events where id = %s", (gone_event,)).fetchone() == (0,)
    sql.execute("insert into private.crm_authorizations (state, owner_id, name, expires_at) values"
                " (repeat('a', 32), %(owner)s, 'amoCRM', now() - interval '1 minute'),"
                " (repeat('b', 32), %(owner)s, 'amoCRM', now() + interval '1 hour')", {"owner": company.owner_id})
    every_going = [d for ids in going.values() for d in ids]
    every_staying = [d for ids in staying.values() for d in ids]
    going_events, staying_events = events_of(sql, every_going), events_of(sql, every_staying)

    forgotten = client.post("/deliver_outbox", headers=SWEEPER)
    assert forgotten.status_code == 200, forgotten.json
    assert left(sql, every_going) == set() and left(sql, every_staying) == set(every_staying)
    kept_events = {str(row[0]) for row in sql.execute("select id from public.crm_events where id::text = any(%s)",
                                                      ([*going_events, *staying_events],))}
    assert kept_events == staying_events
    assert sql.execute("select state from private.crm_authorizations where owner_id = %s",
                       (company.owner_id,)).fetchall() == [("b" * 32,)]
    assert forgotten.json["forgotten"]["crm_deliveries"] >= 4 and forgotten.json["forgotten"]["crm_authorizations"] >= 1

    # What the company sees after the sweep: the log (pending and the dead it may still retry), the
    # integration's counts, the console's page; and the kept dead delivery is retried by hand.
    viewer = company.users["viewer"].claims
    log = database.rpc("crm_delivery_log", {"p_owner_id": str(company.owner_id)}, viewer)
    assert sorted(entry["id"] for entry in log) == sorted(staying[company.owner_id])
    [listed] = database.rpc("list_integrations", {"p_owner_id": str(company.owner_id)}, viewer)
    assert (listed["pending"], listed["dead"]) == (2, 1)
    page = signed_in(client, company.users["admin"].email).get(f"/console/integrations/{hook}?state=dead")
    assert page.status_code == 200 and f"/deliveries/{staying[company.owner_id][1]}/retry" in page.text
    assert "уходят из журнала через 7 дней" in page.text  # how long a failed one can still be retried
    kept_dead = staying[company.owner_id][1]
    assert database.rpc("retry_crm_delivery", {"p_owner_id": str(company.owner_id), "p_delivery_id": kept_dead},
                        company.users["admin"].claims)["queued"]
    assert sweep(client)["delivered"] >= 1
    assert sql.execute("select delivered_at is not null from public.crm_deliveries where id = %s",
                       (kept_dead,)).fetchone() == (True,)


def test_each_call_forgets_at_most_its_limit_so_a_backlog_goes_over_several_sweeps(database, company, receiver,
                                                                                     sql):
    hook = connect(database, company, receiver.url)
    for _ in range(3):
        delivery(database, sql, company, hook, "delivered", 40)
    calls = [database.rpc("forget_crm_history", {"p_limit": 2}, SERVICE_CLAIMS)["crm_deliveries"] for _ in range(3)]
    assert calls == [2, 1, 0]
    assert sql.execute("select count(*) from public.crm_events where owner_id = %s",
                       (company.owner_id,)).fetchone() == (0,)


def test_an_event_sent_to_two_integrations_goes_with_the_last_of_its_deliveries(client, database, company, receiver,
                                                                               sql):
    put_on_plan(sql, company.owner_id, make_plan(sql))  # room for two endpoints
    first, second = connect(database, company, receiver.url), connect(database, company, receiver.url)
    chat(client, company, "anna", QUALIFYING)
    [event] = {str(row[0]) for row in sql.execute("select id from public.crm_events where owner_id = %s",
                                                 (company.owner_id,))}
    sql.execute("update public.crm_deliveries set dead_at = now() - interval '40 days' where integration_id = %s",
                (first,))
    sql.execute("update public.crm_deliveries set dead_at = now() - interval '20 days' where integration_id = %s",
                (second,))
    database.rpc("forget_crm_history", {}, SERVICE_CLAIMS)
    assert sql.execute("select integration_id::text from public.crm_deliveries where event_id = %s",
                       (event,)).fetchall() == [(second,)]
    database.rpc("forget_crm_history", {"p_retention_days": 10}, SERVICE_CLAIMS)
    assert sql.execute("select count(*) from public.crm_events where id = %s", (event,)).fetchone() == (0,)


def test_a_delivery_another_transaction_holds_is_skipped_not_waited_for(database, company, receiver, sql, db_url):
    hook = connect(database, company, receiver.url)
    held, free = (delivery(database, sql, company, hook, "delivered", 40) for _ in range(2))
    with psycopg.connect(db_url) as other:
        other.execute("select 1 from public.crm_deliveries where id = %s for update", (held,))
        forgotten = database.rpc("forget_crm_history", {}, SERVICE_CLAIMS)
    assert forgotten["crm_deliveries"] >= 1 and left(sql, [held, free]) == {held}
