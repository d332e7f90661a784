"""The HTTP entry points (functions-framework targets): parse the request, call the logic, answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import flask
import functions_framework

from salesbot import pipeline
from salesbot.api import ChatRequest, ExtractLeadsRequest
from salesbot.auth import bearer_token
from salesbot.http import endpoint, parse_body, parse_query
from salesbot.services import Services, get_services


def _user(request: flask.Request) -> tuple[Services, dict[str, Any]]:
    services = get_services()
    return services, services.verifier.verify(bearer_token(request.headers))


@functions_framework.http
@endpoint("POST")
def chat(request: flask.Request) -> dict[str, Any]:
    """A company user's test chat (manager and above): a customer message in, the reply out."""
    services, claims = _user(request)
    body = parse_body(request, ChatRequest)
    outcome = pipeline.handle_message(
        services.database,
        services.brain,
        claims,
        pipeline.IncomingMessage(customer=body.customer, text=body.text, name=body.name),
    )
    return {
        "reply": outcome.reply,
        "customer_id": outcome.customer_id,
        "lead": outcome.lead,
        "handed_over": outcome.handed_over,
    }


@functions_framework.http
@endpoint("POST")
def extract_leads(request: flask.Request) -> dict[str, Any]:
    """Rebuilds a conversation's lead from everything the customer wrote (admin and above)."""
    from salesbot import extraction  # the offline engine's parsers load only where they are needed

    services, claims = _user(request)
    body = parse_body(request, ExtractLeadsRequest)
    lead = extraction.rebuild_lead(services.database, claims, body.customer_id)
    return {"customer_id": body.customer_id, "lead": lead}


@functions_framework.http
@endpoint("GET")
def leads_export(request: flask.Request) -> flask.Response:
    """The company's leads as CSV (viewer and above), with the dashboard's filters."""
    from salesbot import export

    services, claims = _user(request)
    filters = parse_query(request, export.ExportFilters)
    chunks = export.leads_csv(services.database, claims, filters)
    first = next(chunks)  # fail before the 200 is sent, not in the middle of the stream
    return flask.Response(
        flask.stream_with_context(_chain(first, chunks)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="leads.csv"'},
    )


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest
