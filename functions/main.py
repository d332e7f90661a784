"""The HTTP entry points (functions-framework targets): parse the request, call the logic, answer.

Each target is deployed as a function of its own, so each imports its logic when first called:
a process started for the Telegram webhook never loads what only the test chat or the export
needs, and a request turned away at the door loads nothing behind it.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from uuid import UUID

import flask
import functions_framework

from salesbot.errors import Unauthorized
from salesbot.http import (
    MAX_DOCUMENT_BYTES,
    acting_company,
    bearer_token,
    endpoint,
    json_response,
    parse_body,
    parse_query,
    read_body,
    request_key,
    require_json,
)

if TYPE_CHECKING:
    from salesbot.services import Services

# We use no pydantic plugin, and looking for one reads the metadata of every installed distribution
# when the first model is built: 5-6 ms of a cold start's CPU among the test environment's 103, paid
# by every first request that validates anything. A deployment that installs one (logfire, say) sets
# PYDANTIC_DISABLE_PLUGINS to "" to have it loaded.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# Every HTTP target, by the name it is deployed under (`--entry-point`, `--target`); the local
# server mounts each at `/<name>`.
TARGETS = ("chat", "extract_leads", "leads_export", "channels", "settings", "telegram", "webhook", "deliver_outbox",
           "reply", "crm_oauth", "console", "billing", "billing_webhook")


def _user(request: flask.Request) -> tuple[Services, dict[str, Any], UUID | None]:
    """The services, the caller's verified claims, and the company they act for (X-Salesbot-Company)."""
    token = bearer_token(request.headers)  # a request without one loads nothing behind the door
    from salesbot.services import get_services

    services = get_services()
    return services, services.verifier.verify(token), acting_company(request.headers)


@functions_framework.http
@endpoint("POST")
def chat(request: flask.Request) -> dict[str, Any]:
    """A company user's test chat (manager and above): a customer message in, the reply out."""
    services, claims, company = _user(request)
    from salesbot import pipeline
    from salesbot.api import ChatRequest

    body = parse_body(request, ChatRequest)
    outcome = pipeline.handle_message(
        services.database,
        services.brain,
        claims,
        pipeline.IncomingMessage(customer=body.customer, text=body.text, name=body.name, owner_id=company,
                                 update_key=request_key(request.headers, "Idempotency-Key")),
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
    services, claims, company = _user(request)
    from salesbot import lead_rebuild
    from salesbot.api import ExtractLeadsRequest

    body = parse_body(request, ExtractLeadsRequest)
    lead = lead_rebuild.rebuild_lead(services.database, claims, body.customer_id, company)
    return {"customer_id": body.customer_id, "lead": lead}


@functions_framework.http
@endpoint("GET")
def leads_export(request: flask.Request) -> flask.Response:
    """The company's leads as CSV (viewer and above), with the dashboard's filters."""
    services, claims, company = _user(request)
    from salesbot import export

    filters = parse_query(request, export.ExportFilters)
    chunks = export.leads_csv(services.database, claims, filters, company)
    first = next(chunks)  # fail before the 200 is sent, not in the middle of the stream
    return flask.Response(
        flask.stream_with_context(_chain(first, chunks)),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="leads.csv"'},
    )


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


@functions_framework.http
@endpoint("POST")
def channels(request: flask.Request) -> dict[str, Any]:
    """Connects a Telegram bot or creates a web widget channel (admin and above)."""
    services, claims, company = _user(request)
    from salesbot.api import ChannelRequest
    from salesbot.channels import connect

    body = parse_body(request, ChannelRequest)
    return connect.connect(services.database, claims, services.config, body.kind, body.name, body.bot_token,
                           owner_id=company)


@functions_framework.http
@endpoint("GET", "PUT", max_body=MAX_DOCUMENT_BYTES)
def settings(request: flask.Request) -> flask.Response:
    """The company's bot settings document: GET (viewer and above), PUT (admin and above), with an
    ETag to send back as If-Match, so concurrent edits are caught (412)."""
    services, claims, company = _user(request)
    from salesbot.settings import service

    if request.method == "GET":
        stored = service.read(services.database, claims, company)
    else:
        require_json(request)
        document = service.parse_body(read_body(request, MAX_DOCUMENT_BYTES))
        stored = service.replace(services.database, claims, document, request.headers.get("If-Match"), company)
    return json_response(stored.document, headers={"ETag": stored.etag})


@functions_framework.http
@endpoint("POST")
def telegram(request: flask.Request) -> dict[str, Any]:
    """Telegram's webhook for one company's bot: `?channel=<id>`, checked by its secret token."""
    channel_id = _channel_id(request)
    from salesbot.channels import telegram as telegram_channel
    from salesbot.services import get_services

    services = get_services()
    # The secret before the body: a caller without it never gets a byte of its body read.
    credentials = telegram_channel.authenticate(services, channel_id, request.headers)
    return telegram_channel.handle_update(services, credentials, read_body(request))


@functions_framework.http
@endpoint("POST")
def webhook(request: flask.Request) -> dict[str, Any]:
    """The web widget's webhook: `?channel=<id>`, signed by the site's relay as Standard Webhooks sign."""
    channel_id = _channel_id(request)
    from salesbot.channels import widget
    from salesbot.services import get_services

    services = get_services()
    # Headers first (present, fresh, the channel's): a stale or unsigned request is refused unread.
    signed = widget.authenticate(services, channel_id, request.headers)
    return widget.handle_message(services, signed, read_body(request))


@functions_framework.http
@endpoint("POST")
def deliver_outbox(request: flask.Request) -> dict[str, Any]:
    """The outbox sweep, for a scheduler every few seconds to a minute: reminders for customers kept
    waiting, undelivered Telegram messages, and integration events."""
    from salesbot import outbox
    from salesbot.channels import delivery
    from salesbot.services import get_services

    services = get_services()
    delivery.check_sweep_secret(services.config, request.headers.get("Authorization"))
    return outbox.sweep(services.database, services.config)


@functions_framework.http
@endpoint("GET")
def crm_oauth(request: flask.Request) -> dict[str, Any] | flask.Response:
    """Where amoCRM sends an admin back with an authorization code: the account is connected, and a
    browser goes on to the integration's page in the console."""
    from salesbot.crm import manage
    from salesbot.services import get_services

    callback = parse_query(request, manage.OAuthCallback)
    services = get_services()
    connected = manage.complete_amocrm(services.database, services.config, callback)
    public_url = services.config.public_url
    if public_url and request.accept_mimetypes.best_match(["application/json", "text/html"]) == "text/html":
        return flask.Response(status=303, headers={
            "Location": f"{public_url.rstrip('/')}/console/integrations/{connected['id']}"})
    return connected


@functions_framework.http
@endpoint("POST")
def reply(request: flask.Request) -> dict[str, Any]:
    """A manager's answer to a customer, on the customer's own channel (manager and above)."""
    services, claims, company = _user(request)
    from salesbot.api import ReplyRequest
    from salesbot.replies import reply_to_customer

    body = parse_body(request, ReplyRequest)
    return reply_to_customer(services.database, services.config, claims, body.customer_id, body.text,
                             request_key(request.headers, "Idempotency-Key"), owner_id=company)


@functions_framework.http
@endpoint("POST")
def billing(request: flask.Request) -> dict[str, Any]:
    """The owner's way to pay: a checkout for a plan, or the payment provider's customer portal."""
    services, claims, company = _user(request)
    from salesbot.api import BillingSessionRequest
    from salesbot.billing import sessions

    body = parse_body(request, BillingSessionRequest)
    key = request_key(request.headers, "Idempotency-Key")
    if body.plan_id is None:  # the portal: the model takes a plan for a checkout only
        return sessions.open_portal(services, claims, company, key)
    return sessions.open_checkout(services, claims, company, body.plan_id, key)


@functions_framework.http
@endpoint("POST")
def billing_webhook(request: flask.Request) -> dict[str, Any]:
    """A payment provider's webhook (`?provider=stripe`), checked by the provider's own signature."""
    from salesbot.billing.webhooks import handle_webhook
    from salesbot.services import get_services

    return handle_webhook(get_services(), request.args.get("provider", ""), request.headers, read_body(request))


def _channel_id(request: flask.Request) -> UUID:
    try:
        return UUID(request.args.get("channel", ""))
    except ValueError:
        # Answered like a wrong secret: a caller without the secret learns nothing about our channels.
        raise Unauthorized("unknown channel or wrong credentials") from None


@functions_framework.http
def console(request: flask.Request) -> flask.Response:
    """The web console for the company's people: HTML pages, signed in with cookies (see salesbot.console)."""
    from salesbot.console.app import handle

    return handle(request)


def _collect_again(*_: Any, **__: Any) -> None:
    """Once the first request is over: what it imported lives as long as the process too, so it is
    frozen like the rest before the collector runs again."""
    flask.request_tearing_down.disconnect(_collect_again)
    gc.freeze()
    gc.enable()


# Everything imported so far lives as long as the process. The host imports this module once and
# (gunicorn) forks the worker right after: frozen, those objects stay out of every later collection,
# so the first request's lazy imports do not pay for full collections that walk them all again
# (about 20 ms of a cold start), and the worker keeps sharing their pages with its parent. The first
# request's imports (pydantic, psycopg, the pipeline) then allocate a few hundred thousand objects
# that live as long: collecting while they pile up ran about 150 collections that freed under a
# thousand (5-7% of a first reply's CPU), so the collector waits until that request is over. The host
# that forked the worker (gunicorn's master) serves no request: it collects again at the fork.
gc.freeze()
gc.disable()
flask.request_tearing_down.connect(_collect_again)
os.register_at_fork(after_in_parent=gc.enable)
