"""amoCRM, Bitrix24 and HubSpot end to end: our real connectors, driven by the outbox sweep, against
local servers that speak each CRM's documented API. A lead is created once (with its contact, a
note of the conversation) and then kept up to date; a retry never makes a second one."""

from __future__ import annotations

import time

import pytest

from salesbot.config import Config
from salesbot.crm import manage
from salesbot.crm.amocrm import account_base_url
from salesbot.crm.errors import EndpointRefused
from salesbot.errors import ApiError, BadRequest
from tests.servers import amocrm as amo_api
from tests.servers import hubspot as hubspot_api
from tests.servers.bitrix24 import query_limit_exceeded
from tests.support.accounts import Company
from tests.support.billing import make_plan, put_on_plan
from tests.support.crm import (
    PUBLIC_URL,
    QUALIFYING,
    chat,
    deliveries,
    forget_integrations,  # noqa: F401 (autouse)
    make_everything_due,
    sweep,
)

WITH_EMAIL = "Меня зовут Анна, ищу двушку в Казани до 9 млн, +7 912 345-67-89, anna@example.com"
LOCAL = Config(allow_private_endpoints=True)  # the CRMs are local servers
STAGES = {"new": 7000, "contacted": 7001, "qualified": 7002, "won": 142, "lost": 143}



def admin(company: Company) -> dict:
    return company.users["admin"].claims


def links(sql, integration_id: str) -> list[tuple[str, str | None]]:
    return sql.execute("select external_id, external_contact_id from public.crm_links where integration_id = %s",
                       (integration_id,)).fetchall()


def status(database, company: Company, lead_id: str, to: str) -> None:
    database.rpc("change_lead_status", {"p_lead_id": lead_id, "p_status": to}, company.users["manager"].claims)


MESSENGERS = {"whatsapp": "+79031112233", "telegram": "@anna_p"}


def reachable_on_messengers(client, database, company: Company, customer: str, text: str) -> str:
    """A lead whose WhatsApp number and Telegram username a manager writes down (they came by phone)."""
    lead_id = chat(client, company, customer, text)["lead"]["id"]
    database.rpc("update_lead", {"p_lead_id": lead_id, "p_fields": MESSENGERS}, company.users["manager"].claims)
    return str(lead_id)


# === amoCRM ======================================================================================

def authorize_amocrm(client, database, company: Company, amo, settings=None) -> dict:
    """The admin follows the link; amoCRM sends them back to crm_oauth with a code."""
    config = Config.from_env()
    begun = manage.begin_amocrm(database, admin(company), config, company.owner_id, "amoCRM",
                                settings or {"pipeline_id": 500, "statuses": STAGES})
    assert begun["authorize_url"].startswith("https://www.amocrm.ru/oauth?client_id=")
    assert f"state={begun['state']}" in begun["authorize_url"]
    response = client.get("/crm_oauth", query_string={
        "code": amo.issue_code(), "state": begun["state"], "referer": amo.referer, "client_id": amo_api.CLIENT_ID,
        "from_widget": "1"})
    assert response.status_code == 200, response.json
    return response.json


def test_amocrm_is_connected_through_its_authorization_code_flow(client, database, company, amo, sql):
    connected = authorize_amocrm(client, database, company, amo)
    assert connected["connected"] is True and connected["kind"] == "amocrm"
    [grant] = [r.body for r in amo.requests if r.path == "/oauth2/access_token"]
    assert grant["grant_type"] == "authorization_code" and grant["redirect_uri"] == f"{PUBLIC_URL}/crm_oauth"
    stored = sql.execute("select credentials from public.integration_secrets where integration_id = %s",
                         (connected["id"],)).fetchone()[0]
    assert stored["access_token"] in amo.access_tokens and stored["refresh_token"] in amo.refresh_tokens
    assert stored["base_url"] == amo.url


def test_an_authorization_link_works_once(client, database, company, amo, sql):
    put_on_plan(sql, company.owner_id, make_plan(sql))  # room for a second connector
    begun = manage.begin_amocrm(database, admin(company), Config.from_env(), company.owner_id, "amoCRM")
    query = {"code": amo.issue_code(), "state": begun["state"], "referer": amo.referer}
    assert client.get("/crm_oauth", query_string=query).status_code == 200
    again = client.get("/crm_oauth", query_string={**query, "code": amo.issue_code()})
    assert again.status_code == 400 and "expired or was used" in again.json["error"]["message"]
    declined = manage.begin_amocrm(database, admin(company), Config.from_env(), company.owner_id, "amoCRM")
    assert client.get("/crm_oauth", query_string={"state": declined["state"], "error": "access_denied"}).status_code == 400


def test_only_an_admin_starts_an_authorization(database, company, amo):
    with pytest.raises(ApiError, match="admin role"):
        manage.begin_amocrm(database, company.users["manager"].claims, Config.from_env(), company.owner_id, "amoCRM")


@pytest.mark.parametrize("referer,allowed", [
    ("acme.amocrm.ru", True), ("acme.kommo.com", True), ("acme.amocrm.com", True),
    ("acme.amocrm.ru.evil.example", False), ("evil.example", False), ("acme.amocrm.ru:8443", False),
    ("127.0.0.1:8080", False), ("acme.amocrm.ru/@evil.example", False),
])
def test_the_code_and_our_client_secret_go_only_to_an_amocrm_domain(referer, allowed):
    if allowed:
        assert account_base_url(Config(), referer) == f"https://{referer}"
    else:
        with pytest.raises(EndpointRefused):
            account_base_url(Config(), referer)


def test_a_qualified_lead_becomes_one_amocrm_lead_with_its_contact_and_a_note(client, database, company, amo, sql):
    connected = authorize_amocrm(client, database, company, amo)
    chat(client, company, "anna", "Здравствуйте, ищу двушку в Казани")
    chat(client, company, "anna", "Бюджет до 9 млн")  # a lead.updated, with no contact yet: not sent
    reply = chat(client, company, "anna", QUALIFYING)
    sweep(client)
    [complex_call] = amo.calls("POST", "/api/v4/leads/complex")
    [lead] = complex_call.body
    assert lead["name"] == "двушку — Анна" and lead["price"] == 9_000_000
    assert (lead["status_id"], lead["pipeline_id"]) == (7000, 500)
    [contact] = lead["_embedded"]["contacts"]
    assert contact["custom_fields_values"] == [
        {"field_code": "PHONE", "values": [{"value": "+79123456789", "enum_code": "WORK"}]}]
    assert complex_call.headers["authorization"].startswith("Bearer at-")
    [(lead_id, contact_id)] = links(sql, connected["id"])
    [note] = amo.notes
    assert note["entity_id"] == int(lead_id) and "Phone: +79123456789" in note["text"]
    assert "Customer: " + QUALIFYING in note["text"]
    outcomes = [d["outcome"] for d in deliveries(sql, connected["id"])]
    assert outcomes[0].startswith("skipped: no contact yet") and outcomes[-1] == f"created amoCRM lead {lead_id}"

    chat(client, company, "anna", "И почта anna@example.com")
    status(database, company, reply["lead"]["id"], "contacted")
    sweep(client)
    assert len(amo.calls("POST", "/api/v4/leads/complex")) == 1
    assert amo.contact_values(int(contact_id), "EMAIL") == ["anna@example.com"]
    assert amo.leads[int(lead_id)]["status_id"] == 7001


def test_whatsapp_and_telegram_reach_the_amocrm_contact_in_its_phone_and_im_fields(client, database, company, amo,
                                                                                  sql):
    connected = authorize_amocrm(client, database, company, amo)
    reachable_on_messengers(client, database, company, "anna", "Здравствуйте, ищу двушку в Казани")  # no phone
    sweep(client)
    [lead] = amo.calls("POST", "/api/v4/leads/complex")[0].body
    assert lead["_embedded"]["contacts"][0]["custom_fields_values"] == [
        {"field_code": "PHONE", "values": [{"value": "+79031112233", "enum_code": "MOB"}]},
        {"field_code": "IM", "values": [{"value": "@anna_p", "enum_code": "OTHER"}]}]

    reachable_on_messengers(client, database, company, "boris", QUALIFYING.replace("Анна", "Борис"))
    sweep(client)
    [_, (_, contact_id)] = sorted(links(sql, connected["id"]))
    assert amo.contact_values(int(contact_id), "PHONE") == ["+79123456789", "+79031112233"]
    assert amo.contact_values(int(contact_id), "IM") == ["@anna_p"]


def test_a_lost_answer_to_a_create_does_not_make_a_second_amocrm_lead(client, database, company, amo, sql):
    connected = authorize_amocrm(client, database, company, amo)
    reply = chat(client, company, "anna", QUALIFYING)
    sweep(client)
    sql.execute("delete from public.crm_links where integration_id = %s", (connected["id"],))  # never stored
    status(database, company, reply["lead"]["id"], "contacted")
    sweep(client)
    assert len(amo.calls("POST", "/api/v4/leads/complex")) == 1
    [(lead_id, _)] = links(sql, connected["id"])
    assert lead_id == str(next(iter(amo.leads)))


def test_amocrm_tokens_are_refreshed_and_the_rotated_pair_is_stored(client, database, company, amo, sql):
    connected = authorize_amocrm(client, database, company, amo)
    integration = connected["id"]
    old = sql.execute("select credentials from public.integration_secrets where integration_id = %s",
                      (integration,)).fetchone()[0]
    sql.execute("update public.integration_secrets set credentials = credentials || '{\"expires_at\": 0}'"
                " where integration_id = %s", (integration,))
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    renewed = sql.execute("select credentials from public.integration_secrets where integration_id = %s",
                          (integration,)).fetchone()[0]
    assert renewed["refresh_token"] != old["refresh_token"] and old["refresh_token"] not in amo.refresh_tokens
    assert renewed["expires_at"] > time.time() + 3600

    amo.access_tokens.clear()  # revoked early: a 401 renews the token once and the call goes through
    database.rpc("send_test_event", {"p_owner_id": str(company.owner_id), "p_integration_id": integration}, admin(company))
    sweep(client)
    assert deliveries(sql, integration)[-1]["outcome"] == "the CRM accepted the credentials"
    assert [r.status for r in amo.requests if r.path == "/api/v4/account"] == [401, 200]


def test_amocrm_429_is_waited_out_and_its_rate_is_kept(client, database, company, amo, sql):
    connected = authorize_amocrm(client, database, company, amo, settings={})
    amo.script.append(429)
    for n in range(4):
        chat(client, company, f"c{n}", QUALIFYING.replace("912 345-67-89", f"912 345-67-8{n}"))
    sweep(client)
    assert all(d["delivered"] for d in deliveries(sql, connected["id"]))
    api_calls = [r for r in amo.requests if r.path.startswith("/api/")]
    assert [r.status for r in api_calls].count(429) == 1 and len(amo.calls("POST", "/api/v4/leads/complex")) == 4


def test_a_handover_is_noted_on_the_amocrm_lead(client, database, company, amo):
    authorize_amocrm(client, database, company, amo)
    reply = chat(client, company, "anna", QUALIFYING)
    database.rpc("take_over_conversation", {"p_customer_id": reply["customer_id"]}, company.users["manager"].claims)
    sweep(client)
    assert [note["text"] for note in amo.notes][-1] == (
        "The customer's conversation was handed over to a manager in Salesbot.")


# === Bitrix24 ====================================================================================

def connect_bitrix24(database, company: Company, url: str) -> dict:
    return manage.connect_crm(database, admin(company), LOCAL, company.owner_id, "bitrix24", "Portal", url)


def test_a_qualified_lead_becomes_one_bitrix24_lead_with_its_conversation(client, database, company, bitrix, sql):
    connected = connect_bitrix24(database, company, bitrix.url)
    reply = chat(client, company, "anna", QUALIFYING)
    sweep(client)
    assert bitrix.called("crm.duplicate.findbycomm") == [{"entity_type": "LEAD", "type": "PHONE",
                                                          "values": ["+79123456789"]}]
    [added] = bitrix.called("crm.lead.add")
    fields = added["fields"]
    assert fields["PHONE"] == [{"VALUE": "+79123456789", "VALUE_TYPE": "WORK"}] and "EMAIL" not in fields
    assert (fields["TITLE"], fields["OPPORTUNITY"], fields["CURRENCY_ID"], fields["STATUS_ID"]) == (
        "двушку — Анна", 9_000_000, "RUB", "NEW")
    assert fields["ORIGIN_ID"] == reply["lead"]["id"] and added["params"] == {"REGISTER_SONET_EVENT": "Y"}
    [(lead_id, _)] = links(sql, connected["id"])
    [comment] = bitrix.comments
    assert comment["ENTITY_ID"] == int(lead_id) and "Need: двушку" in comment["COMMENT"]

    chat(client, company, "anna", "И почта anna@example.com")
    status(database, company, reply["lead"]["id"], "lost")
    sweep(client)
    assert len(bitrix.called("crm.lead.add")) == 1
    assert bitrix.values(int(lead_id), "PHONE") == ["+79123456789"]  # sent again, it would be there twice
    assert bitrix.values(int(lead_id), "EMAIL") == ["anna@example.com"]
    assert bitrix.leads[int(lead_id)]["STATUS_ID"] == "JUNK"


def test_an_open_bitrix24_lead_with_the_same_phone_is_taken_over_and_a_closed_one_is_not(client, database, company,
                                                                                      bitrix, sql):
    bitrix.leads[100] = {"ID": 100, "TITLE": "Old", "STATUS_ID": "JUNK",
                         "PHONE": [{"VALUE": "8 (912) 345-67-89", "VALUE_TYPE": "WORK"}]}
    bitrix.leads[101] = {"ID": 101, "TITLE": "Call back", "STATUS_ID": "IN_PROCESS",
                         "PHONE": [{"VALUE": "+7 912 345 67 89", "VALUE_TYPE": "MOBILE"}]}
    connected = connect_bitrix24(database, company, bitrix.url)
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    assert bitrix.called("crm.lead.add") == []
    assert links(sql, connected["id"]) == [("101", None)]
    assert bitrix.leads[101]["TITLE"] == "двушку — Анна" and len(bitrix.values(101, "PHONE")) == 1
    assert deliveries(sql, connected["id"])[-1]["outcome"].startswith(
        "found Bitrix24 lead 101 of the same customer")

    bitrix.leads[101]["STATUS_ID"] = "CONVERTED"
    chat(client, company, "boris", QUALIFYING)  # the same phone, the open lead now closed
    sweep(client)
    assert len(bitrix.called("crm.lead.add")) == 1


def test_whatsapp_and_telegram_reach_the_bitrix24_lead_in_its_phone_and_im_fields(client, database, company, bitrix,
                                                                                  sql):
    connected = connect_bitrix24(database, company, bitrix.url)
    reachable_on_messengers(client, database, company, "anna", "Здравствуйте, ищу двушку в Казани")  # no phone
    sweep(client)
    assert bitrix.called("crm.duplicate.findbycomm") == [{"entity_type": "LEAD", "type": "PHONE",
                                                          "values": ["+79031112233"]}]
    [added] = bitrix.called("crm.lead.add")
    assert (added["fields"]["PHONE"], added["fields"]["IM"]) == ([{"VALUE": "+79031112233", "VALUE_TYPE": "MOBILE"}],
                                                                 [{"VALUE": "@anna_p", "VALUE_TYPE": "TELEGRAM"}])

    reachable_on_messengers(client, database, company, "boris", QUALIFYING.replace("912 345-67-89", "912 345-67-80"))
    sweep(client)
    lead_id = max(int(external_id) for external_id, _ in links(sql, connected["id"]))
    assert [(item["VALUE"], item["VALUE_TYPE"]) for item in bitrix.leads[lead_id]["PHONE"]] == [
        ("+79123456780", "WORK"), ("+79031112233", "MOBILE")]  # each sent once
    assert bitrix.values(lead_id, "IM") == ["@anna_p"]


def test_bitrix24_query_limit_exceeded_is_waited_out(client, database, company, bitrix, sql):
    connected = connect_bitrix24(database, company, bitrix.url)
    bitrix.then(query_limit_exceeded())
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    assert all(d["delivered"] for d in deliveries(sql, connected["id"]))
    assert [call.status for call in bitrix.calls][:2] == [503, 200]


def test_a_wrong_bitrix24_webhook_is_retried_not_dropped_and_says_why(client, database, company, bitrix, sql):
    connected = connect_bitrix24(database, company, bitrix.url.replace("k3y4", "bad0"))
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    [failed] = [d for d in deliveries(sql, connected["id"]) if d["last_error"]]
    assert not failed["dead"] and failed["last_error"].startswith(
        "Bitrix24 answered POST /crm.duplicate.findbycomm with 401: INVALID_CREDENTIALS")
    database.rpc("replace_integration_credentials", {"p_owner_id": str(company.owner_id),
                                                     "p_integration_id": connected["id"],
                                                     "p_credentials": {"webhook_url": bitrix.url}}, admin(company))
    make_everything_due(sql, connected["id"])
    sweep(client)
    assert all(d["delivered"] for d in deliveries(sql, connected["id"]))


# === HubSpot =====================================================================================

def connect_hubspot(database, company: Company, token: str = hubspot_api.TOKEN) -> dict:
    return manage.connect_crm(database, admin(company), LOCAL, company.owner_id, "hubspot", "HubSpot", token)


def test_a_qualified_lead_becomes_a_hubspot_deal_with_its_contact_and_a_note(client, database, company, hubspot, sql):
    connected = connect_hubspot(database, company)
    reply = chat(client, company, "anna", WITH_EMAIL)
    sweep(client)
    searches = [r.body["filterGroups"][0]["filters"][0]["propertyName"]
                for r in hubspot.calls("POST", "/crm/v3/objects/contacts/search")]
    assert searches == ["email", "phone"]
    [contact] = hubspot.objects["contacts"].values()
    assert contact["properties"] == {"email": "anna@example.com", "phone": "+79123456789", "firstname": "Анна"}
    [deal] = hubspot.objects["deals"].values()
    assert deal["properties"] == {"dealname": "двушку — Анна", "pipeline": "default",
                                  "amount": "9000000", "dealstage": "appointmentscheduled"}
    assert deal["associations"] == {"contacts": [contact["id"]]}
    [note] = hubspot.objects["notes"].values()
    assert note["associations"] == {"deals": [deal["id"]], "contacts": [contact["id"]]}
    assert "Email: anna@example.com<br>" in note["properties"]["hs_note_body"]
    assert links(sql, connected["id"]) == [(deal["id"], contact["id"])]

    status(database, company, reply["lead"]["id"], "qualified")
    status(database, company, reply["lead"]["id"], "won")
    sweep(client)
    assert len(hubspot.objects["deals"]) == 1 and deal["properties"]["dealstage"] == "closedwon"


def test_a_whatsapp_number_reaches_hubspots_own_property_and_a_telegram_username_the_note(client, database, company,
                                                                                          hubspot, sql):
    connect_hubspot(database, company)
    reachable_on_messengers(client, database, company, "anna", "Здравствуйте, ищу двушку в Казани")  # no phone
    sweep(client)
    assert [r.body["filterGroups"][0]["filters"][0] for r in hubspot.calls("POST", "/crm/v3/objects/contacts/search")
            ] == [{"propertyName": "hs_whatsapp_phone_number", "operator": "EQ", "value": "+79031112233"}]
    [contact] = hubspot.objects["contacts"].values()
    assert contact["properties"] == {"hs_whatsapp_phone_number": "+79031112233"}
    [note] = hubspot.objects["notes"].values()
    assert "Telegram: @anna_p" in note["properties"]["hs_note_body"]


def test_an_existing_hubspot_contact_and_its_open_deal_are_reused(client, database, company, hubspot, sql):
    hubspot.objects["contacts"]["501"] = {"id": "501", "properties": {"email": "anna@example.com"}, "associations": {}}
    hubspot.objects["deals"]["601"] = {"id": "601", "properties": {"dealname": "Old", "pipeline": "default",
                                                                   "dealstage": "qualifiedtobuy"},
                                       "associations": {"contacts": ["501"]}}
    connected = connect_hubspot(database, company)
    chat(client, company, "anna", WITH_EMAIL)
    sweep(client)
    assert hubspot.calls("POST", "/crm/v3/objects/(contacts|deals)") == []
    assert links(sql, connected["id"]) == [("601", "501")]
    assert hubspot.objects["deals"]["601"]["properties"]["dealname"] == "двушку — Анна"


def test_a_contact_hubspot_search_does_not_see_yet_is_found_by_its_conflict(client, database, company, hubspot, sql):
    hubspot.objects["contacts"]["502"] = {"id": "502", "properties": {"email": "anna@example.com"}, "associations": {}}
    hubspot.unindexed.add("502")
    connect_hubspot(database, company)
    hubspot.script.append(429)
    chat(client, company, "anna", WITH_EMAIL)
    sweep(client)
    [deal] = hubspot.objects["deals"].values()
    assert deal["associations"] == {"contacts": ["502"]} and len(hubspot.objects["contacts"]) == 1


# === A create whose answer is lost ===============================================================

@pytest.mark.parametrize("kind", ["amocrm", "bitrix24", "hubspot"])
def test_a_create_the_crm_took_and_never_answered_is_not_sent_again(client, database, company, kind, request, sql):
    """The CRM reads the create and makes the record, then the connection, kept alive from the
    searches before it, drops without an answer. Sent again on a new connection it would make a
    second record; instead the delivery fails, and its retry finds the record the first one made."""
    server = request.getfixturevalue({"amocrm": "amo", "bitrix24": "bitrix", "hubspot": "hubspot"}[kind])
    if kind == "amocrm":
        connected, create = authorize_amocrm(client, database, company, server), "/api/v4/leads/complex"
        records = server.leads
    elif kind == "bitrix24":
        connected, create, records = connect_bitrix24(database, company, server.url), r".*/crm\.lead\.add", server.leads
    else:
        connected, create = connect_hubspot(database, company), "/crm/v3/objects/deals"
        records = server.objects["deals"]
    server.lost.hang_up("POST", create)
    chat(client, company, "anna", QUALIFYING)
    sweep(client)
    [made] = records
    [failed] = deliveries(sql, connected["id"])
    assert not failed["delivered"] and "closed the connection" in failed["last_error"]
    assert links(sql, connected["id"]) == []

    make_everything_due(sql, connected["id"])
    sweep(client)
    assert list(records) == [made] and [external for external, _ in links(sql, connected["id"])] == [str(made)]
    assert deliveries(sql, connected["id"])[0]["delivered"]


# === What the customer takes back ================================================================

def crm_contacts(kind: str, server, sql, integration_id: str) -> dict[str, list[str]]:
    """The phones and emails the CRM holds for the lead (amoCRM and HubSpot: on its contact)."""
    [(record, contact)] = links(sql, integration_id)
    if kind == "amocrm":
        return {code.lower(): server.contact_values(int(contact), code) for code in ("PHONE", "EMAIL")}
    if kind == "bitrix24":
        return {code.lower(): server.values(int(record), code) for code in ("PHONE", "EMAIL")}
    properties = server.objects["contacts"][contact]["properties"]
    return {name: [properties[name]] if name in properties else [] for name in ("phone", "email")}


@pytest.mark.parametrize("taken_back,text", [("email", "ой, это почта коллеги"),
                                             ("phone", "ой, это номер мужа, мой не пишите")], ids=["email", "phone"])
@pytest.mark.parametrize("kind", ["amocrm", "bitrix24", "hubspot"])
def test_a_contact_the_customer_takes_back_is_cleared_in_the_crm(client, database, company, kind, taken_back, text,
                                                                 request, sql):
    server = request.getfixturevalue({"amocrm": "amo", "bitrix24": "bitrix", "hubspot": "hubspot"}[kind])
    connected = (authorize_amocrm(client, database, company, server) if kind == "amocrm"
                 else connect_bitrix24(database, company, server.url) if kind == "bitrix24"
                 else connect_hubspot(database, company))
    chat(client, company, "anna", WITH_EMAIL)
    sweep(client)
    assert crm_contacts(kind, server, sql, connected["id"]) == {"phone": ["+79123456789"], "email": ["anna@example.com"]}

    assert chat(client, company, "anna", text)["lead"][taken_back] is None
    sweep(client)
    kept = {"phone": ["+79123456789"], "email": ["anna@example.com"]} | {taken_back: []}
    assert crm_contacts(kind, server, sql, connected["id"]) == kept
    assert all(delivery["delivered"] for delivery in deliveries(sql, connected["id"]))


def test_a_wrong_hubspot_token_is_a_clear_error_in_the_log(client, database, company, hubspot, sql):
    connected = connect_hubspot(database, company, token="pat-na1-wrong")
    database.rpc("send_test_event", {"p_owner_id": str(company.owner_id), "p_integration_id": connected["id"]},
                 admin(company))
    sweep(client)
    [entry] = database.rpc("crm_delivery_log", {"p_owner_id": str(company.owner_id)}, company.users["viewer"].claims)
    assert entry["state"] == "pending" and entry["response_status"] == 401
    assert entry["last_error"] == ("HubSpot answered GET /crm/v3/objects/contacts with 401: "
                                   "Authentication credentials not found.")


# === Settings and credentials ===================================================================

@pytest.mark.parametrize("kind,credential,settings,message", [
    ("bitrix24", "https://portal.bitrix24.ru/rest/1/abc/", {"statuses": {"won": 5}}, "settings: statuses.won"),
    ("hubspot", "pat-na1-token-000000", {"stage": "x"}, "settings: stage: Extra inputs are not permitted"),
    ("bitrix24", "https://portal.bitrix24.ru/crm/", {}, "webhook_url: the portal's incoming webhook"),
    ("hubspot", "has spaces in it", {}, "token: the private app's access token"),
])
def test_wrong_settings_and_credentials_are_refused_with_a_reason(database, company, kind, credential, settings,
                                                                   message):
    with pytest.raises(ApiError) as refused:
        manage.connect_crm(database, admin(company), LOCAL, company.owner_id, kind, "CRM", credential, settings)
    assert str(refused.value).startswith(message)


@pytest.mark.parametrize("portal", ["https://10.1.2.3/rest/1/abc/", "https://localhost/rest/1/abc/"])
def test_a_bitrix24_portal_on_a_private_address_is_refused_when_connected_or_replaced(database, company, portal):
    production = Config()  # outside local development: we call only public addresses
    with pytest.raises(BadRequest, match=r"^webhook_url: the endpoint must be on a public address$"):
        manage.connect_crm(database, admin(company), production, company.owner_id, "bitrix24", "Portal", portal)
    connected = manage.connect_crm(database, admin(company), production, company.owner_id, "bitrix24", "Portal",
                                   "https://portal.example/rest/1/abc/")  # a name not resolving yet
    with pytest.raises(BadRequest, match=r"^webhook_url: the endpoint must be on a public address$"):
        manage.replace_crm_credential(database, admin(company), production, company.owner_id, connected["id"],
                                      "bitrix24", portal)


def test_a_crm_cannot_receive_every_message(database, company):
    with pytest.raises(ApiError, match="check constraint"):
        manage.connect_crm(database, admin(company), LOCAL, company.owner_id, "hubspot", "HubSpot",
                           "pat-na1-token-000000", events=["message.created"])
