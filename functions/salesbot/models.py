"""The shapes that cross module boundaries: bot settings, leads, conversation turns, brain output."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

LEAD_FIELDS = ("need", "budget", "location", "timeline", "name", "phone", "email")
"""The fields a company can ask the bot to collect; by default the bot asks in this order."""


class Stage(StrEnum):
    """Where the conversation stands in the sale."""

    greeting = "greeting"
    needs = "needs"
    qualification = "qualification"
    offer = "offer"
    contact = "contact"
    handed_over = "handed_over"


class Offering(BaseModel):
    """Something the company sells. Prices are only ever quoted from here."""

    model_config = ConfigDict(extra="ignore")

    name: str
    description: str = ""
    price: Decimal | None = None
    currency: str | None = None
    keywords: list[str] = Field(default_factory=list)


class FaqEntry(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str
    answer: str
    keywords: list[str] = Field(default_factory=list)


class BotSettings(BaseModel):
    """What the company told the bot about itself (the `bot_settings` row)."""

    model_config = ConfigDict(extra="ignore")

    company_name: str = ""
    description: str = ""
    offerings: list[Offering] = Field(default_factory=list)
    faq: list[FaqEntry] = Field(default_factory=list)
    tone: str = "friendly, concise, professional"
    language: str = "auto"
    phone_region: str = "RU"
    greeting: str = ""
    lead_fields: list[str] = Field(default_factory=lambda: list(LEAD_FIELDS))
    # The company's own numbers: a customer quoting them back is not giving theirs. Interim, until
    # the settings carry the company's contacts.
    company_phones: list[str] = Field(default_factory=list, max_length=20)


class LeadData(BaseModel):
    """What is known about the customer. Every field is optional: a lead fills in over time."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    phone: str | None = None  # E.164
    email: str | None = None
    need: str | None = None
    budget_amount: Decimal | None = None
    budget_currency: str | None = None  # ISO 4217: the one the customer named, else the region's
    budget_min: Decimal | None = None  # the lower bound they gave ("от 5 до 7 млн", "from $300k")
    budget_max: Decimal | None = None  # the upper bound they gave ("до 9 млн", "up to 5k"); budget_amount is it
    budget_period: Literal["total", "month"] | None = None  # "50 тыс в месяц", "$2k/mo": per month
    budget_text: str | None = None  # their own words for a budget that has no figure ("недорого", "flexible")
    location: str | None = None
    timeline: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)

    def missing(self, wanted: list[str]) -> list[str]:
        """The wanted lead fields (names from LEAD_FIELDS) not known yet, in the order of `wanted`."""
        known = {
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "need": self.need,
            "budget": self.budget_amount if self.budget_amount is not None else self.budget_text,
            "location": self.location,
            "timeline": self.timeline,
        }
        return [field for field in wanted if field in known and known[field] is None]


Asked = Literal["need", "budget", "location", "timeline", "name", "phone", "email", "contact", "callback"]
"""What a bot question asks the customer for: a lead field; `contact` a phone or an email; `callback` a
phone to call them back on."""

HandoffReason = Literal["customer_request", "post_sale", "urgent", "complaint", "other"]
"""Why the bot handed a conversation to a person."""


class Turn(BaseModel):
    """One message of the conversation, oldest first, with what a bot turn asked and why it handed over."""

    role: Literal["customer", "bot", "manager"]
    text: str
    asked: Asked | None = None
    handoff_reason: HandoffReason | None = None


class Conversation(BaseModel):
    """Everything a brain may look at to produce the next reply."""

    settings: BotSettings
    history: list[Turn]  # ends with the customer's new message
    lead: LeadData = Field(default_factory=LeadData)
    stage: Stage = Stage.greeting
    customer_name: str | None = None  # the display name the channel gave us, if any


class BrainReply(BaseModel):
    """A brain's answer: the reply text and what it learned from the customer's new message."""

    reply: str
    lead: LeadData = Field(default_factory=LeadData)  # only what the new message added or corrected
    stage: Stage
    handoff: bool = False  # the conversation goes to a person
    handoff_reason: HandoffReason | None = None
    asked: Asked | None = None  # what the reply asks the customer for, stored with it
    language: str | None = None  # ISO 639-1 of the customer's message, when known

    def as_turn(self) -> Turn:
        """The reply as the conversation keeps it, with what it asked and why it handed over."""
        return Turn(role="bot", text=self.reply, asked=self.asked, handoff_reason=self.handoff_reason)
