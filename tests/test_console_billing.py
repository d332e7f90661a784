"""The console's Billing page through the real app and the local Stripe server: the owner sees the
plan, this period's usage against it and the invoices, and pays (a checkout for a plan, the
customer portal) through forms that send the browser on to Stripe's pages; members below owner read
the same usage, without invoices or buttons; a channel, an invitation or an acceptance past the
plan's count shows the limit on its own page, not an error page."""

from __future__ import annotations

import html
import re
import time
import uuid
from pathlib import Path

import pytest
from werkzeug.test import Client

import tests.test_billing_payments as payments
from salesbot.console import messages
from salesbot.console.pages.billing import money
from salesbot.local import accounts
from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.support.accounts import Company
from tests.support.billing import make_plan, put_on_plan
from tests.support.console import Member, signed_in

ROOT = Path(__file__).parents[1]
stripe_api = payments.stripe_api  # fixtures
plans = payments.plans


def fresh(client, email: str) -> Member:
    return signed_in(Client(client.application), email)


def form_action(response) -> str:
    return re.search(r"form-action ([^;]+);", response.headers["Content-Security-Policy"]).group(1)


def chat(client, company: Company, text: str) -> None:
    headers = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}
    assert client.post("/chat", json={"customer": "c1", "text": text}, headers=headers).status_code == 200


def test_the_owner_sees_usage_and_invoices_and_pays_through_stripes_pages(client, company, plans, stripe_api, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, bot_replies=4, channels=3, seats=8))
    chat(client, company, "Здравствуйте")
    chat(client, company, "Ищу квартиру в Казани")
    owner = fresh(client, company.users["owner"].email)
    owner.post("/console/language", {"language": "en"})
    page = owner.get("/console/billing")
    assert page.status_code == 200
    usage = {name: cells for name, *cells in re.findall(
        r'<th scope="row">([^<]+)</th><td>([^<]*)</td>\s*<td>([^<]*)</td>', page.text)}
    assert usage["Bot replies"] == ["2", "4"] and usage["Team seats, pending invitations included"] == ["4", "8"]
    assert usage["CRM connectors and webhooks"] == ["0", "unlimited"]
    assert 'aria-label="50%"' in page.text  # two of four replies
    assert form_action(page) == "'self' https://checkout.stripe.com https://billing.stripe.com"

    sent = owner.post("/console/billing/checkout", {"plan_id": plans.start})
    (session,) = stripe_api.sessions.values()
    assert sent.status_code == 303 and sent.headers["Location"] == session["url"]
    assert session["metadata"] == {"owner_id": str(company.owner_id), "plan_id": plans.start}

    purchase = payments.Purchase(company, session["customer"], session, plans, int(time.time()) - 3600)
    for event, _ in purchase.lifecycle()[:3]:  # bought, subscribed, the first invoice paid
        assert payments.deliver(client, event).status_code == 200
    paid = owner.get("/console/billing").text
    assert f'<h2>Plan: Plan {plans.start[-4:]}</h2>' in paid
    assert "19.00\u00a0EUR" in paid and "49.00\u00a0EUR" in paid  # the plan's price, the invoice's amount
    assert '<span class="status paid">Paid</span>' in paid
    assert 'href="https://invoice.stripe.com/i/' in paid
    assert "billing/checkout" not in paid  # a paid plan changes in the portal: no second checkout
    portal = owner.post("/console/billing/portal")
    assert portal.status_code == 303 and portal.headers["Location"].startswith("https://billing.stripe.com/p/session/")
    owner.post("/console/language", {"language": "ru"})
    assert "Использовано за период" in owner.get("/console/billing").text


def test_a_form_submitted_twice_opens_one_stripe_session_and_the_page_rendered_again_a_new_one(
        client, company, plans, stripe_api):
    owner = fresh(client, company.users["owner"].email)

    def submission(page: str) -> str:
        [key] = set(re.findall(r'name="submission" value="([^"]+)"', page))  # one per rendering, in every form
        return key

    rendered = submission(owner.get("/console/billing").text)
    double_click = [owner.post("/console/billing/checkout", {"plan_id": plans.start, "submission": rendered})
                    for _ in range(2)]
    (session,) = stripe_api.sessions.values()
    assert [sent.headers["Location"] for sent in double_click] == [session["url"]] * 2
    keys = {call.headers["idempotency-key"] for call in stripe_api.calls("/v1/checkout/sessions")}
    assert len(keys) == 1 and rendered in keys.pop()
    other_plan = owner.post("/console/billing/checkout", {"plan_id": plans.pro, "submission": rendered})
    rendered_again = submission(owner.get("/console/billing").text)
    again = owner.post("/console/billing/checkout", {"plan_id": plans.start, "submission": rendered_again})
    assert rendered_again != rendered and len(stripe_api.sessions) == 3
    assert len({other_plan.headers["Location"], again.headers["Location"], session["url"]}) == 3

    portals = [owner.post("/console/billing/portal", {"submission": rendered_again}).headers["Location"]
               for _ in range(2)]
    assert portals[0] == portals[1] and portals[0].startswith("https://billing.stripe.com/p/session/")
    assert len({call.headers["idempotency-key"] for call in stripe_api.calls("/v1/billing_portal/sessions")}) == 1


@pytest.mark.parametrize("role", ["viewer", "manager", "admin"])
def test_members_below_owner_read_the_usage_without_invoices_or_buttons(client, company, plans, stripe_api, role):
    member = fresh(client, company.users[role].email)
    member.post("/console/language", {"language": "en"})
    page = member.get("/console/billing")
    assert page.status_code == 200 and "Bot replies" in page.text and "Invoices" not in page.text
    assert "billing/checkout" not in page.text and "billing/portal" not in page.text
    assert form_action(page) == "'self'"
    assert member.post("/console/billing/checkout", {"plan_id": plans.start}).status_code == 403
    assert member.post("/console/billing/portal").status_code == 403
    assert stripe_api.requests == []


def test_what_the_owner_cannot_buy_is_said_on_the_billing_page(client, company, plans, stripe_api, monkeypatch):
    owner = fresh(client, company.users["owner"].email)
    owner.post("/console/language", {"language": "en"})
    assert owner.post("/console/billing/checkout", {"plan_id": "free"}).headers["Location"].endswith("/console/billing")
    assert "That plan cannot be bought here: choose one from the list." in owner.get("/console/billing").text
    assert owner.post("/console/billing/checkout", {"plan_id": "<script>"}).status_code == 303
    assert "Choose a plan from the list." in owner.get("/console/billing").text
    owner.post("/console/billing/portal")
    assert "choose a plan first" in owner.get("/console/billing").text
    monkeypatch.delenv("SALESBOT_BILLING_RETURN_URL")
    reset_services()
    page = owner.get("/console/billing").text
    assert "Payments are not set up here yet" in page and "billing/checkout" not in page
    owner.post("/console/billing/checkout", {"plan_id": plans.start})
    assert "SALESBOT_BILLING_RETURN_URL" in owner.get("/console/billing").text
    assert stripe_api.sessions == {}


def test_a_channel_or_an_invitation_past_the_plan_shows_the_limit_on_its_page(client, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, channels=0, seats=4, crm_connectors=0))
    admin = fresh(client, company.users["admin"].email)
    admin.post("/console/language", {"language": "en"})
    for path, form in (("/console/channels/widget", {"name": "Shop"}),
                       ("/console/integrations/crm", {"kind": "hubspot", "name": "HubSpot", "credential": "pat-na1-x"})):
        refused = admin.post(path, form)
        assert refused.status_code == 402, path
        shown = html.unescape(refused.text)
        assert "The plan's limit is reached." in shown and "includes 0 " in shown
        assert "Connect a Telegram bot" in shown  # the channels page, its forms at hand
    owner = fresh(client, company.users["owner"].email)
    owner.post("/console/language", {"language": "en"})
    refused = owner.post("/console/team/invitations", {"email": "fifth@example.com", "role": "viewer"})
    assert refused.status_code == 402 and "includes 4 team seats, pending invitations" in refused.text
    assert 'name="email"' in refused.text
    assert sql.execute("select count(*) from public.invitations where owner_id = %s", (company.owner_id,)).fetchone()[0] == 0


def test_accepting_past_the_plans_seats_shows_the_limit_on_the_team_page(client, company, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql, seats=5))
    invitee = accounts.sign_up(sql, f"person-{uuid.uuid4().hex[:10]}@example.com", "correct horse", "Own Co").email
    owner = fresh(client, company.users["owner"].email)
    assert owner.post("/console/team/invitations", {"email": invitee, "role": "manager"}).status_code == 303
    put_on_plan(sql, company.owner_id, make_plan(sql, seats=4))  # the plan shrank before the answer
    invitation = sql.execute("select id from public.invitations where owner_id = %s", (company.owner_id,)).fetchone()[0]
    person = fresh(client, invitee)
    person.post("/console/language", {"language": "en"})
    refused = person.post(f"/console/invitations/{invitation}/accept")
    assert refused.status_code == 402 and "upgrade the plan, then accept the invitation again" in refused.text
    assert "Invitations for you" in refused.text  # still there, to accept once the plan allows


def test_the_databases_refusals_are_worded_in_russian_for_a_russian_speaking_member(client, company, sql):
    """The browser asks for no language: Russian, the heading and, by its reason, what the database refused."""
    plan = make_plan(sql, channels=1, seats=4)
    put_on_plan(sql, company.owner_id, plan)
    admin = fresh(client, company.users["admin"].email)
    assert admin.post("/console/channels/widget", {"name": "Сайт"}).status_code == 200
    refused = admin.post("/console/channels/widget", {"name": "Магазин"})
    assert refused.status_code == 402 and (
        f"Достигнут предел тарифа. Тариф «Plan {plan[-4:]}» включает 1 канал помимо тестового чата, и все заняты:"
        " перейдите на другой тариф, чтобы добавить ещё.") in html.unescape(refused.text)
    owner = fresh(client, company.users["owner"].email)
    refused = owner.post("/console/team/invitations", {"email": "fifth@example.com", "role": "viewer"})
    assert "включает 4 места в команде, считая ожидающие приглашения" in html.unescape(refused.text)

    put_on_plan(sql, company.owner_id, make_plan(sql))
    invitee = accounts.sign_up(sql, f"person-{uuid.uuid4().hex[:10]}@example.com", "correct horse", "Own Co").email
    owner.post("/console/team/invitations", {"email": invitee, "role": "manager"})
    invitation = sql.execute("update public.invitations set created_at = now() - interval '8 days',"
                             " expires_at = now() - interval '1 day'"
                             " where owner_id = %s returning id", (company.owner_id,)).fetchone()[0]
    expired = fresh(client, invitee).post(f"/console/invitations/{invitation}/accept")
    assert expired.status_code == 410
    assert "<h1>Больше не действует</h1>" in expired.text and "Срок приглашения истёк: попросите новое." in expired.text
    last_owner = owner.post(f"/console/team/members/{company.users['owner'].user_id}/remove")
    assert last_owner.status_code == 409 and (
        "У компании должен остаться хотя бы один владелец: сначала сделайте владельцем кого-то ещё.") in last_owner.text


def test_every_reason_the_database_gives_a_refusal_is_worded_by_the_console():
    migrations = "".join(path.read_text() for path in sorted((ROOT / "supabase" / "migrations").glob("*.sql")))
    plan_room = migrations[migrations.index("function private.require_plan_room"):]
    plan_room = plan_room[:plan_room.index("$$;")]
    given = set(re.findall(r'''detail = '\{"reason": "(\w+)"\}''', migrations)) | {
        f"plan_limit_{resource}" for resource in re.findall(r"when '(\w+)' then", plan_room)}
    assert "'reason', 'plan_limit_' || resource" in plan_room and len(given) > 10
    assert given == messages.REFUSALS.keys()


@pytest.mark.parametrize("amount, currency, shown", [(4900, "EUR", "49.00 EUR"), (123456, "RUB", "1 234.56 RUB"),
                                                      (5000, "JPY", "5 000 JPY"), (0, "USD", "0.00 USD")])
def test_amounts_in_minor_units_are_shown_in_the_currencys_major_ones(amount, currency, shown):
    assert money(amount, currency) == shown.replace(" ", "\u00a0")
