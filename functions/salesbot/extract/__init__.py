"""The offline engine's parsers: what one customer message says about the lead.

Deterministic and local: contacts through libphonenumber and strict patterns, money, area,
places, timing, names and needs through patterns that know Russian and English. A contact is
returned only when it is written in the message itself.
"""

from __future__ import annotations

from decimal import Decimal

from salesbot.extract.area import find_area_m2
from salesbot.extract.budget import currency_for_region, parse_budget
from salesbot.extract.emails import find_emails
from salesbot.extract.language import detect_language
from salesbot.extract.location import find_location
from salesbot.extract.names import find_name
from salesbot.extract.need import find_need, match_offering
from salesbot.extract.phones import find_phones
from salesbot.extract.text import mask, normalize
from salesbot.extract.timeline import find_timeline
from salesbot.models import BotSettings, LeadData

__all__ = [
    "detect_language", "extract_lead", "find_area_m2", "find_emails", "find_location", "find_name", "find_need",
    "find_phones", "find_timeline", "match_offering", "parse_budget",
]

_SMALLEST_BARE_BUDGET = Decimal(100)


def extract_lead(text: str, *, settings: BotSettings, asked: str | None = None) -> LeadData:
    """What one customer message states. `asked` is the lead field the bot asked for just before,
    which lets a bare reply ("Анна", "Казань", "к лету") be understood as that field."""
    text = normalize(text)
    if text.rstrip().endswith("?"):
        asked = None  # a question back is not an answer to ours
    phones = find_phones(text, settings.phone_region)
    emails = find_emails(text)
    # Contacts are read first and blanked out, so their digits are never taken for money or area.
    rest = mask(text, [span for _, span in phones + emails])

    budget = parse_budget(rest, default_currency=currency_for_region(settings.phone_region), asked=asked == "budget")
    if budget and asked == "budget" and budget[0] < _SMALLEST_BARE_BUDGET:
        budget = None
    area = find_area_m2(rest)
    contact_only = bool(phones or emails) and len(rest.split()) <= 3
    return LeadData(
        name=find_name(rest, asked=asked == "name" and not contact_only),
        phone=phones[0][0] if phones else None,
        email=emails[0][0] if emails else None,
        need=find_need(rest, settings.offerings, asked=asked == "need", free_text=asked in (None, "need")),
        budget_amount=budget[0] if budget else None,
        budget_currency=budget[1] if budget and budget[1] else None,
        location=find_location(rest, asked=asked == "location" and not contact_only),
        timeline=find_timeline(rest, asked=asked == "timeline" and not contact_only),
        details={"area_m2": area} if area else {},
    )
