"""Rebuilding a lead from a whole stored conversation, with the offline engine.

Each customer message is read as the chat read it when it came (`salesbot.brain.reading`): by the
bot answering it, as the answer to the question the bot had asked, or by the parsers alone while a
person had the conversation. So the rebuilt lead is the lead the chat stored with the offline
engine, and running it twice over the same conversation stores the same lead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from salesbot import lead as leads
from salesbot.brain.phrases import question_asked_by
from salesbot.brain.reading import bound, customer_message, learn, learn_while_handed_over
from salesbot.db import Database, company_arg
from salesbot.models import Conversation, LeadData, Stage, Turn
from salesbot.pipeline import conversation_from_context


def extract_conversation(conversation: Conversation) -> LeadData:
    """Everything the customer stated over the conversation, later statements winning; and the
    Telegram the chat itself gives, when the company takes it."""
    settings = conversation.settings
    lead = leads.reachable_in_chat(LeadData(), conversation.customer_telegram, settings.customer_contacts)
    history = conversation.history
    texts: list[str] = []
    earlier: list[str] = []
    last_reply: Turn | None = None  # the bot's or a manager's latest turn
    for index, turn in enumerate(history):
        if turn.role != "customer":
            last_reply = turn
            continue
        # The bot answers only while no person has the conversation: what one is awaited for does not arise.
        message = customer_message(turn.text, settings=settings, earlier=earlier, waiting_for=None,
                                   asked=question_asked_by(history[index - 1]) if index else None)
        read = learn_while_handed_over if _with_a_person(conversation, index, last_reply) else learn
        lead = leads.merge(lead, leads.storable(read(message, lead), [*texts[-1:], turn.text]))
        texts.append(turn.text)
        earlier = [*earlier, bound(turn.text)]  # a new list: the message read keeps the one it was given
    return lead


def _with_a_person(conversation: Conversation, index: int, last_reply: Turn | None) -> bool:
    """Whether a person had the conversation when the customer wrote `history[index]`: the bot did
    not answer it, and it had handed over, a manager had written, a manager answers it, or a person
    has the conversation still. Taken over and released with no word from anyone, it reads as the bot's."""
    history = conversation.history
    following = history[index + 1] if index + 1 < len(history) else None
    if following is not None and following.role == "bot":
        return False
    return ((last_reply is not None and (last_reply.role == "manager" or last_reply.handoff_reason is not None))
            or (following is not None and following.role == "manager")
            or (following is None and conversation.stage is Stage.handed_over))


def rebuild_lead(db: Database, claims: Mapping[str, Any], customer_id: UUID,
                 owner_id: UUID | None = None) -> dict[str, Any] | None:
    """Re-extracts the lead of a conversation of the company the caller acts for (`owner_id`)."""
    company = company_arg(owner_id)
    context = db.rpc("conversation_for_extraction", {"p_customer_id": str(customer_id), "p_owner_id": company}, claims)
    conversation = conversation_from_context(context)
    lead = extract_conversation(conversation)
    rebuilt = db.rpc(
        "rebuild_lead",
        {
            "p_customer_id": str(customer_id),
            "p_lead": lead.model_dump(mode="json", exclude_none=True),
            "p_score": leads.score(lead, conversation.stage, conversation.settings.customer_contacts),
            "p_owner_id": company,
        },
        claims,
    )
    lead_row: dict[str, Any] | None = rebuilt["lead"]
    return lead_row
