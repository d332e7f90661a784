"""Telegram bots end to end: connecting one, real Update JSON through the webhook, replies through
a local Bot API, and nothing lost or doubled when Telegram retries or the Bot API fails."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest

from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.servers.telegram import refused, serve_bot_api, too_many_requests
from tests.support.accounts import Company
from tests.support.lossy_link import lossy_link

PUBLIC_URL = "https://functions.example.test"
BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ROOT = Path(__file__).resolve().parents[1]
CRON_SECRET = "cron-secret-0123456789abcdef"
SWEEPER = {"Authorization": f"Bearer {CRON_SECRET}"}


@pytest.fixture
def bot_api(client, monkeypatch):
    with serve_bot_api() as server:
        monkeypatch.setenv("TELEGRAM_API_BASE", server.url)
        monkeypatch.setenv("PUBLIC_URL", PUBLIC_URL)
        monkeypatch.setenv("SALESBOT_TELEGRAM_RETRY_BUDGET", "1.5")
        # These tests are about the outbox, whose "time passes" is a query, not a wait: the bots'
        # circuit breakers, which wait in real time, are tested in tests/test_circuit_breakers.py.
        monkeypatch.setenv("SALESBOT_BREAKER_FAILURES", "1000")
        reset_services()
        yield server
    reset_services()


def connect(client, company: Company, role: str = "admin", token: str = BOT_TOKEN):
    return client.post("/channels", json={"kind": "telegram", "name": "Shop bot", "bot_token": token},
                       headers={"Authorization": f"Bearer {company.users[role].token(JWT_SECRET)}"})


@pytest.fixture
def channel(client, company, bot_api):
    response = connect(client, company)
    assert response.status_code == 200, response.json
    return response.json["channel_id"], bot_api.sent("setWebhook")[-1]["secret_token"]


def update(update_id: int, text: str | None = "Здравствуйте", user_id: int = 42, **content) -> dict:
    message = {"message_id": update_id * 10, "date": int(time.time()),
               "chat": {"id": user_id, "type": "private", "first_name": "Анна"},
               "from": {"id": user_id, "is_bot": False, "first_name": "Анна", "last_name": "Петрова",
                        "username": "anna_p", "language_code": "ru"}, **content}
    if text is not None:
        message["text"] = text
    return {"update_id": update_id, "message": message}


def post_update(client, channel_id: str, secret: str | None, body: dict | bytes):
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
    if isinstance(body, bytes):
        return client.post(f"/telegram?channel={channel_id}", data=body, headers={**headers, "Content-Type": "application/json"})
    return client.post(f"/telegram?channel={channel_id}", json=body, headers=headers)


def messages(sql: psycopg.Connection, channel_id: str) -> list[tuple[str, str]]:
    return sql.execute(
        "select m.role::text, m.text from public.messages m join public.customers c on c.id = m.customer_id"
        " where c.channel_id = %s order by m.id", (channel_id,)).fetchall()


def test_connecting_a_bot_sets_its_webhook_with_a_fresh_secret(channel, bot_api, sql):
    channel_id, secret = channel
    hook = bot_api.sent("setWebhook")[-1]
    assert hook["url"] == f"{PUBLIC_URL}/telegram?channel={channel_id}"
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret) and len(secret) >= 32
    assert bot_api.calls[-1].token == BOT_TOKEN
    stored = sql.execute("select bot_token, webhook_secret from public.channel_secrets where channel_id = %s", (channel_id,)).fetchone()
    assert stored == (BOT_TOKEN, secret)


@pytest.mark.parametrize("role,token,status", [("manager", BOT_TOKEN, 403), ("admin", "not-a-token", 400)])
def test_only_admins_connect_and_only_real_tokens(client, company, bot_api, role, token, status):
    assert connect(client, company, role, token).status_code == status
    assert bot_api.sent("setWebhook") == []


def test_a_value_postgres_cannot_store_is_the_callers_mistake_not_an_outage(client, company, bot_api):
    # psycopg refuses a NUL character before sending it, with no SQLSTATE, as it reports a lost
    # connection: it is a 400 for the caller, never a 503 that invites the same request again.
    response = connect(client, company, "manager", "123:\x00" + "A" * 35)
    assert response.status_code == 400 and response.json["error"]["code"] == "invalid"


def test_a_webhook_telegram_refuses_leaves_no_channel(client, company, bot_api, sql):
    bot_api.then("setWebhook", refused())
    response = connect(client, company)
    assert response.status_code == 502 and response.json["error"]["code"] == "telegram_refused"
    assert sql.execute("select count(*) from public.channels where owner_id = %s and kind = 'telegram'",
                       (company.owner_id,)).fetchone()[0] == 0


def test_a_text_message_is_answered_once_through_the_bot(client, channel, bot_api, sql):
    channel_id, secret = channel
    response = post_update(client, channel_id, secret, update(1, "Здравствуйте! Ищу квартиру"))
    assert response.status_code == 200 and response.json["handled"] is True
    sent = bot_api.sent()
    assert len(sent) == 1 and sent[0]["chat_id"] == 42 and sent[0]["text"]
    assert messages(sql, channel_id) == [("customer", "Здравствуйте! Ищу квартиру"), ("bot", sent[0]["text"])]
    customer = sql.execute("select display_name, username, external_id from public.customers where channel_id = %s",
                           (channel_id,)).fetchone()
    assert customer == ("Анна Петрова", "anna_p", "42")


def test_replies_go_out_over_one_kept_alive_connection(client, channel, bot_api):
    channel_id, secret = channel
    for update_id, user_id in ((2, 61), (3, 62), (4, 61)):
        post_update(client, channel_id, secret, update(update_id, "Ищу студию", user_id=user_id))
    sends = [call for call in bot_api.calls if call.method == "sendMessage"]
    assert len(sends) == 3 and len({call.client_port for call in sends}) == 1


def test_a_retried_update_is_taken_in_and_answered_once(client, channel, bot_api, sql):
    channel_id, secret = channel
    for _ in range(3):
        assert post_update(client, channel_id, secret, update(7, "Нужна студия")).status_code == 200
    assert len(bot_api.sent()) == 1
    assert [role for role, _ in messages(sql, channel_id)] == ["customer", "bot"]


@pytest.mark.parametrize("secret", [None, "", "wrong-secret", "x" * 300])
def test_a_wrong_or_missing_secret_is_a_401_before_anything_is_stored(client, channel, bot_api, sql, secret):
    channel_id, _ = channel
    response = post_update(client, channel_id, secret, update(2))
    assert response.status_code == 401 and response.json["error"]["code"] == "unauthorized"
    assert messages(sql, channel_id) == [] and bot_api.sent() == []


@pytest.mark.parametrize("channel_param", ["", "not-a-uuid", "0b5c8a56-9c1e-4f0e-8f0a-3d2b1c4e5f60"])
def test_an_unknown_channel_is_a_401(client, channel, channel_param):
    _, secret = channel
    assert post_update(client, channel_param, secret, update(3)).status_code == 401


def test_one_companys_secret_never_opens_another_companys_channel(client, company, other_company, bot_api, sql):
    mine = connect(client, company).json["channel_id"]
    mine_secret = bot_api.sent("setWebhook")[-1]["secret_token"]
    theirs = connect(client, other_company, token="987654321:BBHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw").json["channel_id"]
    assert post_update(client, theirs, mine_secret, update(4)).status_code == 401
    assert messages(sql, theirs) == []
    assert post_update(client, mine, mine_secret, update(4)).status_code == 200
    assert bot_api.calls[-1].token == BOT_TOKEN  # answered by my bot, not theirs


def test_start_gets_the_companys_greeting(client, company, channel, bot_api, sql):
    sql.execute("update public.bot_settings set document = '{\"persona\": {\"greeting\": \"Добро пожаловать в наш магазин!\"}}'"
                " where owner_id = %s",
                (company.owner_id,))
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(5, "/start"))
    assert bot_api.sent()[0]["text"].startswith("Добро пожаловать в наш магазин!")


def test_a_photo_gets_a_polite_answer_and_is_kept(client, channel, bot_api, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(6, None, photo=[{"file_id": "abc", "width": 90, "height": 90}],
                                                   caption="вот такая кухня"))
    assert "текст" in bot_api.sent()[0]["text"]
    assert messages(sql, channel_id)[0] == ("customer", "[photo] вот такая кухня")


def test_an_edited_message_is_acknowledged_and_not_answered(client, channel, bot_api, sql):
    channel_id, secret = channel
    body = {"update_id": 8, "edited_message": update(8)["message"]}
    assert post_update(client, channel_id, secret, body).json == {"ok": True, "handled": False}
    assert bot_api.sent() == [] and messages(sql, channel_id) == []


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'{"update_id": "seven"}'])
def test_garbage_is_a_400_not_a_500(client, channel, body):
    channel_id, secret = channel
    assert post_update(client, channel_id, secret, body).status_code == 400


def test_429_retry_after_is_honoured(client, channel, bot_api, monkeypatch):
    channel_id, secret = channel
    # The wait fits the webhook's budget however slowly a loaded machine gets the reply ready.
    monkeypatch.setenv("SALESBOT_TELEGRAM_RETRY_BUDGET", "30")
    reset_services()
    bot_api.then("sendMessage", too_many_requests(1))
    started = time.monotonic()
    post_update(client, channel_id, secret, update(9, "Hello"))
    assert time.monotonic() - started >= 1
    assert len(bot_api.sent()) == 1 and [call.status for call in bot_api.calls if call.method == "sendMessage"] == [429, 200]


def test_when_the_bot_api_is_down_nothing_is_lost_and_the_reply_goes_out_later(client, channel, bot_api, sql):
    channel_id, secret = channel
    bot_api.down = True
    response = post_update(client, channel_id, secret, update(10, "Хочу студию, мой телефон +7 912 345-67-89"))
    assert response.status_code == 200
    assert [role for role, _ in messages(sql, channel_id)] == ["customer", "bot"]
    assert sql.execute("select phone from public.leads l join public.customers c on c.id = l.customer_id"
                       " where c.channel_id = %s", (channel_id,)).fetchone() == ("+79123456789",)
    queued = sql.execute("select text, delivered_at from public.outbox where channel_id = %s", (channel_id,)).fetchall()
    assert len(queued) == 1 and queued[0][1] is None

    bot_api.down = False
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))  # time passes
    post_update(client, channel_id, secret, update(11, "Алло?"))
    delivered = [m["text"] for m in bot_api.sent() if m["chat_id"] in (42, "42")]
    assert delivered.count(queued[0][0]) == 1
    assert sql.execute("select count(*) from public.outbox where channel_id = %s and delivered_at is null",
                       (channel_id,)).fetchone()[0] == 0


def test_a_handed_over_conversation_is_never_answered(client, company, channel, bot_api, database, sql):
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(12, "Здравствуйте"))
    customer = sql.execute("select id from public.customers where channel_id = %s", (channel_id,)).fetchone()[0]
    database.rpc("take_over_conversation", {"p_customer_id": str(customer)}, company.users["manager"].claims)
    post_update(client, channel_id, secret, update(13, "Есть кто?"))
    assert len(bot_api.sent()) == 1
    assert messages(sql, channel_id)[-1] == ("customer", "Есть кто?")


def test_managers_hear_of_a_qualified_lead_once(client, company, channel, bot_api, sql):
    sql.execute("update public.bot_settings set notify_chat_ids = '{111, 222}' where owner_id = %s", (company.owner_id,))
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(14, "Ищу студию до 9 млн"))
    post_update(client, channel_id, secret, update(15, "Меня зовут Анна, +7 912 345-67-89"))
    post_update(client, channel_id, secret, update(16, "И ещё email anna@example.com"))
    notices = [m for m in bot_api.sent() if m["chat_id"] in ("111", "222")]
    assert sorted(m["chat_id"] for m in notices) == ["111", "222"]
    assert "+79123456789" in notices[0]["text"] and "Анна" in notices[0]["text"]
    assert "Budget: 9000000 RUB" in notices[0]["text"]


@pytest.mark.parametrize("accepted", [["phone", "telegram"], ["phone", "email"]])
def test_a_customer_writing_from_telegram_is_reachable_there_when_the_company_takes_telegram(client, company, channel,
                                                                                              bot_api, sql, accepted):
    sql.execute("update public.bot_settings set document = %s, notify_chat_ids = '{111}' where owner_id = %s",
                (json.dumps({"customer_contacts": accepted}), company.owner_id))
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(17, "Ищу студию до 9 млн"))
    reply = bot_api.sent("sendMessage")[-1]["text"]
    lead = sql.execute("select l.telegram, l.qualified_at is not null from public.leads l"
                       " join public.customers c on c.id = l.customer_id where c.channel_id = %s", (channel_id,)).fetchone()
    notices = [m["text"] for m in bot_api.sent() if m["chat_id"] == "111"]
    if "telegram" in accepted:  # the chat reaches them: no contact asked, the lead qualified, managers told where
        assert lead == ("@anna_p", True) and "Оставьте" not in reply
        assert len(notices) == 1 and "Telegram: @anna_p" in notices[0]
    else:
        assert lead == (None, False) and "телефон или email" in reply and notices == []


def test_a_customer_writing_too_fast_gets_a_polite_reply_and_every_message_is_kept(client, channel, bot_api, sql):
    channel_id, secret = channel
    written = [f"сообщение {n}" for n in range(21)] + ["мой телефон +7 912 345-67-89, Казань"]
    for n, text in enumerate(written):
        post_update(client, channel_id, secret, update(100 + n, text))
    replies = [m["text"] for m in bot_api.sent()]
    assert len(replies) == 22 and "часто" in replies[-1] and "часто" not in replies[0]
    assert [t for r, t in messages(sql, channel_id) if r == "customer"] == written
    lead = sql.execute("select l.phone, l.location from public.leads l join public.customers c on c.id = l.customer_id"
                       " where c.channel_id = %s", (channel_id,)).fetchone()
    assert lead == ("+79123456789", "Казань")  # what a slowed-down message states still reaches the lead


def test_salesbot_channel_add_telegram_connects_the_bot_from_the_command_line(db_url, company, bot_api, sql, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": db_url, "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_HOME": str(tmp_path)}
    command = [sys.executable, "-m", "salesbot.cli", "channel", "add-telegram", "--email", company.users["admin"].email,
               "--bot-token", BOT_TOKEN]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    channel_id = __import__("json").loads(result.stdout)["channel_id"]
    assert bot_api.sent("setWebhook")[-1]["url"] == f"{PUBLIC_URL}/telegram?channel={channel_id}"
    viewer = subprocess.run([*command[:6], company.users["viewer"].email, *command[7:]], env=env, capture_output=True,
                            text=True, timeout=60)
    assert viewer.returncode == 1 and "admin" in viewer.stderr and "Traceback" not in viewer.stderr


def test_a_reply_recorded_by_a_process_that_died_before_sending_still_goes_out_once(client, channel, bot_api,
                                                                                    database, sql):
    from salesbot import pipeline
    from salesbot.brain.offline import OfflineBrain
    from salesbot.db import SERVICE_CLAIMS

    channel_id, secret = channel
    # The first process takes the update in, answers, records the reply, and dies before sendMessage.
    died = pipeline.handle_message(database, OfflineBrain(), SERVICE_CLAIMS, pipeline.IncomingMessage(
        customer="42", text="Нужна студия", channel_id=uuid.UUID(channel_id), update_key="77", reply_to="42"))
    assert bot_api.sent() == []
    # Telegram retries the update: nothing is stored or answered twice...
    post_update(client, channel_id, secret, update(77, "Нужна студия"))
    assert bot_api.sent() == [] and [r for r, _ in messages(sql, channel_id)] == ["customer", "bot"]
    # ...and once the queued reply is due, it goes out exactly once.
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))
    post_update(client, channel_id, secret, update(78, "Алло?"))
    assert [m["text"] for m in bot_api.sent()].count(died.reply) == 1


def test_start_without_a_greeting_of_the_companys_own_gets_a_default_one_and_a_question(client, company, channel,
                                                                                      bot_api, sql):
    sql.execute("update public.bot_settings set document = '{}' where owner_id = %s", (company.owner_id,))
    name = sql.execute("select name from public.companies where id = %s", (company.owner_id,)).fetchone()[0]
    channel_id, secret = channel
    post_update(client, channel_id, secret, update(20, "/start promo-42"))
    reply = bot_api.sent()[0]["text"]
    assert reply.startswith(f"Здравствуйте! Вас приветствует {name}.") and reply.endswith("?")
    assert messages(sql, channel_id) == [("customer", "/start promo-42"), ("bot", reply)]


def test_two_attempts_at_one_update_at_the_same_time_answer_it_once(channel, bot_api, database, sql):
    from concurrent.futures import ThreadPoolExecutor

    from salesbot import pipeline
    from salesbot.brain.offline import OfflineBrain
    from salesbot.db import SERVICE_CLAIMS

    class SlowBrain(OfflineBrain):
        def respond(self, conversation, **kwargs):
            time.sleep(0.5)  # Telegram retries while the first attempt is still thinking
            return super().respond(conversation, **kwargs)

    channel_id, _ = channel
    incoming = pipeline.IncomingMessage(customer="42", text="Нужна студия", channel_id=uuid.UUID(channel_id),
                                        update_key="90", reply_to="42")
    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(lambda _: pipeline.handle_message(database, SlowBrain(), SERVICE_CLAIMS, incoming),
                                 range(2)))
    assert sorted(outcome.delivery_id is not None for outcome in outcomes) == [False, True]
    assert outcomes[0].reply == outcomes[1].reply
    assert [role for role, _ in messages(sql, channel_id)] == ["customer", "bot"]
    assert sql.execute("select count(*) from public.outbox where channel_id = %s", (channel_id,)).fetchone()[0] == 1


def test_a_conversation_taken_over_while_the_bot_thinks_gets_no_reply(channel, bot_api, database, sql):
    from salesbot import pipeline
    from salesbot.brain.offline import OfflineBrain
    from salesbot.db import SERVICE_CLAIMS

    class OvertakenBrain(OfflineBrain):
        def respond(self, conversation, **kwargs):
            sql.execute("update public.customers set handed_over_at = now() where channel_id = %s", (channel_id,))
            return super().respond(conversation, **kwargs)

    channel_id, _ = channel
    outcome = pipeline.handle_message(database, OvertakenBrain(), SERVICE_CLAIMS, pipeline.IncomingMessage(
        customer="42", text="Нужна студия", channel_id=uuid.UUID(channel_id), update_key="91", reply_to="42"))
    assert outcome.reply is None and outcome.handed_over
    assert messages(sql, channel_id) == [("customer", "Нужна студия")]
    assert sql.execute("select count(*) from public.outbox where channel_id = %s", (channel_id,)).fetchone()[0] == 0


def test_a_customer_who_blocked_the_bot_is_not_retried_forever(client, channel, bot_api, sql):
    channel_id, secret = channel
    bot_api.then("sendMessage", (403, {"ok": False, "error_code": 403,
                                       "description": "Forbidden: bot was blocked by the user"}))
    assert post_update(client, channel_id, secret, update(21, "Hello")).status_code == 200
    row = sql.execute("select abandoned_at is not null, last_error from public.outbox where channel_id = %s",
                      (channel_id,)).fetchone()
    assert row[0] and "blocked" in row[1]
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))
    post_update(client, channel_id, secret, update(22, "Hello?"))
    assert [call.status for call in bot_api.calls if call.method == "sendMessage"] == [403, 200]


def test_a_reply_telegram_took_but_answered_too_late_is_not_sent_again(client, channel, bot_api, sql, monkeypatch):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    # Telegram takes the message and answers after the send has stopped waiting (5 s, however
    # little is left of the webhook's budget): the customer has it, and we cannot tell. Telegram's
    # API has no idempotency key, so sending it again would be a second copy: it is set aside.
    bot_api.before_answer["sendMessage"] = lambda: time.sleep(5.5)
    assert post_update(client, channel_id, secret, update(23, "Нужна студия")).status_code == 200
    del bot_api.before_answer["sendMessage"]
    while not bot_api.sent():  # Telegram's late answer
        time.sleep(0.1)
    row = sql.execute("select delivered_at, abandoned_at is not null, last_error from public.outbox"
                      " where channel_id = %s", (channel_id,)).fetchone()
    assert row[0] is None and row[1] and "may have been delivered" in row[2]
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))  # time passes
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    assert client.post("/deliver_outbox", headers=SWEEPER).status_code == 200
    assert post_update(client, channel_id, secret, update(24, "Алло?")).status_code == 200
    bot_replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert [call["text"] for call in bot_api.sent()] == bot_replies  # each once, in order


def test_a_reply_telegram_took_from_a_process_that_died_before_recording_it_is_not_sent_again(
        client, channel, bot_api, sql, app_env, monkeypatch):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    # A process of its own takes the update in and sends the reply; it dies as Telegram takes it,
    # before it can record the send: no memory of it is left in any process.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "import functions_framework\n"
        "app = functions_framework.create_app('telegram', str(Path('functions/main.py').resolve()))\n"
        f"app.test_client().post('/?channel={channel_id}', data=sys.stdin.read(),\n"
        f"    headers={{'X-Telegram-Bot-Api-Secret-Token': '{secret}', 'Content-Type': 'application/json'}})\n"
    )
    env = {**os.environ, **app_env, "TELEGRAM_API_BASE": bot_api.url}
    webhook = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, env=env, cwd=ROOT, text=True)
    bot_api.before_answer["sendMessage"] = webhook.kill
    webhook.communicate(json.dumps(update(25, "Нужна студия")), timeout=60)
    del bot_api.before_answer["sendMessage"]
    assert len(bot_api.sent()) == 1
    # Telegram retries the update, and long after, the sweep comes: the reply is not sent again, but
    # set aside unconfirmed, and the chat's next reply goes out.
    assert post_update(client, channel_id, secret, update(25, "Нужна студия")).status_code == 200
    sql.execute("update public.outbox set next_attempt_at = now(), sending_since = sending_since - interval '1 hour'"
                " where channel_id = %s", (channel_id,))  # time passes
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    assert client.post("/deliver_outbox", headers=SWEEPER).status_code == 200
    row = sql.execute("select delivered_at, abandoned_at is not null, last_error from public.outbox"
                      " where channel_id = %s", (channel_id,)).fetchone()
    assert row[0] is None and row[1] and "may have been delivered" in row[2]
    assert post_update(client, channel_id, secret, update(26, "Алло?")).status_code == 200
    bot_replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert [call["text"] for call in bot_api.sent()] == bot_replies  # each once, in order


@pytest.mark.parametrize("lost", [1, 1000], ids=["the-mark-asked-again-within-the-budget", "past-it"])
def test_a_reply_whose_send_mark_lost_its_answer_goes_out_once(client, channel, bot_api, sql, functions_db_url,
                                                               run_folder, worker_id, monkeypatch, lost):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    # Within the budget: a busy machine may spend seconds of it on the reply before the send.
    monkeypatch.setenv("SALESBOT_TELEGRAM_RETRY_BUDGET", "60" if lost == 1 else "1.5")
    with lossy_link(functions_db_url, run_folder / f"link-{worker_id}") as link:
        monkeypatch.setenv("DATABASE_URL", link.url)
        reset_services()
        # The database takes the reply's send mark, and its answer is lost: the webhook cannot tell
        # whether it holds the mark. Within the budget it asks again; past it, it answers 503 and
        # Telegram retries the update once the database answers again.
        link.lose("start_delivery", times=lost)
        first = post_update(client, channel_id, secret, update(27, "Нужна студия"))
        link.lose("start_delivery", times=0)
        assert link.lost >= 1
        assert first.status_code == (200 if lost == 1 else 503), first.json
        assert post_update(client, channel_id, secret, update(27, "Нужна студия")).status_code == 200
        sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))
        assert client.post("/deliver_outbox", headers=SWEEPER).status_code == 200
        assert post_update(client, channel_id, secret, update(28, "Алло?")).status_code == 200
        reset_services()  # its connections go before the link does
    assert sql.execute("select count(*) from public.outbox where channel_id = %s and delivered_at is null",
                       (channel_id,)).fetchone()[0] == 0
    bot_replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert len(bot_replies) == 2 and [call["text"] for call in bot_api.sent()] == bot_replies  # each once, in order


def test_a_message_whose_answer_never_came_is_not_repeated_within_the_call():
    from salesbot.channels.bot_api import BotApi, BotApiUnanswered

    with serve_bot_api() as server:
        server.before_answer["sendMessage"] = lambda: time.sleep(1.0)
        api = BotApi(server.url, BOT_TOKEN, timeout=0.5, budget=3.0)  # time for several tries
        with pytest.raises(BotApiUnanswered):
            api.send_message(42, "Здравствуйте")
        while not server.sent():  # Telegram's late answer
            time.sleep(0.1)
        time.sleep(0.5)  # what a retry would have sent by now
        assert len(server.sent()) == 1


@pytest.mark.parametrize("silence", [0.0, 1.0], ids=["hung up", "hung"])
def test_a_message_telegram_took_on_a_kept_alive_connection_and_never_answered_is_not_sent_again(silence):
    """Telegram reads the sendMessage and sends the message, then the connection drops (or hangs
    past the timeout) without an answer: sent again on a new connection, the customer would get it
    twice. A call that is safe to repeat is sent again, and answered."""
    from salesbot.channels.bot_api import BotApi, BotApiUnanswered

    with serve_bot_api() as server:
        api = BotApi(server.url, BOT_TOKEN, timeout=0.5, budget=3.0)  # time for several tries
        api.get_me()  # the connection the message goes out on is kept alive from this call
        server.lost.hang_up("POST", r".*/sendMessage", after=silence)
        with pytest.raises(BotApiUnanswered):
            api.send_message(42, "Здравствуйте")
        time.sleep(0.5)  # what a retry would have sent by now
        assert len(server.sent()) == 1

        server.lost.hang_up("POST", r".*/getMe")
        assert api.get_me()["username"] == "shop123456789_bot"
        assert len(server.sent("getMe")) == 3

        # A connection the server closed while it was idle is not sent on: the message goes out anew.
        server.close_idle()
        time.sleep(0.1)
        assert api.send_message(42, "Вы здесь?")["text"] == "Вы здесь?"
        assert [call["text"] for call in server.sent()] == ["Здравствуйте", "Вы здесь?"]


def test_a_reply_telegram_took_and_hung_up_on_is_set_aside_unconfirmed_and_the_chat_goes_on(client, channel, bot_api,
                                                                                              sql):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    assert post_update(client, channel_id, secret, update(27, "Здравствуйте")).status_code == 200
    bot_api.lost.hang_up("POST", r".*/sendMessage")  # on the connection the first reply kept alive
    assert post_update(client, channel_id, secret, update(28, "Нужна студия")).status_code == 200
    assert post_update(client, channel_id, secret, update(29, "Алло?")).status_code == 200
    bot_replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert [call["text"] for call in bot_api.sent()] == bot_replies  # each once, in order
    unconfirmed = sql.execute("select text, last_error from public.outbox where channel_id = %s"
                              " and abandoned_at is not null", (channel_id,)).fetchall()
    assert [text for text, _ in unconfirmed] == bot_replies[1:2] and "may have been delivered" in unconfirmed[0][1]


def test_a_down_bot_api_costs_a_webhook_one_budget_not_one_per_queued_message(client, channel, bot_api, sql):
    channel_id, secret = channel
    bot_api.down = True
    for n in range(3):
        post_update(client, channel_id, secret, update(30 + n, f"вопрос {n}"))
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))
    before = len(bot_api.calls)
    started = time.monotonic()
    assert post_update(client, channel_id, secret, update(33, "ещё вопрос")).status_code == 200
    # One SALESBOT_TELEGRAM_RETRY_BUDGET (1.5 s) and the reply's own time, where a budget for each of the
    # four waiting replies would be 6 s: bounded by three, so that a loaded machine's slow reply passes.
    assert time.monotonic() - started < 3 * 1.5
    # Only the chat's oldest waiting reply was tried: the new one may not overtake it.
    first_reply = next(text for role, text in messages(sql, channel_id) if role == "bot")
    assert {call.payload["text"] for call in bot_api.calls[before:]} == {first_reply}
    assert sql.execute("select count(*) from public.outbox where channel_id = %s and delivered_at is null",
                       (channel_id,)).fetchone()[0] == 4


def test_after_an_outage_a_chats_replies_arrive_in_the_order_written(client, channel, bot_api, sql):
    channel_id, secret = channel
    bot_api.down = True
    post_update(client, channel_id, secret, update(60, "Ищу студию"))
    bot_api.down = False
    post_update(client, channel_id, secret, update(61, "Бюджет до 5 млн"))  # its reply waits behind the first
    assert bot_api.sent() == []
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s and delivered_at is null",
                (channel_id,))  # the first one's backoff is over
    post_update(client, channel_id, secret, update(62, "Меня зовут Анна"))
    replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert [call["text"] for call in bot_api.sent()] == replies


def test_once_a_bot_gets_a_message_through_its_other_chats_backlog_goes_too(client, channel, bot_api, sql):
    channel_id, secret = channel
    bot_api.down = True
    for update_id, user_id in ((63, 51), (64, 52), (65, 53)):
        post_update(client, channel_id, secret, update(update_id, "Ищу студию", user_id=user_id))
    sql.execute("update public.outbox set next_attempt_at = now() + interval '1 hour' where channel_id = %s"
                " and delivered_at is null", (channel_id,))
    # Chat 53's reply is in flight with another sender: no error recorded yet, not to be sent twice.
    sql.execute("update public.outbox set last_error = null where channel_id = %s and chat_id = '53'", (channel_id,))
    bot_api.down = False
    post_update(client, channel_id, secret, update(66, "Здравствуйте", user_id=54))
    assert sorted(str(call["chat_id"]) for call in bot_api.sent()) == ["51", "52", "54"]
    assert sql.execute("select chat_id from public.outbox where channel_id = %s and delivered_at is null",
                       (channel_id,)).fetchall() == [("53",)]


def settle_other_channels(sql: psycopg.Connection, channel_id: str) -> None:
    """Sets aside what other tests left waiting: the worker's database holds their bots, long gone. Their
    handed-over customers too: once a worker has run longer than a wait's minutes, a sweep would remind
    their managers, and the reminders would be this test's deliveries."""
    sql.execute("update public.outbox set abandoned_at = now() where channel_id <> %s and delivered_at is null",
                (channel_id,))
    sql.execute("update public.customers set waiting_reminded_at = now()"
                " where channel_id <> %s and waiting_since is not null and waiting_reminded_at is null", (channel_id,))


def test_a_chat_stuck_behind_a_long_backoff_is_freed_by_the_next_sweep(client, channel, bot_api, sql, monkeypatch):
    channel_id, secret = channel
    settle_other_channels(sql, channel_id)
    bot_api.down = True
    post_update(client, channel_id, secret, update(67, "Ищу студию"))
    post_update(client, channel_id, secret, update(68, "Бюджет до 5 млн"))  # queued behind the first
    sql.execute("update public.outbox set next_attempt_at = now() + interval '1 hour' where channel_id = %s"
                " and last_error is not null", (channel_id,))  # as after hours of outage
    bot_api.down = False
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    response = client.post("/deliver_outbox", headers=SWEEPER)
    assert response.json["delivered"] == 2, response.json
    assert [call["text"] for call in bot_api.sent()] == [text for role, text in messages(sql, channel_id) if role == "bot"]


def test_a_reply_that_failed_for_days_neither_stops_the_sweep_nor_waits_more_than_an_hour(client, channel, bot_api,
                                                                                          sql, monkeypatch):
    channel_id, secret = channel
    bot_api.down = True
    post_update(client, channel_id, secret, update(69, "Нужна студия"))
    settle_other_channels(sql, channel_id)
    # A revoked token or a long outage: each sweep's claim counts an attempt (from the 48th the
    # doubled backoff overflowed an interval and every claim of the sweep failed).
    sql.execute("update public.outbox set attempts = 1000, next_attempt_at = now() where channel_id = %s", (channel_id,))
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    response = client.post("/deliver_outbox", headers=SWEEPER)
    assert response.status_code == 200 and response.json["delivered"] == 0, response.json
    due_in = sql.execute("select next_attempt_at - now() from public.outbox where channel_id = %s",
                         (channel_id,)).fetchone()[0]
    assert timedelta(minutes=59) < due_in <= timedelta(hours=1)


def test_the_outbox_sweep_delivers_what_no_webhook_did(client, channel, bot_api, sql, monkeypatch):
    channel_id, secret = channel
    bot_api.down = True
    post_update(client, channel_id, secret, update(40, "Нужна студия"))
    bot_api.down = False
    settle_other_channels(sql, channel_id)
    sql.execute("update public.outbox set next_attempt_at = now() where channel_id = %s", (channel_id,))
    assert client.post("/deliver_outbox").status_code == 503  # no SALESBOT_CRON_SECRET: the sweep is off
    monkeypatch.setenv("SALESBOT_CRON_SECRET", CRON_SECRET)
    reset_services()
    assert client.post("/deliver_outbox", headers={"Authorization": "Bearer wrong"}).status_code == 401
    response = client.post("/deliver_outbox", headers=SWEEPER)
    assert response.status_code == 200 and response.json["delivered"] == 1, response.json
    assert [m["text"] for m in bot_api.sent()] == [messages(sql, channel_id)[-1][1]]
    again = client.post("/deliver_outbox", headers=SWEEPER)
    assert again.json["delivered"] == 0 and len(bot_api.sent()) == 1


def test_a_database_outage_is_a_503_and_telegrams_retry_is_answered_once(client, channel, bot_api, sql,
                                                                           functions_db_url, tmp_path, monkeypatch):
    channel_id, secret = channel
    monkeypatch.setenv("DATABASE_URL", f"postgresql://postgres@/postgres?host={tmp_path}&connect_timeout=1")
    monkeypatch.setenv("SALESBOT_DB_TIMEOUT", "0.5")
    reset_services()
    down = post_update(client, channel_id, secret, update(50, "Нужна студия"))
    assert down.status_code == 503 and down.json["error"]["code"] == "unavailable"
    monkeypatch.setenv("DATABASE_URL", functions_db_url)
    reset_services()
    for _ in range(2):  # Telegram retries, maybe more than once
        assert post_update(client, channel_id, secret, update(50, "Нужна студия")).status_code == 200
    assert [role for role, _ in messages(sql, channel_id)] == ["customer", "bot"] and len(bot_api.sent()) == 1


def test_a_telegram_function_answers_without_loading_token_verification(channel, bot_api, app_env):
    # Deployed as a function of its own, the webhook must not pay at cold start for pyjwt and
    # cryptography, which only the user-facing functions need.
    channel_id, secret = channel
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "import functions_framework\n"
        "app = functions_framework.create_app('telegram', str(Path('functions/main.py').resolve()))\n"
        f"answer = app.test_client().post('/?channel={channel_id}', data=sys.stdin.read(),\n"
        f"    headers={{'X-Telegram-Bot-Api-Secret-Token': '{secret}', 'Content-Type': 'application/json'}})\n"
        "assert answer.status_code == 200, answer.get_data(as_text=True)\n"
        "loaded = sorted({name.split('.')[0] for name in sys.modules} & {'jwt', 'cryptography', 'openai'})\n"
        "assert not loaded, loaded\n"
    )
    env = {**os.environ, **app_env, "TELEGRAM_API_BASE": bot_api.url}
    subprocess.run([sys.executable, "-c", script], input=json.dumps(update(70, "Ищу студию")), text=True,
                   env=env, cwd=ROOT, check=True, timeout=60)
    assert bot_api.sent()[-1]["chat_id"] == 42
