"""A contact or a name stored before that a later message takes back ("ой, это номер мужа", "sorry, that's my old
number", "я не Оля, Оля это жена"), and a timeline when the customer says no date is set yet: read by the parsers,
cleared by the merge, and cleared in the stored lead row through the real chat, with the lead.updated event a CRM
receives for any change."""

from __future__ import annotations

from typing import get_args

import pytest

from salesbot.config import Config
from salesbot.crm import manage
from salesbot.extract import extract_lead
from salesbot.lead import PHONE_UNVERIFIED, merge
from salesbot.models import BotSettings, LeadData, Retractable
from tests.conftest import JWT_SECRET
from tests.servers.webhook_receiver import serve_webhook_receiver
from tests.support.crm import chat, forget_integrations  # noqa: F401 (autouse)
from tests.support.postgres import as_client

RU = BotSettings(phone_region="RU")
GB = BotSettings(phone_region="GB")
OLYA = LeadData(name="Оля", phone="+79161234567", whatsapp="+79161234567", email="olya@mail.ru")
OLGA = LeadData(name="Olga", phone="+447700900123", email="olga@gmail.com")


@pytest.mark.parametrize("text,known,retracted", [
    ("ой, это номер мужа, мой не пишите", OLYA, ("phone", "whatsapp")),  # one number: its WhatsApp goes with it
    ("это был телефон моей мамы, извините", OLYA, ("phone", "whatsapp")),
    ("номер, который я оставила, - сестры", OLYA, ("phone", "whatsapp")),
    ("это не мой номер, перепутала", OLYA, ("phone", "whatsapp")),
    ("этот номер уже не актуален", OLYA, ("phone", "whatsapp")),
    ("это почта коллеги", OLYA, ("email",)),
    ("я не Оля, Оля это жена", OLYA, ("name",)),
    ("меня зовут не Оля", OLYA, ("name",)),
    ("8 916 123-45-67 это номер мужа, мой 8 903 111 22 33", OLYA, ("phone", "whatsapp")),  # the stored one, disowned
    ("sorry, that's my old number, don't use it", OLGA, ("phone",)),
    ("that's my husband's number, sorry", OLGA, ("phone",)),
    ("the number you have is my son's", OLGA, ("phone",)),
    ("that number isn't mine", OLGA, ("phone",)),
    ("that e-mail was my assistant's", OLGA, ("email",)),
    ("oops, I gave you my husband's number by mistake", OLGA, ("phone",)),
    ("I sent you my old number, sorry", OLGA, ("phone",)),
    ("ой, я вам дала номер дочки", OLYA, ("phone", "whatsapp")),
    ("написала по ошибке старую почту", OLYA, ("email",)),
    ("I'm not Olga, Olga is my wife", OLGA, ("name",)),
])
def test_a_message_takes_back_what_it_says_is_not_the_customers(text, known, retracted):
    learned = extract_lead(text, settings=RU if known is OLYA else GB, known=known)
    assert learned.retracted == retracted
    merged = merge(known, learned)
    assert all(getattr(merged, field) != getattr(known, field) for field in retracted)


@pytest.mark.parametrize("text,known", [
    ("the number I gave is my work one", OLGA),
    ("call my wife instead on 07700 900456", OLGA),  # her number, not the customer's: theirs stays
    ("it's my wife's number too", OLGA),  # shared: still theirs
    ("my phone is old, it can't open links", OLGA),  # a handset
    ("my husband's number is 07700 900456 if I don't pick up", OLGA),
    ("ask for Olga, 07700 900123", OLGA),  # the stored number, with whom to ask for: her own
    ("могу дать номер мужа", OLYA),
    ("я дала вам номер, звоните после шести", OLYA),
    ("I gave you my mobile number, call after six", OLGA),
    ("это мой рабочий номер", OLYA),
    ("мой телефон не работает, пишите на почту", OLYA),
    ("это старый телефон, ссылки не открываются", OLYA),
    ("это номер и мужа тоже", OLYA),
    ("8 926 222 33 44 это номер мужа, если я не отвечу", OLYA),  # another number disowned, not the stored one
    ("Оля это я", OLYA),
    ("Оля, это мама Кирилла, по поводу кружка", OLYA),  # the writer, named by whose mother she is
    ("звоните не на мой номер, а мужу, он дома", OLYA),  # whom to call; the number stays hers
    ("я не Маша, я Оля", OLYA),
])
def test_a_message_that_does_not_disown_what_is_stored_takes_nothing_back(text, known):
    learned = extract_lead(text, settings=RU if known is OLYA else GB, known=known)
    assert learned.retracted is None
    merged = merge(known, learned)
    assert (merged.phone, merged.email, merged.name) == (known.phone, known.email, known.name)


@pytest.mark.parametrize("text", [
    "Honestly we haven't set a date yet, still looking at venues",
    "no date yet sorry",
    "the date isn't fixed yet",
    "Dates TBC",
    "not sure when yet, depends on the builders",
    "We've not picked a date",
    "даты пока нет",
    "сроков нет, как решим - напишу",
    "дату ещё не назначили",
    "мы пока не определились с датой",
    "сроков пока нет, как решим - напишу",
    "пока сроков нет",
    "пока не знаем, когда",
    "actually no date yet, the policy isn't signed off",  # "actually" is no "actual date"
])
def test_a_message_saying_no_date_is_set_takes_the_timeline_back(text):
    known = LeadData(name="Kate", need="Photo booth", timeline="in August")
    learned = extract_lead(text, settings=GB, known=known)
    assert learned.retracted == ("timeline",)
    assert merge(known, learned) == known.model_copy(update={"timeline": None})


@pytest.mark.parametrize("text,timeline", [
    ("no rush at all", None),  # unhurried, not undated: what they said before stands
    ("не знаю", None),
    ("I haven't set up the account yet", None),
    ("the date on your invoice was wrong", None),
    ("пока не знаем, когда будем дома, звоните вечером", None),
    ("датчик дыма не определяет пар", None),
    ("we haven't set a date yet, but by the end of September at the latest", "by the end of September"),
    ("даты пока нет, но хотелось бы к началу октября", "к началу октября"),
    # Only the exact day or a strict deadline is missing: the time said before stands.
    ("точной даты у нас ещё нет", None),
    ("жёстких сроков нет, главное чтобы аккуратно", None),
    # "Сроков нет" alone is no deadline, as "не горит" is, not no date: without "yet" or "when we decide" the time stands.
    ("сроков нет, делайте спокойно", None),
    ("у нас сроков нет вообще", None),
    ("конкретного срока пока нет", None),
    ("no exact date yet", None),
    ("we haven't set a firm date", None),
    ("the final date isn't set yet", None),
])
def test_a_message_that_does_not_say_no_date_is_set_keeps_the_timeline(text, timeline):
    known = LeadData(name="Kate", timeline="in August")
    learned = extract_lead(text, settings=GB, known=known)
    assert learned.retracted is None
    assert merge(known, learned).timeline == (timeline or known.timeline)


@pytest.mark.parametrize("text,timeline", [
    ("выставка вроде в мае, но даты пока нет, организаторы переносят", None),
    ("we wanted it by end of March but honestly no date yet", None),
    ("хотели с понедельника запустить. хотя нет, даты пока нет", None),
    ("даты пока нет, но хотелось бы к началу октября", "к началу октября"),  # a time after the words stands
    ("к маю, точной даты нет", "к маю"),  # only the exact day is missing
    ("к маю, сроков нет", "к маю"),
])
def test_a_time_said_before_no_date_yet_in_one_message_is_taken_back(text, timeline):
    assert extract_lead(text, settings=GB).timeline == timeline
    known = LeadData(timeline="in August")
    assert merge(known, extract_lead(text, settings=GB, known=known)).timeline == timeline  # and the one stored with it


def test_nothing_is_taken_back_of_a_lead_that_holds_none_of_it():
    assert extract_lead("ой, это номер мужа", settings=RU, known=LeadData(name="Оля")).retracted is None
    assert extract_lead("ой, это номер мужа", settings=RU).retracted is None
    assert extract_lead("no date yet", settings=GB, known=LeadData(name="Kate")).retracted is None


def test_a_new_value_given_with_the_retraction_replaces_the_one_taken_back():
    learned = extract_lead("я не Оля, я Ольга Петрова", settings=RU, known=OLYA)
    assert merge(OLYA, learned).name in (None, "Ольга Петрова")  # never the name taken back
    learned = extract_lead("это почта коллеги, моя olya.k@yandex.ru", settings=RU, known=OLYA)
    assert merge(OLYA, learned).email == "olya.k@yandex.ru"


def test_the_merge_clears_a_phone_taken_back_with_its_verification_flag():
    known = LeadData(phone="+99912345678", details={PHONE_UNVERIFIED: True, "area_m2": 60})
    merged = merge(known, LeadData(retracted=("phone",)))
    assert merged.phone is None and merged.details == {"area_m2": 60}


def talk(client, company, customer: str, *texts: str) -> dict:
    for text in texts:
        answer = chat(client, company, customer, text)
    return answer


def test_the_database_clears_exactly_the_fields_the_parsers_may_take_back(sql):
    """A field in one list only would be read as taken back and kept, or be cleared though no parser takes it back."""
    assert sql.execute("select private.retractable_fields()").fetchone()[0] == list(get_args(Retractable))


def test_a_phone_taken_back_is_cleared_in_the_stored_lead_and_a_crm_hears_of_it(client, database, company, sql):
    with serve_webhook_receiver() as server:
        manage.connect_webhook(database, company.users["admin"].claims, Config(allow_private_endpoints=True),
                               company.owner_id, "CRM bridge", server.url, ["lead.updated"])
        answer = talk(client, company, "c-husband", "Здравствуйте, хочу купить квартиру в Казани",
                      "Меня зовут Оля, 8 916 123-45-67", "ой, это номер мужа, мой не пишите")
    lead_id = answer["lead"]["id"]
    assert answer["lead"]["phone"] is None and answer["lead"]["name"] == "Оля"
    assert "заявку" in answer["reply"] or "из заявки" in answer["reply"]  # the bot says it took the number off
    assert sql.execute("select phone, name from public.leads where id = %s", (lead_id,)).fetchone() == (None, "Оля")
    event = sql.execute("select data #>> '{lead,phone}', data -> 'changed', data -> 'taken_back' from public.crm_events"
                        " where owner_id = %s and type = 'lead.updated' order by created_at desc limit 1",
                        (company.owner_id,)).fetchone()
    assert event == (None, ["phone"], {"phone": "+79161234567"})
    # The rebuilt lead is the lead the chat stored.
    rebuilt = client.post("/extract_leads", json={"customer_id": answer["customer_id"]},
                          headers={"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"}).json["lead"]
    assert (rebuilt["phone"], rebuilt["name"]) == (None, "Оля")


@pytest.mark.parametrize("texts,stored", [
    (["Hi, I need a kitchen fitted", "Olga here, +44 7700 900123", "sorry, that's my old number, don't use it"],
     {"phone": None, "name": "Olga"}),
    (["Hi, I need a kitchen fitted", "I'm Olga, olga.k@gmail.com", "that e-mail was my assistant's, mine is olga@petrova.co.uk"],
     {"email": "olga@petrova.co.uk", "name": "Olga"}),
    (["Здравствуйте, нужна кухня", "Оля, olya@mail.ru", "я не Оля, Оля это жена"], {"name": None, "email": "olya@mail.ru"}),
    (["Здравствуйте, нужна кухня", "Оля, olya@mail.ru", "это почта коллеги, пишите лучше сюда в чат"],
     {"email": None, "name": "Оля"}),
    # Written to a person, the bot silent: the parsers still take it back.
    (["Ищу квартиру, я Оля, 8 916 123-45-67", "Позовите менеджера", "ой, это номер мужа"], {"phone": None, "name": "Оля"}),
    # Not taken back: the customer's number stays theirs.
    (["Hi, I need a kitchen fitted", "Olga here, +44 7700 900123", "the number I gave is my work one"],
     {"phone": "+447700900123"}),
    (["Hi, I need a kitchen fitted", "Olga here, +44 7700 900123", "call my wife instead on +44 7700 900456"],
     {"phone": "+447700900123"}),
])
def test_what_a_later_message_takes_back_leaves_the_stored_lead(client, company, sql, texts, stored):
    answer = talk(client, company, f"c-{texts[-1][:20]}", *texts)
    row = sql.execute(f"select {', '.join(stored)} from public.leads where id = %s", (answer["lead"]["id"],)).fetchone()
    assert dict(zip(stored, row, strict=True)) == stored


def test_a_timeline_taken_back_is_cleared_in_the_stored_lead_and_nothing_else(client, company, other_company, sql):
    event = "Hi, how much is a photo booth for an evening? Our son turns 21 in August, we're planning a party for him"
    no_date = "We haven't set a date yet, still choosing between the garden and a hall"
    theirs = talk(client, other_company, "c-no-date", event)["lead"]  # the same customer id, another company
    first = talk(client, company, "c-no-date", event)["lead"]
    assert first["timeline"] == "in August"  # the event's month, read as theirs while it is all they said
    fields = "name, phone, email, whatsapp, telegram, need, budget_amount, budget_currency, budget_text, location, details"
    before = sql.execute(f"select {fields} from public.leads where id = %s", (first["id"],)).fetchone()
    answer = talk(client, company, "c-no-date", no_date)
    assert answer["lead"]["timeline"] is None
    assert sql.execute("select timeline from public.leads where id = %s", (first["id"],)).fetchone() == (None,)
    assert sql.execute(f"select {fields} from public.leads where id = %s", (first["id"],)).fetchone() == before
    assert sql.execute("select timeline from public.leads where id = %s", (theirs["id"],)).fetchone() == ("in August",)
    # Row-level security is as it was: the company's manager reads the cleared lead, the other company's none of it.
    with as_client(sql, company.users["manager"].claims) as conn:
        assert conn.execute("select timeline from public.leads where id = %s", (first["id"],)).fetchone() == (None,)
    with as_client(sql, other_company.users["manager"].claims) as conn:
        assert conn.execute("select id from public.leads where id = %s", (first["id"],)).fetchone() is None
    # The rebuilt lead is the lead the chat stored.
    rebuilt = client.post("/extract_leads", json={"customer_id": answer["customer_id"]},
                          headers={"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"}).json["lead"]
    assert rebuilt["timeline"] is None and rebuilt["id"] == first["id"]
