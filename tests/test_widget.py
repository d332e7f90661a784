"""The web widget's webhook: requests signed as Standard Webhooks sign them (checked against the
reference library), the reply in the answer, each request id answered once per visitor, stale or
replayed requests refused, and visitor floods turned away before anything is stored."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime

import pytest
import standardwebhooks

from tests.conftest import JWT_SECRET
from tests.support.accounts import Company


def create_widget(client, company: Company) -> tuple[str, str]:
    response = client.post("/channels", json={"kind": "widget", "name": "Site"},
                           headers={"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"})
    assert response.status_code == 200, response.json
    return response.json["channel_id"], response.json["signing_secret"]


@pytest.fixture
def widget(client, company):
    return create_widget(client, company)


def signed_headers(secret: str, request_id: str, body: bytes, at: float | None = None) -> dict[str, str]:
    """The headers a relay sends, signed by the Standard Webhooks reference implementation."""
    moment = datetime.fromtimestamp(int(at if at is not None else time.time()), tz=UTC)
    return {"webhook-id": request_id, "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": standardwebhooks.Webhook(secret).sign(request_id, moment, body.decode())}


def send(client, channel_id: str, secret: str | None, body: dict | bytes, request_id: str | None = None,
         sign_with: str | None = None, at: float | None = None):
    if isinstance(body, dict):
        body = json.dumps({"client": "203.0.113.7", **body}).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers |= signed_headers(sign_with or secret, request_id or str(uuid.uuid4()), body, at)
    return client.post(f"/webhook?channel={channel_id}", data=body, headers=headers)


def stored(sql, channel_id: str) -> list[tuple[str, str]]:
    return sql.execute("select m.role::text, m.text from public.messages m join public.customers c on c.id = m.customer_id"
                       " where c.channel_id = %s order by m.id", (channel_id,)).fetchall()


def test_a_signed_message_gets_the_reply_in_the_response(client, widget, sql):
    channel_id, secret = widget
    assert secret.startswith("whsec_")
    response = send(client, channel_id, secret, {"customer": "visitor-1", "text": "Hi, I need a studio"})
    assert response.status_code == 200, response.json
    assert response.json["reply"] and stored(sql, channel_id) == [("customer", "Hi, I need a studio"), ("bot", response.json["reply"])]


@pytest.mark.parametrize("case", ["missing", "wrong secret", "tampered body", "another id", "another time"])
def test_a_wrong_or_missing_signature_is_a_401_and_nothing_is_stored(client, widget, sql, case):
    channel_id, secret = widget
    raw = json.dumps({"customer": "v", "text": "hello", "client": "203.0.113.7"}).encode()
    headers = {"Content-Type": "application/json", **signed_headers(secret, "req-1", raw)}
    if case == "missing":
        headers.pop("webhook-signature")
    elif case == "wrong secret":
        headers = {"Content-Type": "application/json", **signed_headers("whsec_" + "A" * 43 + "=", "req-1", raw)}
    elif case == "tampered body":
        raw = raw.replace(b"hello", b"hallo")
    elif case == "another id":  # the signature was for req-1
        headers["webhook-id"] = "req-2"
    else:
        headers["webhook-timestamp"] = str(int(headers["webhook-timestamp"]) - 1)
    response = client.post(f"/webhook?channel={channel_id}", data=raw, headers=headers)
    assert response.status_code == 401 and stored(sql, channel_id) == []


def test_another_companys_secret_does_not_open_this_channel(client, widget, other_company, sql):
    channel_id, _ = widget
    _, their_secret = create_widget(client, other_company)
    assert send(client, channel_id, their_secret, {"customer": "v", "text": "hi"}).status_code == 401


@pytest.mark.parametrize("offset", [-301, 301, -3600])
def test_a_request_signed_more_than_five_minutes_from_now_is_refused(client, widget, sql, offset):
    channel_id, secret = widget
    response = send(client, channel_id, secret, {"customer": "v", "text": "hi"}, at=time.time() + offset)
    assert response.status_code == 401 and "five minutes" in response.json["error"]["message"]
    assert stored(sql, channel_id) == []


def test_a_replayed_request_is_answered_once_with_the_same_reply(client, widget, sql):
    channel_id, secret = widget
    body = {"customer": "visitor-2", "text": "Сколько стоит доставка?"}
    first = send(client, channel_id, secret, body, request_id="req-1")
    again = send(client, channel_id, secret, body, request_id="req-1")
    assert first.json["reply"] == again.json["reply"]
    assert [role for role, _ in stored(sql, channel_id)] == ["customer", "bot"]
    send(client, channel_id, secret, body, request_id="req-2")
    assert [role for role, _ in stored(sql, channel_id)] == ["customer", "bot", "customer", "bot"]


def test_another_visitors_request_id_neither_reads_their_reply_nor_drops_the_message(client, widget, sql):
    channel_id, secret = widget
    first = send(client, channel_id, secret, {"customer": "alice", "text": "Меня зовут Алиса, +7 912 345-67-89"},
                 request_id="shared-id")
    second = send(client, channel_id, secret, {"customer": "mallory", "text": "Здравствуйте"}, request_id="shared-id")
    assert second.status_code == 200 and second.json["customer_id"] != first.json["customer_id"]
    assert "Алиса" not in (second.json["reply"] or "")
    assert ("customer", "Здравствуйте") in stored(sql, channel_id)


def test_a_known_request_id_with_another_text_is_refused_and_stores_nothing(client, widget, sql):
    channel_id, secret = widget
    send(client, channel_id, secret, {"customer": "v5", "text": "Первое"}, request_id="req-5")
    response = send(client, channel_id, secret, {"customer": "v5", "text": "Другое"}, request_id="req-5")
    assert response.status_code == 422 and [text for _, text in stored(sql, channel_id)].count("Другое") == 0


def test_an_over_long_message_is_truncated_not_refused(client, widget, sql):
    channel_id, secret = widget
    response = send(client, channel_id, secret, {"customer": "v3", "text": "очень " * 1500})
    assert response.status_code == 200
    text = stored(sql, channel_id)[0][1]
    assert len(text) <= 4096 and text.endswith("…")


@pytest.mark.parametrize("body", [b"{not json", b'{"customer": "v", "client": "c"}', b'{"customer": "v", "text": "hi"}',
                                  b'{"customer": "v", "text": "hi", "client": "c", "owner_id": "x"}',
                                  b'{"customer": "v", "text": "\\u0000 ", "client": "c"}',
                                  b'{"customer": "v", "after": "5", "client": "c"}', b'{"customer": "v", "after": true, "client": "c"}',
                                  b'{"customer": "v", "after": 5.0, "client": "c"}'])  # a message id is a JSON integer
def test_bad_bodies_are_a_400(client, widget, body):
    channel_id, secret = widget
    response = send(client, channel_id, secret, body)
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"


def test_a_telegram_channel_does_not_take_widget_requests(client, widget):
    channel_id, secret = widget
    response = client.post(f"/telegram?channel={channel_id}", json={"update_id": 1},
                           headers={"X-Telegram-Bot-Api-Secret-Token": secret})
    assert response.status_code == 401


def test_a_visitor_writing_too_fast_gets_a_polite_reply_and_every_message_is_kept(client, widget, sql):
    channel_id, secret = widget
    replies = [send(client, channel_id, secret, {"customer": "fast", "text": f"вопрос {n}"}).json["reply"]
               for n in range(21)]
    assert "часто" in replies[-1] and "часто" not in replies[0]
    assert len([role for role, _ in stored(sql, channel_id) if role == "customer"]) == 21


def refused_for(response) -> int:
    """The Retry-After of a 429, after checking it is one."""
    assert response.status_code == 429, response.json
    assert response.json["error"]["code"] == "too_many_requests"
    return int(response.headers["Retry-After"])


def test_a_client_rotating_visitor_ids_is_turned_away_and_nothing_more_is_stored(client, widget, sql):
    # The attack: every message from a new visitor id, to dodge the per-visitor limit and to fill
    # the channel's. Past ten new conversations a minute from one client, a 429, nothing stored.
    channel_id, secret = widget
    for n in range(10):
        assert send(client, channel_id, secret, {"customer": f"bot-{n}", "text": "hi"}).status_code == 200
    assert 1 <= refused_for(send(client, channel_id, secret, {"customer": "bot-10", "text": "hi"})) <= 60
    assert sql.execute("select count(*) from public.customers where channel_id = %s", (channel_id,)).fetchone()[0] == 10
    # A real visitor elsewhere is answered by the bot, not told "I'll answer shortly".
    real = send(client, channel_id, secret, {"customer": "real", "text": "Ищу студию", "client": "198.51.100.1"})
    assert real.status_code == 200 and "часто" not in real.json["reply"]


def test_new_conversations_are_capped_per_channel_whatever_the_clients(client, widget, sql):
    channel_id, secret = widget
    for n in range(60):
        response = send(client, channel_id, secret, {"customer": f"v{n}", "text": "hi", "client": f"10.0.{n}.1"})
        assert response.status_code == 200, n
    refused_for(send(client, channel_id, secret, {"customer": "v60", "text": "hi", "client": "10.1.0.1"}))
    # Known visitors still get through.
    assert send(client, channel_id, secret, {"customer": "v1", "text": "ещё", "client": "10.0.1.1"}).status_code == 200


def test_one_client_sends_at_most_sixty_messages_a_minute(client, widget, sql):
    channel_id, secret = widget
    for n in range(60):
        assert send(client, channel_id, secret, {"customer": "chatty", "text": f"m{n}"}).status_code == 200
    refused_for(send(client, channel_id, secret, {"customer": "chatty", "text": "m60"}))
    assert len(stored(sql, channel_id)) == 120
    # Its replay of a message already taken in is still answered, not counted.
    first = sql.execute("select request_key from public.messages m join public.customers c on c.id = m.customer_id"
                        " where c.channel_id = %s and m.role = 'customer' order by m.id limit 1", (channel_id,)).fetchone()[0]
    assert send(client, channel_id, secret, {"customer": "chatty", "text": "m0"}, request_id=first).status_code == 200


def poll(client, channel_id: str, secret: str, customer: str, after: int = 0, address: str = "203.0.113.7"):
    return send(client, channel_id, secret, {"customer": customer, "after": after, "client": address})


def test_a_poll_is_no_message_whatever_its_id(client, widget, sql):
    channel_id, secret = widget
    sent = send(client, channel_id, secret, {"customer": "v7", "text": "Ищу студию"}, request_id="req-7")
    # Under the message's own id, twice: neither that message's replay nor a 422, and nothing stored.
    for _ in range(2):
        polled = send(client, channel_id, secret, {"customer": "v7", "after": 0}, request_id="req-7")
        assert polled.status_code == 200, polled.json
        assert [m["text"] for m in polled.json["messages"]] == ["Ищу студию", sent.json["reply"]]
    assert len(stored(sql, channel_id)) == 2
    assert sql.execute("select count(*) from public.channel_updates where channel_id = %s", (channel_id,)).fetchone()[0] == 1


def test_a_client_waiting_with_open_widgets_never_spends_what_its_messages_may_send(client, widget, sql):
    # More polls than one client may send messages in a minute (60), from more visitors than it may
    # start conversations with (10): then its visitors still write, and are answered by the bot.
    channel_id, secret = widget
    for n in range(70):
        assert poll(client, channel_id, secret, f"waiting-{n % 15}").status_code == 200, n
    assert sql.execute("select count(*) from public.customers where channel_id = %s", (channel_id,)).fetchone()[0] == 0
    for n in range(10):
        answer = send(client, channel_id, secret, {"customer": f"waiting-{n}", "text": "Ищу студию"})
        assert answer.status_code == 200 and "часто" not in answer.json["reply"], n


def test_a_client_polling_past_its_limit_gets_a_429_and_may_still_write(client, widget, sql):
    channel_id, secret = widget
    # Six hundred polls this minute from one client: every open widget behind one address, thirty of them.
    sql.execute("select public.widget_messages(%s, 'v', 0, 50, '203.0.113.7') from generate_series(1, 600)",
                (channel_id,))
    assert 1 <= refused_for(poll(client, channel_id, secret, "v")) <= 60
    assert poll(client, channel_id, secret, "v", address="198.51.100.1").status_code == 200  # another client
    assert send(client, channel_id, secret, {"customer": "v", "text": "Ищу студию"}).status_code == 200


def test_a_widget_lead_notifies_the_managers_through_the_companys_bot(client, company, widget, sql, monkeypatch):
    from salesbot.services import reset_services
    from tests.servers.telegram import serve_bot_api

    channel_id, secret = widget
    sql.execute("update public.bot_settings set notify_chat_ids = '{555}' where owner_id = %s", (company.owner_id,))
    with serve_bot_api() as bot_api:
        monkeypatch.setenv("TELEGRAM_API_BASE", bot_api.url)
        monkeypatch.setenv("PUBLIC_URL", "https://functions.example.test")
        reset_services()
        response = client.post("/channels", json={"kind": "telegram", "name": "Bot", "bot_token": "123456789:" + "A" * 35},
                               headers={"Authorization": f"Bearer {company.users['admin'].token(JWT_SECRET)}"})
        assert response.status_code == 200
        send(client, channel_id, secret, {"customer": "v9", "text": "Ищу студию, мой телефон +7 912 345-67-89"})
        send(client, channel_id, secret, {"customer": "v9", "text": "И email anna@example.com"})
        notices = bot_api.sent()
    reset_services()
    assert [m["chat_id"] for m in notices] == ["555"] and "+79123456789" in notices[0]["text"]
