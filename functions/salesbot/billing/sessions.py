"""Opening the provider's pages for a company's owner: a checkout for a plan, and the customer portal
(cards, invoices, plan changes, cancelling). The database decides who may and what for; the provider
only hosts the page. The pages send the owner back to the console's billing page."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from salesbot.billing.providers import Checkout
from salesbot.db import SERVICE_CLAIMS, company_arg
from salesbot.errors import ApiError
from salesbot.services import Services


def open_checkout(services: Services, claims: Mapping[str, Any], company: UUID | None, plan_id: str,
                  idempotency_key: str | None) -> dict[str, Any]:
    """A checkout for `plan_id` through the configured provider, for `company` (its owner only; None:
    the caller's only company); the company's customer there is created first, once, so every later
    event names the company."""
    db, config = services.database, services.config
    # The database answers who may first (both RPCs only read), so a caller with no right to the
    # company learns nothing about how this deployment is set up.
    account = db.rpc("begin_checkout", {"p_plan_id": plan_id, "p_provider": config.billing_provider,
                                        "p_owner_id": company_arg(company)}, claims)
    return_url = _return_url(services)
    provider = services.payment_providers.get(config.billing_provider)
    owner_id = UUID(account["owner_id"])
    customer_ref = account["customer_ref"]
    if customer_ref is None:
        created = provider.create_customer(owner_id, account["company_name"], claims.get("email"))
        customer_ref = db.rpc("link_billing_customer", {"p_owner_id": str(owner_id), "p_provider": provider.name,
                                                        "p_customer_ref": created}, SERVICE_CLAIMS)["customer_ref"]
    url = provider.checkout_url(Checkout(
        owner_id=owner_id, plan_id=account["plan_id"], price_ref=account["price_ref"], customer_ref=customer_ref,
        success_url=_with_query(return_url, "checkout=success"), cancel_url=_with_query(return_url, "checkout=canceled"),
        idempotency_key=idempotency_key))
    return {"url": url, "provider": provider.name, "plan_id": account["plan_id"]}


def open_portal(services: Services, claims: Mapping[str, Any], company: UUID | None,
                idempotency_key: str | None = None) -> dict[str, Any]:
    """The provider's customer portal for `company` (its owner only; 409 before its first checkout)."""
    account = services.database.rpc("billing_customer", {"p_owner_id": company_arg(company)}, claims)
    return_url = _return_url(services)
    provider = services.payment_providers.get(account["provider"])
    return {"url": provider.portal_url(account["customer_ref"], return_url, idempotency_key), "provider": provider.name}


def _return_url(services: Services) -> str:
    if not services.config.billing_return_url:
        raise ApiError("billing is not configured: set SALESBOT_BILLING_RETURN_URL (the console's billing page)",
                       status=503, code="unavailable")
    return services.config.billing_return_url


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"
