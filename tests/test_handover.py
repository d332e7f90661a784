"""Managers answer the customers the bot hands over: POST /reply on the customer's own channel, the
posts that tell the managers someone waits, the conversations view, and the reminder sweep.

Telegram runs through the real Bot API protocol against the local server; the managers' chat is
linked the way a company links it (`/link <code>`)."""

from __future__ import annotations

import time
import uuid

import psycopg
import pytest

import tests.test_telegram as telegram_tests
from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.servers.telegram import refused
from tests.support.accounts import Company
from tests.support.managers import MANAGERS_CHAT, link_managers_chat
from tests.support.postgres import as_client
from tests.test_telegram import CRON_SECRET, SWEEPER, messages, post_update, settle_other_channels, update
from tests.test_widget import create_widget, send

bot_api = telegram_tests.bot_api  # fixtures
channel = telegram_tests.channel

ASKS_FOR_A_PERSON = "Здравствуйте! Позовите менеджера, пожалуйста"


def reply(client, company: Company, customer_id, text: str, *, role: str = "manager", key: str | None = None,
          body: dict | None = None):
    headers = {"Authorization": f"Bearer {company.users[role].token(JWT_SECRET)}"}
    if key:
        headers["Idempotency-Key"] = key
    return client.post("/reply", json=body if body is not None else {"customer_id": str(customer_id), "text": text},
                       headers=headers)


def customer_of(sql: psycopg.Connection, channel_id: str, external_id: str = "42") -> uuid.UUID:
    return sql.execute("select id from public.customers where channel_id = %s and external_id = %s",
                       (channel_id, external_id)).fetchone()[0]


def to_customer(bot_api, chat_id: str = "42") -> list[str]:
    return [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == chat_id]


@pytest.fixture
def sweeper(client, monkeypatch):
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    return lambda: client.post("/deliver_outbox", headers=SWEEPER).json


def test_a_managers_reply_reaches_the_telegram_customer_and_the_bot_stays_silent(client, company, channel, bot_api,
                                                                                  sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(1, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    response = reply(client, company, customer_id, "Добрый день! Я Ольга, чем помочь?")
    assert response.status_code == 200, response.json
    manager = company.users["manager"]
    assert response.json | {"message_id": 0, "created_at": ""} == {
        "message_id": 0, "created_at": "", "customer_id": str(customer_id), "channel": "telegram", "status": "sent",
        "handed_over": True, "taken_by": str(manager.user_id), "duplicate": False}
    assert to_customer(bot_api)[-1] == "Добрый день! Я Ольга, чем помочь?"
    stored = sql.execute("select role::text, sender_id from public.messages where id = %s",
                         (response.json["message_id"],)).fetchone()
    assert stored == ("manager", manager.user_id)

    post_update(client, channel_id, secret, update(2, "Спасибо! Хочу студию"))
    assert len(to_customer(bot_api)) == 2  # the bot's handover reply and the manager's: the bot stays silent
    assert messages(sql, channel_id)[-1] == ("customer", "Спасибо! Хочу студию")


def test_what_the_customer_tells_the_manager_still_goes_on_the_lead(client, company, channel, bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(1, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    assert reply(client, company, customer_id, "Добрый день! Как с вами связаться?").status_code == 200
    post_update(client, channel_id, secret, update(2, "Меня зовут Ирина, +7 916 123-45-67, ещё интересует шкаф"))
    post_update(client, channel_id, secret, update(2, "Меня зовут Ирина, +7 916 123-45-67, ещё интересует шкаф"))

    assert len(to_customer(bot_api)) == 2  # the bot's handover reply and the manager's: the bot stays silent
    lead = sql.execute("select name, phone, need from public.leads where customer_id = %s", (customer_id,)).fetchone()
    assert lead == ("Ирина", "+79161234567", None)  # what they want is for the manager to take down
    assert messages(sql, channel_id).count(("customer", "Меня зовут Ирина, +7 916 123-45-67, ещё интересует шкаф")) == 1


def test_a_reply_waits_behind_the_bots_undelivered_replies_and_goes_out_in_order(client, company, channel, bot_api,
                                                                                  sql, sweeper):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    bot_api.down = True
    post_update(client, channel_id, secret, update(3, "Ищу студию в Казани"))
    post_update(client, channel_id, secret, update(4, ASKS_FOR_A_PERSON))
    response = reply(client, company, customer_of(sql, channel_id), "Ольга на связи")
    assert response.json["status"] == "queued"
    assert to_customer(bot_api) == []
    bot_api.down = False
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))  # time passes
    assert sweeper()["delivered"] >= 3
    written = [text for role, text in messages(sql, channel_id) if role != "customer"]
    assert to_customer(bot_api) == written and written[-1] == "Ольга на связи"


def test_a_retried_reply_is_stored_and_sent_once(client, company, channel, bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(5, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    first = reply(client, company, customer_id, "Сейчас подскажу", key="reply-1")
    again = reply(client, company, customer_id, "Сейчас подскажу", key="reply-1")
    assert first.json["status"] == again.json["status"] == "sent"
    assert again.json["duplicate"] is True and again.json["message_id"] == first.json["message_id"]
    assert to_customer(bot_api).count("Сейчас подскажу") == 1
    assert [role for role, _ in messages(sql, channel_id)].count("manager") == 1
    other = reply(client, company, customer_id, "Другой текст", key="reply-1")
    assert other.status_code == 422 and other.json["error"]["code"] == "unprocessable"


@pytest.mark.parametrize("body, status", [
    ({"text": "hi"}, 400),
    ({"customer_id": "not-a-uuid", "text": "hi"}, 400),
    ({"customer_id": "{customer}", "text": "   "}, 400),
    ({"customer_id": "{customer}", "text": "x" * 4097}, 400),
    ({"customer_id": "{customer}", "text": "hi", "sender_id": "{customer}"}, 400),
    ({"customer_id": str(uuid.uuid4()), "text": "hi"}, 404),
])
def test_bad_replies_are_a_4xx_with_a_json_error(client, company, channel, bot_api, sql, body, status):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(6, ASKS_FOR_A_PERSON))
    customer_id = str(customer_of(sql, channel_id))
    body = {key: value.replace("{customer}", customer_id) for key, value in body.items()}
    response = reply(client, company, None, "", body=body)
    assert response.status_code == status and set(response.json["error"]) == {"code", "message"}
    assert [role for role, _ in messages(sql, channel_id)].count("manager") == 0


def test_only_managers_reply_and_only_to_their_own_companys_customers(client, company, other_company, channel,
                                                                      bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(7, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    assert reply(client, company, customer_id, "hi", role="viewer").status_code == 403
    theirs = reply(client, other_company, customer_id, "hi", role="owner")
    assert theirs.status_code == 404 and theirs.json["error"]["code"] == "not_found"
    assert client.post("/reply", json={"customer_id": str(customer_id), "text": "hi"}).status_code == 401
    assert [role for role, _ in messages(sql, channel_id)].count("manager") == 0
    assert reply(client, company, customer_id, "hi", role="admin").json["status"] == "sent"


def test_a_customer_who_blocked_the_bot_is_reported_refused(client, company, channel, bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(8, ASKS_FOR_A_PERSON))
    bot_api.then("sendMessage", refused("Forbidden: bot was blocked by the user"))
    response = reply(client, company, customer_of(sql, channel_id), "Вы здесь?")
    assert response.json["status"] == "refused"
    assert reply(client, company, customer_of(sql, channel_id), "Вы здесь?", key="k").json["status"] == "sent"


def test_a_retried_reply_reports_what_became_of_it_as_the_first_answer_did(client, company, channel, bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(9, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    bot_api.then("sendMessage", refused("Forbidden: bot was blocked by the user"))
    refused_reply = [reply(client, company, customer_id, "Вы здесь?", key="blocked") for _ in range(2)]
    assert [response.json["status"] for response in refused_reply] == ["refused", "refused"]
    # Telegram takes the next one and answers after the send has stopped waiting (5 s): it may
    # have arrived, and the retry must not call that refused.
    bot_api.before_answer["sendMessage"] = lambda: time.sleep(5.5)
    first = reply(client, company, customer_id, "Ольга на связи", key="late")
    del bot_api.before_answer["sendMessage"]
    again = reply(client, company, customer_id, "Ольга на связи", key="late")
    assert first.json["status"] == again.json["status"] == "unconfirmed" and again.json["duplicate"] is True
    while "Ольга на связи" not in to_customer(bot_api):  # Telegram's late answer
        time.sleep(0.1)
    assert to_customer(bot_api).count("Ольга на связи") == 1


def test_the_test_chat_and_the_widget_keep_the_reply_in_the_conversation(client, company, sql):
    manager = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}
    chat = client.post("/chat", json={"customer": "c1", "text": ASKS_FOR_A_PERSON}, headers=manager).json
    answered = reply(client, company, chat["customer_id"], "Я здесь")
    assert answered.json["status"] == "stored" and answered.json["channel"] == "test"
    again = client.post("/chat", json={"customer": "c1", "text": "Отлично"}, headers=manager).json
    assert again["reply"] is None and again["handed_over"] is True
    history = sql.execute("select role::text, text from public.messages where customer_id = %s order by id",
                          (chat["customer_id"],)).fetchall()
    assert history[-2:] == [("manager", "Я здесь"), ("customer", "Отлично")]

    widget_id, widget_secret = create_widget(client, company)
    sent = send(client, widget_id, widget_secret, {"customer": "visitor-1", "text": ASKS_FOR_A_PERSON}).json
    seen = send(client, widget_id, widget_secret, {"customer": "visitor-1", "after": 0}).json["messages"]
    answered = reply(client, company, sent["customer_id"], "Ольга, менеджер: слушаю вас")
    assert answered.json["status"] == "stored" and answered.json["channel"] == "widget"
    fresh = send(client, widget_id, widget_secret, {"customer": "visitor-1", "after": seen[-1]["id"]}).json
    assert [(m["role"], m["text"]) for m in fresh["messages"]] == [("manager", "Ольга, менеджер: слушаю вас")]


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_managers_hear_at_once_who_waits_in_their_language(client, company, channel, bot_api, database, sql,
                                                                language):
    channel_id, secret = channel
    link_managers_chat(client, database, company, channel, language=language)
    post_update(client, channel_id, secret, update(9, "Ищу двушку в Казани до 9 млн, телефон +7 912 345-67-89"))
    post_update(client, channel_id, secret, update(10, ASKS_FOR_A_PERSON))
    post = bot_api.posted(MANAGERS_CHAT)[-1]["text"]
    expected = {
        "ru": ["Клиент ждёт менеджера: Анна Петрова (@anna_p) · Telegram «Shop bot»", "Причина: просит живого человека",
               "Телефон: +79123456789", "Бюджет: 9000000 RUB", "Где: Казань", "Последние сообщения:",
               f"— Клиент: {ASKS_FOR_A_PERSON}", "Ответьте на это сообщение"],
        "en": ["A customer is waiting for a manager: Анна Петрова (@anna_p) · Telegram «Shop bot»",
               "Why: asked for a person", "Phone: +79123456789", "Budget: 9000000 RUB", "Last messages:",
               f"— Customer: {ASKS_FOR_A_PERSON}", "Reply to this message"],
    }[language]
    assert [part for part in expected if part not in post] == [], post

    post_update(client, channel_id, secret, update(11, "Ау? Есть кто?"))
    forwarded = bot_api.posted(MANAGERS_CHAT)[-1]["text"]
    assert "Ау? Есть кто?" in forwarded and "Анна Петрова" in forwarded


def test_the_conversations_view_shows_who_waits_what_is_unread_and_who_took_it(client, company, other_company,
                                                                               channel, bot_api, database, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(12, ASKS_FOR_A_PERSON))
    post_update(client, channel_id, secret, update(13, "Ау?"))
    customer_id = customer_of(sql, channel_id)
    columns = ("channel_kind", "display_name", "last_message_role", "last_message", "unread_count", "handed_over",
               "taken_by", "handoff_reason", "waiting")
    query = (f"select {', '.join(columns[:-1])}, waiting_since is not null from public.conversations"
             f" where customer_id = '{customer_id}'")
    with as_client(sql, company.users["viewer"].claims) as conn:
        assert conn.execute(query).fetchone() == (
            "telegram", "Анна Петрова", "customer", "Ау?", 2, True, None, "customer_request", True)
    reply(client, company, customer_id, "Здравствуйте, Анна!")
    post_update(client, channel_id, secret, update(14, "Отлично"))
    with as_client(sql, company.users["viewer"].claims) as conn:
        assert conn.execute(query).fetchone() == (
            "telegram", "Анна Петрова", "customer", "Отлично", 1, True, company.users["manager"].user_id,
            "customer_request", True)
    database.rpc("mark_conversation_read", {"p_customer_id": str(customer_id)}, company.users["manager"].claims)
    with as_client(sql, company.users["viewer"].claims) as conn:
        assert conn.execute(query).fetchone()[4] == 0
    with as_client(sql, other_company.users["owner"].claims) as conn:
        assert conn.execute(query).fetchone() is None


def test_a_customer_nobody_answers_gets_one_note_and_the_managers_a_reminder(client, company, channel, bot_api,
                                                                             database, sql, sweeper):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    link_managers_chat(client, database, company, channel)
    sql.execute("update public.bot_settings set handover_wait_minutes = 5 where owner_id = %s", (company.owner_id,))
    post_update(client, channel_id, secret, update(15, ASKS_FOR_A_PERSON))
    customer_id = customer_of(sql, channel_id)
    posts = len(bot_api.posted(MANAGERS_CHAT))
    assert sweeper()["reminded"] == 0  # not yet five minutes

    def time_passes(minutes: int) -> None:
        sql.execute("update public.customers set waiting_since = waiting_since - make_interval(mins => %s)"
                    " where id = %s", (minutes, customer_id))

    time_passes(6)
    assert sweeper()["reminded"] == 1
    note = to_customer(bot_api)[-1]
    assert note.startswith("Извините, что заставляем вас ждать!")
    assert messages(sql, channel_id)[-1] == ("bot", note)
    reminder = bot_api.posted(MANAGERS_CHAT)[-1]["text"]
    assert len(bot_api.posted(MANAGERS_CHAT)) == posts + 1 and reminder.startswith("⏰ Клиенту не отвечают уже 6 мин")
    time_passes(60)
    assert sweeper()["reminded"] == 0 and to_customer(bot_api)[-1] == note  # one note for one wait

    reply(client, company, customer_id, "Простите, я здесь")
    post_update(client, channel_id, secret, update(16, "Тогда ещё вопрос"))  # a new wait begins
    time_passes(6)
    assert sweeper()["reminded"] == 1 and to_customer(bot_api)[-1] == note


def test_a_reply_that_lands_while_the_bot_thinks_silences_the_bot(client, company, channel, bot_api, database, sql):
    from salesbot import pipeline
    from salesbot.brain.offline import OfflineBrain
    from salesbot.db import SERVICE_CLAIMS

    channel_id, secret = channel
    post_update(client, channel_id, secret, update(17, "Здравствуйте"))
    customer_id = customer_of(sql, channel_id)

    class OvertakenBrain(OfflineBrain):
        def respond(self, conversation, **kwargs):
            assert reply(client, company, customer_id, "Менеджер Ольга: отвечу я").json["status"] == "sent"
            return super().respond(conversation, **kwargs)

    outcome = pipeline.handle_message(database, OvertakenBrain(), SERVICE_CLAIMS, pipeline.IncomingMessage(
        customer="42", text="Нужна студия", channel_id=uuid.UUID(channel_id), update_key="18", reply_to="42"))
    assert outcome.reply is None and outcome.handed_over
    assert [role for role, _ in messages(sql, channel_id)][-3:] == ["bot", "customer", "manager"]
    assert to_customer(bot_api)[-1] == "Менеджер Ольга: отвечу я"
