"""Stripe: Checkout for a plan, the customer portal, and Stripe's webhooks as neutral events.

Every call goes through the `stripe` package's StripeClient: form-encoded requests with the secret
key, the package's pinned API version, and an Idempotency-Key on every POST (ours where a retry must
find the first result: one customer per company, one checkout or portal session per client request;
the package's own otherwise), retried by the package on connection errors, 409 and 5xx. STRIPE_API_BASE points it
elsewhere (a local server that speaks the same protocol, in the tests).

Webhooks are checked with the package's own signature check (`Stripe-Signature`, HMAC-SHA256 of
`t.body`, five minutes' tolerance) before the body is read, then read as the snapshot events of the
pinned API version: a subscription's period is on its items, an invoice's subscription under
`parent.subscription_details`. We put our company id into the metadata of every customer, checkout
and subscription we create, so each event names its company.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

import stripe
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.billing.events import BillingEvent, Invoice, SubscriptionStatus
from salesbot.billing.providers import Checkout, ProviderError
from salesbot.config import Config
from salesbot.errors import ApiError, BadRequest, Unauthorized

log = logging.getLogger(__name__)

_TIMEOUT_SECONDS = 10  # per request; the package retries twice within our function's time
_RETRIES = 2
_STATUSES: dict[str, SubscriptionStatus] = {"active": "active", "trialing": "active", "past_due": "past_due"}
_PAID = ("paid", "no_payment_required")


class StripeProvider:
    name = "stripe"

    def __init__(self, config: Config) -> None:
        if config.stripe_secret_key is None:
            raise ApiError("payments through Stripe are not configured: set STRIPE_SECRET_KEY", status=503,
                           code="unavailable")
        self._client = stripe.StripeClient(
            config.stripe_secret_key.get_secret_value(),
            base_addresses={"api": config.stripe_api_base} if config.stripe_api_base else None,
            max_network_retries=_RETRIES,
            http_client=stripe.RequestsClient(timeout=_TIMEOUT_SECONDS),
        )
        self._webhook_secret = config.stripe_webhook_secret

    def create_customer(self, owner_id: UUID, company_name: str, email: str | None) -> str:
        params: dict[str, Any] = {"name": company_name, "metadata": {"owner_id": str(owner_id)}}
        if email:
            params["email"] = email
        # One customer per company, even when two first checkouts race (the key holds for 24 hours;
        # after that the database has the customer and nobody asks again).
        customer = self._call(self._client.v1.customers.create, params, f"salesbot-customer-{owner_id}")
        return str(customer.id)

    def checkout_url(self, checkout: Checkout) -> str:
        metadata = {"owner_id": str(checkout.owner_id), "plan_id": checkout.plan_id}
        session = self._call(self._client.v1.checkout.sessions.create, {
            "mode": "subscription",
            "customer": checkout.customer_ref,
            "client_reference_id": str(checkout.owner_id),
            "line_items": [{"price": checkout.price_ref, "quantity": 1}],
            "success_url": checkout.success_url,
            "cancel_url": checkout.cancel_url,
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
        }, f"salesbot-checkout-{checkout.owner_id}-{checkout.idempotency_key}" if checkout.idempotency_key else None)
        return str(session.url)

    def portal_url(self, customer_ref: str, return_url: str, idempotency_key: str | None = None) -> str:
        session = self._call(self._client.v1.billing_portal.sessions.create,
                             {"customer": customer_ref, "return_url": return_url},
                             f"salesbot-portal-{customer_ref}-{idempotency_key}" if idempotency_key else None)
        return str(session.url)

    def parse_webhook(self, headers: Any, body: bytes) -> BillingEvent | None:
        if self._webhook_secret is None:
            raise ApiError("Stripe webhooks are not configured: set STRIPE_WEBHOOK_SECRET", status=503,
                           code="unavailable")
        try:
            payload = body.decode()
            stripe.WebhookSignature.verify_header(payload, headers.get("Stripe-Signature"),
                                                  self._webhook_secret.get_secret_value(),
                                                  stripe.Webhook.DEFAULT_TOLERANCE)
        except (stripe.SignatureVerificationError, UnicodeDecodeError):
            raise Unauthorized("wrong, stale or missing Stripe-Signature") from None
        try:
            return _event(_Event.model_validate_json(payload))
        except ValidationError as error:
            # Signed by Stripe yet not what the pinned API version sends: answered 400, so Stripe retries
            # it and shows the failure in the dashboard, rather than losing it.
            kinds = sorted({detail["type"] for detail in error.errors(include_input=False)})
            log.error("a signed Stripe event did not parse: %s", ", ".join(kinds))
            raise BadRequest("a Stripe event this version does not read") from None

    def _call(self, method: Any, params: dict[str, Any], idempotency_key: str | None) -> Any:
        try:
            return method(params, {"idempotency_key": idempotency_key} if idempotency_key else None)
        except stripe.StripeError as error:
            # The code and the status only: Stripe's messages may quote the customer's details.
            log.warning("Stripe refused a request: %s %s", error.http_status, error.code)
            raise ProviderError(f"Stripe refused the request ({error.code or error.http_status or 'no answer'})") from None


# === The events, as the pinned API version sends them =============================================

class _Object(BaseModel):
    model_config = ConfigDict(extra="ignore")


# Unix seconds a datetime can hold (1970 to the end of 9999): any other is no time Stripe sends, and
# would fail as a datetime after the event was taken for readable.
_Seconds = Annotated[int, Field(ge=0, le=253_402_300_799)]


class _EventData(_Object):
    object: dict[str, Any]


class _Event(_Object):
    id: str
    type: str
    created: _Seconds
    data: _EventData


class _CheckoutSession(_Object):
    id: str
    mode: str
    client_reference_id: str | None = None
    customer: str | dict[str, Any] | None = None
    subscription: str | dict[str, Any] | None = None
    payment_status: str
    metadata: dict[str, str] | None = None


class _Price(_Object):
    id: str


class _SubscriptionItem(_Object):
    price: _Price
    current_period_start: _Seconds | None = None


class _SubscriptionItems(_Object):
    data: list[_SubscriptionItem]


class _Subscription(_Object):
    id: str
    customer: str | dict[str, Any]
    status: str
    metadata: dict[str, str] | None = None
    items: _SubscriptionItems
    cancel_at_period_end: bool = False


class _SubscriptionDetails(_Object):
    subscription: str | dict[str, Any] | None = None
    metadata: dict[str, str] | None = None


class _InvoiceParent(_Object):
    subscription_details: _SubscriptionDetails | None = None


class _Invoice(_Object):
    id: str
    customer: str | dict[str, Any] | None = None
    number: str | None = None
    amount_due: int
    amount_paid: int = 0
    currency: str
    hosted_invoice_url: str | None = None
    invoice_pdf: str | None = None
    period_start: _Seconds | None = None
    period_end: _Seconds | None = None
    created: _Seconds
    parent: _InvoiceParent | None = None


def _event(event: _Event) -> BillingEvent | None:
    common: dict[str, Any] = {"provider": "stripe", "event_id": event.id, "occurred_at": _time(event.created)}
    if event.type == "checkout.session.completed":
        session = _CheckoutSession.model_validate(event.data.object)
        if session.mode != "subscription":
            return None
        metadata = session.metadata or {}
        return BillingEvent(**common, kind="checkout_completed",
                            owner_id=_company(session.client_reference_id or metadata.get("owner_id")),
                            customer_ref=_id(session.customer), subscription_ref=_id(session.subscription),
                            plan_id=metadata.get("plan_id"),
                            status="active" if session.payment_status in _PAID else "suspended")
    if event.type in ("customer.subscription.created", "customer.subscription.updated",
                      "customer.subscription.deleted"):
        subscription = _Subscription.model_validate(event.data.object)
        metadata = subscription.metadata or {}
        item = subscription.items.data[0] if subscription.items.data else None
        return BillingEvent(
            **common,
            kind="subscription_ended" if event.type.endswith(".deleted") else "subscription_changed",
            owner_id=_company(metadata.get("owner_id")), customer_ref=_id(subscription.customer),
            subscription_ref=subscription.id, price_ref=item.price.id if item else None,
            plan_id=metadata.get("plan_id"), status=_STATUSES.get(subscription.status, "suspended"),
            period_start=_time(item.current_period_start) if item and item.current_period_start else None,
            cancel_at_period_end=subscription.cancel_at_period_end)
    if event.type in ("invoice.paid", "invoice.payment_failed"):
        invoice = _Invoice.model_validate(event.data.object)
        details = (invoice.parent.subscription_details if invoice.parent else None) or _SubscriptionDetails()
        paid = event.type == "invoice.paid"
        return BillingEvent(
            **common, kind="payment_succeeded" if paid else "payment_failed",
            owner_id=_company((details.metadata or {}).get("owner_id")), customer_ref=_id(invoice.customer),
            subscription_ref=_id(details.subscription),
            invoice=Invoice(invoice_ref=invoice.id, number=invoice.number, status="paid" if paid else "payment_failed",
                            amount_due=invoice.amount_due, amount_paid=invoice.amount_paid,
                            currency=invoice.currency.upper(), hosted_url=invoice.hosted_invoice_url,
                            pdf_url=invoice.invoice_pdf,
                            period_start=_time(invoice.period_start) if invoice.period_start else None,
                            period_end=_time(invoice.period_end) if invoice.period_end else None,
                            issued_at=_time(invoice.created)))
    return None


def _time(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _id(value: str | dict[str, Any] | None) -> str | None:
    """An id, whether the field holds it or the expanded object."""
    if isinstance(value, dict):
        found = value.get("id")
        return found if isinstance(found, str) else None
    return value


def _company(value: str | None) -> UUID | None:
    try:
        return UUID(value) if value else None
    except ValueError:
        return None  # someone else's metadata: the customer finds the company, or nobody does
