"""Schemathesis over functions/openapi.yaml against the real app: generated valid and invalid
requests, with an admin's or a manager's token, a forged or an expired one, and none, must never get
a 500 or an answer that breaks the schema. (Driven through schemathesis's Python API: its pytest plugin
predates pytest 9.)"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance
from schemathesis.specs.openapi.schemas import OpenApiSchema

from salesbot.local import tokens
from tests.conftest import JWT_SECRET
from tests.servers import stripe
from tests.servers.stripe import serve_stripe
from tests.servers.telegram import serve_bot_api

SPEC = Path(__file__).resolve().parents[1] / "functions" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def operations(schema: OpenApiSchema) -> list[APIOperation]:
    """Every operation the document describes; one it describes wrongly fails here, by name."""
    found = []
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            raise result.err()
        found.append(result.ok())
    return found


OPERATIONS = operations(schemathesis.openapi.from_path(SPEC))


@pytest.fixture
def schema(wsgi_app, app_env, monkeypatch):
    from salesbot.services import reset_services

    with serve_bot_api() as bot_api, serve_stripe() as stripe_api:  # generated bot tokens reach a Bot API
        monkeypatch.setenv("TELEGRAM_API_BASE", bot_api.url)
        monkeypatch.setenv("PUBLIC_URL", "https://functions.example.test")  # a configured deployment
        monkeypatch.setenv("SALESBOT_CRON_SECRET", "cron-secret-for-the-schema-test")
        for key, value in {"STRIPE_SECRET_KEY": stripe.API_KEY, "STRIPE_WEBHOOK_SECRET": stripe.WEBHOOK_SECRET,
                           "STRIPE_API_BASE": stripe_api.url,
                           "SALESBOT_BILLING_RETURN_URL": "https://console.example.test/billing"}.items():
            monkeypatch.setenv(key, value)
        reset_services()
        loaded = schemathesis.openapi.from_path(SPEC)
        loaded.app = wsgi_app
        yield {operation.label: operation for operation in operations(loaded)}
    reset_services()


def bearer(company, token: str) -> dict[str, str]:
    """The Authorization header of one kind of caller."""
    manager = company.users["manager"]
    if token in ("admin", "manager"):
        return {"Authorization": f"Bearer {company.users[token].token(JWT_SECRET)}"}
    if token == "forged":  # well formed, signed with another secret
        return {"Authorization": f"Bearer {tokens.sign(manager.claims, 'another-secret-' + 'x' * 40)}"}
    if token == "expired":
        return {"Authorization": f"Bearer {tokens.sign({**manager.claims, 'exp': int(time.time()) - 3600}, JWT_SECRET)}"}
    return {}


@pytest.mark.parametrize("label", [operation.label for operation in OPERATIONS])
@pytest.mark.parametrize("token", ["admin", "manager", "forged", "expired", "none"])
def test_no_request_gets_a_500_or_an_answer_outside_the_schema(schema, company, label, token):
    headers = bearer(company, token)

    @given(case=schema[label].as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
