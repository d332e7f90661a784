"""The HTTP API's request bodies. Unknown fields are rejected; text is cleaned before it is checked."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from salesbot.sanitize import MAX_MESSAGE_CHARS, clean_text, visible_text

CustomerId = Annotated[str, AfterValidator(visible_text), StringConstraints(max_length=128)]
MessageText = Annotated[str, AfterValidator(visible_text), StringConstraints(max_length=MAX_MESSAGE_CHARS)]
DisplayName = Annotated[str, AfterValidator(clean_text), StringConstraints(max_length=200)]
# Each function target validates one of these bodies: built at its first request (`defer_build`), not
# at import, a cold start pays for its own model only (the other four cost about 5M instructions).
_BODY = ConfigDict(extra="forbid", defer_build=True)


class ChatRequest(BaseModel):
    model_config = _BODY

    customer: CustomerId
    text: MessageText
    name: DisplayName | None = None


class ExtractLeadsRequest(BaseModel):
    model_config = _BODY

    customer_id: UUID = Field(description="the conversation (customer) whose lead to rebuild")


class ReplyRequest(BaseModel):
    model_config = _BODY

    customer_id: UUID = Field(description="the conversation (customer) to answer")
    text: MessageText


class ChannelRequest(BaseModel):
    model_config = _BODY

    kind: Literal["telegram", "widget"]
    name: Annotated[str, AfterValidator(visible_text), StringConstraints(max_length=200)]
    bot_token: str | None = Field(default=None, max_length=200, description="the Telegram bot's token")


class BillingSessionRequest(BaseModel):
    model_config = _BODY

    kind: Literal["checkout", "portal"] = Field(description="checkout: pay for a plan; portal: cards, invoices, plan changes")
    plan_id: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$", description="the plan to buy")

    @model_validator(mode="after")
    def _checkout_names_a_plan(self) -> BillingSessionRequest:
        if (self.kind == "checkout") != (self.plan_id is not None):
            raise ValueError("plan_id: give it for a checkout, and only for a checkout")
        return self
