"""The shapes that cross module boundaries: bot settings, leads, conversation turns, brain output."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal, cast

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    PrivateAttr,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

LEAD_FIELDS = ("need", "budget", "location", "timeline", "name", "phone", "email")
"""The lead fields a bot question can ask for: a bare reply to one is read as that field."""
ASKED_FIELDS = ("need", "budget", "location", "name", "timeline", "contact")
"""What a company can ask the bot to collect (`lead_fields`), by default in this order (the name before
the timeline, as the development sets' authors ask them: 75 conversations to 46); `contact` is a way to
reach the customer, of the kinds the company accepts (`customer_contacts`)."""
CUSTOMER_CONTACTS = ("phone", "email", "whatsapp", "telegram")
"""The kinds of contact a customer can leave: a phone, an email, a WhatsApp number, a Telegram @username."""


class Stage(StrEnum):
    """Where the conversation stands in the sale."""

    greeting = "greeting"
    needs = "needs"
    qualification = "qualification"
    offer = "offer"
    contact = "contact"
    handed_over = "handed_over"


# --- the settings document ------------------------------------------------------------------------
# What a company tells its bot: one document, validated in full by these models (the HTTP function,
# the CLI) and by `private.settings_errors` in the database (any other writer), which mirrors them
# rule for rule. Every field is public (the bot may say it to a customer) unless its description
# says "internal". Limits keep one document well under the size a function reads.

MAX_OFFERINGS, MAX_FAQ, MAX_NOT_OFFERED = 1000, 500, 200
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PRICE_KINDS = ("exact", "from", "range", "free", "on_request")
PUBLIC: JsonDict = {"x-salesbot-visibility": "public"}
INTERNAL: JsonDict = {"x-salesbot-visibility": "internal"}

_DOCUMENT = ConfigDict(extra="forbid", strict=True, json_schema_extra=PUBLIC)
_E164 = r"^\+[1-9][0-9]{7,14}$"
_HOURS_SPAN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]-(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$"

Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
"""Text with something in it besides spaces."""


def _amount(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        raise PydanticCustomError("amount", "a number, e.g. 25000 or 99.90")
    amount = Decimal(str(value))
    if not amount.is_finite() or not 0 < amount < 10**12:
        raise PydanticCustomError("amount", "a number above 0 and below 10^12")
    if int(amount.as_tuple().exponent) < -2:
        raise PydanticCustomError("amount", "at most two decimal places")
    return amount


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral_value() else float(amount)


Amount = Annotated[
    Decimal,
    PlainValidator(_amount),
    PlainSerializer(_number, when_used="json"),
    WithJsonSchema({"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10**12,
                    "description": "In units of the currency (roubles, pounds), at most two decimal places."}),
]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(description="ISO 4217, e.g. RUB, GBP.")]
Unit = Annotated[str, StringConstraints(min_length=1, max_length=60, pattern=r"\S"),
                 Field(description='What the price is for: "за м²", "за погонный метр", "per tooth", "per month".')]


class _PriceWithoutAmount(BaseModel):
    model_config = _DOCUMENT
    currency: Currency | None = None
    unit: Unit | None = None


class _OneAmount(BaseModel):
    model_config = _DOCUMENT
    amount: Amount
    currency: Currency
    unit: Unit | None = None


class ExactPrice(_OneAmount):
    """One price: "95 GBP"."""

    kind: Literal["exact"]


class FromPrice(_OneAmount):
    """A starting price: "от 25 000 ₽ за погонный метр"."""

    kind: Literal["from"]


class RangePrice(BaseModel):
    """A range: "150-280 GBP per tooth"."""

    model_config = _DOCUMENT
    kind: Literal["range"]
    min: Amount
    max: Amount
    currency: Currency
    unit: Unit | None = None

    @model_validator(mode="after")
    def _ordered(self) -> RangePrice:
        if self.min >= self.max:
            raise PydanticCustomError("range", "min must be below max")
        return self


class FreePrice(_PriceWithoutAmount):
    """Free of charge: the bot says so instead of "0 ₽"."""

    kind: Literal["free"]


class OnRequestPrice(_PriceWithoutAmount):
    """No price to quote: the bot says a manager will confirm it."""

    kind: Literal["on_request"]


Price = Annotated[ExactPrice | FromPrice | RangePrice | FreePrice | OnRequestPrice, Field(discriminator="kind")]


class Offering(BaseModel):
    """Something the company sells. Prices are only ever quoted from here."""

    model_config = _DOCUMENT

    name: Annotated[Text, StringConstraints(max_length=200)]
    description: str = Field("", max_length=2000)
    price: Price = Field(default_factory=lambda: OnRequestPrice(kind="on_request"))
    includes: list[Annotated[Text, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=50, description="What the price includes, one item each.")
    synonyms: list[Annotated[Text, StringConstraints(max_length=100)]] = Field(
        default_factory=list, max_length=100, description="Words customers use for it: \"эмаль\", \"scale and polish\".")


class FaqEntry(BaseModel):
    """An answer the company wrote, and the ways customers ask for it."""

    model_config = _DOCUMENT

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")] | None = Field(
        None, description="A snake_case name for the entry, unique in the document.")
    question: Annotated[Text, StringConstraints(max_length=500)]
    answer: Annotated[Text, StringConstraints(max_length=4000)]
    phrases: list[Annotated[Text, StringConstraints(max_length=300)]] = Field(
        default_factory=list, max_length=50, description="Ways customers ask it: \"сколько ждать кухню\", \"will it hurt\".")


LanguageChoice = Annotated[str, StringConstraints(pattern=r"^(?:auto|[a-z]{2})$")]


class Persona(BaseModel):
    """Who the bot is to customers and how it speaks."""

    model_config = _DOCUMENT

    name: str = Field("", max_length=60, description="The bot's name (\"Ольга\"); empty: it introduces no name.")
    gender: Literal["female", "male", "neutral"] = Field(
        "neutral", description="Grammatical gender of the bot's own words: \"Записала\" (female), \"Записал\" (male).")
    formal: bool = Field(True, description="Formal address (\"Вы\") or informal (\"ты\", first names).")
    languages: list[LanguageChoice] = Field(
        default_factory=lambda: ["auto"], min_length=1, max_length=10,
        description="ISO 639-1 codes the bot answers in; a customer writing another language gets the first. "
                    "\"auto\" in the list: any language the customer writes in.")
    tone: str = Field("", max_length=500, description="How the bot should sound, in the company's words (the LLM reads it).")
    greeting: str = Field("", max_length=2000, description="The bot's first words in a new conversation; empty: a greeting of its own.")

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, languages: list[str]) -> list[str]:
        if len(set(languages)) != len(languages):
            raise PydanticCustomError("unique", "each language once")
        return languages

    def reply_language(self, customer: str | None) -> str | None:
        """The language to answer a customer writing in `customer` (None: not known), or None when
        the settings leave it to the customer's text."""
        fixed = [language for language in self.languages if language != "auto"]
        if customer and (customer in fixed or "auto" in self.languages):
            return customer
        return fixed[0] if fixed else None


def _forward(span: str) -> str:
    if span[:5] >= span[6:]:
        raise PydanticCustomError("hours", "the end must come after the start (a day ends at 24:00)")
    return span


HoursSpan = Annotated[str, StringConstraints(pattern=_HOURS_SPAN), AfterValidator(_forward),
                      Field(description='"HH:MM-HH:MM", e.g. "10:00-20:00"; 24:00 ends the day.')]


class WorkingHours(BaseModel):
    """When people answer; outside these hours the bot says when they will."""

    model_config = _DOCUMENT

    time_zone: str = Field(description="IANA time zone, e.g. Europe/Moscow.", max_length=64)
    mon: HoursSpan | None = None
    tue: HoursSpan | None = None
    wed: HoursSpan | None = None
    thu: HoursSpan | None = None
    fri: HoursSpan | None = None
    sat: HoursSpan | None = None
    sun: HoursSpan | None = None

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, zone: str) -> str:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError("time_zone", "an IANA time zone, e.g. Europe/Moscow") from None
        return zone

    def span(self, day: int) -> tuple[str, str] | None:
        """(start, end) of weekday `day` (0 is Monday), or None when closed."""
        value = getattr(self, DAYS[day])
        return (value[:5], value[6:]) if value else None


E164 = Annotated[str, StringConstraints(pattern=_E164), Field(description="International format (E.164), e.g. +74951234567.")]


class Contacts(BaseModel):
    """How customers reach the company. The bot gives these out, and never takes them for a customer's."""

    model_config = _DOCUMENT

    phone: E164 | None = None
    whatsapp: E164 | None = None
    telegram: Annotated[str, StringConstraints(pattern=r"^@[A-Za-z0-9_]{5,32}$")] | None = Field(
        None, description="@username")
    email: Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")] | None = None
    address: Annotated[Text, StringConstraints(max_length=500)] | None = None
    website: Annotated[str, StringConstraints(max_length=300, pattern=r"^https?://\S+$")] | None = None

    def phones(self) -> list[str]:
        """The company's own numbers, E.164."""
        return [phone for phone in (self.phone, self.whatsapp) if phone]


LeadField = Literal["need", "budget", "location", "timeline", "name", "contact"]
CustomerContact = Literal["phone", "email", "whatsapp", "telegram"]


class BotSettings(BaseModel):
    """What the company tells its bot (the settings document). Public unless marked internal."""

    model_config = _DOCUMENT

    company_name: str = Field("", max_length=200, description="The name the bot introduces the company by; "
                                                             "empty: the company's account name.")
    description: str = Field("", max_length=10000, description="What the company does, in its own words. "
                                                               "Public: the bot may quote it.")
    internal_notes: str = Field("", max_length=10000, json_schema_extra=INTERNAL, description=(
        "Internal: instructions the bot follows but never quotes (discount limits, what not to promise). "
        "The offline engine never reads it; the LLM is told not to reveal it."))
    persona: Persona = Field(default_factory=Persona, description="Who the bot is and how it speaks.")
    hours: WorkingHours | None = Field(None, description="Working hours; none: not stated.")
    contacts: Contacts = Field(default_factory=Contacts, description="How customers reach the company.")
    offerings: list[Offering] = Field(default_factory=list, max_length=MAX_OFFERINGS,
                                      description="What the company sells; prices are quoted from here only.")
    not_offered: list[Annotated[Text, StringConstraints(max_length=200)]] = Field(
        default_factory=list, max_length=MAX_NOT_OFFERED,
        description="What customers ask for that the company does not do: the bot says so, and takes no lead for it.")
    faq: list[FaqEntry] = Field(default_factory=list, max_length=MAX_FAQ,
                                description="Answers the company wrote, with the phrases customers ask them by.")
    lead_fields: list[LeadField] = Field(default_factory=lambda: cast(list[LeadField], list(ASKED_FIELDS)),
                                         description="What the bot asks the customer for, in this order; "
                                                     "`contact`: a way to reach them, of a kind in customer_contacts.")
    customer_contacts: list[CustomerContact] = Field(
        default_factory=lambda: cast(list[CustomerContact], ["phone", "email"]), min_length=1, max_length=4,
        description="The customer's contacts the bot asks for and accepts: phone, email, whatsapp (a number the "
                    "customer says is on WhatsApp), telegram (@username or t.me link). A lead with a need and one "
                    "of these is qualified; a customer writing from Telegram with a username is reachable there "
                    "when telegram is one.")
    phone_region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = Field(
        None, description="ISO 3166 region of phone numbers written without a country code; "
                          "none: the region of contacts.phone, else RU.")
    currency: Currency | None = Field(
        None, description="ISO 4217 currency a customer means by a figure without one (\"до 300 тысяч\", "
                          "\"about 15k\"); none: the one the offerings' prices are in, else the region's.")
    # The matcher's index of these settings (extract.catalogue), built on first use.
    _catalogue: Any = PrivateAttr(default=None)

    @field_validator("offerings")
    @classmethod
    def _unique_offerings(cls, offerings: list[Offering]) -> list[Offering]:
        _unique("offering names", [offering.name.casefold() for offering in offerings])
        return offerings

    @field_validator("faq")
    @classmethod
    def _unique_faq_ids(cls, faq: list[FaqEntry]) -> list[FaqEntry]:
        _unique("faq ids", [entry.id for entry in faq if entry.id])
        return faq

    @field_validator("lead_fields")
    @classmethod
    def _unique_lead_fields(cls, fields: list[str]) -> list[str]:
        _unique("lead fields", fields)
        return fields

    @field_validator("customer_contacts")
    @classmethod
    def _unique_customer_contacts(cls, kinds: list[str]) -> list[str]:
        _unique("customer contacts", kinds)
        return kinds

    @property
    def region(self) -> str:
        """Where a phone number written without a country code is from."""
        if self.phone_region:
            return self.phone_region
        if self.contacts.phone:
            import phonenumbers

            found = phonenumbers.region_code_for_number(phonenumbers.parse(self.contacts.phone))
            if found and found != "ZZ":
                return str(found)
        return "RU"


def _unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise PydanticCustomError("unique", "{what} must be unique: {value} is there twice",
                                      {"what": what, "value": repr(value)})
        seen.add(value)


Retractable = Literal["name", "phone", "email", "whatsapp", "timeline"]
"""A field a customer's message can take back once stored: whose it is was misread, or (the timeline) the date
read was an event's and the customer says no date is set yet. The database clears only the fields its
`private.retractable_fields()` lists, which a test holds equal to this."""


class LeadData(BaseModel):
    """What is known about the customer. Every field is optional: a lead fills in over time."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    phone: str | None = None  # E.164
    email: str | None = None
    whatsapp: str | None = None  # E.164: a number the customer says is on WhatsApp
    telegram: str | None = None  # "@username"
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
    # In a reading of one message: the fields known before that it takes back as not the customer's
    # ("это номер мужа", "that's my old number", "I'm not Olga", "no date yet"); `salesbot.lead.merge` clears them.
    retracted: tuple[Retractable, ...] | None = None

    def missing(self, wanted: Sequence[str], accepted: Sequence[str] = CUSTOMER_CONTACTS) -> list[str]:
        """The wanted fields (of ASKED_FIELDS or LEAD_FIELDS) not known yet, in the order of `wanted`;
        `contact` is known once the lead holds a contact of an `accepted` kind."""
        known = {
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "contact": self.contact(accepted),
            "need": self.need,
            "budget": self.budget_amount if self.budget_amount is not None else self.budget_text,
            "location": self.location,
            "timeline": self.timeline,
        }
        return [field for field in wanted if field in known and known[field] is None]

    def contact(self, accepted: Sequence[str] = CUSTOMER_CONTACTS) -> tuple[str, str] | None:
        """(kind, value) of the first contact of an `accepted` kind the lead holds, in the order of `accepted`."""
        for kind in accepted:
            value = getattr(self, kind, None)
            if value:
                return kind, value
        return None


Asked = Literal["need", "budget", "location", "timeline", "name", "phone", "email", "contact", "callback"]
"""What a bot question asks the customer for: a lead field; `contact` any of the contacts the company
accepts (`customer_contacts`); `callback` a phone to call them back on."""

HandoffReason = Literal["customer_request", "post_sale", "urgent", "complaint", "other", "plan_limit"]
"""Why the bot handed a conversation to a person (`plan_limit`: the plan's bot replies are used up)."""


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
    customer_telegram: str | None = None  # "@username" of a customer writing from Telegram, if they have one
    now: datetime | None = None  # when the message came in: outside working hours the bot says when people answer
    use_model: bool = True  # False once the company's plan has no model budget left: the offline engine answers


class AnswerSource(BaseModel):
    """Where in the settings a reply's answer came from: a FAQ entry (its id, else its question), an
    offering, something the company does not do, the hours, a contact channel, the list of offerings,
    or nowhere ("a manager will confirm")."""

    source: Literal["faq", "offering", "not_offered", "manager", "hours", "contacts", "catalogue"]
    id: str | None = None
    name: str | None = None
    item: str | None = None
    field: str | None = None


class TokenUsage(BaseModel):
    """The model's tokens one reply cost, as the API's `usage` field reports them: every attempt's."""

    input_tokens: int = Field(default=0, ge=0)
    output_tokens: int = Field(default=0, ge=0)

    def __add__(self, other: TokenUsage) -> TokenUsage:
        return TokenUsage(input_tokens=self.input_tokens + other.input_tokens,
                          output_tokens=self.output_tokens + other.output_tokens)


class BrainReply(BaseModel):
    """A brain's answer: the reply text and what it learned from the customer's new message."""

    reply: str
    lead: LeadData = Field(default_factory=LeadData)  # only what the new message added or corrected
    stage: Stage
    handoff: bool = False  # the conversation goes to a person
    handoff_reason: HandoffReason | None = None
    asked: Asked | None = None  # what the reply asks the customer for, stored with it
    language: str | None = None  # ISO 639-1 of the customer's message, when known
    answered_from: list[AnswerSource] = Field(default_factory=list)  # what of the settings the reply answered from
    usage: TokenUsage = Field(default_factory=TokenUsage)  # what the model calls behind it cost (none: offline)

    def as_turn(self) -> Turn:
        """The reply as the conversation keeps it, with what it asked and why it handed over."""
        return Turn(role="bot", text=self.reply, asked=self.asked, handoff_reason=self.handoff_reason)
