"""The console's pages through the real app and database: what each role sees and may do, the
inbox's filters and unread marks, answering and taking over, correcting a lead with errors shown
beside their fields, search by phone digits, the CSV for a Russian Excel, analytics, channels,
languages and the company switcher."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from werkzeug.test import Client

from tests.conftest import JWT_SECRET
from tests.support.accounts import Company
from tests.support.console import Member, csrf_of, signed_in

CALL_A_PERSON = "Здравствуйте! Позовите менеджера, пожалуйста"


def chat(client, company: Company, text: str, customer: str = "c1") -> str:
    """A customer of the company's test chat writes; returns the conversation's id."""
    answer = client.post("/chat", json={"customer": customer, "text": text, "name": "Анна"},
                         headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"})
    assert answer.status_code == 200, answer.json
    return answer.json["customer_id"]


def test_pages_need_a_session_and_send_the_member_back_where_they_were_going(client, company):
    answer = client.get("/console/leads?status=new")
    assert answer.status_code == 303
    location = urlsplit(answer.headers["Location"])
    assert location.path == "/console/sign-in" and parse_qs(location.query)["next"] == ["/console/leads?status=new"]
    member = Member(client, company.users["viewer"].email)
    member.csrf = re.search(r'name="csrf" value="([^"]+)"', client.get(answer.headers["Location"]).text).group(1)
    signed = member.post("/console/sign-in", {"email": member.email, "password": "correct horse",
                                              "next": "/console/leads?status=new"})
    assert signed.headers["Location"] == "/console/leads?status=new"
    elsewhere = Member(Client(client.application), member.email)
    elsewhere.csrf = csrf_of(elsewhere.get("/console/sign-in").text)
    assert elsewhere.post("/console/sign-in", {"email": member.email, "password": "correct horse",
                                               "next": "https://evil.example/"}).headers["Location"] == "/console/inbox"


def test_a_viewer_reads_but_has_no_reply_box_and_cannot_reply_or_reach_admin_pages(client, company, sql):
    customer_id = chat(client, company, CALL_A_PERSON)
    viewer = signed_in(client, company.users["viewer"].email)
    page = viewer.get(f"/console/conversations/{customer_id}")
    assert page.status_code == 200 and CALL_A_PERSON in page.text
    assert 'id="reply"' not in page.text and "Take over" not in page.text and "Взять себе" not in page.text
    assert viewer.post(f"/console/conversations/{customer_id}/reply", {"text": "hi"}).status_code == 403
    assert viewer.get("/console/channels").status_code == 403
    assert 'href="/console/channels"' not in viewer.get("/console/inbox").text
    assert sql.execute("select count(*) from public.messages where customer_id = %s and role = 'manager'",
                       (customer_id,)).fetchone()[0] == 0


def test_the_inbox_filters_waiting_and_mine_and_marks_unread_until_a_manager_opens_it(client, company, sql):
    waiting = chat(client, company, CALL_A_PERSON, "waiting")
    calm = chat(client, company, "Здравствуйте, ищу студию", "calm")
    manager = signed_in(client, company.users["manager"].email)
    everything = manager.get("/console/inbox").text
    assert waiting in everything and calm in everything
    only_waiting = manager.get("/console/inbox?waiting=true").text
    assert waiting in only_waiting and calm not in only_waiting
    assert 'class="badge"' in only_waiting  # unread
    assert calm not in manager.get("/console/inbox?mine=true").text
    manager.get(f"/console/conversations/{waiting}")  # opening it reads it
    assert sql.execute("select unread_count from public.conversations where customer_id = %s",
                       (waiting,)).fetchone()[0] == 0
    manager.post(f"/console/conversations/{calm}/take")
    mine = manager.get("/console/inbox?mine=true").text
    assert calm in mine and waiting not in mine
    fragment = manager.get("/console/inbox", headers={"X-Salesbot-Partial": "inbox"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and calm in fragment.text


def test_a_reply_from_the_form_is_stored_once_as_the_managers_even_when_sent_twice(client, company, sql):
    customer_id = chat(client, company, CALL_A_PERSON)
    manager = signed_in(client, company.users["manager"].email)
    page = manager.get(f"/console/conversations/{customer_id}").text
    key = re.search(r'name="reply_key" value="([^"]+)"', page).group(1)
    for _ in range(2):  # a double click
        sent = manager.post(f"/console/conversations/{customer_id}/reply", {"text": "Добрый день!", "reply_key": key})
        assert sent.status_code == 303
    assert sql.execute("select role::text, sender_id from public.messages where customer_id = %s and role = 'manager'",
                       (customer_id,)).fetchall() == [("manager", company.users["manager"].user_id)]
    page = manager.get(f"/console/conversations/{customer_id}").text
    assert company.users["manager"].email in page  # who wrote it
    empty = manager.post(f"/console/conversations/{customer_id}/reply", {"text": "  "})
    assert empty.status_code == 400


def test_what_customers_write_is_shown_as_text_never_as_markup(client, company):
    customer_id = chat(client, company, '<script>alert("x")</script><img src=x onerror=alert(1)>')
    page = signed_in(client, company.users["viewer"].email).get(f"/console/conversations/{customer_id}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_take_over_and_release_change_who_answers(client, company, sql):
    customer_id = chat(client, company, "Здравствуйте, ищу студию")
    manager = signed_in(client, company.users["manager"].email)
    manager.post(f"/console/conversations/{customer_id}/take")
    assert sql.execute("select handed_over_by from public.customers where id = %s",
                       (customer_id,)).fetchone()[0] == company.users["manager"].user_id
    manager.post(f"/console/conversations/{customer_id}/release")
    assert sql.execute("select handed_over_at from public.customers where id = %s", (customer_id,)).fetchone()[0] is None


def test_a_lead_correction_shows_each_refused_field_beside_itself_and_saves_a_valid_one(client, company, sql):
    customer_id = chat(client, company, "Меня зовут Анна, ищу двушку в Казани до 9 млн, +7 912 345-67-89")
    manager = signed_in(client, company.users["manager"].email)
    form = manager.get(f"/console/conversations/{customer_id}/lead")
    assert form.status_code == 200 and 'value="+79123456789"' in form.text and 'value="9000000"' in form.text
    refused = manager.post(f"/console/conversations/{customer_id}/lead",
                           {"name": "Анна", "phone": "12", "email": "not-an-email", "budget_amount": "9 000 000"})
    assert refused.status_code == 422
    phone_label = re.search(r'<label class="invalid">[^<]*<input type="tel" name="phone".*?</label>', refused.text, re.DOTALL)
    assert phone_label and 'class="field-error"' in phone_label.group(0)
    assert re.search(r'name="email"[^>]*aria-invalid="true"', refused.text)
    no_currency = manager.post(f"/console/conversations/{customer_id}/lead", {"budget_amount": "9 000 000"})
    assert no_currency.status_code == 422
    assert re.search(r'name="budget_currency"[^>]*aria-invalid="true"', no_currency.text) and "together" in no_currency.text
    saved = manager.post(f"/console/conversations/{customer_id}/lead",
                         {"name": "Анна Петрова", "phone": "8 916 111-22-33", "email": "anna@example.com",
                          "budget_amount": "8 500 000,50", "budget_currency": "rub", "location": "Казань"})
    assert saved.status_code == 303
    assert sql.execute("select name, phone, email, budget_amount::text, budget_currency from public.leads"
                       " where customer_id = %s", (customer_id,)).fetchone() == \
        ("Анна Петрова", "+79161112233", "anna@example.com", "8500000.50", "RUB")


def test_leads_are_found_by_phone_digits_however_they_are_written(client, company):
    customer_id = chat(client, company, "Я Иван, ищу дом, мой телефон +7 916 111-22-33")
    chat(client, company, "Я Олег, ищу студию, +7 903 000-00-00", "other")
    viewer = signed_in(client, company.users["viewer"].email)
    for query in ("89161112233", "+7 (916) 111-22-33", "111-22-33", "9161112233"):
        found = viewer.get("/console/leads", query_string={"q": query}).text
        assert customer_id in found and "+79030000000" not in found, query
    assert customer_id in viewer.get("/console/leads", query_string={"q": "дом"}).text


def test_the_csv_export_opens_in_a_russian_excel(client, company, sql):
    customer_id = chat(client, company, "Меня зовут Анна, ищу двушку в Казани до 300 тысяч, +7 912 345-67-89")
    sql.execute("update public.leads set budget_amount = 1250.5 where customer_id = %s", (customer_id,))
    viewer = signed_in(client, company.users["viewer"].email)
    russian = viewer.get("/console/leads.csv?dialect=ru")
    assert russian.status_code == 200 and russian.mimetype == "text/csv"
    header, row = russian.text.lstrip("\ufeff").splitlines()[:2]
    assert header.startswith("id;created_at;status;") and ";1250,50;RUB;" in row
    english = viewer.get("/console/leads.csv?dialect=en").text
    assert ",1250.50,RUB," in english
    sql.execute("update public.leads set budget_amount = 300000 where customer_id = %s", (customer_id,))
    assert ";300000;RUB;" in viewer.get("/console/leads.csv?dialect=ru").text  # not 300000.0


def test_analytics_draws_its_charts_as_svg_for_a_chosen_period(client, company, database, sql):
    customer_id = chat(client, company, "Меня зовут Анна, ищу двушку в Казани, +7 912 345-67-89")
    viewer = signed_in(client, company.users["viewer"].email)
    page = viewer.get("/console/analytics?days=7")
    assert page.status_code == 200
    assert page.text.count("<svg class=\"chart\"") == 3 and "<rect class=\"series-0\"" in page.text
    assert viewer.get("/console/analytics?start=2026-03-01&end=2026-01-01").status_code == 400
    waited = sql.execute("select extract(epoch from min(m.created_at) - c.created_at) from public.customers c"
                         " join public.messages m on m.customer_id = c.id and m.role <> 'customer'"
                         " where c.id = %s group by c.created_at", (customer_id,)).fetchone()[0]
    figures = database.rpc("company_analytics", {"p_owner_id": str(company.owner_id)},
                           company.users["viewer"].claims)
    assert figures["response"]["answered_conversations"] == 1
    assert figures["response"]["median_first_reply_seconds"] == round(float(waited), 1)
    assert [day["new_leads"] for day in figures["daily"]][-1] == 1
    [test_chat] = [row for row in figures["channels"] if row["kind"] == "test"]
    assert (test_chat["customers"], test_chat["leads"], test_chat["qualified_leads"], test_chat["won_leads"]) == (1, 1, 1, 0)


def test_a_widget_is_created_and_its_secret_shown_once_in_the_answer_never_in_a_url(client, company, sql):
    admin = signed_in(client, company.users["admin"].email)
    created = admin.post("/console/channels/widget", {"name": "Shop site"})
    assert created.status_code == 200
    secret = sql.execute("select s.webhook_secret from public.channel_secrets s join public.channels c"
                         " on c.id = s.channel_id where c.owner_id = %s and c.name = 'Shop site'",
                         (company.owner_id,)).fetchone()[0]
    assert f"SALESBOT_SIGNING_SECRET={secret}" in created.text
    assert secret not in admin.get("/console/channels").text
    refused = admin.post("/console/channels/telegram", {"name": "Bot", "bot_token": "not a token"})
    assert refused.status_code == 422 and 'class="field-error"' in refused.text


def test_the_language_follows_the_browser_and_the_members_choice(client, company):
    member = Member(client, company.users["viewer"].email)
    assert "Вход" in member.get("/console/sign-in", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).text
    assert ">Sign in<" in member.get("/console/sign-in", headers={"Accept-Language": "en-GB,en;q=0.8"}).text
    member.post("/console/language", {"language": "en"})
    assert ">Sign in<" in member.get("/console/sign-in", headers={"Accept-Language": "ru"}).text


def test_a_member_of_two_companies_switches_and_sees_only_the_chosen_ones_conversations(client, company, other_company,
                                                                                        sql):
    ours = chat(client, company, "Здравствуйте, ищу студию")
    theirs = chat(client, other_company, "Здравствуйте, ищу дом")
    manager = company.users["manager"]
    sql.execute("insert into public.members (owner_id, user_id, role) values (%s, %s, 'viewer')",
                (other_company.owner_id, manager.user_id))
    member = signed_in(client, manager.email)
    first = member.get("/console/inbox").text
    assert 'name="company"' in first and (ours in first) != (theirs in first)
    for company_id, shown, hidden in ((other_company.owner_id, theirs, ours), (company.owner_id, ours, theirs)):
        member.post("/console/company", {"company": str(company_id)})
        page = member.get("/console/inbox").text
        assert shown in page and hidden not in page
    assert member.post("/console/company", {"company": "00000000-0000-0000-0000-000000000000"}).status_code == 403


def test_a_viewer_and_a_manager_cannot_reach_the_settings_form(client, company):
    for role in ("viewer", "manager"):
        member = signed_in(Client(client.application), company.users[role].email)
        page = member.get("/console/settings")
        assert page.status_code == 403 and 'name="persona.greeting"' not in page.text
        assert member.post("/console/settings", {"company_name": "Taken over"}).status_code == 403


def test_a_settings_error_from_the_settings_api_shows_beside_its_field(client, company, sql):
    admin = signed_in(client, company.users["admin"].email)
    form = admin.get("/console/settings")
    assert form.status_code == 200 and 'name="persona.greeting"' in form.text
    values = dict(re.findall(r'<input name="([^"]+)" value="([^"]*)"', form.text))  # as the browser sends them
    values |= {name: html.unescape(text) for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>',
                                                                       form.text, re.DOTALL)}
    values["persona.gender"] = re.search(r'<option value="(\w+)" selected>', form.text).group(1)
    revision = re.search(r'name="revision" value="(\d+)"', form.text).group(1)
    sent = {**values, "revision": revision, "contacts.email": "not an email", "persona.name": "Ольга",
            "offerings": '[{"name": "Студия", "price": {"kind": "exact", "amount": -5, "currency": "RUB"}}]'}
    refused = admin.post("/console/settings", sent)
    assert refused.status_code == 422
    email = re.search(r'<label class="invalid">[^<]*<input name="contacts.email".*?</label>', refused.text, re.DOTALL)
    assert email and 'class="field-error" id="contacts-email-error"' in email.group(0)
    offerings = re.search(r'<label class="invalid">[^<]*<textarea name="offerings".*?</label>', refused.text, re.DOTALL)
    assert offerings and "$.offerings[0].price.amount" in offerings.group(0)
    assert 'value="Ольга"' in refused.text  # what the admin typed is kept
    saved = admin.post("/console/settings", {**sent, "contacts.email": "hello@acme.example", "offerings": "[]"})
    assert saved.status_code == 303, re.findall(r'field-error[^>]*>([^<]*)', saved.text)
    stored = sql.execute("select document from public.bot_settings where owner_id = %s", (company.owner_id,)).fetchone()[0]
    assert stored["persona"]["name"] == "Ольга" and stored["contacts"]["email"] == "hello@acme.example"
    stale = admin.post("/console/settings", {**sent, "contacts.email": "x@acme.example", "offerings": "[]"})
    assert stale.status_code == 409  # the revision it was read at is gone
