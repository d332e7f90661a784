"""The interface every brain implements."""

from __future__ import annotations

from typing import Protocol

from salesbot.models import BrainReply, Conversation


class BrainError(Exception):
    """A brain could not produce a usable reply (timeout, rate limit, server error, invalid output)."""


class Brain(Protocol):
    def respond(self, conversation: Conversation) -> BrainReply:
        """Answer the customer's last message. Raises BrainError when it cannot."""
        ...
