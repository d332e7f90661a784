"""Money's words around a figure: a multiplier after it ("300 тыс", "$450k", "3 миллиона"), a currency named after it
("руб.", "баксов", "in euros", "южноафриканских рэндов") and a sign or code written before it ("$", "C$", "EUR").

`budget` reads a figure's amount and currency by them, and `timeline` knows by them that a unit of time right after
a sum is the unit of its rate ("3 миллиона сум за день", "$250 a day"), not when the customer needs it: one
reading of money for both, in a module of its own because `budget` imports `timeline`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from salesbot.extract.patterns import LazyPattern
from salesbot.extract.wordlists import currency_named

MULTIPLIER = LazyPattern(
    r"\s?(?:(?P<billion>млрд\.?|миллиард\w*|billion\w*|bn\b)"
    r"|(?P<million>млн\.?|миллион\w*|лям\w*|лимон\w*|million\w*|mln\b|mio\b|mil\b|mm\b|kk\b|кк\b|milli?on[ao]v?\b|lyam\w*)"
    # "a grand" is a thousand, "a grand opening" or "grand piano" is not
    r"|(?P<thousand>тыс\b\.?|тыс\.|тысяч\w*|тыщ\w*|тис\b\.?|тисяч\w*|thousand\w*|т\.(?=\s?р)|т(?=ыр\b|р\b)|tys\b\.?|tysyach\w*|tysch\w*"
    r"|grand\b(?!\s(?:re-?)?(?:opening|piano|prix|tour|final|jury|slam|canyon|central|hotel|hall|ballroom|design|scheme|entrance"
    r"|parent|father|mother|child|son|daughter|kid)))"
    r"|(?P<slang>кус(?:ок|ка|ков)\b|штук[аи]?\b|косар[ьяей]\w*)|(?P<lakh>lakhs?\b|lacs?\b)|(?P<crore>crores?\b)"
    r"|(?P<k>[kк]\b)|(?P<m>m\b))",
    re.IGNORECASE,
)
MULTIPLIER_VALUES = {"billion": Decimal(10) ** 9, "million": Decimal(10) ** 6, "m": Decimal(10) ** 6,
                     "thousand": Decimal(1000), "k": Decimal(1000), "slang": Decimal(1000),
                     "lakh": Decimal(10) ** 5, "crore": Decimal(10) ** 7}  # Indian English: "2 lakh", "1.5 crore"
# Russian currency nouns in their case forms, not as stems: "бакс\w*" took the boiler "Baxi" ("котёл бакси") for
# dollars, and "франк\w*" a flight via Frankfurt for francs.
RU_ROUBLES = r"рубл(?:ь|я|ей|ю|ём|ем|ям|ями|ях|е|ик(?:ов|а|и)?)"
RU_DOLLARS = r"доллар(?:ов|а|ы|ам|ами|ах|е|у|ом)?"
RU_BUCKS = r"бакс(?:ов|а|ы|ам|ами|ах|е|у|ом|ик(?:ов|а|и)?)?"
RU_POUNDS = r"фунт(?:ов|а|ы|ам|ами|ах|е|у|ом)?"
RU_FRANCS = r"франк(?:ов|а|и|ам|ами|ах|е|у|ом)?"
RU_HRYVNIAS = r"гривн(?:а|ы|е|у|ой|ам|ами|ах)|гривен|гривень"
RU_YUANS = r"юан(?:ь|я|ей|ю|ем|ям|ями|ях|е)"
RU_DIRHAMS = r"дирхам(?:ов|а|ы|ам|ами|ах|е|у|ом)?"
RU_EUROS = r"евро|еврик(?:ов|а|и|ам|ами|ах)?"
_CURRENCIES = (
    # and the adjective alone: "до 40 тысяч российских", "300 белорусских"
    (rf"₽|(?:{RU_ROUBLES}|руб)\b\.?|р\.|р\b|ыр\b|rub\b|rur\b|roubles?\b|rubles?\b|rubl(?:ei|ey|ya|ej)\b|российск\w*(?:\s{RU_ROUBLES})?", "RUB"),
    (rf"бел\w*\.?\s?(?:{RU_ROUBLES}|руб)\b\.?|белорусск\w*|byn\b", "BYN"),
    # "зелёных" only after a multiplier ("10 косарей зелёных"): "2 зелёных кресла" are chairs
    (rf"\$|usd\b|(?:{RU_DOLLARS}|долл)\b\.?|{RU_BUCKS}\b|у\.\s?е\.?|dollars?\b|dollarov\b|baks(?:ov|a)?\b|bucks\b|(?<=[^\W\d] )(?:зел[её]н(?:ых|ые|ыми)|зелени)\b", "USD"),
    (rf"€|eur\b|euros?\b|(?:{RU_EUROS})\b|evro\b", "EUR"),
    (rf"£|gbp\b|pounds?(?:\ssterling)?\b|sterling\b|quid\b|{RU_POUNDS}\b(?:\sстерлингов)?", "GBP"),
    (r"cad\b|c\$|canadian(?: dollars?)?\b|cdn\b|канадск\w* долл\w*", "CAD"),
    (r"aud\b|a\$|(?:australian|aussie)(?: dollars?)?\b|австралийск\w* долл\w*", "AUD"),
    (r"inr\b|₹|rupees?\b|рупи\w*", "INR"),
    (r"jpy\b|¥|yen\b|иен\w*|йен\w*", "JPY"),
    (r"₸|kzt\b|тенге\b|тг\b|tenge\b", "KZT"),
    (rf"₴|uah\b|грн\b\.?|(?:{RU_HRYVNIAS})\b", "UAH"),
    (rf"aed\b|{RU_DIRHAMS}\b|dirhams?\b", "AED"),
    (rf"cny\b|{RU_YUANS}\b|yuan\b|rmb\b", "CNY"),
    (rf"chf\b|{RU_FRANCS}\b|francs?\b|franken\b", "CHF"),
    (r"pln\b|злот\w*|zloty\b|zł", "PLN"),
    (r"nzd\b|nz\$|(?:new zealand|kiwi) dollars?\b", "NZD"),
    (r"sgd\b|s\$|singapore dollars?\b", "SGD"),
    (r"hkd\b|hk\$|hong kong dollars?\b", "HKD"),
    (r"try\b|лир\b|лир[аы]\b|turkish lira\b", "TRY"),
    (r"gel\b|лари\b", "GEL"),
    (r"amd\b|драм\w*", "AMD"),
    (r"kgs\b|сом\b|сомов\b", "KGS"),
    (r"uzs\b|сум\b|сумов\b", "UZS"),
    (r"azn\b|₼|манат\w*|manats?\b", "AZN"),
    (r"ils\b|nis\b|₪|shekels?\b|шекел\w*", "ILS"),
    (r"zar\b|rand\b|рэнд\w*", "ZAR"),
    (r"brl\b|r\$|reais\b|реал(?:ов)?\b", "BRL"),
    (r"thb\b|฿|baht\b|бат(?:ов)?\b", "THB"),
    (r"czk\b|kč|чешск\w* крон\w*", "CZK"),
)
_CURRENCY_AFTER = LazyPattern(
    r"\s?(?:(?:в|in)\s)?(?:" + "|".join(f"(?P<c{i}>{pattern})" for i, (pattern, _) in enumerate(_CURRENCIES)) + ")"
    # any other ISO 4217 code, in capitals: "10000 SEK", "3000 MXN" (checked against pycountry's list)
    r"|\s?(?P<iso>(?-i:[A-Z]{3}))\b",
    re.IGNORECASE,
)
# ... or any other currency, by its name as CLDR spells it (`wordlists.currency_named`): the next words, up to four
# ("500 форинтов", "2 млн южноафриканских рэндов", "300 in Swiss francs").
_NAME_AFTER = LazyPattern(r"\s?(?:(?:в|in)\s)?(?P<name>[^\W\d_]+(?:\s[^\W\d_]+){0,3})", re.IGNORECASE)
_NAME_WORD_ENDS = re.compile(r"(?<=\w)(?=\s|$)")
# The mark `budget.local_signs` leaves where a sign in letters names the local currency: "¤", the sign of a currency
# unnamed, which the figure's currency stays until `budget.find_money` names it the company's.
LOCAL = "¤"
# A currency's sign or code written before its figure: "$", "C$ 45k", "NZ$300", "S$1,200", "EUR 15.000".
CURRENCY_BEFORE = LazyPattern(
    r"(?:(?<![A-Za-z])(?P<dollar>c|ca|a|au|nz|us|s|hk|r)\$|(?P<sym>[$€£₽₸₴₪₼฿₹¥¤])"
    r"|(?<![A-Za-z])(?P<code>usd|eur|gbp|rub|kzt|uah|aed|chf|cad|aud|nzd|byn|uzs|pln|try|inr|jpy|sgd|hkd)\.?)\s?$", re.IGNORECASE)
SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₸": "KZT", "₴": "UAH", "₪": "ILS", "₼": "AZN", "฿": "THB", "₹": "INR", "¥": "JPY", LOCAL: LOCAL}
DOLLARS = {"c": "CAD", "ca": "CAD", "a": "AUD", "au": "AUD", "nz": "NZD", "us": "USD", "s": "SGD", "hk": "HKD", "r": "BRL"}
def end_of_multiplier(text: str, position: int) -> int:
    multiplier = MULTIPLIER.match(text, position)
    return multiplier.end() if multiplier else position


def currency_after(text: str, position: int) -> str | None:
    written = currency_written_after(text, position)
    return written[0] if written else None


def currency_written_after(text: str, position: int) -> tuple[str, int] | None:
    """The currency named right at `position` and where its name ends: one of `_CURRENCIES`, a code, else one that
    CLDR names in the next words, the longest name first ("южноафриканских рэндов", not "рэндов" alone)."""
    match = _CURRENCY_AFTER.match(text, position)
    if match and match.lastgroup:
        code = _iso_currency(match.group("iso")) if match.lastgroup == "iso" else _CURRENCIES[int(match.lastgroup[1:])][1]
        return (code, match.end()) if code else None
    words = _NAME_AFTER.match(text, position)
    if words is None:
        return None
    start = words.start("name")
    for end in reversed([end.start() for end in _NAME_WORD_ENDS.finditer(text, start, words.end())]):
        if code := currency_named(text[start:end]):
            return code, end
    return None


def _iso_currency(code: str) -> str | None:
    """`code` when ISO 4217 lists it: pycountry is loaded only for a code none of the currencies above names."""
    import pycountry  # here, not at the top: its list is read only for a rare code

    return code if pycountry.currencies.get(alpha_3=code) is not None else None


# The figure last before a place, with nothing but other characters between: "1 500 000" in "1 500 000 сум ".
_LAST_FIGURE = LazyPattern(r"\d(?:[\d\s.,]*\d)?(?=\D*$)")


def money_ends_at(text: str, position: int, *, reach: int = 30) -> bool:
    """A sum of money ends at `position` but for spaces, its figure in the `reach` characters before: "3 миллиона сум ",
    "$250 ", "40k EUR " (not "3 человека ")."""
    figure = _LAST_FIGURE.search(text, max(0, position - reach), position)
    if figure is None:
        return False
    end = end_of_multiplier(text, figure.end())
    if (written := currency_written_after(text, end)) is not None:
        end = written[1]
    elif not CURRENCY_BEFORE.search(text, max(0, figure.start() - 6), figure.start()):
        return False
    return end <= position and not text[end:position].strip()
