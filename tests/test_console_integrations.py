"""The console's integrations, on the Channels page and each integration's own: connecting a signed
webhook, Bitrix24, HubSpot and amoCRM through the forms, their status and delivery log, test events
the outbox sweep delivers to local servers that speak each protocol, a dead delivery retried, stages
mapped, pause, new credentials, removal; secrets shown once and never read back; admins only."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from standardwebhooks.webhooks import Webhook
from werkzeug.test import Client

from tests.servers import hubspot as hubspot_api
from tests.support.accounts import Company
from tests.support.console import Member, field_error, signed_in
from tests.support.crm import (
    PUBLIC_URL,
    forget_integrations,  # noqa: F401 (autouse)
    sweep,
)

SECRET = re.compile(r'id="signing-secret">(whsec_[A-Za-z0-9+/=]+)<')


def integration_id(sql, company: Company, name: str) -> str:
    return str(sql.execute("select id from public.integrations where owner_id = %s and name = %s",
                           (company.owner_id, name)).fetchone()[0])


def credentials(sql, integration: str) -> dict:
    return sql.execute("select credentials from public.integration_secrets where integration_id = %s",
                       (integration,)).fetchone()[0]


def connect_webhook(admin: Member, url: str, events=("lead.qualified", "lead.status_changed")):
    return admin.post("/console/integrations/webhook", {"name": "Our CRM", "url": url, "events": list(events)})


def test_a_webhook_connected_in_the_console_shows_its_secret_once_and_gets_a_signed_test_event(
        client, company, receiver, sql):
    admin = signed_in(client, company.users["admin"].email)
    connected = connect_webhook(admin, receiver.url)
    assert connected.status_code == 200
    [secret] = SECRET.findall(connected.text)
    hook = integration_id(sql, company, "Our CRM")
    assert credentials(sql, hook) == {"signing_secret": secret}
    assert sql.execute("select events from public.integrations where id = %s", (hook,)).fetchone()[0] == [
        "lead.qualified", "lead.status_changed"]
    listed = admin.get("/console/channels").text
    assert "Our CRM" in listed and secret not in listed
    assert secret not in admin.get(f"/console/integrations/{hook}").text

    assert admin.post(f"/console/integrations/{hook}/test").status_code == 303
    assert sweep(client)["delivered"] == 1
    [request] = receiver.accepted()
    assert Webhook(secret).verify(request.body, request.headers)["type"] == "integration.test"
    page = admin.get(f"/console/integrations/{hook}?state=delivered").text
    assert 'class="status delivered"' in page and "endpoint answered 204" in page


def test_a_refused_webhook_field_is_shown_beside_it(client, company):
    admin = signed_in(client, company.users["admin"].email)
    scheme = connect_webhook(admin, "ftp://crm.acme.example/hook")
    assert scheme.status_code == 422 and field_error(scheme.text, "webhook.url")
    assert 'value="ftp://crm.acme.example/hook"' in scheme.text  # what was typed stays
    no_events = connect_webhook(admin, "https://crm.acme.example/hook", events=())
    assert no_events.status_code == 422 and field_error(no_events.text, "webhook.events")
    # Refused by salesbot.crm.manage, not the form: a private address, outside local development.
    private = connect_webhook(admin, "https://10.0.0.7/hook")
    assert private.status_code == 422 and field_error(private.text, "webhook.url") == (
        "адрес должен быть публичным, а не во внутренней сети")  # the browser asked for no language: Russian


PRIVATE_ENDPOINTS = ("https://127.0.0.1/hook", "https://10.0.0.7/hook", "https://169.254.169.254/latest/meta-data",
                     "https://localhost:8443/hook")  # the last a name, which resolves to a loopback address
PUBLIC_ONLY = "адрес должен быть публичным, а не во внутренней сети"


@pytest.mark.parametrize("url", PRIVATE_ENDPOINTS)
def test_a_webhook_is_neither_connected_nor_changed_to_a_private_address(client, company, sql, url):
    """Outside local development, connecting and the change form refuse the same addresses, the
    same way: the form again with the reason beside the URL, and the integration as it was."""
    admin = signed_in(client, company.users["admin"].email)
    connected = connect_webhook(admin, url)
    assert connected.status_code == 422 and field_error(connected.text, "webhook.url") == PUBLIC_ONLY
    assert connect_webhook(admin, "https://crm.acme.example/hook").status_code == 200  # a name not resolving yet
    hook = integration_id(sql, company, "Our CRM")
    changed = admin.post(f"/console/integrations/{hook}/change", {"name": "Our CRM", "url": url,
                                                                  "events": ["lead.qualified"]})
    assert changed.status_code == 422 and field_error(changed.text, "url") == PUBLIC_ONLY
    assert f'value="{url}"' in changed.text  # what was typed stays, to be corrected
    assert sql.execute("select url, events from public.integrations where id = %s", (hook,)).fetchone() == (
        "https://crm.acme.example/hook", ["lead.qualified", "lead.status_changed"])


def test_hubspot_connects_with_its_token_which_is_never_shown_back_and_a_test_event_checks_it(
        client, company, hubspot, sql):
    admin = signed_in(client, company.users["admin"].email)
    added = admin.post("/console/integrations/crm", {"kind": "hubspot", "name": "HubSpot", "credential": "pat-x"})
    assert added.status_code == 422 and field_error(added.text, "hubspot.credential")  # the database's check
    added = admin.post("/console/integrations/crm", {"kind": "hubspot", "name": "HubSpot",
                                                     "credential": hubspot_api.TOKEN})
    assert added.status_code == 303
    crm = integration_id(sql, company, "HubSpot")
    assert credentials(sql, crm) == {"token": hubspot_api.TOKEN}
    for page in (admin.get("/console/channels").text, admin.get(f"/console/integrations/{crm}").text):
        assert hubspot_api.TOKEN not in page

    admin.post(f"/console/integrations/{crm}/test")
    sweep(client)
    assert "the CRM accepted the credentials" in admin.get(f"/console/integrations/{crm}").text

    refused = admin.post(f"/console/integrations/{crm}/credential", {"credential": "bad token!"})
    assert refused.status_code == 422 and field_error(refused.text, "credential")
    replaced = admin.post(f"/console/integrations/{crm}/credential", {"credential": "pat-eu1-" + "0" * 36})
    assert replaced.status_code == 303 and credentials(sql, crm) == {"token": "pat-eu1-" + "0" * 36}


def test_a_bitrix24_webhook_url_that_is_not_one_is_refused_beside_its_field(client, company, sql):
    admin = signed_in(client, company.users["admin"].email)
    refused = admin.post("/console/integrations/crm", {"kind": "bitrix24", "name": "Bitrix24",
                                                       "credential": "https://acme.bitrix24.ru/not/a/webhook"})
    assert refused.status_code == 422 and "входящий вебхук" in field_error(refused.text, "bitrix24.credential")
    added = admin.post("/console/integrations/crm", {"kind": "bitrix24", "name": "Bitrix24",
                                                     "credential": "https://acme.bitrix24.ru/rest/1/abc123def456/"})
    assert added.status_code == 303
    assert credentials(sql, integration_id(sql, company, "Bitrix24")) == {
        "webhook_url": "https://acme.bitrix24.ru/rest/1/abc123def456/"}


def test_amocrm_is_connected_by_following_its_link_and_its_stages_are_mapped_in_the_console(
        client, company, amo, sql):
    admin = signed_in(client, company.users["admin"].email)
    begun = admin.post("/console/integrations/amocrm", {"name": "amoCRM"})
    assert begun.status_code == 200
    link = re.search(r'<a class="button primary" href="([^"]+)"', begun.text).group(1).replace("&amp;", "&")
    assert link.startswith("https://www.amocrm.ru/oauth?")
    state = parse_qs(urlsplit(link).query)["state"][0]
    # amoCRM sends the admin's browser back to crm_oauth, which sends it on to the integration's page.
    back = client.get("/crm_oauth", query_string={"code": amo.issue_code(), "state": state, "referer": amo.referer},
                      headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert back.status_code == 303
    crm = integration_id(sql, company, "amoCRM")
    assert back.headers["Location"] == f"{PUBLIC_URL}/console/integrations/{crm}"

    form = {"name": "amoCRM", "events": ["lead.qualified", "lead.status_changed"], "pipeline_id": "500",
            "statuses.new": "7000", "statuses.qualified": "a stage", "statuses.won": "142", "statuses.lost": "143"}
    refused = admin.post(f"/console/integrations/{crm}/change", form)
    assert refused.status_code == 422 and field_error(refused.text, "statuses.qualified") == "нужно целое число"
    saved = admin.post(f"/console/integrations/{crm}/change", {**form, "statuses.qualified": "7002"})
    assert saved.status_code == 303
    settings, events = sql.execute("select settings, events from public.integrations where id = %s", (crm,)).fetchone()
    assert settings["pipeline_id"] == 500 and settings["statuses"] == {
        "new": 7000, "qualified": 7002, "won": 142, "lost": 143}  # contacted left blank: no stage
    assert events == ["lead.qualified", "lead.status_changed"]
    page = admin.get(f"/console/integrations/{crm}").text
    assert 'name="statuses.qualified" value="7002"' in page and 'value="message.created"' not in page


def test_a_dead_delivery_is_retried_from_the_log_and_an_integration_paused_and_removed(client, company, receiver,
                                                                                     sql):
    admin = signed_in(client, company.users["admin"].email)
    connect_webhook(admin, receiver.url)
    hook = integration_id(sql, company, "Our CRM")
    receiver.down = True
    admin.post(f"/console/integrations/{hook}/test")
    sweep(client)
    sql.execute("update public.crm_deliveries set dead_at = now() where integration_id = %s", (hook,))
    listed = admin.get("/console/channels").text
    assert re.search(r'class="tag waiting">[^<]*1<', listed)  # one failed
    dead = admin.get(f"/console/integrations/{hook}?state=dead").text
    [retry] = re.findall(rf'action="(/console/integrations/{hook}/deliveries/\d+/retry)"', dead)
    assert "503" in dead  # what the endpoint answered
    assert admin.post(retry).status_code == 303
    assert sql.execute("select dead_at from public.crm_deliveries where integration_id = %s",
                       (hook,)).fetchone() == (None,)

    assert admin.post(f"/console/integrations/{hook}/active", {"active": "no"}).status_code == 303
    assert sql.execute("select is_active from public.integrations where id = %s", (hook,)).fetchone() == (False,)
    admin.post(f"/console/integrations/{hook}/active", {"active": "yes"})
    assert sql.execute("select is_active from public.integrations where id = %s", (hook,)).fetchone() == (True,)
    assert admin.post(f"/console/integrations/{hook}/remove").status_code == 303
    assert "Our CRM" not in admin.get("/console/channels").text


def test_only_admins_manage_integrations_and_only_their_own_companys(client, company, other_company, receiver, sql):
    connect_webhook(signed_in(Client(client.application), other_company.users["admin"].email), receiver.url)
    theirs = integration_id(sql, other_company, "Our CRM")
    admin = signed_in(Client(client.application), company.users["admin"].email)
    assert admin.get(f"/console/integrations/{theirs}").status_code == 404
    assert admin.post(f"/console/integrations/{theirs}/remove").status_code == 404
    manager = signed_in(Client(client.application), company.users["manager"].email)
    assert connect_webhook(manager, receiver.url).status_code == 403
    assert manager.get(f"/console/integrations/{theirs}").status_code == 403
    assert sql.execute("select count(*) from public.integrations where owner_id = %s",
                       (company.owner_id,)).fetchone() == (0,)
