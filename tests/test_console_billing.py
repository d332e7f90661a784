"""The plan in the console: a channel, an integration, an invitation or an acceptance past the
plan's count shows the limit on its own page, not an error page."""

from __future__ import annotations

import html
import re
import uuid

from werkzeug.test import Client

import tests.test_billing_payments as payments
from salesbot.local import accounts
from tests.conftest import JWT_SECRET
from tests.support.accounts import Company
from tests.support.billing import make_plan, put_on_plan
from tests.support.console import Member, signed_in

stripe_api = payments.stripe_api  # fixtures
plans = payments.plans


def fresh(client, email: str) -> Member:
    return signed_in(Client(client.application), email)


def form_action(response) -> str:
    return re.search(r"form-action ([^;]+);", response.headers["Content-Security-Policy"]).group(1)


def chat(client, company: Company, text: str) -> None:
    headers = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}
    assert client.post("/chat", json={"customer": "c1", "text": text}, headers=headers).status_code == 200


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
    assert refused.status_code == 402 and "includes 4 team seat(s)" in refused.text and 'name="email"' in refused.text
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
    assert refused.status_code == 402 and "ask its owner to upgrade the plan" in refused.text
    assert "Invitations for you" in refused.text  # still there, to accept once the plan allows
