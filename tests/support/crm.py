"""What the integration tests share: the environment of a deployment that calls local servers (served
by the fixtures of tests/support/crm_servers.py), leads made through the real chat, and the outbox
sweep as the scheduler calls it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.support.accounts import Company

CRON_SECRET = "cron-secret-for-the-crm-tests-0123456789"
SWEEPER = {"Authorization": f"Bearer {CRON_SECRET}"}
PUBLIC_URL = "https://functions.example.test"  # where amoCRM sends admins back (PUBLIC_URL/crm_oauth)
QUALIFYING = "Меня зовут Анна, ищу двушку в Казани до 9 млн, мой телефон +7 912 345-67-89"


def deployment(monkeypatch: pytest.MonkeyPatch, **env: str) -> None:
    """A deployment whose integrations live on this machine (the documented local override)."""
    monkeypatch.setenv("SALESBOT_ALLOW_PRIVATE_ENDPOINTS", "1")
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    reset_services()


@pytest.fixture(autouse=True)
def forget_integrations(sql: psycopg.Connection) -> Iterator[None]:
    """After each test of a module that imports this: its integrations point at servers that are gone
    (and whose ports another test's server may get), so no later sweep may deliver to them."""
    yield
    sql.execute("delete from public.integrations")


def auth(company: Company, role: str = "admin") -> dict[str, str]:
    return {"Authorization": f"Bearer {company.users[role].token(JWT_SECRET)}"}


def chat(client, company: Company, customer: str, text: str) -> dict[str, Any]:
    response = client.post("/chat", json={"customer": customer, "text": text}, headers=auth(company, "manager"))
    assert response.status_code == 200, response.json
    return response.json


def sweep(client) -> dict[str, Any]:
    """One run of the outbox sweep, as the scheduler calls it."""
    response = client.post("/deliver_outbox", headers=SWEEPER)
    assert response.status_code == 200, response.json
    return response.json["integrations"]


def deliveries(sql: psycopg.Connection, integration_id: str) -> list[dict[str, Any]]:
    rows = sql.execute(
        "select d.id, e.type, d.attempts, d.last_error, d.outcome, d.delivered_at is not null, d.dead_at is not null,"
        " d.next_attempt_at - now(), e.data from public.crm_deliveries d join public.crm_events e on e.id = d.event_id"
        " where d.integration_id = %s order by d.id", (integration_id,)).fetchall()
    keys = ("id", "type", "attempts", "last_error", "outcome", "delivered", "dead", "due_in", "data")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def make_everything_due(sql: psycopg.Connection, integration_id: str) -> None:
    """As if the backoff had passed."""
    sql.execute("update public.crm_deliveries set next_attempt_at = now() where integration_id = %s"
                " and delivered_at is null and dead_at is null", (integration_id,))
