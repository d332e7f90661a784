"""The web widget's webhook: HMAC-signed JSON in, the reply in the answer, replays answered once."""

from __future__ import annotations

import json

import pytest

from salesbot.channels.widget import signature
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


def send(client, channel_id: str, secret: str | None, body: dict | bytes, request_id: str | None = None, sign_with=None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Salesbot-Signature"] = signature(sign_with or secret, raw)
    if request_id:
        headers["X-Salesbot-Request-Id"] = request_id
    return client.post(f"/webhook?channel={channel_id}", data=raw, headers=headers)


def stored(sql, channel_id: str) -> list[tuple[str, str]]:
    return sql.execute("select m.role::text, m.text from public.messages m join public.customers c on c.id = m.customer_id"
                       " where c.channel_id = %s order by m.id", (channel_id,)).fetchall()


def test_a_signed_message_gets_the_reply_in_the_response(client, widget, sql):
    channel_id, secret = widget
    response = send(client, channel_id, secret, {"customer": "visitor-1", "text": "Hi, I need a studio"})
    assert response.status_code == 200, response.json
    assert response.json["reply"] and stored(sql, channel_id) == [("customer", "Hi, I need a studio"), ("bot", response.json["reply"])]


@pytest.mark.parametrize("case", ["missing", "wrong secret", "tampered body"])
def test_a_wrong_or_missing_signature_is_a_401_and_nothing_is_stored(client, widget, sql, case):
    channel_id, secret = widget
    body = {"customer": "v", "text": "hello"}
    if case == "missing":
        response = send(client, channel_id, None, body)
    elif case == "wrong secret":
        response = send(client, channel_id, secret, body, sign_with="not-the-secret")
    else:
        raw = json.dumps(body).encode()
        response = client.post(f"/webhook?channel={channel_id}", data=raw.replace(b"hello", b"hallo"),
                               headers={"X-Salesbot-Signature": signature(secret, raw), "Content-Type": "application/json"})
    assert response.status_code == 401 and stored(sql, channel_id) == []


def test_another_companys_secret_does_not_open_this_channel(client, widget, other_company, sql):
    channel_id, _ = widget
    _, their_secret = create_widget(client, other_company)
    assert send(client, channel_id, their_secret, {"customer": "v", "text": "hi"}).status_code == 401


def test_a_replayed_request_is_answered_once_with_the_same_reply(client, widget, sql):
    channel_id, secret = widget
    body = {"customer": "visitor-2", "text": "Сколько стоит доставка?"}
    first = send(client, channel_id, secret, body, request_id="req-1")
    again = send(client, channel_id, secret, body, request_id="req-1")
    assert first.json["reply"] == again.json["reply"]
    assert [role for role, _ in stored(sql, channel_id)] == ["customer", "bot"]
    send(client, channel_id, secret, body, request_id="req-2")
    assert [role for role, _ in stored(sql, channel_id)] == ["customer", "bot", "customer", "bot"]


def test_an_over_long_message_is_truncated_not_refused(client, widget, sql):
    channel_id, secret = widget
    response = send(client, channel_id, secret, {"customer": "v3", "text": "очень " * 1500})
    assert response.status_code == 200
    text = stored(sql, channel_id)[0][1]
    assert len(text) <= 4096 and text.endswith("…")


@pytest.mark.parametrize("body", [b"{not json", b'{"customer": "v"}', b'{"customer": "v", "text": "hi", "owner_id": "x"}',
                                  b'{"customer": "v", "text": "\\u0000 "}'])
def test_bad_bodies_are_a_400(client, widget, body):
    channel_id, secret = widget
    response = send(client, channel_id, secret, body)
    assert response.status_code == 400 and response.json["error"]["code"] == "bad_request"


def test_a_telegram_channel_does_not_take_widget_requests(client, widget):
    channel_id, secret = widget
    response = client.post(f"/telegram?channel={channel_id}", json={"update_id": 1},
                           headers={"X-Telegram-Bot-Api-Secret-Token": secret})
    assert response.status_code == 401


def test_messages_without_a_request_id_are_still_rate_limited(client, widget, sql):
    channel_id, secret = widget
    replies = [send(client, channel_id, secret, {"customer": "fast", "text": f"вопрос {n}"}).json["reply"]
               for n in range(21)]
    assert "часто" in replies[-1] and "часто" not in replies[0]
    assert len([role for role, _ in stored(sql, channel_id) if role == "customer"]) == 21


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
