"""Floor area, in square metres: "60 м2", "65 кв.м", "80 квадратов", "350 qm", "1000 sq ft" (converted),
"квартира 54 метра", "кухня 9 метров" (a room's "метров" is its area; "3 метра" of kitchen wall or a
ceiling's height is a length), "площадь 61", "площадь не 56, а 61" (the area named, corrected)."""

from __future__ import annotations

import re
from decimal import Decimal

from salesbot.extract.budget import NUMBER_WORDS, number_in_words
from salesbot.extract.patterns import GuardedPattern, LazyPattern

_SQ_FT_IN_M2 = Decimal("0.09290304")
# The number must start where a number starts (not inside "1234"), so a long digit run costs one try.
_AREA = LazyPattern(
    r"(?<![\d.,])(?P<number>\d{1,3}(?:[ ,]\d{3})+(?![.,]?\d)|\d{1,6}(?:[.,]\d{1,2})?)\s?(?:"
    r"(?P<m2>м2|м²|м\^2|m2|m²|m\^2|кв\.?\s?м\b\.?|кв\.?\s?метр\w*|квадрат\w*|метр\w* квадратн\w*|кв\b|кв\.(?!\s?\d)"
    r"|sq\.?\s?m\b|sq\.?\s?met(?:er|re)s?|square met(?:er|re)s?|sqm\b|m sq\b|qm\b)"
    r"|(?P<ft2>sq\.?\s?f(?:ee)?t\b\.?|square f(?:ee|oo)t|sqft\b|sf\b|ft2|ft²|ft\^2)"
    r"|(?P<metres>метр(?:а|ов)\b(?!\s(?:в длину|в ширину|в высоту|длин|шири|высот|на\s\d))))",
    re.IGNORECASE,
)
# "метров" of a flat is its area; of a wall, a ceiling or a run of cupboards, a length.
_LENGTH_BEFORE = LazyPattern(r"(?:длин\w*|ширин\w*|высот\w*|потол\w*|стен\w*|на)\s*$", re.IGNORECASE)
_SMALLEST_METRES_AREA = 10
_UNIT_HINT = LazyPattern(r"[мm][2²^]|кв|квадрат|sq|square|ft|sf\b|метр|met|qm\b|площад|area", re.IGNORECASE)
# A room's, a home's or a roof's "метров" is its area from a size no run of cupboards or wall has ("кухня 9 метров",
# "крыша 120 метров"; "кухня 3 метра" is a kitchen set's length, and a balcony's metres are its glazing).
_ROOM_BEFORE = LazyPattern(
    r"(?:кухн\w*|комнат\w*|спальн\w*|гостин\w*|детск\w*|санузел|ванн\w*|студи\w*|квартир\w*|зал|кабинет\w*|прихож\w*"
    r"|офис\w*|помещени\w*|однушк\w*|двушк\w*|тр[её]шк\w*|дом\w*|дач\w*|коттедж\w*|склад\w*|магазин\w*|площад\w*"
    r"|крыш\w*|кровл\w*|фасад\w*|газон\w*|террас\w*|веранд\w*)\s(?:\w+\s)?$",
    re.IGNORECASE)
_SMALLEST_ROOM_METRES = 6
# Around a reply that is only the size ("54 метра", "ну 54 метра где-то"): nothing but hedges.
_HEDGE_ONLY = LazyPattern(r"\W*(?:(?:ну|где-то|где то|примерно|около|about|around|roughly|approx\.?|or so|ish)\W*)*", re.IGNORECASE)
# Metres to or from somewhere: "500 метров до метро", "в 300 метрах от парка", "до моря 150 метров".
_DISTANCE_AFTER = LazyPattern(r"\s(?:от|до|from|to)(?!\w)", re.IGNORECASE)
_DISTANCE_BEFORE = LazyPattern(r"(?:(?<!\w)(?:в|за|через|within)|до \w+)\s$", re.IGNORECASE)
# A figure named as the area, with no unit, and a correction of one: "площадь 61", "площадь не 56, а 61".
_AREA_NAMED = LazyPattern(
    r"(?<!\w)(?:площад\w*|(?<!in the )(?<!in your )(?<!in this )(?<!in that )(?:floor )?area)(?:\s(?:не|is not|isn't|not)\s\d{1,6}(?:[.,]\d{1,2})?\s?(?:м2|кв\.?\s?м|m2|sq\.?\s?m)?,?\s(?:а|but|it's|its)"
    r"|\s(?:is|—|-|:)?)\s?(?P<number>\d{1,6}(?:[.,]\d{1,2})?)(?![\d.,]?\d|\s?(?:%|этаж|floor|комнат|room|сот|acre|га\b"
    r"|мин|min|км|km|mile|миль|час|hour|year|yr|год|лет|руб|₽|\$|€|£|тыс|k\b))",
    re.IGNORECASE)
# The unit first, as people say about how much: "квадратов 30", "кв.м 45 где-то" ("метров 30" may be a fence's length).
_UNIT_FIRST = LazyPattern(
    r"(?<!за )(?<!per )(?<!/)(?<!\w)(?:квадрат(?:ов|а)|кв\.?\s?м\b\.?|м2|м²)\s(?:(?:где-то|где то|около|примерно|под)\s)?"
    r"(?P<number>\d{1,6}(?:[.,]\d{1,2})?)(?![\d.,]?\d|\s?(?:на|x|х|×|\*)\s?\d|\s\d{3}(?!\d)|\s?(?:тыс|руб|₽|\$|€|k\b))", re.IGNORECASE)
# An area in words, as voice typing writes it: "двести сорок квадратов", "sixty square metres".
_AREA_IN_WORDS = GuardedPattern(
    rf"(?<!\w)(?P<words>{NUMBER_WORDS})\s(?:(?P<m2>квадрат\w*|кв\.?\s?м\b|кв\.?\s?метр\w*|метр\w* квадратн\w*|square met(?:er|re)s?|sq\.?\s?m\b)"
    r"|(?P<ft2>square f(?:ee|oo)t|sq\.?\s?f(?:ee)?t\b))",
    re.IGNORECASE, needs=r"квадрат|кв\.?\s?м|square|sq")
_MAX_M2 = 1_000_000  # a square kilometre: beyond that it is not a floor area


def _a_length(text: str, match: re.Match[str]) -> bool:
    """"3 метра" of kitchen wall, "потолки 2,7 метра", "500 метров до метро", "забор 40 метров": a length or a
    distance, not an area; "метров" is an area beside a room or a home, or as a bare answer ("54 метра")."""
    if not match.group("metres"):
        return False
    if _DISTANCE_AFTER.match(text, match.end()) or _DISTANCE_BEFORE.search(text, max(0, match.start() - 12), match.start()):
        return True
    metres = Decimal(match.group("number").replace(",", ".").replace(" ", ""))
    if metres >= _SMALLEST_ROOM_METRES and _ROOM_BEFORE.search(text, max(0, match.start() - 24), match.start()):
        return False
    bare_answer = _HEDGE_ONLY.fullmatch(text, 0, match.start()) and _HEDGE_ONLY.fullmatch(text, match.end())
    return metres < _SMALLEST_METRES_AREA or not bare_answer or bool(
        _LENGTH_BEFORE.search(text, max(0, match.start() - 20), match.start()))


def find_area_m2(text: str) -> float | None:
    """The first floor area in `text`, in m² rounded to one decimal, or None."""
    if not _UNIT_HINT.search(text):
        return None  # one cheap scan spares trying every number against every unit
    named = _AREA_NAMED.search(text)
    if named:  # "площадь не 56, а 61 с лоджией": the area named, corrected or not
        value = Decimal(named.group("number").replace(",", "."))
        return float(round(value, 1)) if 0 < value <= _MAX_M2 else None
    match = (next((found for found in _AREA.finditer(text) if not _a_length(text, found)), None) or _UNIT_FIRST.search(text)
             or _AREA_IN_WORDS.search(text))
    if not match:
        return None
    groups = match.groupdict()  # a figure or words; a unit after it, or before it (no group)
    if groups.get("words"):
        value = number_in_words(groups["words"])
    else:
        value = Decimal(re.sub(r"[ ,](?=\d{3}\b)", "", groups["number"]).replace(",", "."))
    if value < 10 and (groups.get("m2") or "").lower().rstrip(".") == "кв":
        return None  # "2 кв" is more likely two flats than two square metres
    if groups.get("ft2"):
        value *= _SQ_FT_IN_M2
    area = float(round(value, 1))
    return area if 0 < area <= _MAX_M2 else None
