"""The database restarting under traffic: requests during the gap get a 503 with a JSON error,
and every message retried after it is stored once and answered once, on every channel.

This test runs its own embedded Postgres (kept with the run's, see tests/support/runs.py), since it
restarts it; customers write through /chat (retrying with an Idempotency-Key) and through Telegram
(retrying the update, as Telegram does).
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import pytest
from werkzeug.test import Client, TestResponse

from salesbot.db import PostgresDatabase
from salesbot.errors import Unavailable
from salesbot.local.database import as_functions_role, prepare, start_embedded
from salesbot.services import reset_services
from tests.conftest import JWT_SECRET
from tests.servers.telegram import BotApiServer, serve_bot_api
from tests.support.accounts import Company, make_company
from tests.support.postgres import restart_embedded

SCRIPT = ["Здравствуйте, ищу квартиру", "Двухкомнатную", "Бюджет до 9 млн", "В Казани", "Меня зовут Анна",
          "Мой телефон +7 912 345-67-89", "Переехать хотим летом", "А что есть рядом с метро?"]
CRON_SECRET = "cron-secret-for-the-restart-test"


@dataclass
class Customer:
    """One simulated customer: what it sent, and what /chat answered it."""

    number: int
    channel: str  # "chat" or "telegram"
    sent: list[str] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)  # of every attempt

    @property
    def external_id(self) -> str:
        """How the product knows the customer: the test chat's name for it, or the Telegram user id."""
        return f"restart-{self.number}" if self.channel == "chat" else str(self.number)


@pytest.fixture(scope="module")
def restartable(run_folder: Path, worker_id: str) -> tuple[Path, str]:
    data_dir = run_folder / f"restartable-{worker_id}"
    url = start_embedded(data_dir, keep_running=False)
    prepare(url)
    return data_dir, url


@pytest.fixture
def stack(restartable, wsgi_app, monkeypatch) -> Iterator[tuple[Path, str, BotApiServer, Company, str, str]]:
    """The app on the restartable database, a company, and its Telegram bot (channel id, secret)."""
    data_dir, url = restartable
    with serve_bot_api() as bot_api:
        for key, value in {"DATABASE_URL": as_functions_role(url), "SUPABASE_JWT_SECRET": JWT_SECRET, "SALESBOT_DB_TIMEOUT": "1",
                           "TELEGRAM_API_BASE": bot_api.url, "PUBLIC_URL": "https://functions.example.test",
                           "SALESBOT_CRON_SECRET": CRON_SECRET, "SALESBOT_TELEGRAM_RETRY_BUDGET": "1"}.items():
            monkeypatch.setenv(key, value)
        monkeypatch.delenv("OPENAI_API_KEY", raising=False)
        reset_services()
        with psycopg.connect(url, autocommit=True) as sql:
            company = make_company(sql, "Restart Realty")
            admin = {"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"}
            connected = Client(wsgi_app).post("/channels", headers=admin, json={
                "kind": "telegram", "name": "Shop bot", "bot_token": "123456789:" + "R" * 35})
            assert connected.status_code == 200, connected.json
            secret = bot_api.sent("setWebhook")[-1]["secret_token"]
        yield data_dir, url, bot_api, company, connected.json["channel_id"], secret
    reset_services()


# A caller of its own (no company needed): the RPC answers [] for a user of no company.
NOBODY = {"role": "authenticated", "sub": "00000000-0000-4000-8000-00000000cafe"}


@pytest.fixture
def database(restartable) -> Iterator[PostgresDatabase]:
    """The functions' connections to the restartable database, as the app holds them."""
    database = PostgresDatabase(as_functions_role(restartable[1]), max_size=4)
    yield database
    database.close()


def failed_connects(database: PostgresDatabase) -> int:
    return database._pool.pool.get_stats().get("connections_errors", 0)


def test_after_a_restart_a_pool_of_dropped_connections_serves_the_next_call(restartable, database):
    # Four idle connections, which the restart drops: each is found dropped and replaced at once,
    # where a failed pool check waited 1, 2, 4 s before the next, past the 5 s a call waits.
    database._pool.pool.resize(4, 4)
    database._pool.pool.wait()
    restart_embedded(restartable[0], down_for=0.2).join()
    assert database.rpc("my_companies", {}, NOBODY) == []


def test_a_long_outage_is_quick_503s_without_attempts_while_idle_then_the_first_call_connects(restartable,
                                                                                             database):
    assert database.rpc("my_companies", {}, NOBODY) == []
    # Down past the pool's first attempts: psycopg_pool alone would then try again only 7 and 15 s
    # after it lost its connections, and the call after the server's return would get a 503. Long
    # enough that a loaded machine still has the server away through every step below.
    restart = restart_embedded(restartable[0], down_for=15.0)
    try:
        with pytest.raises(Unavailable):  # finds its connection dropped, and the pool's attempts failing
            database.rpc("my_companies", {}, NOBODY)
        deadline = time.monotonic() + 60
        while not database._pool.server_away:  # the pool's attempts since the loss failed: it gave up
            assert time.monotonic() < deadline
            time.sleep(0.1)
        # An attempt begun before the pool gave up may still be failing on a loaded machine: once none has
        # failed for a second, none may fail while nobody asks.
        tried = settled_failed_connects(database, deadline)
        time.sleep(2.5)  # more than the pool's background attempts take
        assert failed_connects(database) == tried, "the pool kept trying with nobody asking"
        with pytest.raises(Unavailable):
            database.rpc("my_companies", {}, NOBODY)
        assert failed_connects(database) > tried, "the call made no attempt of its own"
    finally:
        restart.join()  # the server is back for the tests after this one, whatever happened here
    assert database.rpc("my_companies", {}, NOBODY) == []


def settled_failed_connects(database: PostgresDatabase, deadline: float) -> int:
    """The pool's failed connection attempts, once a second has passed without one."""
    tried = failed_connects(database)
    while True:
        assert time.monotonic() < deadline, "the pool kept trying with nobody asking"
        time.sleep(1.0)
        if (now := failed_connects(database)) == tried:
            return tried
        tried = now


def send_until_taken(client: Client, customer: Customer, path: str, body: dict, headers: dict) -> TestResponse:
    """Posts until the answer is not a 503, as Telegram and a careful client do; every status is kept."""
    while True:
        response = client.post(path, json=body, headers=headers)
        customer.statuses.append(response.status_code)
        if response.status_code != 503:
            assert response.status_code == 200, response.json
            return response
        assert response.json["error"]["code"] == "unavailable"
        assert response.headers["Retry-After"] == "1"
        time.sleep(0.1)


def converse(app, customer: Customer, company: Company, channel_id: str, secret: str,
             update_ids: Iterator[int]) -> None:
    client = Client(app)
    manager = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}"}
    for turn, text in enumerate(SCRIPT):
        customer.sent.append(text)
        if customer.channel == "chat":
            response = send_until_taken(client, customer, "/chat", {"customer": customer.external_id, "text": text},
                                        {**manager, "Idempotency-Key": f"{customer.external_id}-{turn}"})
            customer.replies.append(response.json["reply"])
        else:
            update_id = next(update_ids)
            person = {"id": customer.number, "is_bot": False, "first_name": "Анна"}
            message = {"message_id": update_id, "date": int(time.time()), "text": text, "from": person,
                       "chat": {"id": customer.number, "type": "private"}}
            update = {"update_id": update_id, "message": message}
            send_until_taken(client, customer, f"/telegram?channel={channel_id}", update,
                             {"X-Telegram-Bot-Api-Secret-Token": secret})
        time.sleep(0.05)  # a person types between messages, so the restart falls mid-conversation


def test_a_restart_mid_load_is_503s_then_every_message_once(stack, wsgi_app):
    data_dir, url, bot_api, company, channel_id, secret = stack
    customers = [Customer(7000 + n, "chat" if n % 2 else "telegram") for n in range(6)]
    update_ids = itertools.count(1)  # next() on it is atomic: the writers share it
    writers = [threading.Thread(target=converse, args=(wsgi_app, customer, company, channel_id, secret, update_ids))
               for customer in customers]
    for writer in writers:
        writer.start()
    time.sleep(0.4)  # a few messages in, every conversation under way
    restart_embedded(data_dir, down_for=1.5).join()
    for writer in writers:
        writer.join(timeout=120)
        assert not writer.is_alive()

    assert any(503 in customer.statuses for customer in customers), "the restart was never felt"
    # What no webhook could send yet is due later: let that time pass, then run the scheduler's sweep.
    with psycopg.connect(url, autocommit=True) as sql:  # a new session: the restart cut off every earlier one
        sql.execute("update public.outbox set next_attempt_at = now() where delivered_at is null")
        sweep = Client(wsgi_app).post("/deliver_outbox", headers={"Authorization": f"Bearer {CRON_SECRET}"})
        assert sweep.status_code == 200, sweep.json
        left = sql.execute("select id, chat_id, sending_since, last_error from public.outbox"
                           " where delivered_at is null").fetchall()
        assert not left, left
        for customer in customers:
            stored = sql.execute(
                "select m.role::text, m.text from public.messages m join public.customers c on c.id = m.customer_id"
                " where c.owner_id = %s and c.external_id = %s order by m.id",
                (company.owner_id, customer.external_id)).fetchall()
            assert [role for role, _ in stored] == ["customer", "bot"] * len(SCRIPT), customer.external_id
            assert [text for role, text in stored if role == "customer"] == customer.sent
            replies = [text for role, text in stored if role == "bot"]
            if customer.channel == "chat":
                assert customer.replies == replies
            else:
                delivered = [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == customer.external_id]
                assert sorted(delivered) == sorted(replies), customer.external_id


# The webhook's budget also bounds its wait for Telegram's answer, which comes only once the server
# is down, so each budget leaves a busy machine seconds to stop it. Within it: the outage is short,
# but the restart (crash recovery) takes what it takes, and the connection pool's reconnection up to
# a second more. Past it: the outage outlasts the budget.
@pytest.mark.parametrize("budget,down_for", [(60.0, 1.5), (5.0, 10.0)],
                         ids=["back-within-the-webhooks-budget", "down-past-it"])
def test_a_reply_sent_just_before_the_database_goes_down_is_not_sent_again(stack, wsgi_app, monkeypatch, budget,
                                                                          down_for):
    data_dir, url, bot_api, _, channel_id, secret = stack
    monkeypatch.setenv("SALESBOT_TELEGRAM_RETRY_BUDGET", str(budget))
    reset_services()
    # Telegram takes the reply, and the database goes down (for longer than a request waits for a
    # connection) before the delivery is marked done. Within the budget the webhook waits for it;
    # past it, the webhook answers 503 and the process records the send before it claims again.
    restarts = []
    bot_api.before_answer["sendMessage"] = lambda: restarts.append(restart_embedded(data_dir, down_for=down_for))
    update = {"update_id": 1, "message": {"message_id": 1, "date": int(time.time()), "text": "Нужна студия",
                                          "chat": {"id": 77, "type": "private"}, "from": {"id": 77, "is_bot": False}}}
    response = Client(wsgi_app).post(f"/telegram?channel={channel_id}", json=update,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": secret})
    del bot_api.before_answer["sendMessage"]
    restarts[0].join()
    assert response.status_code == (200 if down_for < budget else 503), response.json
    with psycopg.connect(url, autocommit=True) as sql:
        sql.execute("update public.outbox set next_attempt_at = now()")  # whatever is pending is due
    Client(wsgi_app).post("/deliver_outbox", headers={"Authorization": f"Bearer {CRON_SECRET}"})
    assert len(bot_api.sent()) == 1


# A send waits 5 s for Telegram's answer, and the Bot API stops the database before it answers:
# a busy machine has that long to stop it, or the answer comes too late, which is the third case
# (where the database stays down past the late answer). Within the budget, as above, the restart's
# crash recovery (seen taking 7 s on a loaded machine) and the pool's reconnection take what they
# take; past it, the outage outlasts the request's waits for a connection within it.
@pytest.mark.parametrize("chat,budget,down_for,answer_after", [(78, "60", 1.5, 0.0), (79, "0.5", 1.5, 0.0),
                                                               (80, "0.5", 8.0, 5.5)],
                         ids=["back-within-the-budget", "down-past-it", "answered-too-late"])
def test_a_managers_reply_sent_just_before_the_database_goes_down_is_not_sent_again(stack, wsgi_app, monkeypatch,
                                                                                    chat, budget, down_for,
                                                                                    answer_after):
    data_dir, url, bot_api, company, channel_id, secret = stack
    monkeypatch.setenv("SALESBOT_TELEGRAM_RETRY_BUDGET", budget)
    reset_services()
    client = Client(wsgi_app)
    # The database outlives the test: each case a customer (chat) of its own.
    update = {"update_id": 2, "message": {"message_id": 2, "date": int(time.time()), "text": "Позовите менеджера",
                                          "chat": {"id": chat, "type": "private"}, "from": {"id": chat, "is_bot": False}}}
    assert client.post(f"/telegram?channel={channel_id}", json=update,
                       headers={"X-Telegram-Bot-Api-Secret-Token": secret}).status_code == 200
    with psycopg.connect(url, autocommit=True) as sql:
        customer_id = sql.execute("select id from public.customers where channel_id = %s and external_id = %s",
                                  (channel_id, str(chat))).fetchone()[0]
    # Telegram takes the manager's reply, and the database goes down before it is marked delivered;
    # in the last case Telegram's answer comes after the send has stopped waiting for it.
    restarts = []

    def go_down_then_answer() -> None:
        restarts.append(restart_embedded(data_dir, down_for=down_for))
        time.sleep(answer_after)

    bot_api.before_answer["sendMessage"] = go_down_then_answer
    manager = {"Authorization": f"Bearer {company.users['manager'].token(JWT_SECRET)}", "Idempotency-Key": "r1"}
    body = {"customer_id": str(customer_id), "text": "Ольга на связи"}
    response = client.post("/reply", json=body, headers=manager)
    del bot_api.before_answer["sendMessage"]
    restarts[0].join()
    assert response.status_code == (200 if down_for < float(budget) else 503), response.json
    retried = send_until_taken(client, Customer(chat, "telegram"), "/reply", body, manager)  # as a client would
    assert retried.json["message_id"] and retried.json["status"] in ("sent", "queued")
    with psycopg.connect(url, autocommit=True) as sql:
        sql.execute("update public.outbox set next_attempt_at = now()")  # whatever is pending is due
        client.post("/deliver_outbox", headers={"Authorization": f"Bearer {CRON_SECRET}"})
        unconfirmed = sql.execute("select abandoned_at is not null from public.outbox where chat_id = %s"
                                  " and text = %s", (str(chat), body["text"])).fetchone()[0]
    assert [call["text"] for call in bot_api.sent() if str(call["chat_id"]) == str(chat)].count("Ольга на связи") == 1
    assert unconfirmed == bool(answer_after)  # set aside: it may have reached the customer
