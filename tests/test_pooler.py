"""The functions through PgBouncer in transaction mode, as they reach Supabase through Supavisor.

The pooler gives every client's transactions one server connection in turn, so whatever a
transaction leaves on it (a prepared statement, a setting, a role) the next one would find: these
tests look for exactly that, and run the chat, the Telegram webhook and the outbox through it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from werkzeug.test import Client

from salesbot.db import PostgresDatabase
from salesbot.errors import ApiError
from salesbot.local.database import FUNCTIONS_ROLE, SERVICE_LOGIN
from salesbot.services import reset_services
from tests.support.accounts import Company
from tests.test_chat import chat, stored
from tests.test_telegram import SWEEPER, bot_api, channel, messages, post_update, update  # noqa: F401 (fixtures)

pytestmark = pytest.mark.pooler


@pytest.fixture(scope="module")
def functions_db_url(pooler_url: str) -> str:
    """Every function in this module reaches the database through the worker's PgBouncer."""
    return pooler_url


def server_connection_state(url: str) -> tuple[str, str, str, str | None, int]:
    """What the pooler's server connection holds between transactions, seen by a new client."""
    with psycopg.connect(url, prepare_threshold=None) as conn:
        return conn.execute(
            "select current_user, current_setting('role'), current_setting('statement_timeout'),"
            " nullif(current_setting('request.jwt.claims', true), ''), (select count(*)::int from pg_prepared_statements)"
        ).fetchone()


def test_chat_turns_leave_nothing_on_the_shared_server_connection(client, company: Company, sql, pooler_url):
    customer_id = None
    for turn in range(8):  # more than psycopg's prepare threshold (5) times each statement
        answer = chat(client, company, {"customer": "pooled", "text": f"Ищу квартиру, вопрос {turn}"}, key=f"k{turn}")
        assert answer.status_code == 200, answer.json
        customer_id = answer.json["customer_id"]
    again = chat(client, company, {"customer": "pooled", "text": "Ищу квартиру, вопрос 7"}, key="k7")
    assert again.status_code == 200 and again.json["customer_id"] == customer_id
    assert [role for role, _ in stored(sql, customer_id)] == ["customer", "bot"] * 8
    assert server_connection_state(pooler_url) == ("salesbot_functions", "none", "8s", None, 0)


@pytest.fixture
def timeouts_db(fresh_db_url: str, pooler_url: str) -> Iterator[PostgresDatabase]:
    """A database of the test's own, with two probe functions and a shorter timeout for anon there,
    reached through the pooler."""
    name = conninfo_to_dict(fresh_db_url)["dbname"]
    with psycopg.connect(fresh_db_url, autocommit=True) as conn:
        conn.execute("""
            create function public.seen_settings() returns jsonb language sql
            as $$ select jsonb_build_object('role', current_user, 'timeout', current_setting('statement_timeout')) $$;
            create function public.logged_in_as() returns jsonb language sql as $$ select to_jsonb(session_user) $$;
            create function public.nap(p_seconds float8) returns jsonb language sql
            as $$ select pg_sleep(p_seconds); select '{}'::jsonb $$;
            grant execute on function public.seen_settings, public.nap, public.logged_in_as
              to anon, authenticated, service_role;
        """)
        conn.execute(f'alter role anon in database "{name}" set statement_timeout = \'150ms\'')
    database = PostgresDatabase(make_conninfo(pooler_url, dbname=name),
                                service_url=make_conninfo(pooler_url, dbname=name, user=SERVICE_LOGIN), max_size=2)
    yield database
    database.close()


def test_each_role_gets_its_own_statement_timeout_in_its_own_transaction(timeouts_db: PostgresDatabase, pooler_url):
    anon, member, service = {"role": "anon"}, {"role": "authenticated", "sub": None}, {"role": "service_role"}
    # anon: this database's own setting wins over its 3 s everywhere; service_role has none, so
    # the login role's 8 s holds, as under PostgREST.
    assert timeouts_db.rpc("seen_settings", {}, anon) == {"role": "anon", "timeout": "150ms"}
    assert timeouts_db.rpc("seen_settings", {}, member) == {"role": "authenticated", "timeout": "8s"}
    assert timeouts_db.rpc("seen_settings", {}, service) == {"role": "service_role", "timeout": "8s"}
    with pytest.raises(ApiError) as timed_out:
        timeouts_db.rpc("nap", {"p_seconds": 0.5}, anon)
    assert timed_out.value.status == 504
    assert timeouts_db.rpc("nap", {"p_seconds": 0.5}, member) == {}
    assert server_connection_state(pooler_url)[1:3] == ("none", "8s")


def test_the_service_works_on_server_connections_of_its_own_login(timeouts_db: PostgresDatabase):
    """The pooler keeps a pool per login: the service's transactions never take turns with the users'
    on one server connection, where a switch of role has Postgres plan the users' statements anew."""
    assert timeouts_db.rpc("logged_in_as", {}, {"role": "service_role"}) == SERVICE_LOGIN
    assert timeouts_db.rpc("logged_in_as", {}, {"role": "authenticated", "sub": None}) == FUNCTIONS_ROLE
    assert timeouts_db.rpc("logged_in_as", {}, {"role": "anon"}) == FUNCTIONS_ROLE


def test_telegram_retries_are_answered_once_and_the_outbox_drains(client, channel, bot_api, sql,  # noqa: F811
                                                                   monkeypatch):
    channel_id, secret = channel
    bot_api.down = True
    for _ in range(2):  # Telegram retries the update
        answer = post_update(client, channel_id, secret, update(7, "Нужна студия в Казани", user_id=7007))
        assert answer.status_code == 200
    assert [role for role, _ in messages(sql, channel_id)] == ["customer", "bot"]
    assert bot_api.sent() == []  # the Bot API failed: the reply waits in the outbox
    bot_api.down = False
    monkeypatch.setenv("SALESBOT_CRON_SECRET", SWEEPER["Authorization"].removeprefix("Bearer "))
    reset_services()
    swept = client.post("/deliver_outbox", headers=SWEEPER)  # (it also sweeps what other tests left waiting)
    assert swept.status_code == 200, swept.json
    reply = messages(sql, channel_id)[-1][1]
    assert [sent["text"] for sent in bot_api.sent() if str(sent["chat_id"]) == "7007"] == [reply]


def test_many_customers_at_once_share_one_server_connection(wsgi_app, app_env, company: Company, sql):
    failures: list[str] = []
    customers: dict[str, str] = {}

    def customer(n: int) -> None:
        client = Client(wsgi_app)
        for turn in range(5):
            answer = chat(client, company, {"customer": f"crowd-{n}", "text": f"Сообщение {turn}"}, key=f"{n}/{turn}")
            if answer.status_code != 200:
                failures.append(f"{n}/{turn}: {answer.status_code} {answer.json}")
                return
            customers[f"crowd-{n}"] = answer.json["customer_id"]

    threads = [threading.Thread(target=customer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for customer_id in customers.values():
        turns = stored(sql, customer_id)
        assert [text for role, text in turns if role == "customer"] == [f"Сообщение {turn}" for turn in range(5)]
        assert [role for role, _ in turns] == ["customer", "bot"] * 5
