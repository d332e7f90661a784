"""Schemathesis over functions/openapi.yaml against the real app: generated valid and invalid
requests, with a manager's token and without, must never get a 500 or an answer that breaks the
schema. (Driven through schemathesis's Python API: its pytest plugin predates pytest 9.)"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.conftest import JWT_SECRET

SPEC = Path(__file__).resolve().parents[1] / "functions" / "openapi.yaml"
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
OPERATIONS = [result.ok() for result in schemathesis.openapi.from_path(SPEC).get_all_operations()]


@pytest.fixture
def schema(wsgi_app, app_env, monkeypatch):
    from salesbot.services import reset_services

    monkeypatch.setenv("PUBLIC_URL", "https://functions.example.test")  # a configured deployment
    monkeypatch.setenv("SALESBOT_CRON_SECRET", "cron-secret-for-the-schema-test")
    reset_services()
    loaded = schemathesis.openapi.from_path(SPEC)
    loaded.app = wsgi_app
    return {operation.label: operation for operation in (result.ok() for result in loaded.get_all_operations())}


@pytest.mark.parametrize("label", [operation.label for operation in OPERATIONS])
@pytest.mark.parametrize("authenticated", [True, False], ids=["with a token", "without"])
def test_no_request_gets_a_500_or_an_answer_outside_the_schema(schema, company, label, authenticated):
    headers = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"} if authenticated else {}

    @given(case=schema[label].as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
