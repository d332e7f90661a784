"""Floor area, in square metres."""

from __future__ import annotations

import re
from decimal import Decimal

_SQ_FT_IN_M2 = Decimal("0.09290304")
_AREA = re.compile(
    r"(?P<number>\d{1,6}(?:[.,]\d{1,2})?)\s?(?:"
    r"(?P<m2>м2|м²|m2|m²|кв\.?\s?м\.?|квадрат\w*|кв\b|sq\.?\s?m\b|square met(?:er|re)s?|sqm)"
    r"|(?P<ft2>sq\.?\s?ft|square f(?:ee|oo)t|sqft|ft2|ft²))",
    re.IGNORECASE,
)


def find_area_m2(text: str) -> float | None:
    match = _AREA.search(text)
    if not match:
        return None
    value = Decimal(match.group("number").replace(",", "."))
    if match.group("ft2"):
        value *= _SQ_FT_IN_M2
    return float(round(value, 1)) if value > 0 else None
