"""What a payment provider tells us, in one shape whatever the provider: the input of the
`apply_billing_event` RPC. A provider module maps its webhooks onto it; the database does the rest."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

EventKind = Literal["checkout_completed", "subscription_changed", "subscription_ended", "payment_failed",
                    "payment_succeeded"]
"""checkout_completed: a plan was bought; subscription_changed: its status, plan or period changed;
subscription_ended: it is over (the default plan applies); payment_failed / payment_succeeded: an
invoice of it (a failure starts the plan's grace period, a payment ends it)."""

SubscriptionStatus = Literal["active", "past_due", "suspended"]
"""active: paid for; past_due: a payment failed, the plan holds for its grace period; suspended: the
provider stopped it (unpaid, paused, never paid), the default plan applies."""


class Invoice(BaseModel):
    model_config = ConfigDict(frozen=True)

    invoice_ref: str = Field(min_length=1, max_length=200)
    number: str | None = Field(default=None, max_length=100)
    status: Literal["open", "paid", "payment_failed", "void", "uncollectible"]
    amount_due: int = Field(ge=0)  # minor units of `currency` (cents, kopecks)
    amount_paid: int = Field(default=0, ge=0)
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    hosted_url: str | None = Field(default=None, max_length=2000)
    pdf_url: str | None = Field(default=None, max_length=2000)
    period_start: datetime | None = None
    period_end: datetime | None = None
    issued_at: datetime | None = None


class BillingEvent(BaseModel):
    """One provider event, verified and mapped. `owner_id` is our company id where the provider
    carries it back (we put it on everything we create there); else the customer finds the company."""

    model_config = ConfigDict(frozen=True)

    provider: str = Field(pattern=r"^[a-z][a-z0-9_]{0,30}$")
    event_id: str = Field(min_length=1, max_length=200)
    kind: EventKind
    occurred_at: datetime  # the provider's time: events are applied in this order
    owner_id: UUID | None = None
    customer_ref: str | None = Field(default=None, max_length=200)
    subscription_ref: str | None = Field(default=None, max_length=200)
    price_ref: str | None = Field(default=None, max_length=200)  # the provider's price id: which plan
    plan_id: str | None = Field(default=None, max_length=40)  # the plan we asked for at checkout
    status: SubscriptionStatus | None = None
    period_start: datetime | None = None  # the subscription's current period: periods count from it
    cancel_at_period_end: bool | None = None
    invoice: Invoice | None = None
