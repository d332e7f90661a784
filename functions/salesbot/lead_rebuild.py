"""Rebuilding a lead from a whole stored conversation, with the offline engine.

Deterministic, so running it twice over the same conversation stores the same lead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from salesbot import lead as leads
from salesbot.brain.phrases import question_asked_by
from salesbot.db import Database, company_arg
from salesbot.extract import extract_lead
from salesbot.models import Conversation, LeadData
from salesbot.pipeline import conversation_from_context


def extract_conversation(conversation: Conversation) -> LeadData:
    """Everything the customer stated over the conversation, later statements winning; and the
    Telegram the chat itself gives, when the company takes it."""
    lead = LeadData()
    asked: str | None = None
    said: list[str] = []
    for turn in conversation.history:
        if turn.role == "customer":
            learned = extract_lead(turn.text, settings=conversation.settings, asked=asked, earlier=said, known=lead)
            lead = leads.merge(lead, leads.storable(learned, [*said[-1:], turn.text]))
            said.append(turn.text)
            asked = None
        else:
            asked = question_asked_by(turn)
    return leads.reachable_in_chat(lead, conversation.customer_telegram, conversation.settings.customer_contacts)


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
