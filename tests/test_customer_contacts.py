"""Which of the customer's contacts a company accepts (settings `customer_contacts`): the parsers
that read a WhatsApp number and a Telegram username, the offline engine asking for exactly those
kinds in the persona's voice, and, through the real settings API, POST /chat and the database,
what the lead keeps and when it is qualified."""

from __future__ import annotations

import json
from typing import Any

import psycopg
import pytest

from salesbot.brain.offline import OfflineBrain
from salesbot.extract import extract_lead
from salesbot.extract.messengers import find_telegram, says_whatsapp, telegram_username
from salesbot.lead import merge, score, stated_contacts_only
from salesbot.lead_rebuild import extract_conversation
from salesbot.models import BotSettings, BrainReply, Conversation, LeadData, Stage, Turn
from tests.conftest import JWT_SECRET
from tests.support.businesses import business_facts, settings_document

KITCHEN = settings_document(business_facts()["kitchen_moscow"])  # Ольга, female, formal; WhatsApp +79161234567
CLINIC = settings_document(business_facts()["dental_london"])  # Emma, female, informal
MESSENGERS_ONLY = ["whatsapp", "telegram"]


def settings(document: dict[str, Any], accepted: list[str], **more: Any) -> BotSettings:
    return BotSettings.model_validate({**document, "customer_contacts": accepted, **more})


# --- reading the contacts --------------------------------------------------------------------------


@pytest.mark.parametrize("text, usernames", [
    ("пишите в тг @anna_petrova", ["@anna_petrova"]),
    ("мой телеграм anna_p", ["@anna_p"]),
    ("Telegram: annapetrova", ["@annapetrova"]),
    ("my telegram is annapetrova", ["@annapetrova"]),
    ("https://t.me/anna_petrova, пишите туда", ["@anna_petrova"]),
    ("в телеге IvanP1990", ["@IvanP1990"]),
    ("anna.petrova@mail.ru", []),  # an email's "@"
    ("пишите на @mail.ru", []),
    ("message me on telegram please", []),  # an English word after the messenger's name
    ("нашла вас через @dubrava_kitchen_bot", []),  # a bot's handle: users cannot take one ending in "bot"
    ("@anna", []),  # Telegram usernames have at least five characters
])
def test_a_telegram_username_is_read_however_it_is_written(text, usernames):
    assert [name for name, _ in find_telegram(text)] == usernames


@pytest.mark.parametrize("typed, username", [
    ("@anna_petrova", "@anna_petrova"),
    (" anna_petrova ", "@anna_petrova"),
    ("t.me/anna_petrova", "@anna_petrova"),
    ("https://telegram.me/Anna_Petrova/", "@Anna_Petrova"),
    ("@ab", None),  # too short for a username
    ("1anna_petrova", None),  # starts with a letter
    ("anna petrova", None),
    ("@anna_petrova, @ivan_ivanov", None),  # a field holds one
    ("anna@mail.ru", None),
])
def test_a_telegram_field_holds_one_username_however_it_is_typed(typed, username):
    assert telegram_username(typed) == username


@pytest.mark.parametrize("text, theirs", [
    ("+7 912 345-67-89, лучше пишите в ватсап", True),
    ("whatsapp me on +44 7700 900456", True),
    ("этот номер и в вотсапе есть", True),
    ("у вас есть ватсап?", False),  # asks for the company's
    ("можно вам в WhatsApp написать?", False),
    ("do you have whatsapp?", False),
    ("ватсапа у меня нет, только звонки", False),
    ("no WhatsApp, sorry", False),
])
def test_a_whatsapp_mention_is_the_customers_only_when_it_says_so(text, theirs):
    assert says_whatsapp(text) is theirs


def test_the_companys_own_contacts_are_never_taken_for_the_customers():
    company = settings(KITCHEN, ["phone", "whatsapp", "telegram"], contacts={**KITCHEN["contacts"], "telegram": "@dubrava_kuhni"})
    quoted = extract_lead("это ваш телеграм @dubrava_kuhni? и ватсап +7 916 123-45-67, пишу туда", settings=company)
    assert (quoted.phone, quoted.whatsapp, quoted.telegram) == (None, None, None)
    own = extract_lead("мой ватсап +7 912 345-67-89, телеграм @anna_p", settings=company)
    assert (own.phone, own.whatsapp, own.telegram) == ("+79123456789", "+79123456789", "@anna_p")


def test_a_reply_to_a_question_for_a_messenger_is_read_as_that_messenger():
    company = settings(KITCHEN, MESSENGERS_ONLY)
    number = extract_lead("8 912 345 67 89", settings=company, asked="contact")
    assert (number.phone, number.whatsapp) == ("+79123456789", "+79123456789")
    assert extract_lead("anna_petrova", settings=company, asked="contact").telegram == "@anna_petrova"
    assert extract_lead("Robert", settings=company, asked="contact").telegram is None  # a name, not a username
    calls_too = settings(KITCHEN, ["phone", "whatsapp"])  # a number given to "телефон или WhatsApp" is a phone
    assert extract_lead("8 912 345 67 89", settings=calls_too, asked="contact").whatsapp is None


def test_a_contact_the_customer_did_not_write_is_never_kept():
    invented = LeadData(whatsapp="+79123456789", telegram="@anna_p")
    assert stated_contacts_only(invented, ["хочу кухню"]) == LeadData()
    assert stated_contacts_only(invented, ["8 912 345 67 89, в ватсап", "мой тг Anna_P"]) == invented


def test_only_a_contact_of_a_kind_the_company_accepts_counts():
    lead = LeadData(need="Кухня из эмали", phone="+79123456789", telegram="@anna_p")
    assert lead.contact(["whatsapp", "telegram"]) == ("telegram", "@anna_p")
    assert lead.contact(["whatsapp", "email"]) is None
    assert lead.missing(["need", "contact"], ["email"]) == ["contact"]
    assert score(lead, Stage.offer, ["email"]) < score(lead, Stage.offer, ["phone"])


def test_a_rebuilt_lead_keeps_the_telegram_the_customer_writes_from_when_the_company_takes_it():
    history = [Turn(role="customer", text="Хочу кухню из эмали")]
    takes_it = Conversation(settings=settings(KITCHEN, ["telegram"]), history=history, customer_telegram="@anna_p")
    assert extract_conversation(takes_it).telegram == "@anna_p"
    does_not = Conversation(settings=settings(KITCHEN, ["phone"]), history=history, customer_telegram="@anna_p")
    assert extract_conversation(does_not).telegram is None


# --- the offline engine asks for exactly what the company accepts --------------------------------------


class Dialogue:
    def __init__(self, company: BotSettings) -> None:
        self.settings, self.lead, self.stage = company, LeadData(), Stage.greeting
        self.history: list[Turn] = []

    def say(self, text: str) -> BrainReply:
        self.history.append(Turn(role="customer", text=text))
        answer = OfflineBrain().respond(Conversation(settings=self.settings, history=list(self.history),
                                                     lead=self.lead, stage=self.stage))
        self.lead, self.stage = merge(self.lead, answer.lead), answer.stage
        self.history.append(answer.as_turn())
        return answer


def test_a_company_on_messengers_asks_for_whatsapp_or_telegram_in_the_personas_voice():
    talk = Dialogue(settings(KITCHEN, MESSENGERS_ONLY))  # a company that installs asks where first: said
    first = talk.say("Хочу кухню из эмали, живём в Химках")
    assert "Оставьте, пожалуйста, номер WhatsApp или Telegram:" in first.reply and first.asked == "contact"
    assert "телефон" not in first.reply and "email" not in first.reply
    given = talk.say("+7 912 345-67-89")
    assert given.lead.whatsapp == "+79123456789" and "WhatsApp записала" in given.reply  # female persona
    assert given.stage is Stage.contact and given.asked not in ("contact", "phone", "email")


def test_an_informal_english_persona_asks_for_a_phone_or_a_telegram_username():
    talk = Dialogue(settings(CLINIC, ["phone", "telegram"]))
    first = talk.say("How much is teeth whitening?")
    assert "Could you leave a phone number or a Telegram username?" in first.reply
    given = talk.say("sure, it's @anna_p")
    assert given.lead.telegram == "@anna_p" and "I've noted your Telegram" in given.reply
    assert given.asked not in ("contact", "phone")


def test_a_contact_of_a_kind_the_company_does_not_take_is_kept_and_the_one_it_takes_is_asked_for():
    talk = Dialogue(settings(KITCHEN, ["telegram"]))
    talk.say("Хочу кухню из эмали, живём в Химках")
    phone = talk.say("+7 912 345-67-89")
    assert phone.lead.phone == "+79123456789" and phone.lead.telegram is None
    assert "ник в Telegram" in phone.reply and phone.asked == "contact" and "Не получается" not in phone.reply
    assert talk.say("мой ник anna_petrova").lead.telegram == "@anna_petrova"
    assert talk.stage is Stage.contact


def test_a_customer_writing_from_telegram_is_not_asked_for_a_contact_when_the_company_takes_telegram():
    company = settings(KITCHEN, ["phone", "telegram"])
    history = [Turn(role="customer", text="Хочу кухню из эмали")]
    from_telegram = OfflineBrain().respond(Conversation(settings=company, history=history, lead=LeadData(telegram="@anna_p")))
    assert from_telegram.asked not in ("contact", "phone") and "Оставьте" not in from_telegram.reply


# --- through the settings API, POST /chat and the database ------------------------------------------


def put_settings(client, company, document: dict[str, Any]):
    return client.put("/settings", data=json.dumps(document), content_type="application/json",
                      headers={"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"})


def chat(client, company, customer: str, text: str) -> dict[str, Any]:
    response = client.post("/chat", json={"customer": customer, "text": text},
                           headers={"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"})
    assert response.status_code == 200, response.json
    body: dict[str, Any] = response.json
    return body


def stored_lead(sql: psycopg.Connection, customer_id: str) -> tuple[Any, ...]:
    row = sql.execute("select phone, whatsapp, telegram, qualified_at is not null from public.leads where customer_id = %s",
                      (customer_id,)).fetchone()
    assert row is not None
    return tuple(row)


@pytest.mark.parametrize("contacts, path", [
    (["phone", "fax"], "$.customer_contacts[1]"),
    ([], "$.customer_contacts"),
    (["telegram", "telegram"], "$.customer_contacts"),
    ("telegram", "$.customer_contacts"),
])
def test_a_bad_list_of_contacts_is_a_422_naming_it(client, company, contacts, path):
    answer = put_settings(client, company, {**KITCHEN, "customer_contacts": contacts})
    assert answer.status_code == 422
    assert [problem["path"] for problem in answer.json["error"]["errors"]] == [path]


def test_a_whatsapp_customer_of_a_company_on_messengers_is_qualified_by_their_whatsapp(client, company, sql):
    assert put_settings(client, company, {**KITCHEN, "customer_contacts": MESSENGERS_ONLY}).status_code == 200
    first = chat(client, company, "wa", "Здравствуйте, хочу кухню из эмали, живём в Химках")
    assert "номер WhatsApp или Telegram" in first["reply"]
    second = chat(client, company, "wa", "+7 912 345-67-89, это и ватсап")
    assert second["lead"]["whatsapp"] == "+79123456789" and second["lead"]["qualified_at"] is not None
    assert stored_lead(sql, second["customer_id"]) == ("+79123456789", "+79123456789", None, True)


def test_a_phone_alone_does_not_qualify_a_lead_for_a_company_that_only_writes_in_telegram(client, company, sql):
    assert put_settings(client, company, {**CLINIC, "customer_contacts": ["telegram"]}).status_code == 200
    chat(client, company, "tg", "Hi, I'd like a hygiene clean")
    phone = chat(client, company, "tg", "+44 7911 123456")
    assert phone["lead"]["qualified_at"] is None and "Telegram username" in phone["reply"]
    linked = chat(client, company, "tg", "t.me/anna_petrova")
    assert linked["lead"]["telegram"] == "@anna_petrova" and linked["lead"]["qualified_at"] is not None
    assert stored_lead(sql, linked["customer_id"])[2:] == ("@anna_petrova", True)


def test_by_default_a_phone_or_an_email_qualifies_and_a_telegram_username_is_kept_but_does_not(client, company, sql):
    assert put_settings(client, company, KITCHEN).status_code == 200
    chat(client, company, "default", "Хочу кухню из массива дуба в Химки")
    telegram = chat(client, company, "default", "пишите в телеграм @anna_p")
    assert telegram["lead"]["telegram"] == "@anna_p" and telegram["lead"]["qualified_at"] is None
    assert "телефон или email" in telegram["reply"]
    email = chat(client, company, "default", "anna@example.com")
    assert email["lead"]["qualified_at"] is not None


def test_the_database_refuses_a_lead_contact_in_the_wrong_form(sql, company):
    channel = sql.execute("select id from public.channels where owner_id = %s and kind = 'test'", (company.owner_id,)).fetchone()
    assert channel is not None
    customer = sql.execute("insert into public.customers (owner_id, channel_id, external_id) values (%s, %s, 'direct')"
                           " returning id", (company.owner_id, channel[0])).fetchone()
    assert customer is not None
    with pytest.raises(psycopg.errors.CheckViolation):
        sql.execute("insert into public.leads (owner_id, customer_id, whatsapp) values (%s, %s, '8 912 345')",
                    (company.owner_id, customer[0]))
    with pytest.raises(psycopg.errors.CheckViolation):
        sql.execute("insert into public.leads (owner_id, customer_id, telegram) values (%s, %s, 'anna')",
                    (company.owner_id, customer[0]))
