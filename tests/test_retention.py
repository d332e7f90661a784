"""Bounded tables: the outbox sweep forgets settled deliveries, taken-in updates and payment provider
events past the retention period (SALESBOT_RETENTION_DAYS; provider events at least 30 days, while a
redelivery may come), and rate-limit windows an hour old; nothing pending."""

from __future__ import annotations

import pytest

from salesbot.db import SERVICE_CLAIMS
from salesbot.services import reset_services
from tests.test_telegram import SWEEPER, bot_api, channel, post_update, update  # noqa: F401 (fixtures)
from tests.test_widget import create_widget, send


@pytest.fixture
def sweeping(bot_api, monkeypatch):  # noqa: F811
    monkeypatch.setenv("SALESBOT_CRON_SECRET", SWEEPER["Authorization"].removeprefix("Bearer "))
    monkeypatch.setenv("SALESBOT_RETENTION_DAYS", "7")
    reset_services()


def aged(sql, channel_id: str, state: str, days: int) -> int:
    """An outbox row of the channel, `state` (delivered, abandoned or pending) for `days` days."""
    settled = {"delivered": "delivered_at", "abandoned": "abandoned_at"}.get(state)
    return sql.execute(
        "insert into public.outbox (owner_id, channel_id, chat_id, text, purpose, created_at"
        + (f", {settled}" if settled else "") + ")"
        " select owner_id, id, '42', %s, 'reply', now() - make_interval(days => %s)"
        + (", now() - make_interval(days => %s)" if settled else "") + " from public.channels where id = %s"
        " returning id", (f"{state} {days} days ago", days, *([days] if settled else []), channel_id)).fetchone()[0]


def test_the_sweep_forgets_what_is_past_the_retention_and_keeps_the_rest(client, channel, sweeping, sql):  # noqa: F811
    channel_id, secret = channel
    for n in (1, 2):
        assert post_update(client, channel_id, secret, update(n, "Ищу студию")).status_code == 200
    sql.execute("update public.channel_updates set created_at = now() - interval '8 days'"
                " where channel_id = %s and update_key = '1'", (channel_id,))
    old_delivered, old_abandoned = aged(sql, channel_id, "delivered", 8), aged(sql, channel_id, "abandoned", 9)
    recent_delivered, old_pending = aged(sql, channel_id, "delivered", 6), aged(sql, channel_id, "pending", 30)
    sql.execute("update public.outbox set next_attempt_at = now() + interval '1 day' where id = %s", (old_pending,))
    sql.execute("insert into private.rate_limits (key, window_start, hits) values"
                " ('customer:old', now() - interval '2 hours', 3), ('customer:now', now(), 1)")

    swept = client.post("/deliver_outbox", headers=SWEEPER)
    assert swept.status_code == 200, swept.json
    assert swept.json["forgotten"]["deliveries"] == 2 and swept.json["forgotten"]["channel_updates"] == 1
    assert swept.json["forgotten"]["rate_limits"] >= 1
    left = {row[0] for row in sql.execute("select id from public.outbox where channel_id = %s", (channel_id,))}
    assert {recent_delivered, old_pending} <= left and not {old_delivered, old_abandoned} & left
    assert [key for (key,) in sql.execute(
        "select update_key from public.channel_updates where channel_id = %s", (channel_id,))] == ["2"]
    assert sql.execute("select key from private.rate_limits where key like 'customer:%%'"
                       " and key in ('customer:old', 'customer:now')").fetchall() == [("customer:now",)]


def test_each_call_forgets_at_most_its_limit_so_a_backlog_goes_over_several_sweeps(channel, database, sql):  # noqa: F811
    channel_id, _ = channel
    for _ in range(3):
        aged(sql, channel_id, "delivered", 40)
    first = database.rpc("forget_expired", {"p_limit": 2}, SERVICE_CLAIMS)
    second = database.rpc("forget_expired", {"p_limit": 2}, SERVICE_CLAIMS)
    assert (first["deliveries"], second["deliveries"]) == (2, 1)


def test_an_expired_update_is_forgotten_for_its_visitor_only(client, company, database, sql):
    """Widget request ids are unique per visitor, not per channel: forgetting one visitor's old id
    leaves another's fresh request with the same id, which must still be answered once."""
    channel_id, secret = create_widget(client, company)
    for visitor in ("alice", "bob"):
        assert send(client, channel_id, secret, {"customer": visitor, "text": "Hello"}, request_id="shared").status_code == 200
    sql.execute("update public.channel_updates u set created_at = now() - interval '40 days' from public.customers c"
                " where c.id = u.customer_id and u.channel_id = %s and c.external_id = 'alice'", (channel_id,))
    assert database.rpc("forget_expired", {}, SERVICE_CLAIMS)["channel_updates"] >= 1
    assert sql.execute("select c.external_id from public.channel_updates u join public.customers c on c.id = u.customer_id"
                       " where u.channel_id = %s", (channel_id,)).fetchall() == [("bob",)]


def test_the_sweep_forgets_billing_events_past_the_retention_and_at_least_a_month_old(client, sweeping, database,
                                                                                      sql):
    """Past the retention (7 days here) an event is still kept while Stripe may send it again (30
    days): its row is what makes a redelivery change nothing."""
    received = {"evt_retention_40": 40, "evt_retention_20": 20, "evt_retention_0": 0}
    for event_id, days in received.items():
        sql.execute("insert into private.billing_events (provider, event_id, kind, occurred_at, outcome, received_at)"
                    " values ('stripe', %s, 'payment_succeeded', now() - make_interval(days => %s), 'ignored',"
                    " now() - make_interval(days => %s))", (event_id, days, days))

    swept = client.post("/deliver_outbox", headers=SWEEPER)
    assert swept.status_code == 200 and swept.json["forgotten"]["billing_events"] >= 1
    kept = {event_id for (event_id,) in sql.execute(
        "select event_id from private.billing_events where event_id like 'evt_retention_%%'")}
    assert kept == {"evt_retention_20", "evt_retention_0"}
    redelivered = {"provider": "stripe", "event_id": "evt_retention_20", "kind": "payment_succeeded",
                   "occurred_at": "2026-11-13T00:00:00Z", "customer_ref": "cus_nobody"}
    assert database.rpc("apply_billing_event", {"p_event": redelivered}, SERVICE_CLAIMS)["status"] == "duplicate"
