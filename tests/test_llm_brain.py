"""The LLM brain with the real openai client against a local Chat Completions server: what it
sends, what it makes of the answers, and how every kind of failure ends in a reply anyway."""

from __future__ import annotations

import time

import pytest
from pydantic import SecretStr

from salesbot.brain import FallbackBrain, make_brain
from salesbot.brain.base import BrainError
from salesbot.brain.llm import LlmBrain
from salesbot.brain.offline import OfflineBrain
from salesbot.config import Config
from salesbot.models import BotSettings, Conversation, LeadData, Offering, Stage, Turn
from tests.conftest import JWT_SECRET
from tests.servers.chat_completions import hang, serve_chat_completions, status, text, tool_call

SETTINGS = BotSettings(
    company_name="Nord Windows",
    description="PVC and wooden windows, installed in a week.",
    offerings=[Offering(name="PVC window", price=18000, currency="RUB", keywords=["пластиковое", "pvc"])],
    phone_region="RU",
)
GOOD = {
    "reply": "Здравствуйте! Какой размер окна Вам нужен?", "stage": "qualification", "handoff": False,
    "language": "ru", "need": "PVC window", "phone": "8 912 345-67-89", "budget_amount": 50000,
    "budget_currency": "RUB", "area_m2": 2.5,
}


@pytest.fixture
def llm():
    with serve_chat_completions() as server:
        yield server


def config(server, **overrides) -> Config:
    values = {"openai_api_key": SecretStr("test-key"), "openai_base_url": server.url, "model": "test-model",
              "llm_timeout": 0.5, "llm_retries": 2, "reply_deadline": 3.0}
    return Config(**(values | overrides))


def conversation(*texts: str) -> Conversation:
    history = [Turn(role="customer" if n % 2 == 0 else "bot", text=t) for n, t in enumerate(texts)]
    return Conversation(settings=SETTINGS, history=history, lead=LeadData(name="Олег"), stage=Stage.needs)


def test_one_call_returns_the_reply_and_the_lead(llm):
    llm.then(tool_call(GOOD))
    answer = LlmBrain(config(llm)).respond(conversation("Нужно пластиковое окно, звоните 8 912 345-67-89"))
    assert answer.reply == GOOD["reply"] and answer.stage is Stage.qualification and answer.language == "ru"
    assert answer.lead.phone == "+79123456789"  # normalised to E.164 with the company's region
    assert (answer.lead.need, answer.lead.budget_amount, answer.lead.budget_currency) == ("PVC window", 50000, "RUB")
    assert answer.lead.details == {"area_m2": 2.5}
    assert len(llm.requests) == 1


def test_the_request_carries_the_model_the_tool_the_company_and_the_conversation(llm):
    LlmBrain(config(llm)).respond(conversation("Hi", "Hello! What do you need?", "A window please"))
    sent = llm.requests[0]
    assert sent["model"] == "test-model"
    assert sent["tool_choice"] == {"type": "function", "function": {"name": "answer_customer"}}
    parameters = sent["tools"][0]["function"]["parameters"]
    assert {"reply", "stage", "handoff", "phone", "budget_amount"} <= set(parameters["properties"])
    system = sent["messages"][0]
    assert system["role"] == "system"
    assert "PVC window" in system["content"] and "18000" in system["content"] and "Never invent" in system["content"]
    assert '"name": "Олег"' in system["content"] and "still_missing_in_order" in system["content"]
    assert [(m["role"], m["content"]) for m in sent["messages"][1:]] == [
        ("user", "Hi"), ("assistant", "Hello! What do you need?"), ("user", "A window please")]


def test_a_long_conversation_is_cut_to_the_token_budget_keeping_the_newest(llm):
    texts = [f"message number {n} " + "слово " * 60 for n in range(198)] + ["the last one"]
    LlmBrain(config(llm)).respond(conversation(*texts))
    sent = llm.requests[0]["messages"][1:]
    assert 5 < len(sent) < 100
    assert sent[-1] == {"role": "user", "content": "the last one"}
    assert "message number 197" in sent[-2]["content"]


@pytest.mark.parametrize("failure", [status(429, {"Retry-After": "0.1"}), status(500), status(503),
                                     text("Sure! Here is my answer."), tool_call("{not json"),
                                     tool_call({"reply": "x", "stage": "bogus"})])
def test_a_failure_is_retried_and_the_next_answer_used(llm, failure):
    llm.then(failure, tool_call(GOOD))
    answer = LlmBrain(config(llm)).respond(conversation("Нужно окно, 8 912 345-67-89"))
    assert answer.reply == GOOD["reply"]
    assert len(llm.requests) == 2


def test_retry_after_is_honoured(llm):
    llm.then(status(429, {"Retry-After": "0.4"}), tool_call(GOOD))
    started = time.monotonic()
    LlmBrain(config(llm)).respond(conversation("Hi"))
    assert time.monotonic() - started >= 0.4


def test_malformed_output_every_time_is_a_brain_error(llm):
    llm.then(*[tool_call("{broken")] * 3)
    with pytest.raises(BrainError, match="invalid answer"):
        LlmBrain(config(llm)).respond(conversation("Hi"))
    assert len(llm.requests) == 3


def test_a_bad_key_is_not_retried(llm):
    llm.then(status(401))
    with pytest.raises(BrainError, match="401"):
        LlmBrain(config(llm)).respond(conversation("Hi"))
    assert len(llm.requests) == 1


def test_a_hanging_model_gives_way_to_the_offline_engine_within_the_deadline(llm):
    llm.then(*[hang(30)] * 5)
    brain = FallbackBrain(LlmBrain(config(llm, llm_timeout=0.3, reply_deadline=1.0)), OfflineBrain())
    started = time.monotonic()
    answer = brain.respond(conversation("Здравствуйте, нужно пластиковое окно"))
    assert time.monotonic() - started < 1.8
    assert answer.lead.need == "PVC window"  # the offline engine's own extraction
    assert "?" in answer.reply


def test_make_brain_is_offline_without_a_key_and_llm_with_offline_fallback_with_one(llm):
    assert isinstance(make_brain(Config()), OfflineBrain)
    brain = make_brain(config(llm))
    assert isinstance(brain, FallbackBrain)
    assert isinstance(brain.primary, LlmBrain) and isinstance(brain.fallback, OfflineBrain)


@pytest.fixture
def llm_client(client, llm, monkeypatch):
    from salesbot.services import reset_services

    for key, value in {"OPENAI_API_KEY": "test-key", "OPENAI_BASE_URL": llm.url, "SALESBOT_LLM_TIMEOUT": "0.3",
                       "SALESBOT_LLM_RETRIES": "1", "SALESBOT_REPLY_DEADLINE": "1.5"}.items():
        monkeypatch.setenv(key, value)
    reset_services()
    yield client
    reset_services()


def post_chat(client, company, text_: str):
    token = company.users["manager"].token(JWT_SECRET)
    return client.post("/chat", json={"customer": "llm-c", "text": text_}, headers={"Authorization": f"Bearer {token}"})


def test_chat_in_llm_mode_stores_the_models_reply_and_lead(llm_client, llm, company, sql):
    llm.then(tool_call(GOOD))
    response = post_chat(llm_client, company, "Нужно пластиковое окно, мой номер 8 912 345-67-89")
    assert response.status_code == 200
    assert response.json["reply"] == GOOD["reply"]
    assert response.json["lead"]["phone"] == "+79123456789"
    assert sql.execute("select text from public.messages where customer_id = %s and role = 'bot'",
                       (response.json["customer_id"],)).fetchone()[0] == GOOD["reply"]


def test_a_contact_the_customer_never_wrote_is_never_stored(llm_client, llm, company, sql):
    llm.then(tool_call(GOOD | {"phone": "+7 999 123-45-67", "email": "invented@example.com"}))
    response = post_chat(llm_client, company, "Хочу окно")
    assert response.json["lead"]["phone"] is None and response.json["lead"]["email"] is None


def test_when_the_model_hangs_the_customer_still_gets_an_answer_and_nothing_is_lost(llm_client, llm, company, sql):
    llm.then(*[hang(30)] * 5)
    started = time.monotonic()
    response = post_chat(llm_client, company, "Здравствуйте! Нужно пластиковое окно в Казани")
    assert time.monotonic() - started < 3
    assert response.status_code == 200 and response.json["reply"]
    roles = [row[0] for row in sql.execute(
        "select role::text from public.messages where customer_id = %s order by id", (response.json["customer_id"],))]
    assert roles == ["customer", "bot"]
    assert response.json["lead"]["location"] == "Казань"
