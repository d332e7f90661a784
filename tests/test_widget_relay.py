"""The site's relay (widget/relay.py) against a recording upstream and against the real webhook:
what it signs verifies with the Standard Webhooks reference library, visitors are named by its
own signed cookie, the client's address goes along, and Salesbot's 429 comes back with its wait."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import standardwebhooks
from werkzeug.test import Client

from salesbot.local.server import create_app
from tests.servers.base import JsonHandler, serve_http
from tests.test_widget import create_widget
from tests.test_widget_browser import load_relay, serve

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@contextmanager
def recording_upstream(status: int = 200, answer: Any = None, headers: dict[str, str] | None = None) -> Iterator[tuple[str, list]]:
    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(JsonHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            received.append((dict(self.headers), self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_json(status, answer if answer is not None else {"reply": "Здравствуйте!"}, headers)

    with serve_http(Handler) as url:
        yield f"{url}/webhook?channel=x", received


def relay_client(url: str, **options: Any) -> Client:
    return Client(load_relay().make_relay(url, SECRET, **options))


def test_what_the_relay_forwards_verifies_with_the_reference_library():
    with recording_upstream() as (url, received):
        relay = relay_client(url)
        response = relay.post("/", json={"text": "Здравствуйте", "name": "Анна", "customer": "someone-else", "client": "x"},
                              headers={"X-Salesbot-Request-Id": "req-42"}, environ_base={"REMOTE_ADDR": "203.0.113.9"})
    assert response.status_code == 200 and response.json == {"reply": "Здравствуйте!"}
    (headers, body), = received
    lowered = {name.lower(): value for name, value in headers.items()}
    forwarded = standardwebhooks.Webhook(SECRET).verify(body, lowered)
    assert lowered["webhook-id"] == "req-42"
    # The visitor and the client are the relay's to say, whatever the browser sent.
    assert forwarded["client"] == "203.0.113.9" and forwarded["customer"] != "someone-else"
    assert forwarded["customer"].startswith("v-") and (forwarded["text"], forwarded["name"]) == ("Здравствуйте", "Анна")


def test_a_visitor_keeps_the_id_the_relay_signed_and_a_forged_cookie_gets_a_new_one():
    with recording_upstream() as (url, received):
        relay = relay_client(url)
        first = relay.post("/", json={"text": "one"})
        cookie = first.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        relay.post("/", json={"text": "two"})  # the client sends the cookie back
        forged = relay_client(url)
        visitor = json.loads(received[0][1])["customer"]
        forged.set_cookie("salesbot_visitor", f"{visitor[:-1]}0.{'0' * 32}")
        forged.post("/", json={"text": "three"})
    customers = [json.loads(body)["customer"] for _, body in received]
    assert customers[0] == customers[1] != customers[2]


def test_a_poll_goes_out_as_the_same_visitors_under_an_id_of_its_own():
    with recording_upstream(200, {"greeting": None, "handed_over": False, "messages": []}) as (url, received):
        relay = relay_client(url)
        relay.post("/", json={"text": "hi"}, headers={"X-Salesbot-Request-Id": "req-1"})
        for _ in range(2):  # the widget's own request id, if it sends one, never names a poll
            answer = relay.post("/", json={"after": 7}, headers={"X-Salesbot-Request-Id": "req-1"},
                                environ_base={"REMOTE_ADDR": "203.0.113.9"})
            assert answer.status_code == 200 and answer.json["messages"] == []
    (_, message), *polls = received
    ids = [{name.lower(): value for name, value in headers.items()}["webhook-id"] for headers, _ in received]
    assert ids[0] == "req-1" and len(set(ids)) == 3
    for headers, body in polls:
        forwarded = standardwebhooks.Webhook(SECRET).verify(body, {name.lower(): value for name, value in headers.items()})
        assert forwarded == {"customer": json.loads(message)["customer"], "after": 7, "client": "203.0.113.9"}


def test_behind_the_sites_own_proxy_the_client_is_the_address_it_recorded():
    with recording_upstream() as (url, received):
        relay_client(url, proxy_hops=1).post("/", json={"text": "hi"}, headers={"X-Forwarded-For": "198.51.100.7, 10.0.0.2"},
                                             environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert json.loads(received[0][1])["client"] == "10.0.0.2"


def test_a_missing_or_malformed_request_id_is_replaced_by_one_of_the_relays():
    with recording_upstream() as (url, received):
        relay = relay_client(url)
        relay.post("/", json={"text": "a"}, headers={"X-Salesbot-Request-Id": "bad id.with dots"})
        relay.post("/", json={"text": "b"})
    ids = [{name.lower(): value for name, value in headers.items()}["webhook-id"] for headers, _ in received]
    assert len(set(ids)) == 2 and all("." not in i and " " not in i for i in ids)


def test_a_429_comes_back_with_its_retry_after():
    with recording_upstream(429, {"error": {"code": "too_many_requests", "message": "later"}}, {"Retry-After": "17"}) as (url, _):
        response = relay_client(url).post("/", json={"text": "hi"})
    assert response.status_code == 429 and response.headers["Retry-After"] == "17"


def test_an_answer_over_the_limit_is_not_passed_on():
    relay = load_relay()
    with recording_upstream(200, {"reply": "x" * relay.MAX_ANSWER_BYTES}) as (url, _):
        response = relay_client(url).post("/", json={"text": "hi"})
    assert response.status_code == 502


@pytest.mark.parametrize("body", [b"[1, 2]", b"not json", b'"text"'])
def test_what_is_not_a_json_object_is_a_400_and_goes_nowhere(body):
    with recording_upstream() as (url, received):
        response = relay_client(url).post("/", data=body, content_type="application/json")
    assert response.status_code == 400 and received == []


def test_through_the_real_webhook_a_visitor_dropping_cookies_is_limited_by_address(client, company, sql):
    channel_id, secret = create_widget(client, company)
    with serve(create_app()) as functions:
        relay = Client(load_relay().make_relay(f"{functions}/webhook?channel={channel_id}", secret))
        statuses = []
        for n in range(12):
            relay.delete_cookie("salesbot_visitor")  # a new visitor every time, from one address
            statuses.append(relay.post("/", json={"text": f"hi {n}"}).status_code)
    assert statuses == [200] * 10 + [429, 429]
    assert sql.execute("select count(*) from public.customers where channel_id = %s", (channel_id,)).fetchone()[0] == 10
