"""Outgoing webhooks end to end: leads made through the real chat, events queued with each change,
delivered by the outbox sweep to a local endpoint, and every signature checked with the Standard
Webhooks reference verifier (the `standardwebhooks` package), not with our own code."""

from __future__ import annotations

import json
import socket
from datetime import timedelta

import psycopg
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from salesbot.config import Config
from salesbot.crm import manage
from salesbot.crm.models import WEBHOOK_EVENTS
from salesbot.crm.outbound import Session, is_public
from salesbot.errors import BadRequest
from salesbot.services import reset_services
from salesbot.standard_webhooks import new_secret
from tests.servers.telegram import serve_bot_api
from tests.servers.webhook_receiver import WebhookReceiver, serve_webhook_receiver, status
from tests.support.accounts import Company
from tests.support.billing import make_plan, put_on_plan
from tests.support.crm import (
    QUALIFYING,
    chat,
    deliveries,
    forget_integrations,  # noqa: F401 (autouse)
    make_everything_due,
    sweep,
)
from tests.support.postgres import as_client

ALL_EVENTS = list(WEBHOOK_EVENTS)



def connect(database, company: Company, url: str, events=ALL_EVENTS, allow_private: bool = True) -> dict:
    return manage.connect_webhook(database, company.users["admin"].claims, Config(allow_private_endpoints=allow_private),
                                  company.owner_id, "CRM bridge", url, events)


def verified(endpoint: dict, receiver: WebhookReceiver) -> list[dict]:
    """Every accepted request's payload, each checked by the reference verifier."""
    verifier = Webhook(endpoint["signing_secret"])
    return [verifier.verify(request.body, request.headers) for request in receiver.accepted()]


def test_a_lead_reaches_the_endpoint_signed_as_the_standard_describes(client, database, company, receiver, sql):
    endpoint = connect(database, company, receiver.url)
    assert endpoint["signing_secret"].startswith("whsec_")
    reply = chat(client, company, "anna", QUALIFYING)
    assert sweep(client)["delivered"] == 2

    payloads = verified(endpoint, receiver)
    assert [p["type"] for p in payloads] == ["lead.created", "lead.qualified"]
    lead = payloads[1]["data"]["lead"]
    assert lead["id"] == reply["lead"]["id"] and lead["phone"] == "+79123456789" and lead["location"] == "Казань"
    assert payloads[1]["data"]["customer"]["id"] == reply["customer_id"]
    first = receiver.accepted()[0]
    event_id = sql.execute("select id::text from public.crm_events where type = 'lead.created'"
                           " and data #>> '{lead,id}' = %s", (lead["id"],)).fetchone()[0]
    assert first.headers["webhook-id"] == event_id and first.headers["content-type"] == "application/json"


def test_a_signature_under_another_secret_or_a_changed_body_fails_the_reference_verifier(client, database, company,
                                                                                        receiver):
    endpoint = connect(database, company, receiver.url)
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    request = receiver.accepted()[0]
    with pytest.raises(WebhookVerificationError):
        Webhook(new_secret()).verify(request.body, request.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["signing_secret"]).verify(request.body.replace(b"+7912", b"+7999"), request.headers)


def test_events_are_written_with_their_change_and_only_when_an_integration_wants_them(client, database, company, sql):
    chat(client, company, "no-integration", QUALIFYING)
    assert sql.execute("select count(*) from public.crm_events where owner_id = %s", (company.owner_id,)).fetchone() == (0,)

    with serve_webhook_receiver() as server:
        connect(database, company, server.url, events=["lead.status_changed"])
        lead = chat(client, company, "anna", QUALIFYING)["lead"]
        assert sql.execute("select count(*) from public.crm_events where owner_id = %s",
                           (company.owner_id,)).fetchone() == (0,)
        # A change rolled back takes its event with it.
        with as_client(sql, company.users["manager"].claims) as conn:
            conn.execute("select public.change_lead_status(%s, 'contacted')", (lead["id"],))
        assert sql.execute("select count(*) from public.crm_events where owner_id = %s",
                           (company.owner_id,)).fetchone() == (0,)
        with as_client(sql, company.users["manager"].claims, commit=True) as conn:
            conn.execute("select public.change_lead_status(%s, 'contacted')", (lead["id"],))
        events = sql.execute("select type, data ->> 'previous_status', data #>> '{lead,status}' from public.crm_events"
                             " where owner_id = %s", (company.owner_id,)).fetchall()
        assert events == [("lead.status_changed", "new", "contacted")]


def test_lead_updated_says_what_changed_and_a_reply_that_changes_nothing_queues_nothing(client, database, company,
                                                                                       receiver, sql):
    endpoint = connect(database, company, receiver.url)
    chat(client, company, "anna", QUALIFYING)
    chat(client, company, "anna", "Спасибо")
    chat(client, company, "anna", "Пишите на anna@example.com")
    sweep(client)
    payloads = verified(endpoint, receiver)
    assert [p["type"] for p in payloads] == ["lead.created", "lead.qualified", "lead.updated"]
    assert payloads[2]["data"]["changed"] == ["email"] and payloads[2]["data"]["lead"]["email"] == "anna@example.com"


def test_a_webhook_gets_the_whatsapp_number_and_the_telegram_username_as_lead_fields(client, database, company,
                                                                                     receiver, sql):
    endpoint = connect(database, company, receiver.url, events=["lead.updated"])
    lead_id = chat(client, company, "anna", QUALIFYING)["lead"]["id"]
    database.rpc("update_lead", {"p_lead_id": lead_id, "p_fields": {"whatsapp": "+79031112233", "telegram": "@anna_p"}},
                 company.users["manager"].claims)
    sweep(client)
    [updated] = verified(endpoint, receiver)
    assert sorted(updated["data"]["changed"]) == ["telegram", "whatsapp"]
    lead = updated["data"]["lead"]
    assert (lead["phone"], lead["whatsapp"], lead["telegram"]) == ("+79123456789", "+79031112233", "@anna_p")


def test_a_handover_and_a_status_change_arrive_in_the_order_they_happened(client, database, company, receiver, sql):
    endpoint = connect(database, company, receiver.url)
    reply = chat(client, company, "anna", QUALIFYING)
    for step in ("contacted", "qualified", "won"):
        database.rpc("change_lead_status", {"p_lead_id": reply["lead"]["id"], "p_status": step},
                     company.users["manager"].claims)
    database.rpc("take_over_conversation", {"p_customer_id": reply["customer_id"]}, company.users["manager"].claims)
    sweep(client)
    payloads = verified(endpoint, receiver)
    assert [(p["type"], p["data"]["lead"]["status"]) for p in payloads] == [
        ("lead.created", "new"), ("lead.qualified", "new"), ("lead.status_changed", "contacted"),
        ("lead.status_changed", "qualified"), ("lead.status_changed", "won"), ("conversation.handed_over", "won")]


def test_message_created_is_sent_only_to_an_endpoint_that_asked_for_it(client, database, company, receiver, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql))  # room for two endpoints
    endpoint = connect(database, company, receiver.url, events=["message.created"])
    with serve_webhook_receiver() as other:
        connect(database, company, other.url)  # the default events
        chat(client, company, "anna", "Здравствуйте")
        sweep(client)
        assert [json.loads(r.body)["type"] for r in other.accepted()] == []
    payloads = verified(endpoint, receiver)
    assert [(p["type"], p["data"]["message"]["role"]) for p in payloads] == [
        ("message.created", "customer"), ("message.created", "bot")]


def test_a_down_endpoint_is_retried_with_backoff_and_then_gets_everything_in_order(client, database, company,
                                                                                  receiver, sql):
    endpoint = connect(database, company, receiver.url)
    receiver.down = True
    lead = chat(client, company, "anna", QUALIFYING)["lead"]
    chat(client, company, "boris", "Ищу студию, boris@example.com")
    outcome = sweep(client)
    assert outcome["delivered"] == 0 and outcome["failed"] >= 1
    queued = deliveries(sql, endpoint["id"])
    assert len(receiver.received) == 1  # one failure stops the turn: a down endpoint is not hammered
    assert queued[0]["last_error"] == "the endpoint answered 503"
    assert timedelta(seconds=20) < queued[0]["due_in"] <= timedelta(seconds=30)

    make_everything_due(sql, endpoint["id"])
    sweep(client)
    assert deliveries(sql, endpoint["id"])[0]["attempts"] == 2
    assert timedelta(seconds=50) < deliveries(sql, endpoint["id"])[0]["due_in"] <= timedelta(seconds=60)

    receiver.down = False
    database.rpc("change_lead_status", {"p_lead_id": lead["id"], "p_status": "contacted"}, company.users["manager"].claims)
    make_everything_due(sql, endpoint["id"])
    sweep(client)
    payloads = verified(endpoint, receiver)
    annas = [p["type"] for p in payloads if (p["data"].get("lead") or {}).get("id") == lead["id"]]
    assert annas == ["lead.created", "lead.qualified", "lead.status_changed"]
    assert all(d["delivered"] for d in deliveries(sql, endpoint["id"]))


def test_a_delivery_that_failed_for_days_waits_an_hour_and_the_sweep_goes_on(client, database, company, receiver, sql):
    endpoint = connect(database, company, receiver.url)
    receiver.down = True
    chat(client, company, "anna", QUALIFYING)
    # From the 48th attempt the doubled backoff overflowed an interval and stopped every sweep.
    sql.execute("update public.crm_deliveries set attempts = 1000, next_attempt_at = now() where integration_id = %s",
                (endpoint["id"],))
    outcome = sweep(client)
    assert outcome["delivered"] == 0 and outcome["failed"] >= 1
    assert timedelta(minutes=59) < deliveries(sql, endpoint["id"])[0]["due_in"] <= timedelta(hours=1)


def test_a_failing_endpoint_does_not_hold_up_the_others(client, database, company, other_company, receiver, sql):
    failing = connect(database, company, receiver.url)
    receiver.down = True
    with serve_webhook_receiver() as healthy_server:
        healthy = connect(database, other_company, healthy_server.url)
        for n in range(3):
            chat(client, company, f"anna{n}", QUALIFYING)
            chat(client, other_company, f"boris{n}", QUALIFYING)
        sweep(client)
        assert len(receiver.received) == 1
        assert len(verified(healthy, healthy_server)) == 6
    assert all(d["delivered"] for d in deliveries(sql, healthy["id"]))
    assert not any(d["delivered"] for d in deliveries(sql, failing["id"]))


def test_a_failing_endpoint_is_probed_once_a_minute_and_its_backlog_follows_the_first_success(client, database,
                                                                                             company, receiver, sql):
    endpoint = connect(database, company, receiver.url)
    receiver.down = True
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    sweep(client)  # within the minute: not probed again
    assert len(receiver.received) == 1
    receiver.down = False
    sql.execute("update public.crm_deliveries set last_attempt_at = now() - interval '61 seconds'"
                " where integration_id = %s and last_attempt_at is not null", (endpoint["id"],))
    sweep(client)  # the probe gets through; what was waiting out its backoff goes at once
    assert all(d["delivered"] for d in deliveries(sql, endpoint["id"]))


def test_after_24_hours_a_delivery_is_set_aside_with_its_reason_and_can_be_queued_again(client, database, company,
                                                                                       receiver, sql):
    endpoint = connect(database, company, receiver.url, events=["lead.qualified", "lead.status_changed"])
    receiver.then(status(500))
    lead = chat(client, company, "anna", QUALIFYING)["lead"]
    sweep(client)
    sql.execute("update public.crm_deliveries set give_up_at = now() - interval '1 second', next_attempt_at = now()"
                " where integration_id = %s", (endpoint["id"],))
    receiver.then(status(502))
    sweep(client)
    dead = deliveries(sql, endpoint["id"])[0]
    assert dead["dead"] and dead["last_error"] == "gave up after 24 hours of retries: the endpoint answered 502"

    # A dead delivery no longer holds its conversation up.
    database.rpc("change_lead_status", {"p_lead_id": lead["id"], "p_status": "contacted"}, company.users["manager"].claims)
    sweep(client)
    assert [p["type"] for p in verified(endpoint, receiver)] == ["lead.status_changed"]

    log = database.rpc("crm_delivery_log", {"p_owner_id": str(company.owner_id), "p_state": "dead"},
                       company.users["viewer"].claims)
    assert [(entry["id"], entry["event_type"]) for entry in log] == [(dead["id"], "lead.qualified")]
    database.rpc("retry_crm_delivery", {"p_owner_id": str(company.owner_id), "p_delivery_id": dead["id"]},
                 company.users["admin"].claims)
    sweep(client)
    assert [p["type"] for p in verified(endpoint, receiver)] == ["lead.status_changed", "lead.qualified"]


@pytest.mark.parametrize("answer,expected", [
    (status(307, {"Location": "http://127.0.0.1:9/elsewhere"}), "the endpoint answered 307 (redirects are not followed)"),
    (status(429, {"Retry-After": "120"}), "the endpoint answered 429"),
])
def test_redirects_are_not_followed_and_retry_after_is_honoured(client, database, company, receiver, sql, answer,
                                                                 expected):
    endpoint = connect(database, company, receiver.url, events=["lead.qualified"])
    receiver.then(answer)
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    [queued] = deliveries(sql, endpoint["id"])
    assert queued["last_error"] == expected and not queued["dead"] and len(receiver.received) == 1
    if answer[0] == 429:
        assert timedelta(seconds=110) < queued["due_in"] <= timedelta(seconds=120)


def test_a_test_event_is_delivered_whatever_the_endpoint_subscribes_to(client, database, company, receiver):
    endpoint = connect(database, company, receiver.url, events=["lead.status_changed"])
    queued = database.rpc("send_test_event", {"p_owner_id": str(company.owner_id), "p_integration_id": endpoint["id"]},
                          company.users["admin"].claims)
    sweep(client)
    [payload] = verified(endpoint, receiver)
    assert payload["type"] == "integration.test" and payload["data"]["integration"]["id"] == endpoint["id"]
    [entry] = database.rpc("crm_delivery_log", {"p_owner_id": str(company.owner_id)}, company.users["viewer"].claims)
    assert entry["id"] == queued["delivery_id"] and entry["state"] == "delivered"
    assert entry["outcome"] == "the endpoint answered 204"


def test_a_rotated_secret_signs_from_then_on(client, database, company, receiver):
    endpoint = connect(database, company, receiver.url, events=["lead.created"])
    rotated = manage.rotate_webhook_secret(database, company.users["admin"].claims, company.owner_id, endpoint["id"])
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    request = receiver.accepted()[0]
    assert Webhook(rotated["signing_secret"]).verify(request.body, request.headers)["type"] == "lead.created"
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint["signing_secret"]).verify(request.body, request.headers)


# === Where we refuse to send =====================================================================

@pytest.mark.parametrize("address,public", [
    ("8.8.8.8", True), ("2606:4700:4700::1111", True),
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.100.100.200", False), ("0.0.0.0", False), ("224.0.0.1", False),  # noqa: S104 - refused, never bound
    ("::1", False), ("fe80::1", False), ("fd00:ec2::254", False), ("::ffff:127.0.0.1", False),
    ("::ffff:169.254.169.254", False), ("64:ff9b::a9fe:a9fe", False), ("2002:7f00:1::", False),
])
def test_only_public_addresses_count_as_public(address, public):
    assert is_public(address) is public


def test_a_requests_body_goes_out_behind_its_headers_without_waiting_for_their_ack():
    """http.client writes the headers, then the body: with Nagle's algorithm on, the body would wait
    for the headers' ACK, which the receiver delays (40 ms on Linux) on every call."""
    with serve_bot_api() as bot_api, Session(allow_private=True) as session:  # it keeps the connection open
        assert session.request("POST", f"{bot_api.url}/bot1:token/getMe", body=b"{}", repeatable=True).status == 200
        (connection,) = session._connections.values()
        assert connection.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.fixture
def production(client, monkeypatch):
    """The deployed default: no override, so only https on public addresses is called."""
    monkeypatch.setenv("SALESBOT_CRON_SECRET", "cron-secret-for-the-crm-tests-0123456789")
    monkeypatch.delenv("SALESBOT_ALLOW_PRIVATE_ENDPOINTS", raising=False)
    reset_services()
    yield
    reset_services()


def test_an_endpoint_on_a_private_ip_literal_is_refused_when_connected(database, company):
    with pytest.raises(BadRequest, match="public address"):
        connect(database, company, "https://169.254.169.254/latest/meta-data", allow_private=False)


def test_a_webhook_changed_to_a_private_address_is_refused_as_a_new_one_is(database, company, sql):
    production, claims = Config(), company.users["admin"].claims
    endpoint = connect(database, company, "https://crm.acme.example/hook", allow_private=False)  # not resolving yet
    for url in ("https://10.0.0.7/hook", "https://[::ffff:169.254.169.254]/", "https://localhost/hook"):
        with pytest.raises(BadRequest, match=r"^url: the endpoint must be on a public address$"):
            manage.change_integration(database, claims, production, company.owner_id, endpoint["id"], url=url)
    with pytest.raises(BadRequest, match=r"^url: the endpoint must be a valid https URL$"):
        manage.change_integration(database, claims, production, company.owner_id, endpoint["id"],
                                  url="http://127.0.0.1/hook")  # what the database lets through for development
    assert sql.execute("select url from public.integrations where id = %s", (endpoint["id"],)).fetchone() == (
        "https://crm.acme.example/hook",)
    changed = manage.change_integration(database, claims, production, company.owner_id, endpoint["id"],
                                        url="https://hooks.acme.example/salesbot")
    assert changed["url"] == "https://hooks.acme.example/salesbot"


@pytest.mark.parametrize("url,reason", [
    ("http://127.0.0.1:{port}/hooks/salesbot", "only https endpoints are called"),
    ("https://localhost:{port}/hooks/salesbot", "localhost resolves to"),
])
def test_in_production_private_and_plain_http_endpoints_are_refused_at_connect_time(client, database, company, sql,
                                                                                   production, url, reason):
    with serve_webhook_receiver() as server:
        port = server.url.split(":")[2].split("/")[0]
        endpoint = connect(database, company, url.format(port=port), events=["lead.qualified"])
        chat(client, company, "anna", QUALIFYING)
        sweep(client)
        assert server.received == []
    [refused] = deliveries(sql, endpoint["id"])
    assert refused["dead"] and reason in refused["last_error"]


def test_a_name_that_resolves_to_any_private_address_is_refused_before_connecting(client, database, company, sql,
                                                                                 production, monkeypatch):
    # The resolver is the outside world here: a rebinding name answers a public and a private address.
    real = socket.getaddrinfo

    def resolve(host, *args, **kwargs):
        if host == "hooks.rebind.test":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443)),
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 443))]
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    endpoint = connect(database, company, "https://hooks.rebind.test/salesbot", events=["lead.qualified"])
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    [refused] = deliveries(sql, endpoint["id"])
    assert refused["dead"] and refused["last_error"] == "hooks.rebind.test resolves to 127.0.0.1, which is not a public address"


def test_members_read_the_log_but_never_the_secret(client, database, company, other_company, receiver, sql):
    endpoint = connect(database, company, receiver.url)
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    for role in ("viewer", "manager", "admin", "owner"):
        with pytest.raises(psycopg.errors.InsufficientPrivilege), as_client(sql, company.users[role].claims) as conn:
            conn.execute("select credentials from public.integration_secrets")
    listed = database.rpc("list_integrations", {"p_owner_id": str(company.owner_id)}, company.users["viewer"].claims)
    assert [item["id"] for item in listed] == [endpoint["id"]] and "signing_secret" not in json.dumps(listed)
    with as_client(sql, other_company.users["owner"].claims) as conn:
        assert conn.execute("select count(*) from public.crm_deliveries").fetchone() == (0,)
        assert conn.execute("select count(*) from public.crm_events").fetchone() == (0,)
