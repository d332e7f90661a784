"""The LLM brain: one Chat Completions call per message, answering through a forced tool call.

A tool call, rather than `response_format: json_schema`, because nearly every OpenAI-compatible
provider (OpenRouter, Together, vLLM, Ollama, Groq...) implements tools, while structured outputs
are patchier. The arguments are validated with pydantic; anything else is a failure to retry.
"""

from __future__ import annotations

import logging
import time
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.brain.base import BrainError
from salesbot.brain.prompt import build_messages
from salesbot.config import Config
from salesbot.extract import find_emails, find_phones
from salesbot.models import BrainReply, Conversation, LeadData, Stage

log = logging.getLogger(__name__)

TOOL_NAME = "answer_customer"
_BACKOFF_SECONDS = 0.5
_MAX_RETRY_AFTER_SECONDS = 10.0


class ModelAnswer(BaseModel):
    """The tool's arguments: the reply, and what the customer's messages state."""

    model_config = ConfigDict(extra="ignore")

    reply: str = Field(min_length=1, max_length=2000, description="The message to send to the customer.")
    stage: Literal["greeting", "needs", "qualification", "offer", "contact", "handed_over"]
    handoff: bool = Field(default=False, description="True when the customer asks for a human.")
    language: str = Field(default="en", pattern=r"^[a-z]{2}$", description="ISO 639-1 code of the customer's language.")
    name: str | None = Field(default=None, max_length=200)
    phone: str | None = Field(default=None, max_length=40, description="Exactly as the customer wrote it.")
    email: str | None = Field(default=None, max_length=254)
    need: str | None = Field(default=None, max_length=500)
    budget_amount: float | None = Field(default=None, ge=0)
    budget_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217")
    location: str | None = Field(default=None, max_length=200)
    timeline: str | None = Field(default=None, max_length=200)
    area_m2: float | None = Field(default=None, gt=0)


TOOL = {
    "type": "function",
    "function": {
        "name": TOOL_NAME,
        "description": "Send the reply to the customer and record what they stated.",
        "parameters": ModelAnswer.model_json_schema(),
    },
}


class LlmBrain:
    def __init__(self, config: Config) -> None:
        from openai import OpenAI  # imported only in LLM mode: it is the heaviest import we have

        assert config.openai_api_key is not None
        self._client = OpenAI(
            api_key=config.openai_api_key.get_secret_value(),
            base_url=config.openai_base_url,
            max_retries=0,  # retried below, within the reply deadline, together with invalid output
        )
        self._config = config

    def respond(self, conversation: Conversation) -> BrainReply:
        import openai

        deadline = time.monotonic() + self._config.reply_deadline
        messages = build_messages(conversation)
        failure = "no attempt was made"
        for attempt in range(self._config.llm_retries + 1):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                completion = self._client.chat.completions.create(
                    model=self._config.model,
                    messages=messages,
                    tools=[TOOL],
                    tool_choice={"type": "function", "function": {"name": TOOL_NAME}},
                    temperature=0.3,
                    timeout=min(self._config.llm_timeout, remaining),
                )
                return _to_reply(_parse(completion), conversation)
            except openai.RateLimitError as error:
                failure = "rate limited (429)"
                wait = _retry_after(error.response.headers) or _BACKOFF_SECONDS * 2**attempt
            except openai.APIStatusError as error:
                failure = f"status {error.status_code}"
                if error.status_code < 500:
                    raise BrainError(failure) from error  # a bad key or request will not mend itself
                wait = _BACKOFF_SECONDS * 2**attempt
            except (openai.APITimeoutError, openai.APIConnectionError) as error:
                failure = type(error).__name__
                wait = _BACKOFF_SECONDS * 2**attempt
            except _InvalidAnswer as error:
                failure = f"invalid answer: {error}"
                wait = 0.0
            log.warning("LLM attempt %d failed: %s", attempt + 1, failure)
            if time.monotonic() + wait >= deadline:
                break
            time.sleep(wait)
        raise BrainError(failure)


class _InvalidAnswer(Exception):
    pass


def _parse(completion: Any) -> ModelAnswer:
    if not completion.choices:
        raise _InvalidAnswer("no choices")
    calls = completion.choices[0].message.tool_calls or []
    call = next((c for c in calls if getattr(c, "function", None) and c.function.name == TOOL_NAME), None)
    if call is None:
        raise _InvalidAnswer("no tool call")
    try:
        return ModelAnswer.model_validate_json(call.function.arguments)
    except ValidationError as error:
        raise _InvalidAnswer(f"{error.error_count()} schema error(s)") from None


def _to_reply(answer: ModelAnswer, conversation: Conversation) -> BrainReply:
    region = conversation.settings.phone_region
    phones = find_phones(answer.phone, region) if answer.phone else []
    emails = find_emails(answer.email) if answer.email else []
    budget = Decimal(str(answer.budget_amount)) if answer.budget_amount is not None and answer.budget_currency else None
    lead = LeadData(
        name=answer.name,
        phone=phones[0][0] if phones else None,
        email=emails[0][0] if emails else None,
        need=answer.need,
        budget_amount=budget,
        budget_currency=answer.budget_currency if budget is not None else None,
        location=answer.location,
        timeline=answer.timeline,
        details={"area_m2": answer.area_m2} if answer.area_m2 else {},
    )
    return BrainReply(
        reply=answer.reply.strip(),
        lead=lead,
        stage=Stage.handed_over if answer.handoff else Stage(answer.stage),
        handoff=answer.handoff,
        language=answer.language,
    )


def _retry_after(headers: Any) -> float | None:
    try:
        return min(float(headers.get("retry-after")), _MAX_RETRY_AFTER_SECONDS)
    except (TypeError, ValueError):
        return None
