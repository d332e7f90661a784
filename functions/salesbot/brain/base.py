"""The interface every brain implements."""

from __future__ import annotations

from typing import Protocol

from salesbot.models import BrainReply, Conversation, TokenUsage


class BrainError(Exception):
    """A brain could not produce a usable reply (timeout, rate limit, server error, invalid output).

    `usage`: the tokens its attempts cost all the same (an invalid answer is billed like a good one)."""

    def __init__(self, message: str, usage: TokenUsage | None = None) -> None:
        super().__init__(message)
        self.usage = usage or TokenUsage()


class BrainSkipped(BrainError):
    """The brain was not asked at all: its provider's circuit breaker is open."""


class Brain(Protocol):
    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        """Answer the customer's last message. Raises BrainError when it cannot.

        `received` is when the message arrived (`time.monotonic()`, now if None): the reply
        deadline counts from then, not from when the brain was asked."""
        ...
