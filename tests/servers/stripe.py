"""The parts of Stripe's API that Salesbot calls, on a local port, and Stripe's webhooks as Stripe
builds and signs them.

The API: `POST /v1/customers`, `/v1/checkout/sessions` and `/v1/billing_portal/sessions`, as Stripe
documents them: a secret key as `Authorization: Bearer`, form-encoded bodies with nested keys
(`line_items[0][price]`, `metadata[owner_id]`), the `Stripe-Version` header, errors as
`{"error": {"type", "code", "param", "message"}}`, and idempotency keys: the first result of a key is
kept and replayed (`Idempotent-Replayed: true`), and the same key with other parameters is an
`idempotency_error`. `drop_next` makes the server carry out a request and then cut the connection
before answering, as a network failure would: the client retries with the same key and must get the
same object, not a second one. Every request is recorded.

The webhooks: `event` wraps an object in a snapshot event of the API version the package pins, and
`signature` signs a payload as Stripe does (`t=<unix>,v1=<hex HMAC-SHA256 of "t.payload">`), written
here from Stripe's documentation rather than taken from the package under test.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from tests.servers.base import JsonHandler, serve_http

API_KEY = "sk_test_" + "5" * 24
WEBHOOK_SECRET = "whsec_" + "w" * 32
API_VERSION = "2026-10-28.endive"  # what stripe==16.1.0 pins; its events have this shape


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # lower-cased names
    body: str  # as sent: form-encoded
    params: dict[str, Any]  # the body's nested keys decoded


@dataclass
class StripeServer:
    url: str = ""
    prices: set[str] = field(default_factory=set)  # the price ids that exist
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    sessions: dict[str, dict[str, Any]] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    drop_next: set[str] = field(default_factory=set)  # paths whose next request is done but not answered
    idempotent: dict[str, tuple[str, dict[str, Any], int, dict[str, Any]]] = field(default_factory=dict)

    def calls(self, path: str) -> list[Request]:
        return [r for r in self.requests if r.path == path]


def decode_form(body: str) -> dict[str, Any]:
    """Stripe's form encoding back into objects: `a[b][0][c]=v` is {"a": {"b": [{"c": "v"}]}}."""
    root: dict[str, Any] = {}
    for key, value in parse_qsl(body, keep_blank_values=True, strict_parsing=bool(body)):
        parts = re.findall(r"[^\[\]]+", key)
        node: Any = root
        for part, following in itertools.pairwise(parts):
            container: Any = [] if following.isdigit() else {}
            if isinstance(node, list):
                index = int(part)
                while len(node) <= index:
                    node.append(None)
                node[index] = node[index] if node[index] is not None else container
                node = node[index]
            else:
                node = node.setdefault(part, container)
        last = parts[-1]
        if isinstance(node, list):
            index = int(last)
            while len(node) <= index:
                node.append(None)
            node[index] = value
        else:
            node[last] = value
    return root


class StripeError(Exception):
    def __init__(self, status: int, kind: str, message: str, code: str | None = None, param: str | None = None):
        super().__init__(message)
        self.status = status
        self.body = {"error": {"type": kind, "message": message, **({"code": code} if code else {}),
                               **({"param": param} if param else {})}}


def _missing(param: str) -> StripeError:
    return StripeError(400, "invalid_request_error", f"Missing required param: {param}.", "parameter_missing", param)


def _no_such(kind: str, value: str, param: str) -> StripeError:
    return StripeError(400, "invalid_request_error", f"No such {kind}: '{value}'", "resource_missing", param)


@contextmanager
def serve_stripe(prices: set[str] | None = None) -> Iterator[StripeServer]:
    state = StripeServer(prices=set(prices or ()))
    lock = threading.Lock()
    numbers = itertools.count(1)

    def new_id(prefix: str) -> str:
        return f"{prefix}_test_{next(numbers):06d}{int(time.time() * 1000) % 10**6:06d}"

    def create(path: str, params: dict[str, Any]) -> dict[str, Any]:
        if path == "/v1/customers":
            customer = {"id": new_id("cus"), "object": "customer", "created": int(time.time()), "livemode": False,
                        "name": params.get("name"), "email": params.get("email"), "metadata": params.get("metadata", {})}
            state.customers[customer["id"]] = customer
            return customer
        if path == "/v1/checkout/sessions":
            for required in ("mode", "success_url"):
                if required not in params:
                    raise _missing(required)
            if params["mode"] not in ("payment", "setup", "subscription"):
                raise StripeError(400, "invalid_request_error", "Invalid mode", "parameter_invalid_string", "mode")
            items = params.get("line_items") or []
            if params["mode"] == "subscription" and not items:
                raise _missing("line_items")
            for n, item in enumerate(items):
                if item.get("price") not in state.prices:
                    raise _no_such("price", str(item.get("price")), f"line_items[{n}][price]")
            if "customer" in params and params["customer"] not in state.customers:
                raise _no_such("customer", params["customer"], "customer")
            session_id = new_id("cs")
            session = {"id": session_id, "object": "checkout.session", "livemode": False, "mode": params["mode"],
                       "status": "open", "payment_status": "unpaid", "customer": params.get("customer"),
                       "client_reference_id": params.get("client_reference_id"),
                       "metadata": params.get("metadata", {}), "subscription": None,
                       "success_url": params["success_url"], "cancel_url": params.get("cancel_url"),
                       "url": f"https://checkout.stripe.com/c/pay/{session_id}", "created": int(time.time())}
            state.sessions[session_id] = {**session, "line_items": items,
                                          "subscription_data": params.get("subscription_data", {})}
            return session
        if path == "/v1/billing_portal/sessions":
            if "customer" not in params:
                raise _missing("customer")
            if params["customer"] not in state.customers:
                raise _no_such("customer", params["customer"], "customer")
            session_id = new_id("bps")
            return {"id": session_id, "object": "billing_portal.session", "livemode": False,
                    "customer": params["customer"], "return_url": params.get("return_url"),
                    "url": f"https://billing.stripe.com/p/session/{session_id}", "created": int(time.time())}
        raise StripeError(404, "invalid_request_error", f"Unrecognized request URL (POST: {path}).")

    class Handler(JsonHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
            headers = {name.lower(): value for name, value in self.headers.items()}
            try:
                params = decode_form(raw)
            except ValueError:
                params = {}
            with lock:
                state.requests.append(Request("POST", self.path, headers, raw, params))
            status, body, replayed = self.answer(headers, raw, params)
            with lock:
                dropped = self.path in state.drop_next
                state.drop_next.discard(self.path)
            if dropped:  # done, and the answer lost on the way back
                self.close_connection = True
                self.connection.close()
                return
            self.send_json(status, body, {"Idempotent-Replayed": "true"} if replayed else None)

        def answer(self, headers: dict[str, str], raw: str, params: dict[str, Any]) -> tuple[int, dict[str, Any], bool]:
            if headers.get("authorization") != f"Bearer {API_KEY}":
                return 401, {"error": {"type": "invalid_request_error",
                                       "message": "Invalid API Key provided: sk_test_****"}}, False
            if headers.get("content-type") != "application/x-www-form-urlencoded" or not headers.get("stripe-version"):
                return 400, {"error": {"type": "invalid_request_error",
                                       "message": "Form-encoded body and Stripe-Version expected"}}, False
            key = headers.get("idempotency-key")
            with lock:
                if key and key in state.idempotent:
                    path, first, status, body = state.idempotent[key]
                    if (path, first) != (self.path, params):
                        return 400, {"error": {"type": "idempotency_error", "message":
                            f"Keys for idempotent requests can only be used with the same parameters they were first "
                            f"used with. Try using a key other than '{key}' if you meant to execute a different "
                            f"request."}}, False
                    return status, body, True
                try:
                    status, body = 200, create(self.path, params)
                except StripeError as error:
                    status, body = error.status, error.body
                if key:
                    state.idempotent[key] = (self.path, params, status, body)
                return status, body, False

    with serve_http(Handler) as url:
        state.url = url
        yield state


# === Webhooks =====================================================================================

def event(event_type: str, obj: dict[str, Any], created: int, event_id: str | None = None) -> dict[str, Any]:
    """A snapshot event, as Stripe delivers it to a webhook endpoint."""
    digest = hashlib.sha256(f"{event_type}{created}{obj['id']}".encode()).hexdigest()[:24]
    return {"id": event_id or f"evt_{digest}",
            "object": "event", "api_version": API_VERSION, "created": created, "livemode": False,
            "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None}, "type": event_type,
            "data": {"object": obj}}


def signature(payload: str, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """`Stripe-Signature` for a payload: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`."""
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def completed_session(session: dict[str, Any], subscription_id: str, *, paid: bool = True) -> dict[str, Any]:
    """The Checkout Session once the customer paid: complete, with its subscription."""
    public = {key: value for key, value in session.items() if key not in ("line_items", "subscription_data")}
    return {**public, "status": "complete", "payment_status": "paid" if paid else "unpaid",
            "subscription": subscription_id}


def subscription(subscription_id: str, customer: str, price: str, *, status: str = "active",
                 period_start: int, metadata: dict[str, str], cancel_at_period_end: bool = False) -> dict[str, Any]:
    """A Subscription of one price; this API version keeps the period on its items."""
    period_end = period_start + 30 * 86400
    return {"id": subscription_id, "object": "subscription", "customer": customer, "status": status,
            "metadata": metadata, "cancel_at_period_end": cancel_at_period_end, "livemode": False,
            "items": {"object": "list", "has_more": False, "data": [{
                "id": f"si_{subscription_id}", "object": "subscription_item", "quantity": 1,
                "current_period_start": period_start, "current_period_end": period_end,
                "price": {"id": price, "object": "price", "currency": "eur", "recurring": {"interval": "month"}}}]}}


def invoice(invoice_id: str, customer: str, subscription_id: str, *, paid: bool, amount: int, created: int,
            metadata: dict[str, str]) -> dict[str, Any]:
    """An Invoice of a subscription's period; this API version names the subscription under `parent`."""
    return {"id": invoice_id, "object": "invoice", "customer": customer, "number": f"SB-{invoice_id[-4:]}",
            "status": "paid" if paid else "open", "amount_due": amount, "amount_paid": amount if paid else 0,
            "currency": "eur", "created": created, "period_start": created, "period_end": created + 30 * 86400,
            "hosted_invoice_url": f"https://invoice.stripe.com/i/{invoice_id}",
            "invoice_pdf": f"https://pay.stripe.com/invoice/{invoice_id}/pdf", "attempt_count": 1,
            "parent": {"type": "subscription_details", "quote_details": None,
                       "subscription_details": {"subscription": subscription_id, "metadata": metadata}}}


def payload(body: dict[str, Any]) -> str:
    return json.dumps(body, separators=(",", ":"))
