"""The console on the contacts model, through the real app and database: the settings form offers
the kinds of customer contact the bot takes and the single `contact` lead field, with each refusal
beside its field; a lead's WhatsApp and Telegram are shown as links beside the phone and email,
corrected by a manager with errors beside their fields, found by the WhatsApp number's digits and
by the username, and exported to CSV."""

from __future__ import annotations

import csv
import html
import io
import re

from werkzeug.test import Client

from tests.conftest import JWT_SECRET
from tests.support.console import chat, form_data, signed_in

WRITES_WITH_MESSENGERS = "Меня зовут Анна, ищу студию, пишите в ватсап +7 916 111-22-33, телеграм @anna_petrova"


def ticked(page: str) -> list[str]:
    return re.findall(r'name="customer_contacts" value="(\w+)" checked', page)


def invalid_label(page: str, name: str) -> str:
    found = re.search(rf'<label class="invalid">[^<]*<(?:input|textarea)[^>]*name="{name}".*?</label>', page, re.DOTALL)
    assert found, f"{name} is not marked invalid"
    return found.group(0)


def test_the_settings_form_offers_the_contact_kinds_and_the_bot_asks_for_those_ticked(client, company, sql):
    admin = signed_in(client, company.users["admin"].email)
    page = admin.get("/console/settings").text
    assert ticked(page) == ["phone", "email"]  # the default
    fields = form_data(page, "/console/settings")
    assert fields["lead_fields"] == ["need\nbudget\nlocation\nname\ntimeline\ncontact"]
    assert "need, budget, location, name, timeline, contact" in page  # the names it takes, beside the field
    fields |= {"customer_contacts": ["", "whatsapp", "telegram"], "lead_fields": ["need\ncontact"]}
    saved = admin.post("/console/settings", fields)
    assert saved.status_code == 303, re.findall(r'field-error[^>]*>([^<]*)', saved.text)
    stored = sql.execute("select document from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()[0]
    assert (stored["customer_contacts"], stored["lead_fields"]) == (["whatsapp", "telegram"], ["need", "contact"])
    assert ticked(admin.get("/console/settings").text) == ["whatsapp", "telegram"]
    reply = client.post("/chat", json={"customer": "c1", "text": "Здравствуйте, ищу студию"},
                        headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}).json["reply"]
    assert "WhatsApp" in reply and "Telegram" in reply and "телефон" not in reply.lower()


def test_contact_settings_the_bot_cannot_use_are_refused_beside_their_fields(client, company, sql):
    admin = signed_in(client, company.users["admin"].email)
    fields = form_data(admin.get("/console/settings").text, "/console/settings")
    before = sql.execute("select revision from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()
    refused = admin.post("/console/settings", fields | {"customer_contacts": [""], "lead_fields": ["need\nphone"]})
    assert refused.status_code == 422
    contacts = re.search(r'<fieldset class="choices invalid"[^>]*>.*?</fieldset>', refused.text, re.DOTALL)
    assert contacts and 'class="field-error" id="customer_contacts-error"' in contacts.group(0)
    assert ticked(contacts.group(0)) == []  # as the admin left them
    lead_fields = html.unescape(invalid_label(refused.text, "lead_fields"))
    assert "'contact'" in lead_fields and "need\nphone</textarea>" in lead_fields  # what they typed is kept
    forged = admin.post("/console/settings", fields | {"customer_contacts": ["", "fax"]})
    assert forged.status_code == 422 and 'id="customer_contacts-error"' in forged.text
    assert sql.execute("select revision from public.bot_settings where owner_id = %s",
                       (company.owner_id,)).fetchone() == before


def test_the_lead_beside_the_conversation_shows_whatsapp_and_telegram_as_links(client, company):
    customer_id = chat(client, company, WRITES_WITH_MESSENGERS)
    viewer = signed_in(client, company.users["viewer"].email)
    page = viewer.get(f"/console/conversations/{customer_id}").text
    lead = page[page.index('<dl class="fields">'):page.index("</dl>")]
    assert '<dt>WhatsApp</dt><dd><a href="https://wa.me/79161112233"' in lead
    assert '<dt>Telegram</dt><dd><a href="https://t.me/anna_petrova"' in lead and ">@anna_petrova</a>" in lead
    assert 'href="tel:+79161112233"' in lead
    assert f"/console/conversations/{customer_id}/lead" not in page  # a viewer is not offered the form


def test_a_manager_corrects_whatsapp_and_telegram_and_a_refusal_shows_beside_each(client, company, sql):
    customer_id = chat(client, company, WRITES_WITH_MESSENGERS)
    path = f"/console/conversations/{customer_id}/lead"
    viewer = signed_in(Client(client.application), company.users["viewer"].email)
    assert viewer.post(path, {"whatsapp": "+7 903 555-44-33"}).status_code == 403
    manager = signed_in(client, company.users["manager"].email)
    form = manager.get(path).text
    fields = form_data(form, path)
    assert (fields["whatsapp"], fields["telegram"]) == (["+79161112233"], ["@anna_petrova"])
    refused = manager.post(path, fields | {"whatsapp": "12", "telegram": "@ab"})
    assert refused.status_code == 422
    assert 'id="whatsapp-error"' in invalid_label(refused.text, "whatsapp")
    assert "@username или ссылку t.me" in invalid_label(refused.text, "telegram")  # the console speaks Russian by default
    # The whole form as a browser sends it, its blank fields too: a blank clears a field.
    saved = manager.post(path, fields | {"phone": "", "whatsapp": "8 903 555-44-33", "telegram": "https://t.me/anna_p2"})
    assert saved.status_code == 303
    assert sql.execute("select phone, whatsapp, telegram from public.leads where customer_id = %s",
                       (customer_id,)).fetchone() == (None, "+79035554433", "@anna_p2")


def test_leads_are_found_by_whatsapp_digits_and_telegram_username_listed_and_exported(client, company, sql):
    found_id = chat(client, company, WRITES_WITH_MESSENGERS)
    sql.execute("update public.leads set phone = null, whatsapp = '+79035554433' where customer_id = %s", (found_id,))
    other_id = chat(client, company, "Я Олег, ищу дом, +7 903 000-00-00", "other")
    viewer = signed_in(client, company.users["viewer"].email)
    for query in ("89035554433", "+7 (903) 555-44-33", "555-44-33", "anna_petrova", "@anna_petrova"):
        page = viewer.get("/console/leads", query_string={"q": query}).text
        assert found_id in page and other_id not in page, query
    row = re.search(rf'<tr>\s*<td[^>]*><a href="/console/conversations/{found_id}".*?</tr>', page, re.DOTALL).group(0)
    assert 'WhatsApp <a href="https://wa.me/79035554433"' in row and 'Telegram <a href="https://t.me/anna_petrova"' in row
    exported = viewer.get("/console/leads.csv", query_string={"dialect": "en", "q": "8 903 555-44-33"})
    rows = list(csv.DictReader(io.StringIO(exported.text.lstrip("\ufeff"))))
    # "@" starts a formula in a spreadsheet: the export neutralises it with "'", as every such cell.
    assert [(row["whatsapp"], row["telegram"], row["phone"]) for row in rows] == [("+79035554433", "'@anna_petrova", "")]
    header = exported.text.lstrip("\ufeff").splitlines()[0]
    assert ",phone,email,whatsapp,telegram," in header
