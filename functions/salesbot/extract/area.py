"""Floor area, in square metres: "60 м2", "65 кв.м", "80 квадратов", "1000 sq ft" (converted)."""

from __future__ import annotations

import re
from decimal import Decimal

_SQ_FT_IN_M2 = Decimal("0.09290304")
# The number must start where a number starts (not inside "1234"), so a long digit run costs one try.
_AREA = re.compile(
    r"(?<![\d.,])(?P<number>\d{1,6}(?:[.,]\d{1,2})?)\s?(?:"
    r"(?P<m2>м2|м²|м\^2|m2|m²|m\^2|кв\.?\s?м\b\.?|кв\.?\s?метр\w*|квадрат\w*|метр\w* квадратн\w*|кв\b|кв\.(?!\s?\d)"
    r"|sq\.?\s?m\b|sq\.?\s?met(?:er|re)s?|square met(?:er|re)s?|sqm\b|m sq\b)"
    r"|(?P<ft2>sq\.?\s?f(?:ee)?t\b\.?|square f(?:ee|oo)t|sqft\b|sf\b|ft2|ft²|ft\^2))",
    re.IGNORECASE,
)
_UNIT_HINT = re.compile(r"[мm][2²^]|кв|квадрат|sq|square|ft|sf\b|метр|met", re.IGNORECASE)
_MAX_M2 = 1_000_000  # a square kilometre: beyond that it is not a floor area


def find_area_m2(text: str) -> float | None:
    """The first floor area in `text`, in m² rounded to one decimal, or None."""
    if not _UNIT_HINT.search(text):
        return None  # one cheap scan spares trying every number against every unit
    match = _AREA.search(text)
    if not match:
        return None
    value = Decimal(match.group("number").replace(",", "."))
    if value < 10 and match.group("m2") and match.group("m2").lower().startswith("кв") and "м" not in match.group("m2").lower():
        return None  # "2 кв" is more likely two flats than two square metres
    if match.group("ft2"):
        value *= _SQ_FT_IN_M2
    area = float(round(value, 1))
    return area if 0 < area <= _MAX_M2 else None
