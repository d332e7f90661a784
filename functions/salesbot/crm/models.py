"""What crosses the boundary between the database and the delivery code: the leased integration, a
claimed delivery with its event, the lead inside an event, and each CRM's settings."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

LeadStatus = Literal["new", "contacted", "qualified", "won", "lost"]
IntegrationKind = Literal["webhook", "amocrm", "bitrix24", "hubspot"]
EVENT_TYPES = ("lead.created", "lead.qualified", "lead.updated", "lead.status_changed", "conversation.handed_over",
               "message.created")
WEBHOOK_EVENTS = tuple(event for event in EVENT_TYPES if event != "message.created")
"""What a webhook receives unless told otherwise: every message is opt-in."""
CRM_EVENTS = ("lead.qualified", "lead.updated", "lead.status_changed", "conversation.handed_over")
"""What a CRM connector receives unless told otherwise: a lead goes to the CRM once it can be called back."""


class Integration(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: UUID
    owner_id: UUID
    kind: IntegrationKind
    name: str
    url: str | None = None
    events: list[str]
    settings: dict[str, Any] = Field(default_factory=dict)
    credentials: dict[str, Any] = Field(default_factory=dict)


class LeadSnapshot(BaseModel):
    """The lead as an event describes it: as it was when the event happened."""

    model_config = ConfigDict(extra="ignore")

    id: UUID
    customer_id: UUID
    status: LeadStatus
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    whatsapp: str | None = None
    telegram: str | None = None
    need: str | None = None
    budget_amount: Decimal | None = None
    budget_currency: str | None = None
    budget_text: str | None = None
    location: str | None = None
    timeline: str | None = None
    score: int = 0

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email or self.whatsapp or self.telegram)

    def contacts(self) -> list[tuple[str, str]]:
        """Each contact the lead has, as (kind, value): phone, whatsapp, email, telegram."""
        given = (("phone", self.phone), ("whatsapp", self.whatsapp), ("email", self.email), ("telegram", self.telegram))
        return [(kind, value) for kind, value in given if value]

    def multifields(self, kinds: Mapping[str, tuple[str, str]], only: Collection[str] | None = None,
                    ) -> dict[str, list[tuple[str, str]]]:
        """The lead's contacts in a CRM's multi-fields, `kinds` naming each kind's field and value
        type there ("whatsapp": ("PHONE", "MOBILE"): a WhatsApp number is a mobile phone's): field ->
        [(value, value type)], each value once in its field; of the kinds in `only`, if given."""
        fields: dict[str, list[tuple[str, str]]] = {}
        seen: set[tuple[str, str]] = set()
        for kind, value in self.contacts():
            field, value_type = kinds[kind]
            if (field, value) not in seen and (only is None or kind in only):
                fields.setdefault(field, []).append((value, value_type))
            seen.add((field, value))
        return fields

    def title(self) -> str:
        """How the CRM record is named: what they want, and who."""
        return " — ".join(part for part in (self.need, self.name) if part) or "Lead from Salesbot"


CONTACT_FIELDS = frozenset({"name", "phone", "email", "whatsapp", "telegram"})
"""What a CRM's contact record holds of a lead: a change to any of them updates the contact."""


class Event(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: UUID
    type: str
    customer_id: UUID | None = None
    data: dict[str, Any]
    created_at: datetime

    @property
    def lead(self) -> LeadSnapshot | None:
        lead = self.data.get("lead")
        return LeadSnapshot.model_validate(lead) if lead else None

    @property
    def changed(self) -> set[str]:
        """The fields a lead.updated (or lead.qualified) changed."""
        return set(self.data.get("changed") or ())

    @property
    def taken_back(self) -> dict[str, str]:
        """The lead's name and contacts this change cleared ("ой, это номер мужа"), with the values
        they had: a CRM keeps what it was sent until it is told to clear it."""
        return {field: str(value) for field, value in (self.data.get("taken_back") or {}).items()}


class Link(BaseModel):
    """The CRM record our lead became."""

    external_id: str
    external_contact_id: str | None = None


class Delivery(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    attempts: int
    event: Event
    link: Link | None = None


_AMOCRM_STATUSES: dict[LeadStatus, int] = {"won": 142, "lost": 143}
_BITRIX24_STATUSES: dict[LeadStatus, str] = {
    "new": "NEW", "contacted": "IN_PROCESS", "qualified": "PROCESSED", "won": "CONVERTED", "lost": "JUNK"}
_HUBSPOT_STAGES: dict[LeadStatus, str] = {
    "new": "appointmentscheduled", "contacted": "qualifiedtobuy", "qualified": "presentationscheduled",
    "won": "closedwon", "lost": "closedlost"}


class AmoCrmSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pipeline_id: int | None = Field(default=None, description="the pipeline new leads go to; amoCRM's main one if unset")
    # Our status -> the stage's status_id. amoCRM's won (142) and lost (143) are the same in every pipeline.
    statuses: dict[LeadStatus, int] = Field(default_factory=_AMOCRM_STATUSES.copy)
    responsible_user_id: int | None = None


class Bitrix24Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # Our status -> STATUS_ID; these are the stages every portal starts with.
    statuses: dict[LeadStatus, str] = Field(default_factory=_BITRIX24_STATUSES.copy)
    source_id: str | None = Field(default=None, description="SOURCE_ID of new leads, e.g. WEB")
    assigned_by_id: int | None = None


class HubSpotSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pipeline: str = "default"
    # Our status -> dealstage; these are the default sales pipeline's.
    stages: dict[LeadStatus, str] = Field(default_factory=_HUBSPOT_STAGES.copy)


SETTINGS: dict[str, type[BaseModel]] = {
    "amocrm": AmoCrmSettings, "bitrix24": Bitrix24Settings, "hubspot": HubSpotSettings}
