"""Circuit breakers: a hanging LLM or a down Bot API costs a few customers the wait, not all of
them. Run against the local OpenAI-compatible and Bot API servers, through the real app."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from salesbot.brain import FallbackBrain, make_brain
from salesbot.brain.llm import LlmBrain
from salesbot.breaker import CircuitBreaker
from salesbot.config import Config
from salesbot.services import reset_services
from tests.servers.chat_completions import hang, serve_chat_completions
from tests.servers.telegram import serve_bot_api
from tests.support.accounts import Company, make_company
from tests.test_chat import chat
from tests.test_llm_brain import conversation
from tests.test_telegram import CRON_SECRET, SWEEPER, connect, messages, post_update, update

OPENED, CLOSED = "opened after", "closed:"


def breaker_lines(caplog: pytest.LogCaptureFixture, what: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "salesbot.breaker" and what in r.getMessage()]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_breaker_opens_after_failures_in_a_row_lets_one_probe_through_and_closes_on_success(caplog):
    clock = Clock()
    breaker = CircuitBreaker("test", failures=3, cooldown=30, clock=clock)
    for _ in range(2):
        assert breaker.allow()
        breaker.failed()
    breaker.succeeded()  # a success in between: the count starts again
    for _ in range(3):
        assert breaker.allow()
        breaker.failed()
    assert breaker.is_open and not breaker.allow()
    clock.now += 30
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else skips while it is under way
    breaker.failed()  # still down: another cool-down, not another log line
    assert not breaker.allow()
    clock.now += 30
    assert breaker.allow()
    clock.now += 30  # that probe's caller never reported: given up after a cool-down
    assert breaker.allow()
    breaker.succeeded()
    assert not breaker.is_open and breaker.allow()
    assert len(breaker_lines(caplog, OPENED)) == 1 and len(breaker_lines(caplog, CLOSED)) == 1


@pytest.fixture
def llm():
    with serve_chat_completions() as server:
        yield server


def test_a_hanging_llm_is_skipped_after_a_few_timeouts_and_the_offline_engine_answers_at_once(
        client, company: Company, llm, monkeypatch, caplog):
    for key, value in {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm.url, "SALESBOT_LLM_TIMEOUT": "1",
                       "SALESBOT_LLM_RETRIES": "0", "SALESBOT_REPLY_DEADLINE": "3"}.items():
        monkeypatch.setenv(key, value)
    reset_services()
    llm.then(*[hang(10)] * 3)
    timings = []
    for turn in range(5):
        started = time.monotonic()
        answer = chat(client, company, {"customer": "hung", "text": f"Ищу квартиру, вопрос {turn}"})
        timings.append(time.monotonic() - started)
        assert answer.status_code == 200 and answer.json["reply"], answer.json
    assert len(llm.requests) == 3  # the last two never asked the model
    assert min(timings[:3]) >= 1 > max(timings[3:]), timings  # a timeout each, then none
    assert len(breaker_lines(caplog, OPENED)) == 1
    llm.stopping.set()  # let the hung requests go


def test_after_the_cooldown_one_probe_asks_the_llm_again(llm, caplog):
    # The cool-down is real time, so it must outlast what a loaded machine spends between two calls.
    cooldown = 1.5
    settings = {"openai_api_key": SecretStr("test-key"), "openai_base_url": llm.url, "llm_timeout": 0.3,
                "llm_retries": 0, "reply_deadline": 3.0, "breaker_failures": 2, "breaker_cooldown": cooldown}
    brain = make_brain(Config(**settings))
    assert isinstance(brain, FallbackBrain) and isinstance(brain.primary, LlmBrain)
    brain.fallback.respond(conversation("Нужно окно"))  # its word lists load now, not inside a cool-down
    llm.then(hang(10), hang(10), hang(10))
    for _ in range(3):
        brain.respond(conversation("Нужно окно"))
    assert len(llm.requests) == 2  # open after two timeouts: the third was the offline engine's at once
    time.sleep(cooldown)
    brain.respond(conversation("Нужно окно"))  # the probe: still hanging, so the offline engine answers
    assert len(llm.requests) == 3 and brain.primary.breaker.is_open
    time.sleep(cooldown)
    llm.then()  # the script is out: the model answers
    assert brain.respond(conversation("Нужно окно")).reply == "Hello from the model!"
    assert not brain.primary.breaker.is_open
    assert len(breaker_lines(caplog, OPENED)) == 1 and len(breaker_lines(caplog, CLOSED)) == 1
    llm.stopping.set()


@pytest.fixture
def bot_api(client, monkeypatch):
    """A local Bot API, the breakers at their defaults: three failures in a row, 30 s."""
    with serve_bot_api() as server:
        for key, value in {"TELEGRAM_API_BASE": server.url, "PUBLIC_URL": "https://functions.example.test",
                           "SALESBOT_TELEGRAM_RETRY_BUDGET": "3", "SALESBOT_CRON_SECRET": CRON_SECRET}.items():
            monkeypatch.setenv(key, value)
        reset_services()
        yield server
    reset_services()


def test_a_down_bot_queues_at_once_after_a_few_failures_and_the_sweep_probes_it(client, company, bot_api, sql,
                                                                                caplog):
    token = "700000111:" + "B" * 35
    response = connect(client, company, token=token)
    assert response.status_code == 200, response.json
    channel_id, secret = response.json["channel_id"], bot_api.sent("setWebhook")[-1]["secret_token"]
    bot_api.down = True
    started = time.monotonic()
    assert post_update(client, channel_id, secret, update(1, "Ищу студию", user_id=1)).status_code == 200
    first = time.monotonic() - started
    calls = len(bot_api.calls)
    assert [call.method for call in bot_api.calls] == ["setWebhook"] + ["sendMessage"] * 3
    assert first < 1.5  # 502, 502, 502: the breaker opened, and the rest of the 3 s budget was not spent
    timings = []
    for n in range(2, 5):
        started = time.monotonic()
        assert post_update(client, channel_id, secret, update(n, "Ищу студию", user_id=n)).status_code == 200
        timings.append(time.monotonic() - started)
    assert len(bot_api.calls) == calls and max(timings) < 3, timings  # nothing tried: no budget spent
    assert len(breaker_lines(caplog, OPENED)) == 1

    bot_api.down = False
    swept = client.post("/deliver_outbox", headers=SWEEPER)  # the scheduled probe, breaker or not
    assert swept.status_code == 200, swept.json  # (it also sweeps what other tests left waiting)
    replies = [text for role, text in messages(sql, channel_id) if role == "bot"]
    assert [call.payload["text"] for call in bot_api.calls if call.token == token and call.status == 200
            and call.method == "sendMessage"] == replies
    assert len(breaker_lines(caplog, CLOSED)) == 1
    before = len(bot_api.calls)
    assert post_update(client, channel_id, secret, update(5, "Алло", user_id=1)).status_code == 200
    assert [call.token for call in bot_api.calls[before:]] == [token]  # closed again: sent at once


def test_one_bots_breaker_leaves_the_other_bots_alone(client, company, bot_api, sql):
    other = make_company(sql, "Other Realty")
    tokens = {"down": "700000222:" + "D" * 35, "fine": "700000333:" + "F" * 35}
    channels = {}
    for name, owner in (("down", company), ("fine", other)):
        response = connect(client, owner, token=tokens[name])
        assert response.status_code == 200, response.json
        channels[name] = response.json["channel_id"], bot_api.sent("setWebhook")[-1]["secret_token"]
    bot_api.down = True
    post_update(client, *channels["down"], update(1, "Ищу студию", user_id=1))  # opens the first bot's breaker
    bot_api.down = False
    before = len(bot_api.calls)
    post_update(client, *channels["down"], update(2, "Ищу студию", user_id=2))
    assert len(bot_api.calls) == before  # skipped: queued at once
    post_update(client, *channels["fine"], update(1, "Ищу студию", user_id=3))
    assert [call.token for call in bot_api.calls[before:]] == [tokens["fine"]]


def test_the_sweep_asks_a_down_bot_once_and_goes_on_to_the_next(client, company, bot_api, sql):
    """A probe is one question: a bot still down must not spend the sweep's time for every other bot."""
    other = make_company(sql, "Other Realty")
    tokens = {"first": "700000444:" + "G" * 35, "second": "700000555:" + "H" * 35}
    for name, owner in (("first", company), ("second", other)):
        response = connect(client, owner, token=tokens[name])
        assert response.status_code == 200, response.json
        channel_id, secret = response.json["channel_id"], bot_api.sent("setWebhook")[-1]["secret_token"]
        bot_api.down = True
        post_update(client, channel_id, secret, update(1, "Ищу студию", user_id=1))  # queued
        bot_api.down = False
    bot_api.down = True
    before = len(bot_api.calls)
    swept = client.post("/deliver_outbox", headers=SWEEPER)
    assert swept.status_code == 200 and swept.json["delivered"] == 0, swept.json
    asked = [call.token for call in bot_api.calls[before:] if call.token in tokens.values()]
    assert sorted(asked) == sorted(tokens.values())  # each bot once, no backoff and retry
