"""The company's plan and what it used this billing period against what the plan includes (bot
replies, model tokens, channels, seats, CRM connectors), and for its owners the invoices and the
ways to pay: a checkout for another plan, and the payment provider's customer portal (cards,
invoices, plan changes, cancelling).

Every member reads the plan and the usage (billing_overview allows viewers, as the team's work
decides what the plan must hold); the invoices and the buttons are the owners'. The buttons are
forms posted here, sent on (303) to the provider's page that `salesbot.billing.sessions` opens, as
`POST /billing` does: the billing page lets its forms lead to the provider's origins. Each rendering
of the page puts a new `submission` in its forms, the provider's idempotency key for what they open:
a form submitted twice (a double click, a retried request) opens one session, not two.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from typing import Annotated, Any

import flask
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from salesbot.billing import providers, sessions
from salesbot.console import messages
from salesbot.console.app import Page
from salesbot.errors import ApiError

# Currencies Stripe (and ISO 4217) count in whole units: their amounts have no minor part.
ZERO_DECIMAL_CURRENCIES = frozenset({"BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
                                     "VND", "VUV", "XAF", "XOF", "XPF"})
# Refusals shown on the billing page rather than an error page, as the owner can act on each: a plan
# no longer sold, a paid plan changed in the portal instead, the provider refusing or payments not
# set up (try later, or ask whoever runs Salesbot).
SHOWN_ON_THE_PAGE = frozenset({404, 409, 502, 503})
_SUBMISSION = re.compile(r"[A-Za-z0-9_-]{16,64}")


class CheckoutForm(BaseModel):
    model_config = ConfigDict(extra="ignore")

    plan_id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


def billing(page: Page) -> flask.Response:
    overview = page.company_rpc("billing_overview")
    owner = page.me().can("owner")
    plans = page.rpc("billing_plans") if owner else []
    provider = page.services.config.billing_provider
    if owner:  # their forms go on to the provider's pages: the checkout's, and the portal's of the company's provider
        page.form_origins = tuple(dict.fromkeys(
            origin for name in (provider, overview["provider"]) if name for origin in providers.page_origins(name)))
    return page.render("billing.html", overview=overview, owner=owner, plans=[_plan(plan, provider) for plan in plans],
                       usage=_usage(overview), money=money, returned=page.request.args.get("checkout"),
                       paying=bool(page.services.config.billing_return_url), submission=secrets.token_urlsafe(18))


def _plan(plan: dict[str, Any], provider: str) -> dict[str, Any]:
    """A plan with its price at the provider new checkouts go through (None: not sold there)."""
    price = next((price for price in plan["prices"] if price["provider"] == provider), None)
    return {**plan, "price": price and money(price["amount"], price["currency"])}


def _usage(overview: dict[str, Any]) -> list[dict[str, Any]]:
    """Each counted thing: what the company has or used, what the plan includes (None: unlimited),
    and the share of it used, for the meter (at most 100)."""
    plan, used, in_use = overview["plan"], overview["usage"], overview["in_use"]
    rows = [("bot_replies", used["bot_replies"], plan["bot_replies"]), ("llm_tokens", used["llm_tokens"], plan["llm_tokens"]),
            ("channels", in_use["channels"], plan["channels"]), ("seats", in_use["seats"], plan["seats"]),
            ("crm_connectors", in_use["crm_connectors"], plan["crm_connectors"])]
    return [{"name": name, "used": count, "included": included,
             "share": None if included is None else min(100, round(100 * count / included) if included else 100)}
            for name, count, included in rows]


def money(amount: int, currency: str) -> str:
    """An amount the provider counts in minor units, in the currency's major ones: 4900 EUR is "49.00 EUR"."""
    shown = f"{amount:,}" if currency in ZERO_DECIMAL_CURRENCIES else f"{amount / 100:,.2f}"
    return f"{shown} {currency}".replace(",", "\u00a0").replace(" ", "\u00a0")


def checkout(page: Page) -> flask.Response:
    try:
        plan_id = CheckoutForm.model_validate(page.request.form.to_dict()).plan_id
    except ValidationError:
        return _refused(page, page._("Choose a plan from the list."))
    member = page.me()
    submission = _submission(page)
    return _to_provider(page, lambda: sessions.open_checkout(  # one render's forms differ by their plan
        page.services, member.claims, member.company_id, plan_id,
        idempotency_key=submission and f"{submission}-{plan_id}"))


def portal(page: Page) -> flask.Response:
    member = page.me()
    return _to_provider(page, lambda: sessions.open_portal(page.services, member.claims, member.company_id,
                                                           _submission(page)))


def _submission(page: Page) -> str | None:
    """The form's rendering, as it put it; None from a page rendered before there was one (or
    otherwise changed): that submission simply opens its own session."""
    submission = page.request.form.get("submission", "")
    return submission if _SUBMISSION.fullmatch(submission) else None


def _to_provider(page: Page, open_page: Callable[[], dict[str, Any]]) -> flask.Response:
    """The owner sent on to the provider's page; what they can act on (a plan already paid for, the
    provider refusing, payments not set up) shown on the billing page instead of an error page."""
    try:
        opened = open_page()
    except ApiError as error:
        if error.status not in SHOWN_ON_THE_PAGE:
            raise
        return _refused(page, messages.refused(page.language, error))
    return page.redirect(opened["url"])


def _refused(page: Page, reason: str) -> flask.Response:
    page.notify(reason, "error")
    return page.redirect(page.url("billing"))
