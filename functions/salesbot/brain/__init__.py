"""The two brains behind one interface: an OpenAI-compatible LLM and the offline engine."""

from __future__ import annotations

import logging

from salesbot.brain.base import Brain, BrainError, BrainSkipped
from salesbot.config import Config
from salesbot.models import BrainReply, Conversation

log = logging.getLogger(__name__)


class FallbackBrain:
    """Asks `primary`; when it cannot answer, `fallback` does, so the customer always hears back. Once
    the company's plan has no model budget left, `primary` is not asked at all."""

    def __init__(self, primary: Brain, fallback: Brain) -> None:
        self.primary = primary
        self.fallback = fallback

    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        if not conversation.use_model:
            return self.fallback.respond(conversation, received=received)
        try:
            return self.primary.respond(conversation, received=received)
        except BrainError as error:
            if not isinstance(error, BrainSkipped):  # a skip was logged once, when the breaker opened
                log.warning("the LLM failed (%s); the offline engine answers", error)
            answer = self.fallback.respond(conversation, received=received)
            return answer.model_copy(update={"usage": error.usage})  # the failed attempts are billed all the same


def make_brain(config: Config) -> Brain:
    """The LLM with the offline engine behind it when a key is set; otherwise the offline engine."""
    from salesbot.brain.offline import OfflineBrain

    offline = OfflineBrain()
    if config.openai_api_key is None:
        return offline
    from salesbot.brain.llm import LlmBrain

    return FallbackBrain(LlmBrain(config), offline)
