"""What a lead is worth: merging what was learned, guarding contacts, scoring."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Any

from salesbot.models import CUSTOMER_CONTACTS, LeadData, Retractable, Stage

log = logging.getLogger(__name__)
_NON_DIGITS = re.compile(r"\D")

# Completeness points per field, then intent points per stage; they add up to 100.
_FIELD_POINTS = {"need": 20, "contact": 25, "name": 10, "budget": 15, "location": 5, "timeline": 10}
_STAGE_POINTS = {
    Stage.greeting: 0,
    Stage.needs: 0,
    Stage.qualification: 5,
    Stage.offer: 10,
    Stage.contact: 15,
    Stage.handed_over: 15,
}


def lead_from_row(row: Mapping[str, Any] | None) -> LeadData:
    """The learned fields of a lead as the RPCs return it (or an empty lead)."""
    if not row:
        return LeadData()
    return LeadData.model_validate({field: row.get(field) for field in LeadData.model_fields} | {
        "details": row.get("details") or {},
    })


BUDGET_FIELDS = ("budget_amount", "budget_currency", "budget_min", "budget_max", "budget_period", "budget_text")
"""One statement of a budget: a new figure replaces them all, so no bound or currency outlives its figure."""
_BUDGET_FIGURES = tuple(field for field in BUDGET_FIELDS if field != "budget_text")
PHONE_UNVERIFIED = "phone_unverified"
"""The `details` key set on a phone stored as written because libphonenumber does not know its range yet."""


def merge(known: LeadData, learned: LeadData) -> LeadData:
    """`known` without the fields `learned` takes back, and with every field it states.

    A budget with a figure replaces the whole budget (amount, currency, bounds, period, words);
    words alone ("недорого") are kept beside a figure already known. A new phone takes its own
    verification flag with it, and a phone taken back takes its flag."""
    retracted = learned.retracted or ()
    merged = known.model_copy(update=dict.fromkeys(retracted) | learned.model_dump(
        exclude_none=True, exclude={"details", "retracted", *BUDGET_FIELDS}))
    if learned.budget_amount is not None:
        merged = merged.model_copy(update={field: getattr(learned, field) for field in BUDGET_FIELDS})
    elif learned.budget_text is not None:
        merged.budget_text = learned.budget_text
    details = {**known.details, **learned.details}
    if (learned.phone is not None or "phone" in retracted) and not learned.details.get(PHONE_UNVERIFIED):
        details.pop(PHONE_UNVERIFIED, None)
    merged.details = details
    return merged


def taking_back(learned: LeadData, known: LeadData | None, fields: Sequence[Retractable]) -> LeadData:
    """`learned` taking back `fields` of `known`, without setting one again to the value it takes back
    ("я не Оля, Оля это жена" names Оля too)."""
    if not fields or known is None:
        return learned
    again: dict[str, None] = {field: None for field in fields if getattr(learned, field) == getattr(known, field)}
    return learned.model_copy(update={"retracted": tuple(fields), **again})


def coherent_budget(learned: LeadData) -> LeadData:
    """`learned` with a budget the leads table accepts: a figure only with its currency, bounds and a
    period only with a figure, the lower bound not above the upper. Where a parser slipped, the
    figures go (the customer's words stay): a slip must cost a field, never the reply."""
    amount, low, high = learned.budget_amount, learned.budget_min, learned.budget_max
    if amount is not None:
        if learned.budget_currency is not None and (low is None or high is None or low <= high):
            return learned
    elif (learned.budget_currency, low, high, learned.budget_period) == (None, None, None, None):
        return learned
    log.warning("a budget without a currency, or with bounds it cannot have, was not stored")
    return learned.model_copy(update=dict.fromkeys(_BUDGET_FIGURES))


def stated_contacts_only(learned: LeadData, customer_texts: Iterable[str]) -> LeadData:
    """`learned` without a contact the customer did not write: no contact is ever invented.

    `customer_texts` are the customer's messages in order (the new one last). A phone (or WhatsApp
    number) counts as written when its digits stand in one message, dictated in words or not, or run
    on from one message into the next ("8 916 000" / "11 22"); an email, when it is in a message as it
    is or written to dodge bots ("anna at yandex dot ru"); a Telegram username, when its letters are."""
    texts = list(customer_texts)
    drop: set[str] = set()
    for field in ("phone", "whatsapp"):
        number = getattr(learned, field)
        if number and not _phone_was_written(number, texts):
            drop.add(field)
    if learned.email and not _email_was_written(learned.email, texts):
        drop.add("email")
    if learned.telegram and not any(learned.telegram[1:].casefold() in text.casefold() for text in texts):
        drop.add("telegram")
    return learned.model_copy(update=dict.fromkeys(drop)) if drop else learned


# The leads table's checks (supabase/migrations, `create table public.leads`), which refuse the whole
# turn: a value over them is a slip of the reading, and costs its field, never the reply.
_LONGEST = {"name": 200, "need": 1000, "budget_text": 200, "location": 200, "timeline": 200, "email": 254}
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
_FORMS = {"phone": _E164, "whatsapp": _E164,
          "telegram": re.compile(r"@[A-Za-z0-9_]{5,32}"), "email": re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+"),
          "budget_currency": re.compile(r"[A-Z]{3}")}
_FIGURE_LIMIT = Decimal("99999999999999.995")  # numeric(16, 2), once rounded to cents


def within_the_tables_checks(learned: LeadData) -> LeadData:
    """`learned` without a value the leads table's checks would refuse: too long, not of its form, or
    a budget figure past what the table holds (then the figures go, the customer's words stay)."""
    drop = {field for field, longest in _LONGEST.items() if len(getattr(learned, field) or "") > longest}
    drop |= {field for field, form in _FORMS.items()
             if getattr(learned, field) is not None and not form.fullmatch(getattr(learned, field))}
    figures = (learned.budget_amount, learned.budget_min, learned.budget_max)
    if "budget_currency" in drop or any(figure is not None and not 0 <= figure < _FIGURE_LIMIT for figure in figures):
        drop |= set(_BUDGET_FIGURES)
    if not drop:
        return learned
    log.warning("fields the leads table would refuse were not stored: %s", ", ".join(sorted(drop)))
    return learned.model_copy(update=dict.fromkeys(drop))


def storable(learned: LeadData, customer_texts: Iterable[str]) -> LeadData:
    """What of a reading may be stored: contacts the customer wrote, and values the leads table accepts."""
    return stated_contacts_only(coherent_budget(within_the_tables_checks(learned)), customer_texts)


def reachable_in_chat(lead: LeadData, customer_telegram: str | None, accepted: Sequence[str]) -> LeadData:
    """`lead` with the @username of a customer writing from Telegram as their Telegram contact, when
    the company accepts Telegram and the customer gave no other: the chat itself reaches them."""
    if customer_telegram and "telegram" in accepted and lead.telegram is None:
        return lead.model_copy(update={"telegram": customer_telegram})
    return lead


def _phone_was_written(e164: str, texts: list[str]) -> bool:
    # The national part must appear as written digits: "+7 912 ..." and "8 912 ..." both
    # contain 912..., which is what the customer typed, whatever the prefix.
    from salesbot.extract.spoken import spell_out  # the parsers load with a brain, not with this module

    tail = _national_digits(e164)
    written = [_NON_DIGITS.sub("", spell_out(unicodedata.normalize("NFKC", text))) for text in texts]
    return any(tail in one for one in written) or any(tail in a + b for a, b in pairwise(written))


def _national_digits(e164: str) -> str:
    """The digits of the number without its country code (what "8 029 ...", "067 ...", "912 ..." all hold)."""
    import phonenumbers

    digits = _NON_DIGITS.sub("", e164)
    try:
        national = str(phonenumbers.parse(e164).national_number)
    except phonenumbers.NumberParseException:  # a "+country" code libphonenumber does not know yet
        national = ""
    return national if len(national) >= 7 else digits[-10:] if len(digits) > 10 else digits[-7:]


def _email_was_written(email: str, texts: list[str]) -> bool:
    from salesbot.extract.emails import find_emails
    from salesbot.extract.normalize import normalize

    return any(email.lower() in text.lower() or any(email == found for found, _ in find_emails(normalize(text)))
               for text in texts)


def score(lead: LeadData, stage: Stage, accepted: Sequence[str] = CUSTOMER_CONTACTS) -> int:
    """0-100: how complete the lead is (a contact of an `accepted` kind counts), plus how far the
    conversation has gone."""
    present = {
        "need": lead.need,
        "contact": lead.contact(accepted),
        "name": lead.name,
        "budget": lead.budget_amount,
        "location": lead.location,
        "timeline": lead.timeline,
    }
    points = sum(_FIELD_POINTS[field] for field, value in present.items() if value is not None)
    return min(100, points + _STAGE_POINTS[stage])
