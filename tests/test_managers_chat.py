"""Managers working from Telegram alone: chats and accounts linked with one-time codes, customers
answered by replying to the bot's posts, /take, /release and /leads; everyone else ignored.

Every message is a real Update through the webhook, and every answer goes through the local Bot API
server; the reply to a customer takes the same path as POST /reply."""

from __future__ import annotations

import logging

import pytest

import tests.test_telegram as telegram_tests
from salesbot.errors import ApiError
from tests.servers.telegram import message_from, reply_to
from tests.support.managers import MANAGERS_CHAT, link_code, link_manager, link_managers_chat, post
from tests.test_handover import ASKS_FOR_A_PERSON, customer_of, to_customer
from tests.test_telegram import messages, post_update, update
from tests.test_widget import create_widget, send

bot_api = telegram_tests.bot_api  # fixtures
channel = telegram_tests.channel

MANAGER_TG = 9001  # the manager's Telegram user id, as link_managers_chat links it


def answers_in(bot_api, chat_id: int = MANAGERS_CHAT) -> list[str]:
    return [message["text"] for message in bot_api.posted(chat_id)]


def customer_waits(client, channel, bot_api, chat_id: int = MANAGERS_CHAT) -> dict:
    """A customer asks for a person; returns the bot's post about them in the managers' chat."""
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(1, ASKS_FOR_A_PERSON))
    return bot_api.posted(chat_id)[-1]


def test_an_admin_links_a_managers_chat_with_a_one_time_code(client, company, other_company, channel, bot_api,
                                                             database, sql):
    channel_id, _ = channel
    code = link_code(database, company.users["admin"], "chat")
    linking = message_from(501, f"/link {code}", chat_id=MANAGERS_CHAT, chat_type="supergroup", language_code="en")
    assert post(client, channel, linking).json == {"ok": True, "handled": True}
    assert answers_in(bot_api)[-1].startswith("✅ Chat linked")
    assert sql.execute("select owner_id, chat_type, language, linked_by from public.manager_chats"
                       " where channel_id = %s and chat_id = %s", (channel_id, MANAGERS_CHAT)).fetchone() == (
        company.owner_id, "supergroup", "en", company.users["admin"].user_id)

    post(client, channel, linking)  # Telegram retries the update: still linked
    assert answers_in(bot_api)[-1].startswith("✅ Chat linked")
    post(client, channel, message_from(502, f"/link {code}", chat_id=-1009, chat_type="group", language_code="en"))
    assert answers_in(bot_api, -1009) == ["That code was already used. Get a new one from Salesbot."]

    late = link_code(database, company.users["admin"], "chat")
    sql.execute("update private.link_codes set expires_at = now() - interval '1 second' where used_at is null"
                " and owner_id = %s", (company.owner_id,))
    theirs = link_code(database, other_company.users["admin"], "chat")
    for index, attempt in enumerate((late, theirs, "0123456789ab", "")):
        post(client, channel, message_from(503, f"/link {attempt}", chat_id=-1010 - index, chat_type="group"))
    assert [answers_in(bot_api, -1010 - index)[0][:30] for index in range(4)] == [
        "Срок действия кода истёк. Попр", "Код не подошёл. Попросите новы", "Код не подошёл. Попросите новы",
        "Пришлите код так: /link <код>."]
    assert sql.execute("select count(*) from public.manager_chats where channel_id = %s",
                       (channel_id,)).fetchone()[0] == 1


@pytest.mark.parametrize("role, purpose, status", [("manager", "chat", 403), ("viewer", "member", 403),
                                                          ("manager", "everyone", 400)])
def test_codes_are_for_the_roles_that_may_use_them(database, company, role, purpose, status):
    with pytest.raises(ApiError) as refused:
        link_code(database, company.users[role], purpose)
    assert refused.value.status == status


def test_a_linked_manager_answers_a_customer_by_replying_to_the_post(client, company, channel, bot_api, database, sql):
    channel_id, _ = channel
    link_managers_chat(client, database, company, channel)
    waiting = customer_waits(client, channel, bot_api)
    answer = reply_to(waiting, MANAGER_TG, "Анна, добрый день! Меня зовут Ольга, чем помочь?")
    for _ in range(2):  # Telegram retries the update: the customer hears it once
        assert post(client, channel, answer).json == {"ok": True, "handled": True}
    assert to_customer(bot_api).count("Анна, добрый день! Меня зовут Ольга, чем помочь?") == 1
    stored = sql.execute("select role::text, sender_id from public.messages where customer_id = %s order by id desc"
                         " limit 1", (customer_of(sql, channel_id),)).fetchone()
    assert stored == ("manager", company.users["manager"].user_id)
    reaction = bot_api.sent("setMessageReaction")[-1]
    assert reaction["message_id"] == answer["message"]["message_id"] and reaction["reaction"][0]["emoji"] == "👍"


def test_take_and_release_from_the_chat(client, company, channel, bot_api, database, sql):
    channel_id, secret = channel
    link_managers_chat(client, database, company, channel)
    post_update(client, channel_id, secret, update(2, "Ищу студию, мой телефон +7 912 345-67-89"))
    new_lead = bot_api.posted(MANAGERS_CHAT)[-1]
    assert new_lead["text"].startswith("Новый квалифицированный лид")
    post(client, channel, reply_to(new_lead, MANAGER_TG, "/take"))
    assert answers_in(bot_api)[-1].startswith("✅ Разговор ваш")
    taken_by = sql.execute("select handed_over_by from public.customers where id = %s",
                           (customer_of(sql, channel_id),)).fetchone()[0]
    assert taken_by == company.users["manager"].user_id
    replies = len(to_customer(bot_api))
    post_update(client, channel_id, secret, update(3, "А сколько стоит?"))
    assert len(to_customer(bot_api)) == replies  # the bot is silent
    assert "А сколько стоит?" in answers_in(bot_api)[-1]  # and the managers read what the customer wrote

    post(client, channel, reply_to(new_lead, MANAGER_TG, "/release"))
    assert answers_in(bot_api)[-1].startswith("↩️ Разговор снова ведёт бот")
    post_update(client, channel_id, secret, update(4, "Так сколько стоит?"))
    assert len(to_customer(bot_api)) == replies + 1

    post(client, channel, message_from(MANAGER_TG, "/take", chat_id=MANAGERS_CHAT, chat_type="supergroup"))
    assert answers_in(bot_api)[-1] == "Ответьте (Reply) этим на сообщение бота о клиенте."


def test_leads_posts_the_newest_open_leads_and_a_reply_to_one_reaches_its_customer(client, company, channel,
                                                                                   bot_api, database, sql):
    channel_id, secret = channel
    link_managers_chat(client, database, company, channel)
    post(client, channel, message_from(MANAGER_TG, "/leads", chat_id=MANAGERS_CHAT, chat_type="supergroup"))
    assert answers_in(bot_api)[-1] == "Открытых лидов пока нет."
    for user_id, text in ((61, "Нужна студия в Казани"), (62, "Ищу двушку, бюджет до 9 млн")):
        post_update(client, channel_id, secret, update(user_id, text, user_id=user_id))
    before = len(answers_in(bot_api))
    post(client, channel, message_from(MANAGER_TG, "/leads@shop123456789_bot", chat_id=MANAGERS_CHAT,
                                       chat_type="supergroup"))
    listed = bot_api.posted(MANAGERS_CHAT)[before:]
    assert [post_["text"].split("\n")[0] for post_ in listed] == ["📋 Лид (новый): Анна Петрова (@anna_p) · Telegram «Shop bot»"] * 2
    assert "Бюджет: 9000000 RUB" in listed[-1]["text"]  # the newest one last
    post(client, channel, reply_to(listed[0], MANAGER_TG, "Добрый день! Студии есть, рассказать?"))
    assert to_customer(bot_api, "61")[-1] == "Добрый день! Студии есть, рассказать?"
    assert "Добрый день! Студии есть, рассказать?" not in to_customer(bot_api, "62")

    post(client, channel, message_from(MANAGER_TG, "/leads@another_bot", chat_id=MANAGERS_CHAT, chat_type="supergroup"))
    assert len(bot_api.posted(MANAGERS_CHAT)) == before + 2  # another bot's command is not ours


def test_chats_and_people_not_linked_are_ignored_and_logged(client, company, channel, bot_api, database, sql, caplog):
    channel_id, _ = channel
    caplog.set_level(logging.INFO, logger="salesbot.channels.managers_chat")
    stranger = message_from(777, "всем привет, секретный текст", chat_id=-1005, chat_type="group")
    assert post(client, channel, stranger).json == {"ok": True, "handled": False}
    assert bot_api.posted(-1005) == [] and messages(sql, channel_id) == []

    link_managers_chat(client, database, company, channel)
    waiting = customer_waits(client, channel, bot_api)
    for outsider in (778, None):  # someone in the chat who never linked; then the manager, demoted to viewer
        if outsider is None:
            sql.execute("update public.members set role = 'viewer' where user_id = %s",
                        (company.users["manager"].user_id,))
        answer = reply_to(waiting, outsider or MANAGER_TG, "секретный ответ")
        assert post(client, channel, answer).json == {"ok": True, "handled": False}
    assert "секретный ответ" not in to_customer(bot_api)
    logged = [record.getMessage() for record in caplog.records]
    assert any("-1005" in line and "not linked" in line for line in logged)
    assert sum("not a linked manager" in line for line in logged) == 2
    assert not any("секрет" in line for line in logged)


def test_a_solo_owner_works_from_a_private_chat_with_the_bot(client, company, channel, bot_api, database, sql):
    owner = company.users["owner"]
    for purpose in ("chat", "member"):
        post(client, channel, message_from(4242, f"/link {link_code(database, owner, purpose)}"))
    waiting = customer_waits(client, channel, bot_api, chat_id=4242)
    assert waiting["text"].startswith("🙋 Клиент ждёт менеджера")
    post(client, channel, reply_to(waiting, 4242, "Я владелец, отвечу сам"))
    assert to_customer(bot_api)[-1] == "Я владелец, отвечу сам"


def test_a_website_visitor_is_answered_from_telegram(client, company, channel, bot_api, database, sql):
    link_managers_chat(client, database, company, channel)
    widget_id, widget_secret = create_widget(client, company)
    send(client, widget_id, widget_secret, {"customer": "visitor-7", "text": ASKS_FOR_A_PERSON})
    waiting = bot_api.posted(MANAGERS_CHAT)[-1]
    assert "сайт «Site»" in waiting["text"]
    post(client, channel, reply_to(waiting, MANAGER_TG, "Здравствуйте! Ольга на связи"))
    seen = send(client, widget_id, widget_secret, {"customer": "visitor-7", "after": 0}).json["messages"]
    assert (seen[-1]["role"], seen[-1]["text"]) == ("manager", "Здравствуйте! Ольга на связи")


def test_a_manager_of_several_companies_answers_for_the_company_whose_bot_it_is(client, company, other_company, channel,
                                                                             bot_api, database, sql):
    link_managers_chat(client, database, company, channel)
    sql.execute("insert into public.members (owner_id, user_id, role) values (%s, %s, 'manager')",
                (other_company.owner_id, company.users["manager"].user_id))
    waiting = customer_waits(client, channel, bot_api)
    post(client, channel, reply_to(waiting, MANAGER_TG, "Ольга на связи"))
    assert to_customer(bot_api)[-1] == "Ольга на связи"


def test_a_second_manager_links_their_own_account(client, company, channel, bot_api, database, sql):
    link_managers_chat(client, database, company, channel)
    link_manager(client, database, company.users["admin"], channel, 9100)
    waiting = customer_waits(client, channel, bot_api)
    post(client, channel, reply_to(waiting, 9100, "Это администратор"))
    sender = sql.execute("select sender_id from public.messages where role = 'manager' and text = 'Это администратор'"
                         ).fetchone()[0]
    assert sender == company.users["admin"].user_id


def test_salesbot_channel_link_code_gives_a_code_the_bot_takes(client, db_url, company, channel, bot_api, sql,
                                                                tmp_path):
    import json
    import os
    import subprocess
    import sys

    from tests.conftest import JWT_SECRET

    env = {**os.environ, "DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "salesbot.cli", "channel", "link-code", "--purpose", "chat", "--email"]
    made = subprocess.run([*command, company.users["admin"].email], env=env, capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    post(client, channel, message_from(501, json.loads(made.stdout)["command"], chat_id=MANAGERS_CHAT,
                                       chat_type="supergroup"))
    assert answers_in(bot_api)[-1].startswith("✅ Чат подключён")
    refused = subprocess.run([*command, company.users["manager"].email], env=env, capture_output=True, text=True,
                             timeout=60)
    assert refused.returncode == 1 and "admin" in refused.stderr and "Traceback" not in refused.stderr
