"""The payment provider interface, and the registry that loads a provider's module on first use.

A second provider (YooKassa for the Russian market, say) is one module implementing PaymentProvider
and one line in _PROVIDERS: the checkout and portal endpoints, the webhook endpoint
(`/billing_webhook?provider=<name>`) and the database take any provider's neutral events alike."""

from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass
from typing import Any, Protocol
from uuid import UUID

from salesbot.billing.events import BillingEvent
from salesbot.config import Config
from salesbot.errors import ApiError, NotFound


@dataclass(frozen=True)
class _Registered:
    implementation: str  # "module:class", imported when the provider is first needed
    page_origins: tuple[str, ...]  # where its checkout and portal pages are: the console's forms lead there


_PROVIDERS = {
    "stripe": _Registered("salesbot.billing.stripe_payments:StripeProvider",
                          ("https://checkout.stripe.com", "https://billing.stripe.com")),
}


@dataclass(frozen=True)
class Checkout:
    """A checkout for one plan, for one company."""

    owner_id: UUID
    plan_id: str
    price_ref: str  # the provider's id for the plan's price
    customer_ref: str  # the company's customer at the provider
    success_url: str
    cancel_url: str
    idempotency_key: str | None = None  # the client's Idempotency-Key: a retry opens the same checkout


class PaymentProvider(Protocol):
    name: str

    def create_customer(self, owner_id: UUID, company_name: str, email: str | None) -> str:
        """The company's customer at the provider (created once per company); returns its id."""
        ...

    def checkout_url(self, checkout: Checkout) -> str:
        """Where the owner pays for the plan."""
        ...

    def portal_url(self, customer_ref: str, return_url: str, idempotency_key: str | None = None) -> str:
        """Where the owner changes the card, the plan, or cancels; raises NotFound if the provider has
        none. The same `idempotency_key` (the client's) gives the same page."""
        ...

    def parse_webhook(self, headers: Any, body: bytes) -> BillingEvent | None:
        """The event a webhook delivers, once its signature is checked (Unauthorized otherwise);
        None for an event we do not act on."""
        ...


class ProviderError(ApiError):
    """The provider refused or could not be reached."""

    status, code = 502, "payment_provider_error"


class PaymentProviders:
    """The process's provider clients, each built on first use (their SDKs are heavy imports)."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._built: dict[str, PaymentProvider] = {}
        self._lock = threading.Lock()

    def get(self, name: str) -> PaymentProvider:
        registered = _registered(name)
        with self._lock:
            if name not in self._built:
                module, _, cls = registered.implementation.partition(":")
                self._built[name] = getattr(importlib.import_module(module), cls)(self._config)
            return self._built[name]


def page_origins(name: str) -> tuple[str, ...]:
    """The origins of `name`'s checkout and portal pages, known without loading its module."""
    return _registered(name).page_origins


def _registered(name: str) -> _Registered:
    if name not in _PROVIDERS:
        raise NotFound(f"no payment provider {name!r}")
    return _PROVIDERS[name]
