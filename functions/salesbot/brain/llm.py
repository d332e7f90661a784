"""The LLM brain: one Chat Completions call per message, answering through a forced tool call.

A tool call, rather than `response_format: json_schema`, because nearly every OpenAI-compatible
provider (OpenRouter, Together, Groq, vLLM, Ollama, LiteLLM...) implements `tools` with a forced
`tool_choice`, while structured outputs are missing or partial on many of them. The schema is
flat (the lead's fields beside the reply) and inline (no `$ref`), which small models fill in more
reliably. The arguments are validated with pydantic; anything unusable counts as a failed attempt.

Retries are ours, not the SDK's (`max_retries=0`): invalid output must be retried too, and every
attempt, wait and `Retry-After` has to fit in one deadline that leaves time for the offline engine.
What is retried is what the SDK itself would retry: timeouts, connection errors, 408, 409, 429 and
5xx (or whatever `x-should-retry` says); any other status fails at once.

Those same retryable failures, a few in a row, open the process's circuit breaker: the LLM is then
skipped (the offline engine answers at once) until a probe after the cool-down gets an answer.
Any answer, even an invalid one, shows the provider is up.

Every answer's `usage` field is added up, an invalid answer's too (it is billed like a good one), and
goes with the reply, or with the BrainError when no attempt gave one: the company's plan meters it.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import random
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from salesbot.brain.base import BrainError, BrainSkipped
from salesbot.brain.intents import is_injection
from salesbot.brain.prompt import build_messages
from salesbot.brain.reading import bound, last_message, learn, window
from salesbot.breaker import CircuitBreaker
from salesbot.config import Config
from salesbot.extract import company_currency, find_emails, find_phones, find_timeline, normalize
from salesbot.extract.messengers import find_telegram, whatsapp_number
from salesbot.extract.retractions import retracted
from salesbot.lead import taking_back
from salesbot.models import BrainReply, Conversation, LeadData, Stage, TokenUsage

if TYPE_CHECKING:
    from openai import OpenAI

log = logging.getLogger(__name__)

TOOL_NAME = "answer_customer"
_BACKOFF_SECONDS = 0.5  # first wait after a failure; doubles each attempt, with jitter
_MAX_BACKOFF_SECONDS = 8.0
_FALLBACK_RESERVE_SECONDS = 1.0  # of reply_deadline, left for the offline engine and the database
_MIN_ATTEMPT_SECONDS = 0.05  # less than this left: an attempt could not succeed, so none is made
_MAX_BODY_BYTES = 1_000_000  # a chat completion with one tool call is a few kilobytes
_RETRYABLE_STATUSES = frozenset({408, 409, 429})  # and every 5xx, as the openai SDK itself decides
_PLACEHOLDERS = frozenset({"", "null", "none", "n/a", "na", "unknown", "-"})
_CURRENCY_SIGNS = {"₽": "RUB", "РУБ": "RUB", "Р": "RUB", "$": "USD", "€": "EUR", "£": "GBP", "₸": "KZT",
                   "₴": "UAH"}


class ModelAnswer(BaseModel):
    """The tool's arguments: the reply, and what the customer's messages state."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    reply: str = Field(min_length=1, max_length=4000, description="The message to send to the customer.")
    stage: Literal["greeting", "needs", "qualification", "offer", "contact", "handed_over"] = Field(
        description="Where the sale stands after this reply.")
    handoff: bool = Field(default=False, description="True when a person must take the conversation now.")
    handoff_reason: Literal["customer_request", "post_sale", "urgent", "complaint", "other"] | None = Field(
        default=None, description="Why a person must take it: asked for one, a matter about something already "
                                  "bought, booked or promised, or an urgent case.")
    asked: Literal["need", "budget", "location", "timeline", "name", "phone", "email", "contact"] | None = Field(
        default=None, description="What your reply asks the customer for, if it asks for one of these.")
    language: str | None = Field(default=None, pattern=r"^[a-z]{2}$",
                                 description="ISO 639-1 code of the customer's last message.")
    name: str | None = Field(default=None, max_length=200, description="The customer's name, as they gave it.")
    phone: str | None = Field(default=None, max_length=40, description="Exactly as the customer wrote it.")
    email: str | None = Field(default=None, max_length=254, description="Exactly as the customer wrote it.")
    whatsapp: str | None = Field(default=None, max_length=40,
                                 description="A number the customer says is on WhatsApp, exactly as they wrote it.")
    telegram: str | None = Field(default=None, max_length=60, description="A Telegram @username or t.me link, "
                                                                          "exactly as the customer wrote it.")
    need: str | None = Field(default=None, max_length=500, description="What the customer wants, briefly.")
    budget_amount: float | None = Field(default=None, ge=0, description="The customer's budget, a plain number.")
    budget_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$", description="ISO 4217 code.")
    location: str | None = Field(default=None, max_length=200)
    timeline: str | None = Field(default=None, max_length=200, description="When the customer needs it.")
    area_m2: float | None = Field(default=None, gt=0, description="An area in square metres, if one is stated.")

    # Models write "RU", "ru-RU", "rub", "₽", "" or "unknown" often enough that refusing the whole
    # answer for it would waste a call; anything still odd after this fails validation and is retried.
    @field_validator("name", "phone", "email", "whatsapp", "telegram", "need", "location", "timeline",
                     "budget_currency", "language", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in _PLACEHOLDERS:
            return None
        return value

    @field_validator("stage", mode="before")
    @classmethod
    def _stage_case(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("language", mode="before")
    @classmethod
    def _language_code(cls, value: Any) -> Any:
        if isinstance(value, str):
            code = value.strip().lower().replace("_", "-").split("-")[0]
            return code if len(code) == 2 and code.isalpha() else None  # a name like "Russian" is no code
        return value

    @field_validator("budget_currency", mode="before")
    @classmethod
    def _currency_code(cls, value: Any) -> Any:
        if isinstance(value, str):
            code = value.strip().upper().rstrip(".")
            return _CURRENCY_SIGNS.get(code, code)
        return value

    @field_validator("budget_amount", "area_m2", mode="before")
    @classmethod
    def _plain_number(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
            return value or None
        return value


TOOL = {
    "type": "function",
    "function": {
        "name": TOOL_NAME,
        "description": "Send the reply to the customer and record what they stated.",
        "parameters": ModelAnswer.model_json_schema(),
    },
}


class LlmBrain:
    """Answers through an OpenAI-compatible Chat Completions endpoint; raises BrainError when it cannot."""

    def __init__(self, config: Config, *, backoff: float = _BACKOFF_SECONDS) -> None:
        if config.openai_api_key is None:
            raise ValueError("LlmBrain needs config.openai_api_key")
        from openai import OpenAI  # imported only in LLM mode: it is the heaviest import we have

        self._client: OpenAI = OpenAI(
            api_key=config.openai_api_key.get_secret_value(),
            base_url=config.openai_base_url,
            timeout=config.llm_timeout,
            max_retries=0,  # retried below, within the reply deadline, together with invalid output
        )
        self._config = config
        self._backoff = backoff
        self.breaker = CircuitBreaker("llm", failures=config.breaker_failures, cooldown=config.breaker_cooldown)

    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        import openai  # already loaded by the constructor; here for the exception classes

        config = self._config
        since = time.monotonic() if received is None else received
        deadline = since + config.reply_deadline - min(_FALLBACK_RESERVE_SECONDS, config.reply_deadline / 10)
        messages = build_messages(conversation)
        attempts = config.llm_retries + 1
        failure = "no time for an attempt"
        spent = TokenUsage()
        for attempt in range(1, attempts + 1):
            remaining = deadline - time.monotonic()
            if remaining < _MIN_ATTEMPT_SECONDS:
                break
            backoff = _backoff(attempt, self._backoff)
            if not self.breaker.allow():
                raise BrainSkipped("the LLM's circuit breaker is open", spent)
            outage = True
            try:
                body = self._complete(messages, until=time.monotonic() + min(config.llm_timeout, remaining))
                outage = False
                spent += _usage(body)
                return _to_reply(_parse(body), conversation, spent)
            except openai.APIStatusError as error:
                failure = f"status {error.status_code}"
                outage = _should_retry(error.status_code, error.response.headers)
                if not outage:
                    log.warning("LLM attempt %d/%d failed: %s; not retried", attempt, attempts, failure)
                    raise BrainError(failure, spent) from None  # a bad key, model or request will not mend itself
                retry_after = _retry_after(error.response.headers)
                wait = backoff if retry_after is None else retry_after
            except (openai.APITimeoutError, _AttemptTimeout):
                failure, wait = "timeout", backoff
            except openai.APIConnectionError:
                failure, wait = "connection error", backoff
            except _BrokenBody as error:
                failure, wait = f"connection error while reading the answer ({error})", backoff
            except openai.APIError as error:
                failure, wait = f"unexpected API error ({type(error).__name__})", backoff
            except _InvalidAnswer as error:
                outage = False
                failure, wait = f"invalid answer: {error}", 0.0
            finally:
                (self.breaker.failed if outage else self.breaker.succeeded)()
            # Status codes and error kinds only: messages and arguments hold customers' contacts.
            log.warning("LLM attempt %d/%d failed: %s", attempt, attempts, failure)
            if attempt == attempts:
                break
            if time.monotonic() + wait + _MIN_ATTEMPT_SECONDS > deadline:
                failure += "; the next attempt would miss the reply deadline"
                break
            time.sleep(wait)
        raise BrainError(failure, spent)

    def _complete(self, messages: list[dict[str, Any]], until: float) -> Any:
        """The completion's JSON body, all read before `until` (time.monotonic()).

        The body is read here rather than by the SDK because httpx's timeout bounds each read, not
        the whole answer, and some gateways keep a slow answer alive by sending whitespace."""
        # No temperature: reasoning models reject anything but their default with a 400.
        with self._client.chat.completions.with_streaming_response.create(  # type: ignore[call-overload]
            model=self._config.model,
            messages=messages,  # plain dicts, as the API takes them, not the SDK's TypedDicts
            tools=[TOOL],
            tool_choice={"type": "function", "function": {"name": TOOL_NAME}},
            timeout=max(until - time.monotonic(), _MIN_ATTEMPT_SECONDS),
        ) as response:
            body = bytearray()
            chunks = response.iter_bytes()
            while True:
                try:
                    chunk = next(chunks, None)
                except Exception as error:  # noqa: BLE001  the SDK's httpx flavour's timeouts and resets, whichever it uses
                    raise _BrokenBody(type(error).__name__) from None
                if chunk is None:
                    break
                body += chunk
                if time.monotonic() > until:
                    raise _AttemptTimeout
                if len(body) > _MAX_BODY_BYTES:
                    raise _InvalidAnswer("answer too large")
        try:
            return json.loads(body)
        except ValueError:
            raise _InvalidAnswer("not JSON") from None


class _InvalidAnswer(Exception):
    pass


class _AttemptTimeout(Exception):
    pass


class _BrokenBody(Exception):
    pass


def _parse(completion: Any) -> ModelAnswer:
    """The validated tool arguments of a completion's JSON, or _InvalidAnswer (never a message text in it)."""
    try:
        choices = completion["choices"]
        calls = (choices[0]["message"].get("tool_calls") or []) if choices else []
    except (KeyError, IndexError, TypeError, AttributeError):  # a 2xx body that is no chat.completion at all
        raise _InvalidAnswer("not a chat completion") from None
    if not choices:
        raise _InvalidAnswer("no choices")
    functions = [call.get("function") for call in calls if isinstance(call, dict)]
    function = next((f for f in functions if isinstance(f, dict) and f.get("name") == TOOL_NAME), None)
    if function is None:
        raise _InvalidAnswer("no tool call")
    arguments = function.get("arguments")
    try:
        if isinstance(arguments, dict):  # a few OpenAI-compatible servers send an object, not a JSON string
            return ModelAnswer.model_validate(arguments)
        if not isinstance(arguments, str):
            raise _InvalidAnswer("arguments are no JSON string")
        return ModelAnswer.model_validate_json(arguments)
    except ValidationError as error:
        kinds = sorted({detail["type"] for detail in error.errors(include_input=False)})
        raise _InvalidAnswer(f"{error.error_count()} schema error(s): {', '.join(kinds)}") from None


def _usage(completion: Any) -> TokenUsage:
    """The tokens a completion's `usage` field reports; none when it reports nothing usable."""
    usage = completion.get("usage") if isinstance(completion, dict) else None
    if not isinstance(usage, dict):
        return TokenUsage()
    counts = [usage.get(name) for name in ("prompt_tokens", "completion_tokens")]
    inputs, outputs = (n if isinstance(n, int) and not isinstance(n, bool) and n >= 0 else 0 for n in counts)
    return TokenUsage(input_tokens=inputs, output_tokens=outputs)


def _to_reply(answer: ModelAnswer, conversation: Conversation, usage: TokenUsage) -> BrainReply:
    region = conversation.settings.region
    own = set(conversation.settings.contacts.phones())  # the company's numbers quoted back are not the customer's
    # Contacts go through the offline engine's parsers: E.164 phones in the company's region, and
    # only addresses that really are addresses. Whether the customer wrote them is the pipeline's check.
    # One the model overlooked, the parsers read in the customer's message: a lost contact is a lost sale.
    last = conversation.history[-1]
    said = normalize(last.text) if last.role == "customer" else ""
    said_phones, said_emails = find_phones(said, region), find_emails(said)
    phones = [found for found in (find_phones(answer.phone, region) if answer.phone else []) or said_phones
              if found[0] not in own]
    emails = (find_emails(answer.email) if answer.email else []) or said_emails
    own_telegram = conversation.settings.contacts.telegram
    telegrams = (find_telegram(answer.telegram, own_telegram, bare_reply=True) if answer.telegram else []) \
        or find_telegram(said, own_telegram)
    whatsapps = [found for found in find_phones(answer.whatsapp, region) if found[0] not in own] if answer.whatsapp else []
    phone = phones[0][0] if phones else None
    currency = answer.budget_currency or company_currency(conversation.settings)
    # No figure is stored without its currency.
    budget = Decimal(str(answer.budget_amount)) if answer.budget_amount is not None and currency else None
    currency = currency if budget is not None else None
    lead = LeadData(
        name=answer.name,
        phone=phone,
        email=emails[0][0] if emails else None,
        whatsapp=whatsapps[0][0] if whatsapps else whatsapp_number(said, phone, known_phone=conversation.lead.phone,
                                                                     whatsapp_asked=False),
        telegram=telegrams[0][0] if telegrams else None,
        need=answer.need,
        budget_amount=budget,
        budget_currency=currency,
        location=answer.location,
        timeline=answer.timeline,
        details={"area_m2": answer.area_m2} if answer.area_m2 else {},
    )
    # What the message takes back of the stored lead ("ой, это номер мужа", "no date yet"), as the parsers read it:
    # the model only ever adds.
    given = {kind for kind, found in (("phone", said_phones), ("email", said_emails),
                                      ("timeline", find_timeline(said, events=not conversation.lead.timeline))) if found}
    lead = taking_back(lead, conversation.lead, retracted(said, conversation.lead, given, {}))
    if last.role == "customer" and is_injection(window(bound(last.text))):
        # The message tells the model what to do: what it wrote down may be what it was told. The
        # parsers follow no instruction: the lead is theirs, as the offline engine reads it.
        lead = learn(last_message(conversation), conversation.lead)
    return BrainReply(
        reply=answer.reply,
        lead=lead,
        stage=Stage.handed_over if answer.handoff else Stage(answer.stage),
        handoff=answer.handoff,
        handoff_reason=(answer.handoff_reason or "customer_request") if answer.handoff else None,
        asked=None if answer.handoff else answer.asked,
        language=answer.language,
        usage=usage,
    )


def _backoff(attempt: int, first: float) -> float:
    """Exponential from `first`, with up to a quarter off so that many webhooks do not retry in step."""
    return min(first * 2.0 ** (attempt - 1), _MAX_BACKOFF_SECONDS) * (1 - 0.25 * random.random())


def _should_retry(status_code: int, headers: Any) -> bool:
    verdict = (headers.get("x-should-retry") or "").lower()
    if verdict in ("true", "false"):  # the server's own word, as the openai SDK honours it
        return verdict == "true"
    return status_code in _RETRYABLE_STATUSES or status_code >= 500


def _retry_after(headers: Any) -> float | None:
    """Seconds the server asks us to wait: `retry-after-ms`, `retry-after` in seconds or an HTTP date."""
    for name, divisor in (("retry-after-ms", 1000), ("retry-after", 1)):
        try:
            seconds = float(headers.get(name)) / divisor
        except (TypeError, ValueError):
            continue
        if math.isfinite(seconds):
            return max(seconds, 0.0)
        return math.inf  # "wait forever" is a wait past any deadline
    try:
        when = email.utils.parsedate_to_datetime(headers.get("retry-after"))
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(when.timestamp() - time.time(), 0.0)
