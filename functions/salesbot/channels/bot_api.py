"""A small client for the Telegram Bot API: the methods we call, with Telegram's retry rules
(429 says how long to wait in `parameters.retry_after`; 5xx and network errors back off).

Each bot has a circuit breaker in this process: after a few 5xx or network failures in a row, the
webhooks' sends fail at once (the outbox keeps them) until a probe after the cool-down gets
through. The outbox sweep, a scheduled probe of every bot with waiting messages, goes through
whatever the breaker says and tells it how it went. A 429 is Telegram pacing one bot, not an
outage: it is waited out, not counted. A sendMessage that went out and got no answer is not
repeated (see `salesbot.channels.delivery`).

Each thread keeps its connections open between calls (the HTTP session of `crm.outbound`, with
keep-alive and one TLS context), so a reply costs no TCP and TLS handshake of its own. The Bot API
is ours to configure (TELEGRAM_API_BASE: Telegram's, or a self-hosted one on a private network),
not a company's address, so the session's checks for public https endpoints do not apply."""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any

from salesbot.breaker import CircuitBreaker
from salesbot.config import Config
from salesbot.crm.errors import DeliveryFailed, NoAnswer
from salesbot.crm.outbound import Session

log = logging.getLogger(__name__)

_FIRST_BACKOFF_SECONDS = 0.25
_MAX_BACKOFF_SECONDS = 4.0


class BotApiError(Exception):
    """The Bot API did not take the request, after the retries its answers allowed."""

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent  # refused for good (4xx other than 429): retrying cannot help


class BotApiSkipped(BotApiError):
    """Not sent at all: the bot's circuit breaker is open."""


class BotApiUnanswered(BotApiError):
    """A call that must not be repeated went out and no answer came: Telegram may have acted on it."""


# Each call of these is a new message: Telegram's API has no idempotency key, so one whose answer
# never came is not repeated, lest the customer get it twice. The other methods are safe to repeat.
_NOT_REPEATABLE = frozenset({"sendMessage"})


class _Retryable(Exception):
    def __init__(self, reason: str, after: float | None = None, *, outage: bool = True,
                 unanswered: bool = False) -> None:
        super().__init__(reason)
        self.after = after
        self.outage = outage  # counts against the bot's circuit breaker
        self.unanswered = unanswered  # the request went out: Telegram may have acted on it


_breakers: dict[tuple[str, str], CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def _breaker_for(base_url: str, token: str, config: Config | None) -> CircuitBreaker:
    """The process's circuit breaker of the bot with this token at this Bot API, named by the bot's
    id (the part of the token before the colon, which Telegram shows to anyone), never by the token."""
    with _breakers_lock:
        breaker = _breakers.get((base_url, token))
        if breaker is None:
            name = f"bot {token.partition(':')[0]}"
            breaker = _breakers[base_url, token] = (
                CircuitBreaker(name, failures=config.breaker_failures, cooldown=config.breaker_cooldown)
                if config else CircuitBreaker(name))
        return breaker


class _Sessions(threading.local):
    def __init__(self) -> None:
        self.session = Session(allow_private=True)


_sessions = _Sessions()  # each thread's own: a session is not shared between threads


class BotApi:
    def __init__(self, base_url: str, token: str, *, timeout: float = 5.0, budget: float = 8.0,
                 deadline: float | None = None, config: Config | None = None, probe: bool = False) -> None:
        self._url = f"{base_url.rstrip('/')}/bot{token}/"
        self._timeout = timeout
        self._budget = budget  # seconds for one call, retries included: a webhook must answer in time
        self.deadline = deadline  # time.monotonic() after which no call retries, however many calls
        self._breaker = _breaker_for(base_url, token, config)
        self._probe = probe  # sends even while the breaker is open, and tells it how they went

    @classmethod
    def for_bot(cls, config: Config, token: str, *, deadline: float | None = None, probe: bool = False) -> BotApi:
        return cls(config.telegram_api_base, token, budget=config.telegram_retry_budget, deadline=deadline,
                   config=config, probe=probe)

    def out_of_time(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def send_message(self, chat_id: int | str, text: str, *, reply_to: int | None = None) -> dict[str, Any]:
        """Sends `text`, as a reply to message `reply_to` of the chat if given; returns the Message sent."""
        payload: dict[str, Any] = {"chat_id": chat_id, "text": text}
        if reply_to is not None:
            payload["reply_parameters"] = {"message_id": reply_to, "allow_sending_without_reply": True}
        sent: dict[str, Any] = self._call("sendMessage", payload)
        return sent

    def set_reaction(self, chat_id: int | str, message_id: int, emoji: str) -> None:
        self._call("setMessageReaction",
                   {"chat_id": chat_id, "message_id": message_id, "reaction": [{"type": "emoji", "emoji": emoji}]})

    def get_me(self) -> dict[str, Any]:
        """The bot's own User: its username tells which `/command@bot` in a group is ours."""
        me: dict[str, Any] = self._call("getMe", {})
        return me

    def set_webhook(self, url: str, secret_token: str) -> None:
        self._call("setWebhook", {"url": url, "secret_token": secret_token, "allowed_updates": ["message"]})

    def _call(self, method: str, payload: dict[str, Any]) -> Any:
        deadline = min(time.monotonic() + self._budget, self.deadline or float("inf"))
        # A slow Bot API gets what is left of the budget, not more; but a message, once it is out,
        # is waited for as long as a call ever is: its answer not coming sets it aside for good.
        patience = self._timeout if method in _NOT_REPEATABLE else 0.5
        backoff = _FIRST_BACKOFF_SECONDS
        while True:
            if not self._probe and not self._breaker.allow():
                raise BotApiSkipped(f"{method} skipped: the bot's circuit breaker is open")
            try:
                result = self._post(method, payload, max(patience, min(self._timeout, deadline - time.monotonic())))
            except _Retryable as retry:
                (self._breaker.failed if retry.outage else self._breaker.succeeded)()
                if retry.unanswered and method in _NOT_REPEATABLE:
                    raise BotApiUnanswered(f"{method}: {retry}") from None
                wait = retry.after if retry.after is not None else backoff
                backoff = min(backoff * 2, _MAX_BACKOFF_SECONDS)
                # An outage is not waited out by a probe (it asks once whether the bot is back; the
                # sweep comes again, and a bot that is down must not spend the sweep's time for every
                # other bot), nor by a send once the breaker has opened.
                given_up = retry.outage and (self._probe or self._breaker.is_open)
                if given_up or time.monotonic() + wait >= deadline:
                    raise BotApiError(f"{method} failed: {retry}") from None
                log.warning("Bot API %s failed (%s); retrying in %.2fs", method, retry, wait)
                time.sleep(wait)
            except BotApiError:
                self._breaker.succeeded()  # refused for good, so the Bot API is up
                raise
            else:
                self._breaker.succeeded()
                return result

    def _post(self, method: str, payload: dict[str, Any], timeout: float) -> Any:
        try:
            sent = _sessions.session.request("POST", self._url + method, body=json.dumps(payload).encode(),
                                             headers={"Content-Type": "application/json"}, timeout=timeout,
                                             repeatable=method not in _NOT_REPEATABLE)
        except DeliveryFailed as failure:  # no answer: refused, dropped or timed-out connections
            if failure.permanent:  # TELEGRAM_API_BASE itself is wrong
                raise BotApiError(f"{method}: {failure.reason}", permanent=True) from None
            raise _Retryable(failure.reason, unanswered=isinstance(failure, NoAnswer)) from None
        body = sent.json()
        answer = body if isinstance(body, dict) else {}
        if 200 <= sent.status < 300:
            return answer.get("result")
        if sent.status == 429:
            raise _Retryable("429", float((answer.get("parameters") or {}).get("retry_after") or 1), outage=False)
        if sent.status >= 500:
            raise _Retryable(str(sent.status))
        raise BotApiError(f"{method}: {sent.status} {answer.get('description', '')}".strip(), permanent=True)
