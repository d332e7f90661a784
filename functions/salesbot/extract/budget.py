"""Budgets: an amount and an ISO 4217 currency, from the many ways people write money.

"до 9 млн", "1 500 000 ₽", "тысяч 300", "$450k", "80k EUR", "£25,000", "бюджет 2,5 млн рублей",
"от 5 до 7 млн" (the upper bound: what the customer can spend).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_NUMBER = r"\d{1,3}(?:[ ,.']\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_MULTIPLIERS = [
    (r"млрд\.?|миллиард\w*|billion|bn|b\b", Decimal(10) ** 9),
    (r"млн\.?|миллион\w*|лям\w*|million\w*|mln|mio|mm\b|m\b|kk\b|кк\b", Decimal(10) ** 6),
    (r"тыс\.?|тысяч\w*|тыщ\w*|т\.(?=\s*р)|k\b|к\b|thousand\w*|grand", Decimal(1000)),
]
_CURRENCIES = [
    (r"₽|руб\w*|р\.|р\b|rub\b|rur\b|roubles?|rubles?", "RUB"),
    (r"\$|usd\b|долл\w*|бакс\w*|dollars?|bucks", "USD"),
    (r"€|eur\b|euros?|евро", "EUR"),
    (r"£|gbp\b|pounds?|фунт\w*", "GBP"),
    (r"₸|kzt\b|тенге", "KZT"),
    (r"₴|uah\b|грн\.?|гривен\w*|гривн\w*", "UAH"),
    (r"aed\b|дирхам\w*|dirhams?", "AED"),
    (r"cny\b|¥|юан\w*|yuan", "CNY"),
]
_MULTIPLIER = "|".join(f"(?:{pattern})" for pattern, _ in _MULTIPLIERS)
# A currency word must start a word: the "р" that ends "номер" is no rouble.
_CURRENCY = "(?<![^\\W\\d_])(?:" + "|".join(f"(?:{pattern})" for pattern, _ in _CURRENCIES) + ")"

# [currency] number [multiplier] [currency]; or the colloquial "тысяч 300".
_AMOUNT = re.compile(
    rf"(?P<pre>{_CURRENCY})?\s?(?P<number>{_NUMBER})\s?(?P<mult>{_MULTIPLIER})?\s?(?P<post>{_CURRENCY})?"
    rf"|(?P<mult_first>тысяч|тыщ|миллион\w*)\s(?P<number_after>\d{{1,3}})(?!\d)",
    re.IGNORECASE,
)
_RANGE_TAIL = re.compile(rf"^\s?(?:-|–|до|to|and)\s?(?={_NUMBER})", re.IGNORECASE)
_BUDGET_WORDS = re.compile(
    r"бюджет|budget|до\b|не более|не больше|в пределах|около|примерно|порядка|рассчитыва\w*|готов\w* (?:потратить|заплатить)"
    r"|up to|under|around|about|max(?:imum)?|afford|spend|willing to pay|price range",
    re.IGNORECASE,
)
_NOT_MONEY_AFTER = re.compile(
    r"^\s?(?:м2|м²|m2|m²|кв\.?\s?м|квадрат|sq|square|метр|meter|metre|комнат|room|bed|спал|этаж|floor|сот"
    r"|год|лет|year|month|мес|недел|week|дн|day|час|hour|мин|min|раз|time|%|процент|percent|шт|pcs|человек|people"
    r"|кг|kg|км|km|см|cm|x\b|х\b|-?к\b(?!\s?(?:₽|руб|р\b|eur|usd|\$|€)))",
    re.IGNORECASE,
)
_REGION_CURRENCY = {
    "RU": "RUB", "BY": "BYN", "KZ": "KZT", "UA": "UAH", "US": "USD", "GB": "GBP", "AE": "AED", "CN": "CNY",
    "DE": "EUR", "FR": "EUR", "ES": "EUR", "IT": "EUR", "NL": "EUR", "AT": "EUR", "PT": "EUR", "FI": "EUR",
    "IE": "EUR", "BE": "EUR", "GR": "EUR", "CY": "EUR", "LV": "EUR", "LT": "EUR", "EE": "EUR",
}


def currency_for_region(region: str | None) -> str | None:
    return _REGION_CURRENCY.get((region or "").upper())


def parse_budget(
    text: str, *, default_currency: str | None = None, asked: bool = False
) -> tuple[Decimal, str | None] | None:
    """The largest money amount in `text` that reads as a budget, with its currency.

    An amount counts when it carries a currency or a multiplier ("9 млн", "$450k"), or when the
    text speaks of a budget ("бюджет 300000", "up to 5000"), or when the bot just asked for the
    budget and the answer is a bare number. Areas, room counts, years and durations never count.
    """
    speaks_of_budget = asked or bool(_BUDGET_WORDS.search(text))
    best: tuple[Decimal, str | None] | None = None
    for match in _AMOUNT.finditer(text):
        amount = _amount(match)
        if amount is None or amount <= 0:
            continue
        currency = _currency(match.group("pre") or match.group("post"))
        has_multiplier = bool(match.group("mult") or match.group("mult_first"))
        after = text[match.end():]
        if not (match.group("post") or has_multiplier) and _NOT_MONEY_AFTER.match(after):
            continue
        if not (currency or has_multiplier or speaks_of_budget):
            continue
        if not currency and not has_multiplier and _looks_like_a_year(amount, match):
            continue
        # "от 5 до 7 млн": the lower bound borrows the multiplier and currency of the upper one.
        if _RANGE_TAIL.match(after) and not has_multiplier:
            continue
        if best is None or amount > best[0]:
            best = (amount, currency)
    if best is None:
        return None
    amount, currency = best
    return amount, currency or default_currency


def _amount(match: re.Match[str]) -> Decimal | None:
    raw = match.group("number") or match.group("number_after")
    value = _number(raw)
    if value is None:
        return None
    multiplier_text = (match.group("mult") or match.group("mult_first") or "").lower()
    for pattern, factor in _MULTIPLIERS:
        if multiplier_text and re.fullmatch(pattern, multiplier_text, re.IGNORECASE):
            value *= factor
            break
    return value.quantize(Decimal("0.01")) if value != value.to_integral() else value.to_integral()


def _number(raw: str) -> Decimal | None:
    raw = raw.replace("'", " ")
    grouped = re.fullmatch(r"(\d{1,3})((?:[ ,.]\d{3})+)([.,]\d+)?", raw)
    if grouped:  # "1 500 000", "1,500,000", "1.500.000,50": the separators group thousands
        raw = grouped.group(1) + re.sub(r"[ ,.]", "", grouped.group(2)) + (grouped.group(3) or "").replace(",", ".")
    else:  # "2,5", "1.2": a decimal separator
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _currency(text: str | None) -> str | None:
    if not text:
        return None
    for pattern, code in _CURRENCIES:
        if re.fullmatch(pattern, text.strip(), re.IGNORECASE):
            return code
    return None


def _looks_like_a_year(amount: Decimal, match: re.Match[str]) -> bool:
    return 1950 <= amount <= 2100 and amount == amount.to_integral() and "," not in match.group(0)
