"""The two brains behind one interface: an OpenAI-compatible LLM and the offline engine."""

from __future__ import annotations

import logging

from salesbot.brain.base import Brain, BrainError
from salesbot.config import Config
from salesbot.models import BrainReply, Conversation

log = logging.getLogger(__name__)


class FallbackBrain:
    """Asks `primary`; when it cannot answer, `fallback` does, so the customer always hears back."""

    def __init__(self, primary: Brain, fallback: Brain) -> None:
        self.primary = primary
        self.fallback = fallback

    def respond(self, conversation: Conversation, *, received: float | None = None) -> BrainReply:
        try:
            answer = self.primary.respond(conversation, received=received)
        except BrainError as error:
            log.warning("the LLM failed (%s); the offline engine answers", error)
            return self.fallback.respond(conversation, received=received)
        return _with_written_contacts(answer, conversation)


def _with_written_contacts(answer: BrainReply, conversation: Conversation) -> BrainReply:
    """`answer` with the phone or email of the customer's message that the model left out.

    The parsers read contacts exactly (libphonenumber, strict address patterns), and a contact the
    model overlooked would be a lost sale."""
    from salesbot.extract import find_emails, find_phones, normalize

    lead = answer.lead
    text = normalize(conversation.history[-1].text)
    found = {}
    if not lead.phone and (phones := find_phones(text, conversation.settings.phone_region)):
        found["phone"] = phones[0][0]
    if not lead.email and (emails := find_emails(text)):
        found["email"] = emails[0][0]
    return answer.model_copy(update={"lead": lead.model_copy(update=found)}) if found else answer


def make_brain(config: Config) -> Brain:
    """The LLM with the offline engine behind it when a key is set; otherwise the offline engine."""
    from salesbot.brain.offline import OfflineBrain

    offline = OfflineBrain()
    if config.openai_api_key is None:
        return offline
    from salesbot.brain.llm import LlmBrain

    return FallbackBrain(LlmBrain(config), offline)
