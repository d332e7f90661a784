"""The offline engine's parsers: what one customer message says about the lead.

Deterministic and local: contacts through libphonenumber and strict patterns, money, area,
places, timing, names and needs through patterns that know Russian and English. A contact is
returned only when it is written in the message itself.

    from salesbot.extract import extract_lead, detect_language
    lead = extract_lead("Меня зовут Анна, 8 912 345-67-89", settings=settings, asked=None)
"""

from __future__ import annotations

from decimal import Decimal

from salesbot.extract.area import find_area_m2
from salesbot.extract.budget import Money, currency_for_region, find_money, parse_budget
from salesbot.extract.emails import find_emails
from salesbot.extract.language import detect_language
from salesbot.extract.location import PLACE_WORDS, find_location
from salesbot.extract.names import find_name
from salesbot.extract.need import find_need, match_offering
from salesbot.extract.phones import find_phones
from salesbot.extract.normalize import mask, normalize
from salesbot.extract.timeline import find_timeline
from salesbot.models import LEAD_FIELDS, BotSettings, LeadData

__all__ = [
    "Money", "currency_for_region", "detect_language", "extract_lead", "find_area_m2", "find_emails", "find_location",
    "find_money", "find_name", "find_need", "find_phones", "find_timeline", "match_offering", "normalize",
    "parse_budget",
]

# A bare number answering "what is your budget?" is taken as the whole amount only from here up:
# "300" for a flat means 300 thousand or million, and guessing which would be inventing it.
_SMALLEST_BARE_BUDGET = Decimal(1000)
_SOFT_HEAD, _SOFT_TAIL, _AROUND_CONTACT = 2000, 1000, 200


def extract_lead(text: str, *, settings: BotSettings, asked: str | None = None) -> LeadData:
    """What one customer message states; fields it does not state stay None.

    `asked` is the lead field (a name from models.LEAD_FIELDS) the bot asked for just before; it
    lets a bare reply ("Анна", "Казань", "к лету", "5 000 000") be understood as that field. A
    question back ("а вы где?") answers nothing. Contacts are read first and blanked out, so their
    digits are never taken for money or area, and a reply that is only a contact is not also read
    as a name or a place.
    """
    text = normalize(text)
    if asked not in LEAD_FIELDS or text.rstrip().endswith("?"):
        asked = None
    phones = find_phones(text, settings.phone_region)
    emails = find_emails(text)
    spans = [span for _, span in phones + emails]
    rest = _soft_view(mask(text, spans), spans)
    contact_only = bool(phones or emails) and len(rest.split()) <= 3

    budget = _budget(rest, settings, asked=asked == "budget")
    location = find_location(rest, asked=asked == "location" and not contact_only)
    need = find_need(rest, settings.offerings, asked=asked == "need", free_text=asked in (None, "need"))
    name_asked = asked == "name" and not contact_only and not location and not match_offering(rest, settings.offerings)
    area = find_area_m2(rest)
    return LeadData(
        name=find_name(rest, asked=name_asked, known_places=PLACE_WORDS),
        phone=phones[0][0] if phones else None,
        email=emails[0][0] if emails else None,
        need=need,
        budget_amount=budget.amount if budget else None,
        budget_currency=(budget.currency or currency_for_region(settings.phone_region)) if budget else None,
        location=location,
        timeline=find_timeline(rest, asked=asked == "timeline" and not contact_only),
        details={"area_m2": area} if area else {},
    )


def _soft_view(text: str, contacts: list[tuple[int, int]]) -> str:
    """What the pattern parsers (money, place, time, name, need, area) read of a long message.

    Contacts are searched in the whole text; the rest in its head, its tail and around each contact,
    where people put who they are and what they want. A page of pasted text adds no lead fields in
    its middle that would be worth the time to pattern-match all of it."""
    if len(text) <= _SOFT_HEAD + _SOFT_TAIL:
        return text
    windows = [(0, _SOFT_HEAD), (len(text) - _SOFT_TAIL, len(text))]
    windows += [(max(0, start - _AROUND_CONTACT), end + _AROUND_CONTACT) for start, end in contacts]
    merged: list[list[int]] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return "\n".join(text[start:end] for start, end in merged)


def _budget(text: str, settings: BotSettings, *, asked: bool) -> Money | None:
    """The budget, with bare numbers judged against the scale of what the company sells."""
    candidates = [
        money for money in find_money(text, asked=asked)
        if money.explicit or money.cue > 0 or _plausible_bare(money.amount, settings)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda money: (money.cue, money.explicit, money.amount))


def _plausible_bare(amount: Decimal, settings: BotSettings) -> bool:
    prices = [offering.price for offering in settings.offerings if offering.price]
    if prices:
        return amount >= min(prices) / 20
    return amount >= _SMALLEST_BARE_BUDGET
