"""Budgets: an amount and an ISO 4217 currency, from the many ways people write money.

"до 9 млн", "1 500 000 ₽", "тысяч 300", "тысяч до 50", "полтора миллиона", "до трёхсот тысяч", "$450k",
"80k EUR", "C$ 45k", "£25,000", "бюджет 2,5 млн рублей", "€1.2m", "5 million dollars", "do 1.2 mln".

A range ("150 000 - 200 000", "от 5 до 7 млн", "тыщ 300-400", "$5k-$10k", "$15-20k") is one amount, its
upper bound (what the customer says they can spend, which is what a manager qualifies on), with its
lower bound beside it; the lower bound borrows the upper one's multiplier, and either bound's currency
is the range's. "до", "up to", "or less", "max" mark an upper bound, "от", "from", "at least" a lower
one; "в месяц", "/mo", "бюджет на месяц" a monthly budget. Numbers that are not money are refused by
what stands around them: tax ids (ИНН, КПП, ОГРН), contract and order numbers, a phone's first digits,
mileage, years, ages, sizes, areas, counts; and money that is not what the customer will spend: a down
payment or a bond, a salary, a pension, a bill or a fee, the rent paid now, a fine, a debt, a sum claimed, refunded,
inherited, insured, awarded, owed, to be saved or lost, sales, what the customer spends now, a delivery fee, a price
the customer sells or lets at or a seller asks, what new ones go for, the sum of an order already placed, another company's quote or a price they ask the company to match, the company's own price
said back or asked about, a price seen, paid before or turned down, or an invoice (unless they want to come in
under it), and a figure listed right after such a price or worked out from it ("225 and 120", "то есть 7500").
"уложиться в 70 тысяч" is at most that, as "в пределах" is; a figure asked about as enough ("is 500 enough?") is
the customer's own.
Of two figures in one message, one after words that take the other back ("actually under 150") is the budget.
With a budget known, a bare figure after words that correct one ("нет, 45", "make that 2.5") is read
on its scale by the caller, and one "on top" ("на 200 больше", "another 5k") is added to it. A budget
without a figure ("недорого", "money is no object") is kept in the customer's words.

Numbers are found first with one simple pattern; currency and multiplier are then read around
each with anchored matches, so the cost stays linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Literal

from salesbot.extract.currency import (
    CURRENCY_BEFORE,
    DOLLARS,
    LOCAL,
    MULTIPLIER,
    MULTIPLIER_VALUES,
    RU_BUCKS,
    RU_DIRHAMS,
    RU_DOLLARS,
    RU_EUROS,
    RU_FRANCS,
    RU_HRYVNIAS,
    RU_POUNDS,
    RU_ROUBLES,
    RU_YUANS,
    SYMBOLS,
    currency_after,
    currency_written_after,
    end_of_multiplier,
)
from salesbot.extract.makes import MAKES
from salesbot.extract.patterns import GuardedPattern, LazyPattern
from salesbot.extract.timeline import MONTHS_EN, MONTHS_RU
from salesbot.extract.wordlists import is_local_sign

# Russian number words in the nominative and in the cases that follow "до", "около", "от", "в пределах",
# "порядка", "к", "между" ("до трёхсот тысяч", "около сорока", "между двумя и тремя миллионами"); not
# "семью", which is more often a family than seven.
_UNIT_WORDS = {
    "один": 1, "одна": 1, "одну": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
    "восемь": 8, "девять": 9, "одного": 1, "одной": 1, "одному": 1, "двух": 2, "двум": 2, "трёх": 3, "трех": 3,
    "трём": 3, "трем": 3, "четырёх": 4, "четырех": 4, "четырём": 4, "четырем": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "двумя": 2, "тремя": 3, "четырьмя": 4, "пятью": 5, "шестью": 6, "восемью": 8,
    "девятью": 9, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}
_TEEN_WORDS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TEEN_WORDS |= {word[:-1] + "и": value for word, value in _TEEN_WORDS.items() if word.endswith("ь")}  # "пятнадцати"
_TEN_WORDS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70, "восемьдесят": 80,
    "девяносто": 90, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50, "шестидесяти": 60,
    "семидесяти": 70, "восьмидесяти": 80, "девяноста": 90, "двадцатью": 20, "тридцатью": 30, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDRED_WORDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900, "ста": 100, "двухсот": 200, "трёхсот": 300, "трехсот": 300,
    "четырёхсот": 400, "четырехсот": 400, "пятисот": 500, "шестисот": 600, "семисот": 700, "восьмисот": 800,
    "девятисот": 900, "сотня": 100, "сотню": 100,
}
# Russian number words as people write them in Latin letters: "do dvuh millionov", "okolo trehsot tysyach".
_TRANSLIT_WORDS = {
    "odin": 1, "odna": 1, "odnu": 1, "dva": 2, "dve": 2, "tri": 3, "chetyre": 4, "pyat": 5, "shest": 6, "sem": 7, "vosem": 8,
    "devyat": 9, "dvuh": 2, "dvukh": 2, "treh": 3, "trekh": 3, "chetyreh": 4, "chetyrekh": 4, "pyati": 5, "shesti": 6,
    "semi": 7, "vosmi": 8, "devyati": 9,
}
_TRANSLIT_TENS = {
    "desyat": 10, "dvadcat": 20, "dvadtsat": 20, "tridcat": 30, "tridtsat": 30, "sorok": 40, "soroka": 40, "pyatdesyat": 50,
    "shestdesyat": 60, "semdesyat": 70, "vosemdesyat": 80, "devyanosto": 90,
}
_TRANSLIT_HUNDREDS = {
    "sto": 100, "dvesti": 200, "trista": 300, "chetyresta": 400, "pyatsot": 500, "shestsot": 600, "semsot": 700,
    "vosemsot": 800, "devyatsot": 900, "dvuhsot": 200, "dvukhsot": 200, "trehsot": 300, "trekhsot": 300, "pyatisot": 500,
}
_UNIT_WORDS |= _TRANSLIT_WORDS
_TEN_WORDS |= _TRANSLIT_TENS
_HUNDRED_WORDS |= _TRANSLIT_HUNDREDS
_SPECIAL_WORDS = {
    "poltora": "1.5", "poltory": "1.5", "polutora": "1.5",
    "полтора": "1.5", "полторы": "1.5", "полутора": "1.5", "пол": "0.5", "пол-": "0.5", "полу": "0.5", "половину": "0.5",
    "пару": "2", "half a": "0.5", "half an": "0.5", "half": "0.5", "a": "1", "an": "1", "a couple of": "2", "a couple": "2",
    "couple": "2", "a hundred": "100",
    "hundred": "100",
}


def _alternatives(words: Mapping[str, object]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


def _english(words: Mapping[str, int]) -> dict[str, int]:
    return {word: value for word, value in words.items() if word.isascii() and word not in _TRANSLIT_WORDS | _TRANSLIT_TENS}


# A number in words before a multiplier: "двенадцать миллионов", "сто пятьдесят тысяч", "twenty five grand".
_TENS_AND_UNITS = rf"(?:{_alternatives(_TEN_WORDS)})(?:[\s-](?:{_alternatives(_UNIT_WORDS)}))?"
_BELOW_A_HUNDRED = rf"(?:{_TENS_AND_UNITS}|{_alternatives(_TEEN_WORDS)}|{_alternatives(_UNIT_WORDS)})"
# Hundreds as English speakers say a price: "one fifty" (150), "two twenty five" (225), "one fifteen" (115).
_EN_UNIT_WORDS = _english(_UNIT_WORDS)
_EN_UNITS = _alternatives(_EN_UNIT_WORDS)
_SAID_HUNDREDS = (rf"(?:{_EN_UNITS})\s(?:(?:{_alternatives(_english(_TEN_WORDS))})(?:[\s-](?:{_EN_UNITS}))?"
                  rf"|{_alternatives(_english(_TEEN_WORDS))})")
NUMBER_WORDS = (
    # "twelve hundred", "thirty five hundred", "a hundred and fifty", "three hundred fifty" (not "five hundred and
    # eight hundred": two numbers); "one point five"
    rf"(?:(?:{_BELOW_A_HUNDRED}|a couple|couple|a) hundred(?:\s(?:and\s)?{_BELOW_A_HUNDRED}(?!\shundred))?"
    rf"|{_BELOW_A_HUNDRED} point (?:{_alternatives(_UNIT_WORDS)})(?:\s(?:{_alternatives(_UNIT_WORDS)}))?"
    rf"|(?:{_alternatives(_HUNDRED_WORDS)})(?:\s(?:{_alternatives(_TEN_WORDS)}))?(?:\s(?:{_alternatives(_UNIT_WORDS)}))?"
    rf"|{_SAID_HUNDREDS}|{_TENS_AND_UNITS}|{_alternatives(_TEEN_WORDS)}"
    rf"|{_alternatives(_UNIT_WORDS)}|{_alternatives(_SPECIAL_WORDS)})(?:\s(?:с половиной|and a half))?"
)
_NUMBER = GuardedPattern(
    r"(?<![\w.,+/#№:'’])(?:(?<=\d[kKкКmM]-)|(?<![^\W\d]-))(?:\d{1,3}(?:(?P<sep>[ ,.'])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)"
    r"(?![\d:]|[.,/-]\d{2}[./-]|[.,]\d|['’]\d)"  # not a date, a time, nor feet and inches ("5'6")
    rf"|(?<!\w)(?=[^\W\d_])(?P<word>{NUMBER_WORDS})(?=\s?(?:млн|миллион|лям|лимон|тыс|тысяч|тыщ|кус|штук|million|thousand|grand|k\b|mil\b|mln|tys|lyam)"
    rf"|\s?(?:(?:-|или|до|и|to|or|and)\s?)?(?:{NUMBER_WORDS})(?:\s?(?:млн|миллион|лям|лимон|тыс|тысяч|million|thousand|grand|k\b|mln|tys|lyam)|(?<=hundred))"
    r"|\s(?:руб\w*|долл\w*|бакс\w*|евро|dollars|bucks|pounds|quid|euros)|(?<=hundred)\s*(?:$|[.,!?]|(?=(?:a|per|each|every) month\b|monthly\b|/\s?mo)))"
    # "миллион рублей", "до ляма", and "миллион двести" (1 200 000)
    # "тысяча за занятие", "тысячу в месяц"; not "тысяча девятьсот" (a year) nor "тысяча пятьсот километров"
    r"|(?<!\w)(?P<alone>(?:(?:тысяч|тыщ)и|косар[ья])(?=\s?(?:руб|₽|долл|бакс|\$|евро|€|£|тенге|₸|грн|гривен|гривн))"  # "тысячи" alone: the plural
    # ... unless with a currency or after a bound: "около тысячи долларов", "до тысячи" ("их тысячи" are many)
    r"|(?:(?<=до\s)|(?<=около\s)|(?<=от\s)|(?<=порядка\s)|(?<=пределах\s)|(?<=районе\s)|(?<=примерно\s))(?:тысяч|тыщ)и"
    r"(?=$|[.,!)]|\s(?:за|в|на)\s[^\W\d])"
    r"|(?:тысяч|тыщ)[ау](?=\s?(?:руб|₽|долл|бакс|\$|евро|€|£|тенге|₸|грн|гривен|гривн|белорусск|российск|$|[.,!)])|\s(?:за|в|на)\s[^\W\d]))"
    r"|(?<!\w)(?P<alone_m>миллион[аеу]?|лям[аеу]?|лимон[аеу]?|штук[ау](?=\s(?:бакс|долл|евро)))"
    r"(?=\s?(?:руб|₽|р\b|долл|бакс|\$|евро|€|£|фунт|тенге|тг\b|₸|сом|сум|грн|гривен|гривн|$|[.,!)])|\s(?:за|в|на)\s"
    r"|\s(?:где-то|где то|примерно|наверное|максимум|макс|не больше|или чуть больше|с половиной)(?!\w)|\s(?P<hundreds>"
    + _alternatives(_HUNDRED_WORDS) + r")(?!\w))",
    re.IGNORECASE,
    # A digit, or a number in words and the multiplier or currency word that must follow it.
    needs=(r"\d|млн|миллион|лям|лимон|тыс|тыщ|кус|штук|million|thousand|grand|k\b|mil\b|mln|tys|lyam|руб|долл|бакс|евро|dollars|bucks"
           r"|pounds|quid|euros|hundred"),
)
# A bare number in words after a bound, a hedge or a correction ("ну до двухсот", "около трёхсот", "make that forty
# five"): money on the scale of a budget known or asked for, as voice typing writes a figure; not an article ("about a week").
_BOUND_WORD_NUMBER = LazyPattern(
    rf"(?<!\w)(?:до|от|около|под|где-то|где то|примерно|порядка|максимум|в районе|в пределах|up to|around|about|under|max"
    # ... or after words that correct a figure: "actually make that forty five", "нет, точнее триста"
    rf"|make (?:it|that)|i meant?|actually|say|точнее|вернее|скорее|скажем|нет,?|можно и|можем и|могу и|хотя и|или даже|даже|or even|ну)"
    rf"\s(?P<words>{NUMBER_WORDS})(?!\w)", re.IGNORECASE)
# ... but not a head count: "нас около двадцати", "we'll be about thirty", "гостей примерно сорок".
_HEADCOUNT_BEFORE = LazyPattern(r"(?<!\w)(?:нас|гостей|детей|человек|участников|we(?:'re| are|'ll be| will be)|there(?:'ll| will) be"
                                r"|people|guests|kids)\s$", re.IGNORECASE)
_WORDS_ALONE = LazyPattern(rf"(?:{NUMBER_WORDS})(?!\w)", re.IGNORECASE)
_FEW_BEFORE = LazyPattern(r"(?<!\w)(?:few|several|some|many|несколько)\s$", re.IGNORECASE)
_NOT_A_FIGURE = frozenset(("a", "an", "half", "half a", "half an", "a couple of", "пол", "полу", "половину"))
_HALF_AFTER = LazyPattern(r"\s(?:and a half|с половиной)(?!\w)", re.IGNORECASE)
# Thousands after millions, in words: "миллион двести пятьдесят (тысяч)".
_HUNDREDS_AFTER = LazyPattern(
    rf"\s(?P<words>(?:{_alternatives(_HUNDRED_WORDS)})(?:\s(?:{_alternatives(_TEN_WORDS)}))?(?:\s(?:{_alternatives(_UNIT_WORDS)}))?)"
    r"(?!\w)(?:\s?тыс\w*)?", re.IGNORECASE)
# "a million", "a thousand": money only where money is spoken of ("thanks a million"); "a mil", "a grand" are money
_ARTICLES, _SAYINGS = frozenset(("a", "an")), frozenset(("million", "thousand"))
_WORD_VALUES = {**_UNIT_WORDS, **_TEEN_WORDS, **_TEN_WORDS, **_HUNDRED_WORDS}


def number_in_words(phrase: str) -> Decimal:
    """The value of a number in words: "двенадцать" 12, "сто пятьдесят" 150, "twenty-five" 25, "полтора" 1.5."""
    phrase = " ".join(phrase.lower().replace("-", " ").split())
    for half in (" с половиной", " and a half"):
        if phrase.endswith(half):
            return number_in_words(phrase.removesuffix(half)) + Decimal("0.5")
    if phrase in _SPECIAL_WORDS:
        return Decimal(_SPECIAL_WORDS[phrase])
    if " point " in phrase:  # "one point five", "two point two five"
        whole, fraction = phrase.split(" point ", 1)
        return number_in_words(whole) + Decimal("0." + "".join(str(_UNIT_WORDS[word]) for word in fraction.split()))
    first, _, rest = phrase.partition(" ")
    if first in _EN_UNIT_WORDS and rest.split(" ")[0] in _TEN_WORDS | _TEEN_WORDS:
        return _UNIT_WORDS[first] * 100 + number_in_words(rest)  # "one fifty": 150
    if " hundred" in phrase:  # "twelve hundred", "a hundred and fifty"
        hundreds, rest = phrase.split(" hundred", 1)
        rest = rest.strip().removeprefix("and ")
        return number_in_words(hundreds) * 100 + (number_in_words(rest) if rest else 0)
    return Decimal(sum(_WORD_VALUES[word] for word in phrase.split()))


# A sign in letters written before a figure where a currency is the local one ("R500", "Ksh 2,000"; see
# `local_signs`, which marks it `currency.LOCAL`).
_LETTER_SIGN = LazyPattern(r"(?<![\w.,])(?P<sign>[^\W\d_]{1,3})(?=\s?\d)")
# ... as it may stand between a bound and the figure ("up to S$1,200", "max. EUR 15.000"), unnamed.
_ANY_SIGN = r"(?:(?:[A-Za-z]{1,2}\$|[$€£₽₸₴₹¥¤]|(?:usd|eur|gbp|rub|kzt|uah|aed|chf|cad|aud|nzd|byn|uzs|pln|inr|jpy|sgd|hkd)\.?)\s?)?"
# The colloquial order: "тысяч 300", "миллиона 3", "тысяч до 50", "тыщ под 200", "тысяч сто", "миллиона полтора",
# "тысячи полторы евро", "косарей 20", "штук 5 баксов" (with a currency: "штук 5" alone are pieces).
# Not after a singular "миллион" or "тысяча", which is the number itself ("миллион двести": 1.2 million),
# unless a dash makes it a range from one of it: "миллион-полтора", "лям - два".
_MULTIPLIER_FIRST = GuardedPattern(
    r"(?<!\w)(?=[тТмМлЛшШкК])(?P<mult>тысяч\w*|тыщ\w*|тыс\.?|тисяч\w*|тис\.?|штук[аи]?|косар\w*|миллион\w*|лям\w*|лимон\w*)"
    r"(?:\s?(?P<dash>[-–—])\s?|\s)"
    r"(?:(?P<pre>на|за|до|под|около|где-то|примерно|в|от)\s)?"
    rf"(?:(?P<number>\d{{1,3}}(?:[.,]\d)?)|(?P<words>{NUMBER_WORDS})(?!\w))"
    r"(?:\s?(?:-|–|до)\s?(?:(?P<upper>\d{1,3}(?:[.,]\d)?)|(?P<million>миллион[аов]?|лям[аов]?|лимон[аов]?)(?!\w))"
    rf"|(?:\s?(?:-|–|до|или)\s?|\s)(?P<upper_words>{NUMBER_WORDS})(?!\w))?(?![\d]|[.,]\d)",
    re.IGNORECASE,
    needs=r"тыс|тыщ|тис|штук|косар|миллион|лям|лимон",
)
# Between the parts of one amount said in parts ("1 млн 200 тыс", "two thousand and five hundred").
_PART_GAP = LazyPattern(r"\s(?:(?:и|and)\s)?", re.IGNORECASE)
_SPOKEN_RANGE_GAP = LazyPattern(r"\s")
_BOUND_BEFORE: dict[str, Literal["min", "max"]] = {"до": "max", "от": "min"}  # "тысяч до 300", "тысяч от 300"
_SINGULAR_MILLION = frozenset(("миллион", "лям", "лимон", "тысяча", "тысячу", "тыща", "тыщу", "штука", "штуку"))
# One of the multiplier, as a range's lower bound: "миллион-полтора", "от ляма до двух", "от тысячи до полутора".
_ONE_OF_IT = frozenset(("миллион", "миллиона", "лям", "ляма", "лимон", "лимона", "тысяча", "тысячи", "тыща", "тыщи", "косарь", "косаря"))
_FROM_BEFORE = LazyPattern(r"(?<!\w)от\s$", re.IGNORECASE)
_RANGE_TO = LazyPattern(r"\s?(?:-|–|—|до|по|up to|to|and|или|и|or|do|bis|und)\s?(?:[$€£₽¤]\s?)?", re.IGNORECASE)
_ROUBLES = frozenset(("RUB", "BYN"))  # "рублей" alone, then the adjective that says whose
_BUDGET_CUE = LazyPattern(
    r"(?:бюджет\w*|budget|до|не более|не больше|не дороже|максимум|в пределах|в районе|около|примерно|порядка|где-то"
    r"|рассчитыва\w*|готов\w*|могу|можем|есть|имеется|накопил\w*|ипотек\w*|up to|under|below|max(?:imum)?|around|about"
    r"|stretch(?: it)? to|go up to|push (?:it )?to|(?:could|can)(?: only| just)? (?:do|add|manage|go(?: to| up to)?)|доплат\w*|доплач\w*"
    r"|at a (?:push|stretch|pinch)|if pushed|в крайнем случае|на крайний случай|cap(?:ped)?(?: it)? at|(?:happy|willing|prepared) to go(?: up)? to"
    r"|итого|в сумме|in total|altogether|roughly|approx\w*|afford|spend|pay|have|got|range|no more than|less than|within|between|zwischen|from|от"
    # the customer's own spending, as `_SMALL_FIGURE_CUE` reads it: "хотелось бы уложиться в 200", "hoping for 30-32"
    r"|(?:по)?тратить|заплатить|отдать|уложиться|денег|деньги|hop(?:ing|ed|e) for|ideally|в идеале|край"
    r"|b[yi]?u[dj]zh?et|okolo|primerno|v rajone|v raione|(?:^|[,;(]\s?)(?:do|ot))\b[^.!?\n\d]{0,24}$",
    re.IGNORECASE,
)
# Words after which even a small figure is a budget, on a scale the caller knows: "бюджет до 150", "pay under 30".
_SMALL_FIGURE_CUE = LazyPattern(
    r"(?:бюджет\w*|budget|денег|деньги|(?:по)?тратить|заплатить|отдать|рассчитыва\w*|уложиться|afford|spend|pay|money|stretch"
    # money set apart for the work: "на DD выделено 1,5-2 млн", "we've allocated 20k"
    r"|выдел(?:ено|ен[аы]?|яем|им|или)|заложен[оы]?|закладыва\w*|allocated|earmarked)"
    r"\b[^.!?\n\d]{0,24}$", re.IGNORECASE)
# The company's own price, said back or asked about, right before the figure: "у вас 25 тысяч?", "you charge 45?", "вы правда
# платите 15 тысяч за машину?", "is the extra hour still £45?"; even a month's or a unit's ("у вас 8000 в месяц за автомат").
_THEIR_PRICE = (r"(?:у вас(?:\s(?:вроде|же|ведь|там|сейчас|написано|указано))?|(?:вы|you) (?:(?:правда|really) )?(?:берёте|берете|просите"
                r"|платите|charge|ask|pay)|(?:is|are) (?:it|that|this|they|the [^\W\d]+(?: [^\W\d]+)?) still)\s?")
_THEIR_PRICE_BEFORE = LazyPattern(r"(?<!\w)" + _THEIR_PRICE + _ANY_SIGN + "$", re.IGNORECASE)
_PRICE_CUE = LazyPattern(
    r"(?:стоит|стоят|стоил[аио]?|стоимость\w*|цена|цены|ценой|обойд[её]тся|выезд\w*|вызов\w*|price[sd]?|priced|costs?|runs|goes for|fees?"
    r"|" + _THEIR_PRICE + r"$"
    # a fee or a tax paid to someone else: "консульский сбор 90 евро", "госпошлина 3000", "tuition is £18,500"
    r"|сбор|сбора|пошлин\w*|госпошлин\w*|tuition|levy|duty|shipping|postage|delivery|доставк\w*|tips?|чаевы\w"
    r"|call[- ]?out|за м2|per m2)\b"
    r"[^.!?\n\d]{0,16}$", re.IGNORECASE)
# A price with a hedge before its figure, which is no word of the customer's budget: "одна стоит где-то 3,1 млн", "it costs about $900".
_HEDGED_PRICE = LazyPattern(r"(?<!\w)(?:стоит|стоят|стоил[аио]?|обойд[её]тся|costs?|priced|goes for|runs)\s(?:где-то|около|примерно|порядка"
                            r"|в районе|around|about|roughly|approx\w*)\s" + _ANY_SIGN + "$", re.IGNORECASE)
_NOT_MONEY_AFTER = LazyPattern(
    r"\s?-?(?:м2|м²|m2|m²|кв\.?\s?м|кв\b|квадрат|sq|square|м\b|метр|meter|metre|ft|feet|комнат|комн|room|bed|br\b|спал|этаж|floor|storey"
    r"|сот|га\b|hectare|acre|год|лет|year|yr|мес|month|недел|week|дн|день|day|час|hour|мин(?!имум)|min(?!imum)|сек|раз|time|%|процент|percent"
    r"|[ap]\.?m\b|o'?clock|утра|вечера"
    r"|шт|pcs|piece|человек|чел|people|person|guest|adult|kid|child|дет|взросл|мест|seat|user|пользоват|сотрудник|employee|staff|worker|attendee|participant|delegate|colleague|участник|работник"
    r"|кг|kg|кило|lbs?\b|тонн|tons?\b|tonnes?\b|км|km|miles?\b|mi\b|миль|см|cm|мм|mm|л\.с|hp|лошад|литр|l\b|kw|квт|вт|each\b|apiece|a piece|за штуку|за шт|за единицу|per (?:piece|item|unit|panel|window)|gb|гб|tb|ночь|ноч|night|окн|двер|м\.|x\s?\d|х\s?\d|\*\s?\d"
    # a short word is a unit ("5 г", "3-х", "2 т"), not a particle or a conjunction ("до 600 то есть", "500 не больше")
    r"|-?(?!(?:и|а|но|да|не|ни|ну|то|же|ли|бы|уж|вот|или|ой|ок)\b)[а-я]{1,2}\b(?<![кk])(?<!за(?=\s(?:заняти|урок|час|сеанс|визит|при[её]м|ноч|сутки|смену|выезд|процедур)))|-?(?:st|nd|rd|th)\b|-?к(?:омнатн|\s?кв|вартир))",
    re.IGNORECASE,
)
# After a multiplier: thousands of kilometres, users or views are not money ("пробег 90 тыс км"), nor is "14k gold" (carats).
_COUNT_AFTER_MULTIPLIER = LazyPattern(
    r"\s?-?(?:км|km\b|mi\b|miles?\b|миль|шт|pcs|человек|people|users|пользовател\w*|подписчик\w*|followers|просмотр\w*"
    r"|views|визит\w*|visits|товар\w*|items|sku|знак\w*|символ\w*|слов\b|characters|words|м2|кв\b|sq|tv\b|video|monitor|screen|display|resolution|телевизор\w*"
    r"|пробег\w*|mileage|on the clock|on the odo\w*|subscribers|subs\b|visitors|members|customers|clients|units|copies"
    r"|flyers|leaflets|impressions|clicks|leads|копи[йи]|экземпляр\w*|листов\w*|посетител\w*|клиент\w*|единиц\w*"
    r"|(?:white |yellow |rose )?gold\b|золот\w*)",
    re.IGNORECASE)
# What money is for, after it: "$200 на всё", "бюджет 30 000 на ремонт", "рублей 500 за всё" (not "2 на 3": a size).
_SPENT_ON_AFTER = LazyPattern(r"\s(?:на|за)\s[^\W\d]", re.IGNORECASE)
_ROOMS_AFTER_K = LazyPattern(r"\s?(?:кв|комн|room|bed|apartment|flat|br\b)", re.IGNORECASE)
# A flat's number ("квартира 12"), but "квартира до 6 млн", "квартира 6 млн" are money.
_FLAT_NUMBER_BEFORE = LazyPattern(r"\bквартир[аеу]\s?№?\s?$", re.IGNORECASE)
_NOT_MONEY_BEFORE = LazyPattern(
    # (not "на заказ", "под заказ": made to order, as "кухня на заказ 45 тысяч" is, and no order's number)
    r"(?:(?:№|#|\bno\.?|\bномер\w*|(?<!на\s)(?<!под\s)\bзаказ\w*|\bдом\b|\bкорп\w*|\bкв\.|\bid|\bкод\w*|\bcode"
    r"|\border|\binvoice|\bартикул\w*|\bинн|\bкпп|\bогрн\w*|\bбик|\bснилс|\bокпо|\bр/с|\bк/с|\bсч[её]т\w*|\bдоговор\w*"
    r"|\bcontract|\bpo\b|\bvat|\btax id|\bein\b|\bssn\b|\bitin\b|\butr\b|\bcompany (?:no|number)|\bиндекс|\bzip"
    r"|\bpostcode|\bверси\w*|\bversion|\bv\.?|\bпробег\w*|\bmileage"
    r"|\bodometer|\bразмер\w*|\bsize|\bрост\w*|\bвес\w*|\bгод\w* выпуска|\bвыпуска|\bмодел\w*|\bmodel|\bстарше"
    r"|\bмоложе|\bновее|\bnewer than|\bolder than|\bnot older than|\bтираж\w*|\bprint run|\bquantity|\bqty"
    r"|\bкол-во|\bколичеств\w*|\bi'?m|\bi am|\baged?|\b(?:he|she|they)(?:'s|'re|\sis|\sare|\swas|\sturns?)"
    r"|\b(?:ему|ей)(?:\s(?:уже|будет|исполнилось|исполнится))?|\bпаспорт\w*|\bpassport|\bсери[яи]|\bpolicy|\bполис\w*|\bref(?:erence)?"
    r"|\bticket|\bcase|\baccount|\bacct|\bлицев\w* сч[её]т\w*)"
    # "order number 448812", "SSN ends in 4421", "паспорт серия 4510 номер 123456": the id's own words before it
    r"(?:\s(?:number|num\.?|no\.?|ends? (?:in|with)|ending(?: in)?|серия|номер))*\s*[:#№]?\s*(?:\d+[-/\s])*"  # "EIN 12-3456789"
    # a size's second figure: "окна 1400 на 1200", "6x12"
    r"|\d+\s?(?:на|x|х|×|\*|by)\s?"
    # A phone's first digits, the rest to come: "звоните 8 916 555", "my cell is 415 555".
    r"|(?:\b(?:по)?звон\w*|\bперезвон\w*|\bнабер\w*|\bтел\b\.?|\bтелефон\w*|\bмоб\w*|\bсотов\w*|\bватсап\w*|\bвотсап\w*"
    r"|\bcall(?: me)?|\bring me|\btext me|\bphone|\bcell\w*|\bmobile|\bwhats ?app)"
    r"(?:\s(?:is|me|at|on|мне|на|по))*\s*[:#№]?\s*(?:[\d()+-]+\s)*"
    # a number begun with a country code, the rest to come: "+7 921 5"
    r"|\+\s?\d{1,3}[\s(-]+(?:[\d()-]+\s)*)"
    # ... and a bound between: "пробег не больше 80 000", "mileage below 60,000"
    r"(?:(?:до|около|от|более|менее|не более|не больше|не выше|меньше|больше|максимум|примерно|under|up to|about|around|over|below"
    r"|no more than|max)\s+)?$",
    re.IGNORECASE,
)
_WORD_OR_SIGN = LazyPattern(r"(?<!\w)\w|[№#+]")
_WORDS_BEFORE_A_FIGURE = 7  # "звоните мне на 8 916 555 | 12": the farthest a word that makes a figure no money stands
_UPPER_BOUND = LazyPattern(
    r"(?:\bдо|не более|не больше|не дороже|не выше|максимум|макс\.?|в пределах|в рамках|от силы|потолок|лимит|up to|under|below|no more than|bis"
    r"|(?<!\w)(?:ceiling|cap)(?: is| of)?"
    # fitting the cost within a figure: "уложиться в 70 тысяч", "вписаться в", "fit it into": at most that, as "в пределах" is
    r"|(?:уложить\w*|уложим\w*|укладыва\w*|вписаться|впишемся) в|fit (?:it )?(?:in|into|within)"
    r"|(?:no|not) (?:higher|dearer) than"
    r"|stretch(?: it)? to|stretch|go up to|push (?:it )?to|не дороже чем|tops|at a (?:push|stretch|pinch)|if pushed"
    r"|в крайнем случае|на крайний случай"
    r"|not more than|(?<!no )(?<!not )less than|max(?:imum)?(?: (?:is|of|would be))?|limit(?: is| of)?|within|at most|cap(?:ped)?(?: it)? at|(?<!\w)край"
    # a lower bound denied: "don't want to go over 2 grand", "nothing above 3k", "не хотим выходить за 300 тыс"
    r"|(?:\bnot|n't|\bnever|\bnothing|\bне)\s(?:[^\W\d]+\s){0,3}(?:over|above|beyond|exceed\w*|more than|превыша\w*|выходи\w* за)"
    r"|(?:can|could|would|will|might) (?:\w+ )?go (?:as high as |to |up to )?|go as high as|(?:happy|willing|prepared) to go(?: up)? to"
    r"|(?:^|[,;(]\s?)do|ne bolee|ne bolshe|maksimum)\.?\s*"  # and in Latin letters: ", do 1.2 mln"
    r"(?:(?:about|around|roughly|approximately|примерно|около|где-то)\s)?" + _ANY_SIGN + "$", re.IGNORECASE)  # "up to about £110k"
_LOWER_BOUND = LazyPattern(
    r"(?:\bот|не менее|не меньше|минимум|мин\.?|свыше|более|больше|дороже|from|at least|starting (?:at|from)|over|more than|(?:no|not) (?:less|lower) than"
    r"|upwards of|north of|in excess of"
    r"|min(?:imum)?|(?:^|[,;(]\s?)ot|ne menee|ne menshe)\.?\s*" + _ANY_SIGN + "$", re.IGNORECASE)
# "do" and "ot" before a figure Russian in Latin letters ("do 2 mln", "ot 300 tys"): a bound, as "до" and "от" are.
_LATIN_BOUND = LazyPattern(r"(?<!\w)(do|ot)\s$", re.IGNORECASE)
_TRANSLIT_SCALE = LazyPattern(r"(?<![^\W\d])(?:mln|tys\w*|millio(?:na|nov)|lyam\w*|rubl\w*)(?!\w)", re.IGNORECASE)
_MONTHLY_AFTER = LazyPattern(
    r"(?:\s?(?:warm|kalt|cold|all[- ]in)\b)?\s?(?:/\s?|в |за |per |a |an |each |every |im |pro )?(?:мес(?:яц|\.|\b)\w*|month\w*|mo\b|mth\b|calendar month|monat\b)"
    r"|\s?(?:v |za |na )?mes(?:yac|jac|yats|iac)\w*|\s?ежемесячно|\s?monthly|\s?monatlich|\s?(?:warm|kalt)(?:miete)?\b"
    r"|\s?(?:pcm|p/m|pm)\b", re.IGNORECASE)
# Words after a figure that make it an upper bound: "£1,650 pcm tops", "миллион рублей максимум".
_UPPER_AFTER = LazyPattern(
    r"(?:\s?(?:pcm|p/m|/\s?[^\W\d]+|(?:a|an|per|в|за|на) [^\W\d]+|in total|всего|рублей|руб\.?|долларов|евро|тенге))?"
    r"[\s,]{0,3}(?:tops|(?:is |would be |это |(?:so |and )?(?:that'?s|that is|it'?s) )?(?:the |my |our |мой |наш )?(?:max(?:imum)?|limit|ceiling"
    r"|потолок|предел|край)|at most|at the most"
    r"|максимум|макс\.?|не больше|не более|is all (?:i|we) (?:have|(?:have )?got|can (?:do|spend|pay))"
    r"|(?:и|или|or|and)\s(?:не\s(?:больше|более|дороже)|not more|no more|меньше|дешевле|ниже|less|under|below|lower|cheaper)"
    r"|больше (?:нет|не\s(?:\w+\s)?(?:можем|могу|сможем|смогу|потянем|потяну|дадут|даст|готов\w*|получится|выйдет|согласу\w*|одобр\w*"
    r"|утверд\w*|выделят|позволят))"
    r"|(?:and )?that'?s (?:it|all|the limit)|no more|at a (?:push|stretch|pinch)|if pushed|в крайнем случае|на крайний случай"
    r"|(?:бы |надо |нужно |хотим |хотелось бы )?(?:уложить\w*|уложим\w*|укладыва\w*|вписаться|впишемся))\b"
    # ... not of the figure after them: "за все 5 не больше 450 тыс" bounds 450 thousand, not the five
    r"(?![\s,]{0,2}(?:[$€£₽]\s?)?\d)",
    re.IGNORECASE)
# After a figure in a clause after someone else's price, words that make it the customer's own ceiling: "quoted €1,100
# elsewhere, my department gives me €800 so that's my max".
_OWN_LIMIT_AFTER = LazyPattern(r"[\s,]{0,3}(?:(?:so|and)\s)?(?:that'?s|thats|that is|it'?s|это)\s(?:my|our|мой|наш)\s(?:max(?:imum)?"
                               r"|limit|ceiling|потолок|предел|максимум)(?!\w)", re.IGNORECASE)
# Words that take back a figure said a moment before, and a bound or a sign before the one said instead: narrower than
# `_CORRECTING`, whose "или", "or", "ok" join a figure to another rather than replace it.
_CORRECTED_BEFORE = LazyPattern(
    r"(?:^|[\s,.;(—-])(?:actually|i mean|i meant|sorry|no wait|wait|scratch that|make (?:it|that)|correction|хотя нет|хотя|точнее"
    r"|вернее|ой|ошиблась|ошибся|поправка|нет,? лучше|(?:or )?even|или даже|а то и)\W{0,3}(?:(?:under|up to|max|around|about|до|не больше|не более"
    r"|максимум|около|где-то|примерно|ну)\s)?" + _ANY_SIGN + "$", re.IGNORECASE)
_CORRECTED_CHARS = 40  # the longest of those words with a bound and a sign: tried there, not along the whole gap between figures
# A figure asked about ("$150 a month?", "это ~2460?", "3500 за человека?", "about £650?": the company's price or a total worked out
# from it), which a figure of the customer's own said after it in the message answers: "...I could do 200", "...давайте в 2000
# уложимся", "...тогда на 12 это 42 000, нас устраивает".
_ASKED_ABOUT_AFTER = LazyPattern(r"[^.!?\n\d]{0,24}\?")
# Between figures listed one after another: "225 and 120", "3500, 4200 и 5000".
_LISTED = LazyPattern(r"\s?(?:,|;|/|&|\+)?\s?(?:(?:and|и|or|или|plus|плюс)\s)?(?:[$€£₽]\s?)?", re.IGNORECASE)
# Between a price and a sum worked out from it: "1500 за экземпляр, то есть 7500", "£45pp, so ~£720", "по 290, это получается 870".
_WORKED_OUT = LazyPattern(
    r"[^.!?\n\d]{0,30}?(?<!\w)(?:то есть|т\.\s?е\.|получается|выходит|итого|so that'?s|so|which (?:makes|comes to)|that makes|comes to)"
    r"\s?(?:(?:около|примерно|about|around|roughly)\s)?[~≈]?" + _ANY_SIGN, re.IGNORECASE)
# Between a lower bound and an upper one said side by side: "не меньше 800 и не больше 1000", "min 2k, max 3k".
_BOUNDS_GAP = LazyPattern(r"[^.!?\n\d]{1,30}")
# The figure named as where the budget lies: "in the 800 to 1000 range", "the £5k ballpark", "around the 2k mark".
_RANGE_NAMED_AFTER = LazyPattern(r"\s(?:range|ballpark|region|bracket|mark)(?!\w)", re.IGNORECASE)
# After a figure, words that ask whether it will do: the customer's own money, even in a question ("is 500 enough?",
# "50 тысяч хватит?"), as "like 1500?" is; not one of the company's prices asked about ("is the 500 with delivery?").
_ENOUGH_AFTER = LazyPattern(r"\s(?:(?:be|is|are|would be|will be|будет|будет ли)\s)?(?:enough|sufficient|хватит|хватит ли|хватило бы"
                            r"|достаточно)(?!\w)", re.IGNORECASE)
# ... or words that accept it, a total worked out among them: "тогда на 12 это 42 000, нас устраивает", "so 900 all in, that works".
_ACCEPTED_AFTER = LazyPattern(r"[\s,]{1,3}(?:(?:это|that|which|and)\s)?(?:(?:нас|меня|нам|мне)\s)?(?:устраивает|подходит|годится|пойд[её]т"
                              r"|works|suits (?:us|me)|sounds (?:good|fine)|is fine by (?:us|me))(?!\w)", re.IGNORECASE)
# ... or before it, words that offer it: "could you do it for 1200?", "сделаете за 60 тысяч?" (a figure alone after them:
# not "can you do it for 300 flyers?").
_OFFER_BEFORE = LazyPattern(r"(?<!\w)(?:(?:can|could|would|will) you do (?:it|this|that|the job|them|one|both|all)? ?for|сделаете(?: \w+)? за)\s"
                            + _ANY_SIGN + "$", re.IGNORECASE)
# After a bare figure beside a budget already known, words that say it is what they can pay: "350 потянем", "50 можем".
_CAN_PAY_AFTER = LazyPattern(r"\s(?:потян\w*|можем|могу|сможем|смогу|осилим|готов\w*|is fine|works|would work|is ok|is okay|we can do|i can do)(?!\w)",
                             re.IGNORECASE)
# ... or before it: "ну можем 350 если что", "we could do 10"; not "можно и 55", "можем и 350", which correct the figure
# (both bounds), as a dev label has it.
_CAN_PAY_BEFORE = LazyPattern(
    r"(?<!\w)(?:можем|могу|сможем|смогу|готовы?|потянем|потяну|(?:can|could)(?: \w+)? (?:do|manage|pay|afford|go(?: to| up to)?))"
    r"\s" + _ANY_SIGN + "$", re.IGNORECASE)
# ... or "even" said of a higher figure: "$40 is fine, even 60", "тысяч 50, а то и 60", the far end of what they would pay.
_EVEN_BEFORE = LazyPattern(r"(?<!\w)(?:(?:(?:или|or|and)\s)?(?:даже|even)|а то и(?:\sдаже)?)\s" + _ANY_SIGN + "$", re.IGNORECASE)
# After a figure with "больше", "more than": they cannot go beyond it ("больше 280 не сможем").
_DENIED_AFTER = LazyPattern(r"[\s,]{0,3}(?:(?:\w+\s){0,2}(?:не\s(?:\w+\s)?(?:можем|могу|сможем|смогу|потянем|потяну|готов\w*|получится|выйдет|надо|нужно)"
                            r"|(?:we|i) (?:can't|cannot|can not|won't|couldn't)|is too much|нет))(?!\w)", re.IGNORECASE)
# ... and at least: "50 тысяч или больше", "£300k or more", "50k+".
_LOWER_AFTER = LazyPattern(r"[\s,]{0,3}(?:(?:и|или|or|and)\s(?:больше|более|дороже|выше|more|above|upwards|up|higher)(?!\w)|\+(?!\w)"
                           r"|(?:minimum|min|минимум|at least|как минимум)(?!\w))", re.IGNORECASE)
# An amount on top of the budget already known: "тыщ на 200 больше", "another 5k", "5 grand more".
_MORE_AFTER = LazyPattern(r"\s?(?:больше|дороже|сверху|more|extra|on top)(?!\s?(?:не|чем|than)\b)(?!\w)", re.IGNORECASE)
_MORE_BEFORE = LazyPattern(r"(?<!\w)(?:ещё|еще|another|an extra|extra)\s(?:[$€£₽]\s?)?$", re.IGNORECASE)
# A figure per month, which is no duration and is said as money ("1500 в месяц", "300 a month", "1200 pcm"; not "3 месяца").
_PER_MONTH_AFTER = LazyPattern(
    r"\s?(?:/\s?|(?:в|за|per|a|an|each|im|pro|v|za)\s)(?:мес(?:яц\w*|\.|\b)|month\b|mo\b|mth\b|monat\b|mes(?:yac|jac|yats|iac)\w*)"
    r"|\s?(?:pcm|p/m|monthly|ежемесячно|monatlich)\b",
    re.IGNORECASE)
# What else a figure may be per: "a week", "pp", "per person", "за ночь", "с человека" (not "each": a unit price).
_PER_UNIT_AFTER = LazyPattern(
    r"\s?(?:(?:/\s?|(?:в|за|на|с|per|a|an|each|every)\s)(?:недел\w*|week|сутки|ноч\w*|night|день|day|человек\w*|person|head|adult"
    r"|час|hour|hr|урок|lesson|заняти\w|session|class|сеанс|visit|визит|страниц\w|page|слово|word)\b"
    r"|pp\b|pw\b|pppn\b|pn\b|a head\b|per head\b|с носа)", re.IGNORECASE)
# A note on the figure after a comma or a dash, as its period may be: "около 40 тысяч, это в месяц", "about 600, that's monthly".
_NOTE_AFTER = LazyPattern(r"\s?[,;—–-]\s?(?:это|that'?s|that is|it'?s|it is)(?!\w)", re.IGNORECASE)
_NOTE_ENDS = LazyPattern(r"\s*(?:[.!?,;)]|$)")
_TOTAL_NEAR = LazyPattern(r"(?:всего|в сумме|итого|на вс[её]|общ\w+|за вс[её]|in total|total|overall|all[- ]in|altogether|in all)", re.IGNORECASE)
# ... or said after the figure, as what it covers: "$600 for the whole three months", "R500 max for everything", "тысяч 20 за всё
# про всё"; not "for the whole month", which is a month's budget said another way.
_TOTAL_AFTER = LazyPattern(
    r"\s?(?:(?:max|maximum|максимум|tops|или меньше|or less)\s)?(?:в сумме|итого|на вс[её]|за вс[её]|in total|total|overall|all[- ]in"
    r"|altogether|in all|for (?:the (?:whole|entire)(?! month)|the lot|everything|all of it|all of them)|на весь срок|за весь срок)(?!\w)",
    re.IGNORECASE)
_MONTHLY_BEFORE = LazyPattern(
    r"(?:ежемесячн\w*|месячн\w*|в мес(?:яц\b|\.|\b)|(?:^|[,;.!]\s?)(?:на|за) месяц|monthly|per month|a month|each month|every month|(?:бюджет\w*|budget|денег|spend) (?:на|в|per|a|each) (?:мес\w*|month))"
    r"[^.!?\n\d]{0,30}$", re.IGNORECASE)
# Renting a home or an office, which is paid by the month: "снять однушку", "аренда офиса", "a flat to rent", "lettings";
# not one rented already, where the customer lives ("rented house, the landlord pays", "в арендованном офисе", "we rent a
# flat in Eccles, the dishwasher won't drain").
_RENTING = LazyPattern(
    r"(?<!\w)(?:сниму|снимем|снять|снимаем|снимать|снимаю|аренд(?!ованн)\w*|внаём|внаем|в на[её]м|rent(?:s|ing|al)?|to let"
    r"|letting\w*(?!\s(?:(?:it|this|that|him|her|them|me|us|you)\s)?(?:go|know|slide|happen|down)\b)"  # not "letting it go"
    r"|lease)(?!\w)(?<!\bwe rent)(?<!\bi rent)(?<!\bthey rent)(?<!currently rent)(?<!сейчас снимаем)(?<!сейчас снимаю)", re.IGNORECASE)
# ... of a home or an office: a boat, a dress or a tool to hire is paid for the time it is used.
_PREMISES_NEAR = 24  # characters: the three or four words a phrase of renting holds
_PREMISES = LazyPattern(
    r"(?<!\w)(?:квартир\w*|\w*комнатн\w*|комнат\w*|однушк\w*|двушк\w*|тр[её]шк\w*|студи\w*|жиль\w*|дом\w*|коттедж\w*|офис\w*"
    r"|помещени\w*|flats?|apartments?|rooms?|houses?|homes?|condos?|townhouses?|\d\s?-?(?:bed\w*|br|bd|bdr)|(?:one|two|three|four) bed\w*"
    r"|studios?|offices?|premises|letting\w*)(?!\w)",
    re.IGNORECASE)
# ... unless by the night, the day, the week or the year: a holiday let or a car for the weekend is paid in
# total; or to buy after all, or to let out ("купить, а не снимать", "buy to let", "для сдачи в аренду").
_SHORT_LET = LazyPattern(
    r"(?<!\w)(?:посуточн\w*|сутк\w*|на ночь|ноч\w*|на выходные|на день|на неделю|на праздники|на отпуск|daily|by the day"
    r"|(?:a|per|the) (?:day|night|week|weekend)|nightly|weekly|holiday|vacation|cars?|vans?|авто\w*|машин\w*|прокат\w*"
    r"|купить|куплю|покупк\w*|buy\w*|purchas\w*|own|сдач\w*|сдава\w*|сдать|сдам|let out"
    r"|(?:за|в|на) год|(?:a|per|the|first) year|annual\w*|yearly)(?!\w)",
    re.IGNORECASE)
# A currency named apart from the amount: "30k, in euros", "считаю в тенге". Whole words only:
# "р", "сум" or "лир" alone are too common to name a currency by themselves.
_CURRENCY_NAMED = LazyPattern(
    rf"(?<!\w)(?:(?P<EUR>euros?|{RU_EUROS}|eur|evro)|(?P<USD>dollars?|{RU_DOLLARS}|{RU_BUCKS}|usd|us\$|dollarov|baksov)"
    rf"|(?P<KZT>тенге|kzt|tenge)|(?P<RUB>{RU_ROUBLES}|rubles?|roubles?|rub|rubl(?:ei|ey|ej|ya))|(?P<UAH>{RU_HRYVNIAS}|uah)"
    rf"|(?P<GBP>pounds?|quid|sterling|{RU_POUNDS}|gbp)|(?P<AED>{RU_DIRHAMS}|dirhams?|aed)|(?P<BYN>byn)|(?P<CHF>chf|{RU_FRANCS})"
    rf"|(?P<CNY>{RU_YUANS}|yuan|cny)|(?P<CAD>cad|canadian dollars?)|(?P<AUD>aud|(?:australian|aussie) dollars?)"
    r"|(?P<KGS>сомов|kgs)|(?P<UZS>сумов|uzs)|(?P<TRY>лир|turkish lira))(?!\w)",
    re.IGNORECASE,
)
# A down payment, a deposit or a trade-in; not money raised "взносами", by members' contributions ("собрали взносами 180 тысяч").
_DOWN_PAYMENT = LazyPattern(
    r"(?:взнос(?!ами)\w*|первоначальн\w*|предоплат\w*|аванс\w*|залог\w*|депозит\w*|down payment|deposit|retainer|трейд-ин\w*"
    r"|trade-in|trade in|worth|put(?:ting)? down|первым платежом|(?<!\w)bond)"
    r"\W{0,3}(?:\w+\W{1,3}){0,2}$", re.IGNORECASE)
# (a word between them in the same sentence: "900 тыс. регистрационный взнос ..." begins another)
_DOWN_PAYMENT_AFTER = LazyPattern(r"[^\w,;.]{0,3}(?:(?<![.!?]\s)\w+\W{1,3})?(?:на\s)?(?:первый взнос|первоначальн\w*|взнос(?!ами)\w*|предоплат\w*|аванс\w*"
                                  r"|залог\w*|депозит\w*|down payment|deposit|retainer|bond\b)", re.IGNORECASE)
# A share each of several people puts in ("скидываемся по 1000", "each parent is chipping in £20") or a price per head ("£55 a
# head", "3000 на человека", "£1,500 per person"): what the total comes to is left to count, and no label multiplies
# (tests/data/dev13/README.md, dev14's), so it is no budget, only the scale of a total said beside it; money raised in all
# ("собрали 30 тысяч", "we can put in 5k") and a rate for the job ("до 1500 за занятие", "тыс 15-20 за визит") are.
_SHARE_BEFORE = LazyPattern(
    r"(?:(?<!\w)(?P<each>each|every|кажд\w+)\s(?:[^\W\d]+\s){0,4})?(?<!\w)(?:скидыва\w*|скин(?:емся|уться|утся|улись)"
    r"|сда(?:ём|ем|ют|[её]т|дим)|собира(?:ем|ют|ет|ю)|chip(?:s|ping|ped)? in|pitch(?:es|ing|ed)? in|collect(?:s|ing|ed)?|contribut\w*"
    r"|put(?:s|ting)? in|paying in)(?:,?\s[^\W\d]+){0,3}?,?\s(?P<po>по\s)?(?:(?:about|around|около|где-то|примерно)\s)?" + _ANY_SIGN + "$",
    re.IGNORECASE)
_PER_HEAD_AFTER = LazyPattern(
    r"\s?(?:(?:с|на|за|from|per|a|an|each|/)\s?(?:человек\w*|чел\b|персон\w*|гост[яьей]\w*|семь[июы]|ребёнк\w*|ребенк\w*|родител\w*"
    r"|участник\w*|носа|кажд\w+|head|person|adult|guest|pax|player|family|parent|kid|child|member)|pp\b|pppn\b)(?!\w)",
    re.IGNORECASE)
# The price of a thing the customer already has, said before it ("we already have a $3,000 sound system", "I've got a £900
# sofa"): what they own, not what they will spend; "we have a $5k budget" is theirs to spend.
_OWNED_BEFORE = LazyPattern(
    r"(?<!\w)(?:(?:i|we)(?:'ve| have)? (?:already )?(?:got|own|bought)|(?:i|we) (?:already )?(?:have|own)|already (?:have|got|own))"
    r"\s(?:a|an)\s" + _ANY_SIGN + "$", re.IGNORECASE)
_THING_AFTER = LazyPattern(
    r"(?:-|\s)(?!(?:budget|limit|cap|ceiling|max\w*|pot|fund|allowance|range|ballpark|spend|total|or|to|for|tops|in|at|on|that|which"
    r"|and|but|so|saved|set|put|left|spare|available)\b)[^\W\d]", re.IGNORECASE)
# ... or the thing named before it, in Russian: "машина у меня за 2 млн", "у нас диван за 150 тысяч, нужна химчистка" (not
# "у нас за всё тысяч 80", nor one wanted: "у меня кухня за 300 тысяч нужна").
_OWNED_THING_BEFORE = LazyPattern(
    r"(?:(?<!\w)у (?:меня|нас)(?: уже)?(?: есть)?\s(?!(?:вс[её]|это|бюджет\w*|работ\w*|услуг\w*)\b)[^\W\d]+"
    r"|(?<!\w)(?!(?:вс[её]|это|бюджет\w*)\b)[^\W\d]+\sу (?:меня|нас)(?: уже)?)\sза\s" + _ANY_SIGN + "$", re.IGNORECASE)
_WANTED_AFTER = LazyPattern(r"[^.!?\n\d,]{0,12}?(?<!\w)(?:нужен|нужн\w*|надо|хочу|хотим|хотелось|планиру\w*|в планах)(?!\w)", re.IGNORECASE)
# Money the customer pays through the company to someone else, not the company's own (dev18's rule): ad spend, which goes to
# the ad platforms ("рекламный бюджет маленький, тысяч 20 в месяц", "about £2k a month into the ads themselves", "тысяч 20 на
# клики"), named before the figure or right after it; not "50 тыс в месяц на рекламу", which may be all the marketing spend.
_AD_SPEND_BEFORE = LazyPattern(
    r"(?<!\w)(?:рекламн\w* бюджет\w*|бюджет\w* на (?:клики|трафик)|ad ?spend|ad budget|media (?:budget|spend)"
    r"|(?:budget|spend) (?:on|for) (?:the )?ads)(?!\w)(?P<between>[^.!?\n\d]{0,40})$", re.IGNORECASE)
_AD_SPEND_AFTER = LazyPattern(r"(?:\s?(?:/\s?[^\W\d]+|(?:a|per|в|за) [^\W\d]+))?\s(?:на (?:клики|трафик)"
                              r"|(?:into|on|for|in) (?:the )?(?:ads|ad spend|clicks|media)\b)", re.IGNORECASE)
# ... and, where the company arranges loans, leases or factoring (see `lends`), the sum to be financed: the loan, the invoices,
# the machine ("need financing for a CNC machine, $180,000", "три накладные ... на общую сумму 2,6 млн", "нужно 12 млн под залог").
_FINANCED_BEFORE = LazyPattern(
    r"(?<!\w)(?:кредит\w*|ипотек\w*|займ\w*|за[её]м|профинансир\w*|финансирова\w*|рефинансир\w*|накладн\w*|дебитор\w*|loans?|mortgages?"
    r"|financ\w*|fund|funding|refinanc\w*|borrow\w*|invoices?|debtors?|receivables)(?!\w)(?P<between>[^\n]{0,60})$", re.IGNORECASE)
_FINANCED_AFTER = LazyPattern(r"\s(?:под залог|в кредит|(?:in |of )?(?:financing|finance|funding))(?!\w)", re.IGNORECASE)
# ... unless words of the customer's own payment to the company stand between: "...ипотеку, за ваши услуги не больше 150 тыс".
_OWN_PAYMENT = LazyPattern(r"(?<!\w)(?:fees?|комисси\w*|услуг\w*|брокер\w*|broker\w*|плат[её]ж\w*|payments?|бюджет\w*|budget|ведение|pay"
                           r"|(?:за)?плат(?:ить|им|ю))(?!\w)",
                           re.IGNORECASE)
_FEE_INCLUDED_AFTER = LazyPattern(r"[^.!?\n\d]{0,24}?(?<!\w)(?:incl\.?|including|inclusive of|with|включая|вместе с|с уч[её]том)\s(?:(?:your|the|our|ваш\w*)\s)?"
                                  r"(?:fees?|management|комисси\w*|ведени\w*|работ\w*|услуг\w*)(?!\w)", re.IGNORECASE)
_LENDING = LazyPattern(r"(?<!\w)(?:кредит\w*|ипотек\w*|займ\w*|лизинг\w*|факторинг\w*|рефинансир\w*|финансирова\w*|loans?|lending|mortgages?"
                       r"|financ\w*|factoring|leas(?:e|es|ing)|invoice discounting)(?!\w)", re.IGNORECASE)
# Money for something bought apart from the service: "the dress budget is separate, like 2k", "на вещи отдельно тысяч 60".
_SEPARATE_BEFORE = LazyPattern(r"(?<!\w)(?:separate(?:ly)?|отдельн\w*)[,:\s]+(?:(?:like|about|around|maybe|roughly|примерно|около|где-то)\s)?"
                               + _ANY_SIGN + "$", re.IGNORECASE)
# Money that is not what the customer will spend: what they earn ("зарплата у меня 80 тыс", "I make 70k"), what their
# business turns over, what they owe.
_INCOME_BEFORE = LazyPattern(
    r"(?:зарплат\w*|\bзп\b|з/п|оклад\w*|доход\w*|получаю|зарабатыва\w*|salary|income|earn\w*|take home|(?:i|we) make"
    # ... or what a hire earns: "wages are £12 an hour", "the role pays 65k"
    r"|wages?|(?:role|job|position|post|vacancy|gig) (?:pays|paying|offers)|(?:they|ours|theirs|each|who) (?:make|makes|earn|earns)"
    # ... or the organisation's whole budget: "our budget for the whole year is like 400k", "годовой бюджет фонда"
    r"|(?:our|the|my) (?:total |entire |whole |overall |annual |yearly )*budget for the (?:whole |entire )?(?:year|fiscal year)"
    r"|(?:годов\w+|весь|общий) бюджет (?:компании|организации|отдела|фонда|школы)|бюджет (?:компании|организации|фонда) на год"
    # ... or what the business turns over, or owes
    r"|оборот\w*|выручк\w*|turnover|revenue|долг\w*|задолженност\w*|debts?|owe|должн[аоы]?|должен|outstanding"
    r"|(?:he|she)(?:'s| is) on(?=\s(?:about |around )?[$€£]?$)"
    # ... or what their home costs them already: bills and taxes ("коммуналка 8 тысяч", "council tax about £2,100")
    r"|коммуналк\w*|квартплат\w*|жкх|налог на|налоги|(?:council|property|road|land) tax|utilit(?:y|ies)(?: bills?)?"
    r"|i'm making|we're making"
    # ... or what comes off a price or covers it: a coupon, a discount, cashback, a warranty's cover, an insurance excess
    r"|купон\w*|промо\w*|скидк\w*|кэшб[еэ]к\w*|бонус\w*|сертификат\w*|гаранти\w* (?:покрыва\w*|покро\w*)|coupon|voucher|gift card|promo\w*"
    r"|discount|rebate|cash ?back|warranty (?:covers|will cover|pays)|deductible|(?<!in )excess|франшиз\w*)[^.!?\n\d]{0,20}$", re.IGNORECASE)
# ... or what they are fined, claim in court, get back, inherit, are insured for, live on, pay for their home now or mean to
# save, in the clause of the figure ("штраф 30 тысяч", "fined us £1,000", "сумма иска 500 тысяч", "a refund of $120",
# "налоговый вычет 260 тысяч", "пенсия 20 тысяч", "my rent is $1,800", "сэкономить тысяч 10 в месяц"): no one spends
# that on the need (not "без штрафов, до 50 тысяч", "пенсионер, бюджет 20 тысяч", "saving up 5k for it").
_OWED_BEFORE = LazyPattern(
    r"(?<!\w)(?<!без )(?<!no )(?:штраф\w*|оштрафова\w*|неустойк\w*|пени|(?:a|the|parking|speeding) fine|fine of|fined|penalt(?:y|ies)"
    r"|сумм\w* иска|иск\w* на|взыска\w*|отсуди\w*|(?:sue|suing|sued)|claim(?:ing)? (?:for|of)|ущерб\w*|damages? (?:is|are|was|were|of|came to)"
    r"|присудил\w*|awarded|judg(?:e)?ment|задолжал\w*|arrears"
    r"|refund\w*|возврат\w*|верн(?:уть|ите|ули)|lost|потерял[аи]?|потеряли|вычет\w*|tax (?:refund|credit|return)"
    r"|страхов\w+ сумм\w*|сумм\w* страхов\w*|sum insured|insured (?:for|value|amount)|наследств\w*|inheritance|алимент\w*|alimony"
    r"|пенси(?:я|и|ю)|pension|стипенди\w*|пособи[еяю]|prize(?: money)?|призов\w+ фонд\w*|(?:my|our) (?:current )?(?:rent|(?:car|loan|mortgage|monthly) payment)"
    r"|save(?! up)|сэконом\w*|экономи(?:ть|м))(?!\w)[^.,;!?\n\d]{0,20}$", re.IGNORECASE)
# ... and after it: "a $50 coupon", "$25 off", "1000 бонусов", "a $250 fine".
_OFF_A_PRICE_AFTER = LazyPattern(
    r"\s?(?:off\b|coupon|voucher|gift card|discount|rebate|cash ?back|скидк\w*|купон\w*|сертификат\w*|бонус\w*|кэшб[еэ]к\w*"
    r"|fine\b(?!\s(?:by|with|for))|penalty|штраф\w*|refund|возврат\w*|outstanding|owed|owing|in arrears|долга|задолженност\w*"
    # ... or money that is no price at all: "$1,400/month in sales", "12k in refunds"
    r"|(?:\s?(?:/\s?[^\W\d]+|(?:a|per) [^\W\d]+))?\s(?:in|of) (?:sales|revenue|turnover|profits?|income|refunds|damages?|commission)"
    # ... recurring revenue, or a salary: "$1.5M ARR", "55k base"
    r"|\s?(?-i:ARR|MRR|GMV)\b|\s(?:base(?: salary| pay)?|salary|OTE)\b)",
    re.IGNORECASE)
# A clause naming the budget after such words: "I have a $500 gift card too, budget is 2k", "долг закрыли, бюджет 50 тысяч".
_BUDGET_NAMED_NEXT = LazyPattern(r"[,;(—–]\s?(?:[^\W\d]+\s){0,3}?(?:бюджет|budget)", re.IGNORECASE)
# A price someone else named: another company's ("в соседнем салоне насчитали 400 тыс", "they quoted me $12k"),
# or an invoice's ("the invoice says £3,400"): no budget, unless the customer wants to come in under it
# ("...хотелось бы дешевле", "...so ideally under that").
# The words between such a price's words and its figure, and an id the thing is known by ("invoice INV-2024-0571 for",
# "the invoice #5521 says").
_QUOTED_TAIL = r"(?:[^.!?\n\d]|[#№]\s?\d[\w/-]*|(?<=[^\W\d_])-?\d[\w/-]*){0,30}$"
_QUOTED_BEFORE = LazyPattern(
    r"(?:quoted?|quotes|estimated?|invoice\w*|bill(?:ed)?|receipt|charged|списали|в чеке|paid|spent|cost (?:us|me)"
    r"|(?:за)?платил\w*|отдавал\w*|отдал[аи]?|обош[её]л\w*|обошл\w*|обходи\w*|стоил[аио]?|в прошлый раз|last time"
    r"|у (?:соседей|друзей|знакомых|коллег)|sold\s(?:\w+\s){0,3}for|продал\w*\s(?:\w+\s){0,3}за|insurance|страховк\w*|mooring|стоянк\w*"
    r"|(?:they|he|she|seller|owner|vendor|landlord|(?!(?:I|We|My|Our|Me)\b)(?-i:[A-Z][\w'-]+))(?:'re|'s| are| is)?(?: \w+)? (?:wanted|want|wants"
    r"|asking|asked(?: for)?|asks|charged?)|хотят|просит"
    r"|competitor\w*|another (?:shop|firm|company|place|dealer\w*|salon|clinic|agency|builder)"
    r"|other (?:shops?|firms?|compan\w+|places|guys)|elsewhere|насчитал\w*|предложили|просят|просил\w*|выставил\w*"
    r"|конкурент\w*|(?:в )?друг\w+ (?:мест\w*|фирм\w*|компани\w*|салон\w*|магазин\w*|клиник\w*|агентств\w*)|в соседн\w+ \w+"
    # what they pay today, which they come to pay less than or to change
    r"|сейчас (?:плат|трат)\w*|(?:плат|трат)\w+ сейчас|currently pay\w*|(?:we|i)(?:'re| are| am|'m) paying|(?:we|i) pay now|(?:we|i) now pay"
    # a price seen somewhere: a listing, an ad, a price tag, what someone bought it for
    r"|на (?:\w+ )?сайте|в объявлени\w*|в каталоге|на авито|в интернете|listed|listing|advertised|on (?:your|the|their) (?:web)?site|online"
    # ... a marketplace or a site by its name: "на wildberries за 35 тысяч", "на озоне", "hotel on booking.com shows £1,100"
    r"|на (?-i:[A-Za-z])[\w.-]+|на (?:озон\w*|вайлдберриз|вб|маркетплейс\w*|яндекс маркет\w*|маркете|циан\w*|домклик\w*|юле)"
    r"|(?:on|at) (?:[\w-]+\.(?:com|co\.uk|ru|de|net|org)|amazon|ebay|etsy|zillow|rightmove|zoopla|autotrader|craigslist|(?:facebook )?marketplace"
    r"|airbnb|expedia|skyscanner)"
    r"|price tag|ценник\w*|(?:по)?куп(?:ил|ал)\w*\s(?:\w+\s){0,3}за|bought\s(?:\w+\s){0,3}for|charges?|website|site says"
    # ... or what the customer's own property is worth or sells for: "оценщик сказал 8 млн", "valued at £320k", "продаю за 4,2"
    r"|valued|valuation|appraised|appraisal|оценил\w*|оценщик\w*|оценк\w*|asking price"
    r"|прода(?:ю|ём|ем|ют|ёт|ет|ть|м|дим)\s(?:\w+\s){0,3}(?:за|по)|sell(?:s|ing)?\s(?:\w+\s){0,3}for"
    # ... or lets out: "сдаю квартиру за 40 тысяч"
    r"|сда(?:ю|ём|ем|ют|ёт|ет|м|дим)\s(?:\w+\s){0,3}за"
    # ... or in the company's own price list or ad, said back: "как у вас в прайсе 45 000", "the ad said $22,900"
    r"|прайс\w*|price ?list|(?:ad|advert|listing|post|sticker|sign|page|brochure|flyer|leaflet|catalog(?:ue)?|menu)\s(?:\w+\s)?"
    r"(?:said|says|shows?|showed|had|lists?|listed)"
    # ... or what someone else charges where the customer has to pay it too: "обучение у них £22 600"
    r"|у (?:них|него|неё|нее)"
    # ... or a shop named by its name: "в Леруа такой же 38 990", "at Wickes the same one is £900"
    r"|(?:\bв|\bу|\bat|\bin)\s(?-i:[A-ZА-ЯЁ])[\w'-]+\s(?:так\w+|the same|same|it'?s|they)"
    r"|(?:брал[аи]?|взял[аи]?|снимал[аи]?|арендовал[аи]?)\s(?:\w+\s){0,3}за|(?:rented|hired|got)\s(?:\w+\s){0,3}for"
    r"|в прошлом году|last year|previously|(?:last|previous|old|former) (?:guy|one|company|firm|contractor|plumber|electrician|cleaner"
    r"|tutor|teacher|place|shop|provider|agency|gym|salon|barber|studio|clinic|dentist|vet|school|garage|mechanic|builder|trainer"
    r"|coach|landlord|supplier|insurer|broker)|(?:прошл\w+|предыдущ\w+|стар\w+|бывш\w+) (?:мастер\w*|фирм\w*|компани\w*|подрядчик\w*"
    r"|репетитор\w*|исполнител\w*|агентств\w*|зал\w*|салон\w*|клиник\w*|школ\w*|студи\w*|парикмахер\w*|барбер\w*|сервис\w*"
    r"|автосервис\w*|стоматолог\w*|ветеринар\w*|тренер\w*|арендодател\w*|поставщик\w*)|(?:с)?делал[аи]?\s(?:\w+\s){0,3}за|(?:did|had)\s(?:\w+\s){0,4}(?:done )?for"
    r"|(?:соседям|друзьям|знакомым|коллегам|родителям|соседу|соседке|другу|подруге|знакомой|знакомому|коллеге|сестре|брату|маме|папе"
    r"|свекрови|тёще|теще|(?:my |our |a )?(?:neighbou?rs?|friends?|mates?|cousins?|sister|brother|mum|mom|dad|parents|aunt|uncle|colleague"
    r"|co-?worker|boss|in-laws)(?:'s)?)\s(?:\w+\s){0,3}"
    r"(?:за|for))" + _QUOTED_TAIL, re.IGNORECASE)
# ... and more of them, in a pattern of their own: one pattern of all the alternatives has too many pieces for
# `analysis` to tell which every match holds, and would be tried on every text.
_QUOTED_ALSO_BEFORE = LazyPattern(
    r"(?:(?:new|used) ones? (?:are|is|go for|run)"
    # ... or a shop that has the thing at a price: "Home Depot has it for $899"
    r"|(?:has|have|sells?|selling|had) (?:it|them|one|this|that|the same(?: \w+)?)(?: \w+)? (?:for|at)"
    # ... or the company's own figure said back: "вы мне посчитали 85 тысяч", "менеджер назвал 92", "you quoted me $1,650"
    r"|вы (?:мне |нам )?(?:уже )?(?:посчитали|рассчитали|просчитали|назвали|называли|сказали|говорили|озвучили|озвучивали|выставили"
    r"|прислали|написали|предлагали)|(?:менеджер|мастер|замерщик|консультант|оператор|прораб|сотрудник)\w*\s(?:\w+\s)?(?:сказал|назвал"
    r"|посчитал|насчитал|озвучил|говорил|написал|предложил|обещал)\w*|you (?:guys )?(?:said|told (?:me|us)|gave (?:me|us)|mentioned"
    r"|offered|sent)|your (?:guy|man|rep|manager|estimator|quote|estimate|salesman|salesperson|tech|technician|surveyor|colleague)"
    # ... what the current supplier charges ("our current supplier is at R58 a bottle"), an expert's valuation ("антиквар
    # говорил тысяч 50")
    r"|(?:our|my) (?:current|existing|present|usual) (?!budget)[^\W\d]+|(?:текущ|нынешн|действующ)\w+ (?:поставщик|подрядчик|исполнител)\w*"
    r"|(?:антиквар|эксперт|ювелир|дилер|реставратор|appraiser|dealer|expert|jewell?er)\w*\s(?:\w+\s)?(?:говорил|сказал|называл|оценил|said|told|reckoned)\w*"
    # ... or asked how the company's price compares with it: "это будет дороже 20 тысяч", "will it be over $500?"
    r"|(?:будет|выйдет|обойд[её]тся|получится|(?:will|would) (?:it|that|this) (?:be|cost|come to)) (?:дороже|больше|меньше|дешевле|more than"
    r"|over|under|less than|above|below)"
    r")" + _QUOTED_TAIL, re.IGNORECASE)
# After a figure, words that say it is more than the customer will pay: a price they turn down ("they wanted 12 grand,
# way over", "500 тысяч дороговато", "называл 260, это для нас много"), no budget; "больше 500 тысяч дорого", a bound
# before it, is one, and so is "мой бюджет 50, у вас 70 дорого"'s 50.
_TOO_DEAR_AFTER = LazyPattern(
    r"[^.!?\n\d]{0,24}?(?<!\w)(?<!не )(?<!not )(?:too (?:much|expensive|high|steep|pricey|dear)|(?:way|well|far) (?:over|above|beyond)"
    r"|over (?:our|my|the) budget|out of (?:our|my|the) (?:budget|price range|range|league)|дорого|дороговат\w*|многовато"
    r"|слишком (?:много|дорого)|не по карману|не потян\w*|не для нас|(?:для (?:нас|меня)|это) (?:много|дорого|дороговато|многовато)"
    r"|(?:a bit|way|far) (?:much|steep|pricey)|(?:more|over) than (?:we|i) (?:can|could|want to|wanted to) (?:pay|spend|afford))(?!\w)",
    re.IGNORECASE)
# After a figure, words that ask the company to match or beat it: another's price ("Costco has it at $1,299, will you price
# match?", "у конкурентов 70 тысяч, сделаете так же?").
_MATCH_AFTER = LazyPattern(
    r"[^.!?\n\d]{0,30}?(?<!\w)(?:price[- ]?match\w*|(?:match|beat) (?:it|that|this|the price|their price)|can you (?:match|beat)"
    r"|(?:сможете|сделаете|можете|сделать) так(?:\s?же)?|так(?:\s?же)? (?:сможете|сделаете|можете)|перебь[её]те)(?!\w)", re.IGNORECASE)
# After a figure, words that put it in the past: "the package was £9,000 last year", "потратили 45 тысяч на прошлый диван",
# "заказ на 60 000 уже оплачен"; not "как в прошлом году" (the same again).
_PAST_AFTER = LazyPattern(
    r"[^.!?\n\d]{0,12}?(?<!\w)(?<!как )(?<!like )(?<!same as )(?:last (?:year|time|summer|winter|spring|autumn|month)|the year before|(?:years?|months?) ago"
    r"|в прошлом году|в прошлый раз|в позапрошлом году|прошл(?:ой|ым) (?:зимой|весной|осенью|летом)|(?:год|лет|месяц\w*) назад"
    r"|(?:на|за) (?:прошл|стар|предыдущ)\w+ [^\W\d]+|уже оплачен\w*|already paid)(?!\w)", re.IGNORECASE)
# What the customer pays today, which they come to pay less than or to change: "we currently pay 1200", "we pay £90 a
# month at the moment", "платим 40 тысяч в месяц сейчас", "I usually pay around $60" (not "we can pay 1200 a month now").
_PAYING_NOW_BEFORE = LazyPattern(
    r"(?<!\w)(?:(?:we|i) (?:currently|now|usually|normally|typically|always) pay|currently pay\w*|(?:we|i)(?:'re| are| am|'m) (?:currently )?paying"
    r"|(?:we|i) pay (?:our|my) [^\W\d]+(?: [^\W\d]+)?"  # "we pay our cleaner $20 an hour": what a hire earns today
    r"|(?:we|i) pay (?:them|him|her)|плат(?:им|ю) (?:им|ему|ей)"  # "платим им 18 000 в месяц": a supplier's bill
    r"|(?:we|i) (?:currently|now|usually|normally) spend|(?:we|i)(?:'re| are| am|'m) (?:currently )?spending"
    r"|обычно (?:плачу|платим|отда[её]м|отдаю))\s(?:(?:around|about|like|где-то|около|примерно)\s)?" + _ANY_SIGN + "$",
    re.IGNORECASE)
# The sum of an order already placed: "мой текущий заказ на 45 тысяч", "у меня уже оформлен заказ на сумму 52 000", "my order
# came to $450", "I already have an order with you for $1,200"; not a new one ("хочу сделать заказ на 45 тысяч").
_ORDER_BEFORE = LazyPattern(
    r"(?:(?<!\w)(?:мо[йеи]|наш\w*|текущ\w+|действующ\w+|оформленн\w+|открыт\w+|прошл\w+|предыдущ\w+|уже|у (?:меня|нас)(?: уже)?(?: есть)?)"
    r"(?: оформлен\w*)? заказ\w*|заказ\w* (?:уже )?оформлен\w*|(?:my|our|current|existing|open|pending|previous|last) order"
    r"|(?:have|placed|made|got) an order)(?: \w+){0,3}? (?:на(?: сумму)?|суммой|for|of|came to|total(?:l?ed)?(?: is| was)?|is|was)"
    r"\s(?:(?:около|примерно|about|around)\s)?" + _ANY_SIGN + "$", re.IGNORECASE)
_PAYING_BEFORE = LazyPattern(r"(?<!\w)(?:(?:we|i) (?:pay|spend)|платим|плачу|тратим|трачу)\s" + _ANY_SIGN + "$", re.IGNORECASE)
_NOW_AFTER = LazyPattern(r"[^.!?\n\d,;]{0,24}?(?<!\w)(?:now|currently|at the moment|these days|сейчас|на данный момент"
                         r"|with (?:our|my|the) (?:current|existing|present)|у (?:нынешн|текущ)\w+)(?!\w)",
                         re.IGNORECASE)
_LAST_CLAUSE = LazyPattern(r"(?<=[,;—–])[^,;—–]*$")
# A figure talked of as the going rate: "150 an hour is normal", "5000 за метр это нормально?".
_RATE_TALK_AFTER = LazyPattern(
    r"[^.!?\n\d]{0,20}?(?<!\w)(?:is|are|was|это|—|-)\s(?:\w+\s)?(?:normal|typical|usual|standard|average|the going rate|about right"
    r"|нормальн\w*|норма|обычн\w*|средн\w*|рыночн\w*)(?!\w)", re.IGNORECASE)
_UNDER_IT_AFTER = LazyPattern(
    r"[^.!?\n\d]{0,50}?(?<!\w)(?:under|below|less|cheaper|lower|дешевле|подешевле|меньше|поменьше|ниже|не дороже|не больше)(?!\w)"
    r"(?![^.!?\n\d]{0,12}\d)", re.IGNORECASE)
# Before a currency the customer says the budget is not in: "не в рублях", "а не в рублях", "not pounds".
_DENIED = LazyPattern(r"(?:(?<!\w)(?:не|not|rather than|instead of)|n't)\s(?:[^\W\d]+\s)?(?:в\s|in\s)?$", re.IGNORECASE)
# ... or after it, or it is only how they would pay: "в рублях не считаю", "или в тенге по курсу", "in pesos at the rate".
_NOT_THE_BUDGETS = LazyPattern(
    r"\s(?:(?:не|not|don't|do not)\s(?:счита\w*|плат\w*|плач\w*|хоч\w*|хотим|надо|нужно|буд\w*|think|count|want|pay|use)"
    r"|по (?:текущему |нынешнему )?курсу|at (?:the|today's|the current) (?:exchange )?rate|equivalent)(?!\w)", re.IGNORECASE)
# What stands before a currency's name that is a figure's own: "4 тысячи фунтов", "500 euros", "2 млн долларов".
_A_FIGURES_OWN = LazyPattern(r"(?:\d|(?<!\w)(?:тыс\w*|тыщ\w*|млн|миллион\w*|лям\w*|k|к|grand|thousand|million))\s?$", re.IGNORECASE)
# The colloquial order with the currency first: "рублей 300", "баксов 500" (about that much).
_CURRENCY_WORD_FIRST = LazyPattern(
    r"(?<!\w)(?:рублей|долларов|баксов|евро|тенге|гривен|сумов|фунтов|rubl(?:ei|ey|ej)|dollarov|baksov|evro|tenge)\s"
    r"(?:(?:на|около|где-то|примерно|под)\s)?$", re.IGNORECASE)  # "долларов на 50 за машину": about that much
# After a bare number answering "what budget?": a word that is not about money makes it a count of
# something ("3 импланта", "нас 4 человека"), unless it is one of these.
_COUNTED_AFTER = LazyPattern(
    r"(?:-|\s?)(?!(?:на|за|примерно|где-то|около|максимум|макс|всего|можем|могу|готов\w*|есть|или|плюс|минус|в|и|or|ish|max|tops"
    r"|total|all|for|can|could|is|would|and|plus|minus|or so|in|a|an|per|each|each|that|this|tops|maybe|roughly|about|warm|kalt"
    r"|range|ballpark|region|bracket|mark|minimum|min|минимум|set aside|put aside|put by|saved|spare|отложено|отложили|накоплено|свободных)\b)"
    r"[A-Za-zА-Яа-яЁё]", re.IGNORECASE)
_HAVE_BEFORE = LazyPattern(r"(?<!\w)(?:есть|имеется|имеются|have|got|у (?:меня|нас))\s$", re.IGNORECASE)
# A figure said with doubt, or as what one has, and nothing after it answers "how much?": "like 1500?", "maybe 2k",
# "ну 300 где-то", "на сайте 2 млн, а у меня 1.6".
_HEDGED_FIGURE = LazyPattern(
    r"(?:^|[\s,(])(?:like|maybe|probably|say|thinking|thought|hoping|(?:i|we) (?:think|guess|reckon)|ну|может|наверно\w*|думал[аи]?|думаю|думаем"
    r"|рассчитывали|планировали"
    r"|а у (?:меня|нас)(?: есть)?|у (?:меня|нас) есть)\s$", re.IGNORECASE)
# With a budget already known, a figure after these words corrects it: "нет, 45", "хотя можно и 350",
# "я ошибся — 500-600", "make that 2.5", "maybe 450 if it's perfect" (on the known budget's scale: see `find_money`'s `small`).
_CORRECTING_CHARS = 20  # the longest of those words, with its comma: tried only there, not along the whole of `before`
_CORRECTING = LazyPattern(
    r"(?:^|[\s,(])(?:нет|хотя|точнее|вернее|лучше|можно и|могу и|можем и|или|ошибл\w*|ошибся|опечатал\w*|должно быть|maybe|perhaps"
    r"|actually|make (?:it|that)|or|no|say|i mean|i meant|sorry|oops|typo|should be|поправк\w*|поправлю|исправлю|correction|update"
    r"|ой|ладно|хорошо|ок|окей|ok|okay|alright|fine|даже|а то и|even|говорит|сказал[аи]?|says|said)"
    r"\W{0,3}$", re.IGNORECASE)
# A figure denied before the one said instead: "не 200, а 250", "not 2000, 2500", "не 200 тысяч а 250".
_ANOTHER_FIGURE_DENIED = LazyPattern(
    r"(?<!\w)(?:не|not)\s\d[\d\s.,]{0,9}?(?:\s?(?:тыс\w*|тыщ\w*|k|к|млн|grand))?[\s,]{1,3}(?:(?:а|but|it's|its|rather)\s)?$",
    re.IGNORECASE)
# Nothing after a figure (or after the range it begins: "думали 250-300") but a hedge and the end of the sentence.
# Or but a word that it would do: "I think 2000-3000 is ok", "думаю 50-70 нормально".
_FIGURE_ALONE = LazyPattern(
    r"(?:\s?[-–]\s?\d{1,3}(?:[ ,.]?\d{3})*(?:[.,]\d{1,2})?)?\s?(?:ish\b|где-то|примерно|or so|give or take|или около того|плюс-минус)?"
    r"(?:\s*(?:[?!.,)]|$)|\s(?:(?:is|would be|will be|sounds|seems)\s(?:ok|okay|fine|good|reasonable|doable)|нормально|норм|ок|потянем)(?!\w))",
    re.IGNORECASE)
# The only words that may stand right beside a figure said as a budget on its own.
_FIGURE_WORDS = frozenset("""
ну где-то около примерно районе до от больше более максимум макс бюджет наверное наверно можем могу готов готовы или и между
пределах порядка думаю думаем думали думал думала может хотим хотелось планируем планировали рассчитываем рассчитывали
есть да нет не ок окей нормально норм ладно хорошо давайте тысяч тыс тыщ ещё еще меньше менее минимум мин выше ниже дороже дешевле а но лучше идеально
around about roughly approximately approx up to under below max maximum tops ish budget maybe like probably say or and
between from somewhere think guess reckon thought thinking hoping hoped could can do would is yes no ok okay well so hmm but ideally
total all in just only minimum min least range ballpark region bracket mark
""".split())
# Words that make a small figure an hour: "звоните до 20", "call after 5".
_HOURS_NEAR = LazyPattern(r"(?<!\w)(?:звон\w*|позвон\w*|перезвон\w*|утра|вечера|часов|час[аы]?|call|ring|o'clock|[ap]\.?m\b)",
                          re.IGNORECASE)
# "с 10 до 19", "с 9:00 до 18": the hours someone is in, not a range of money.
_HOURS_FROM_BEFORE = LazyPattern(r"(?:^|\s)с\s?$", re.IGNORECASE)
_HOURS_TO_AFTER = LazyPattern(r"(?::\d\d)?\s?(?:до|-|–)\s?\d{1,2}(?!\d)", re.IGNORECASE)
_HOURS_TO_BEFORE = LazyPattern(r"(?:^|\s)с\s?\d{1,2}(?::\d\d)?\s?(?:до|-|–)\s?$", re.IGNORECASE)
_LAST_WORD = LazyPattern(r"([^\W\d_]+(?:-[^\W\d_]+)*)[^\w]*$")
_FIRST_WORD = LazyPattern(r"[^\w]*?([^\W\d_]+(?:-[^\W\d_]+)*)")
# After "две тысячи": the rest of a year in words ("пятнадцатого года", "двадцать четвёртый год").
_YEAR_IN_WORDS_AFTER = LazyPattern(r"(?:\s[а-яё]+){0,2}\s[а-яё]+(?:ого|ый|ой|ом|ий|ему|ым)\s?(?:год\w*|г\.)(?!\w)", re.IGNORECASE)
# Around a figure between 1900 and 2100, what makes it a year even in reply to the budget question.
# ... or the make or model it is the year of ("a 2015 Accord to trade", "2019 toyota", "2012 Лада").
_YEAR_AFTER = LazyPattern(r"\s?(?:г\.|г\b|год\w*|гв\b|г\.в\.|or newer|or later|and newer|and up|onwards|\+|model|reg\b)"
                          rf"|\s(?:(?-i:[A-Z][a-z]+|[А-ЯЁ][а-яё]+)|{'|'.join(sorted(MAKES))})(?!\w)", re.IGNORECASE)
# A day of the month beside its month: "from Monday 9 March", "14 июля", "March 9th", "до 20 числа" is a date, even after "from"
# or "до".
_MONTH_AFTER = LazyPattern(rf"(?:st|nd|rd|th|-?(?:го|е|ое))?\s?(?:of\s)?(?:{MONTHS_RU}|числ[аоу]\b|(?:{MONTHS_EN})\b(?<!may(?=\sbe\b)))",
                           re.IGNORECASE)
_MONTH_BEFORE = LazyPattern(rf"(?<!\w)(?:{MONTHS_RU}|{MONTHS_EN})\.?\s?$", re.IGNORECASE)
_LAST_DAY_OF_A_MONTH = 31
# A day and a month's number with a dot ("15.06", "3.09"): no one writes a budget to the hundredth of a million.
_DAY_AND_MONTH = LazyPattern(r"(?:0?[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])")
_HOURS_IN_A_DAY = 24
# ... but for a range up to a figure no year is: "2000-3000", "1900 - 2 500".
_UP_TO_NO_YEAR = LazyPattern(r"\s?[-–]\s?(?:[3-9]\s?\d{3}|[1-9]\d{0,2}(?:\s?\d{3}){2})(?!\d)")
_YEAR_BEFORE = LazyPattern(r"(?:built|born|since|year|model|from|in|в|с|не старше|новее|выпуска|года|рождения)\s*$", re.IGNORECASE)
# A budget in words, without a figure. These say one on their own ("хочу недорого", "something affordable")...
_BUDGET_WORDS = LazyPattern(
    r"(?<!\w)(?:недорог\w*|подешевле|как можно дешевле|чем дешевле,? тем лучше|цена не важна|деньги не проблема"
    r"|affordable|inexpensive|budget[- ]friendly|(?:as )?cheap as possible|money(?:'s| is) no object|price is no object"
    r"|on a (?:tight |strict |small )?budget|tight budget)(?!\w)", re.IGNORECASE)
# ... these only in reply to the budget question or beside the word ("бюджет без ограничений", "budget is flexible").
_VAGUE_BUDGET_WORDS = LazyPattern(
    r"(?<!\w)(?:эконом\w*|средн\w+ (?:ценов\w+ )?сегмент\w*|премиум\w*|люкс\w*|не ограничен\w*|без ограничений"
    r"|в (?:разумных пределах|пределах разумного)|flexible|mid[- ]range|high[- ]end|premium|luxury|reasonable"
    r"|not too expensive|no (?:real )?(?:limit|cap))(?!\w)", re.IGNORECASE)
_BUDGET_WORD = LazyPattern(r"(?<!\w)(?:бюджет\w*|budget|по деньгам|price[- ]wise|money[- ]wise)(?!\w)", re.IGNORECASE)
_CENTS = LazyPattern(r"[.,]\d{1,2}$")
_SMALLEST_BUDGET = Decimal(100)
_ID_DIGITS = 6
_MAX_CANDIDATES = 50  # amounts per message; a real one has a few
_REGION_CURRENCY = {
    "RU": "RUB", "BY": "BYN", "KZ": "KZT", "UA": "UAH", "US": "USD", "GB": "GBP", "AE": "AED", "CN": "CNY",
    "CH": "CHF", "PL": "PLN", "TR": "TRY", "GE": "GEL", "AM": "AMD", "KG": "KGS", "UZ": "UZS",
    "DE": "EUR", "FR": "EUR", "ES": "EUR", "IT": "EUR", "NL": "EUR", "AT": "EUR", "PT": "EUR", "FI": "EUR",
    "IE": "EUR", "BE": "EUR", "GR": "EUR", "CY": "EUR", "LV": "EUR", "LT": "EUR", "EE": "EUR", "SK": "EUR",
    "SI": "EUR", "LU": "EUR", "MT": "EUR", "HR": "EUR", "ME": "EUR", "BG": "EUR",
    "CA": "CAD", "AU": "AUD", "NZ": "NZD", "IN": "INR", "JP": "JPY", "KR": "KRW", "IL": "ILS", "AZ": "AZN",
    "MD": "MDL", "TJ": "TJS", "TM": "TMT", "MN": "MNT", "RS": "RSD", "CZ": "CZK", "HU": "HUF", "RO": "RON",
    "SE": "SEK", "NO": "NOK", "DK": "DKK", "BR": "BRL", "MX": "MXN", "ZA": "ZAR", "SG": "SGD", "HK": "HKD",
    "TH": "THB", "SA": "SAR", "QA": "QAR", "EG": "EGP", "VN": "VND", "ID": "IDR", "MY": "MYR",
}
# Countries whose own currency is a dollar: there "$" and "dollars" mean it, unless US dollars are named.
_LOCAL_DOLLARS = frozenset(("CAD", "AUD", "NZD", "SGD", "HKD"))
# ... a sign before its figure too: "US$18,000"
_US_DOLLARS = LazyPattern(r"(?<!\w)(?:(?:usd|u\.s\.|us dollars?|american dollars?|американск\w*|greenbacks?)(?!\w)|us\s?\$)", re.IGNORECASE)


QUOTED = -2
CORRECTED = 2
"""The `cue` of a figure that corrects one said before it in the same message: the budget, whatever else it names."""
"""The `cue` of a price someone else named ("they quoted me $12k", "listed for £899"): never the budget,
only the scale a bare figure beside it is read on ("на сайте 2 млн, а у меня 1.6")."""


@dataclass(frozen=True)
class Money:
    """One amount of money in a text, as far as the text tells."""

    amount: Decimal
    currency: str | None
    explicit: bool  # it carries a currency or a multiplier, so it is money whatever surrounds it
    span: tuple[int, int]
    cue: int  # +1 after words of a budget ("бюджет", "up to"), -1 after words of a price ("стоит"), or QUOTED
    low: Decimal | None = None  # a range's lower bound ("от 5 до 7 млн": 5 млн); `amount` is its upper one
    bound: Literal["min", "max"] | None = None  # "до 9 млн" is at most, "от 5 млн" at least
    period: Literal["total", "month"] | None = None  # "50 тыс в месяц", "$2k/mo"; "всего", "in total"
    factor: Decimal = Decimal(1)  # the multiplier written ("тыс", "k"), which a range's lower bound borrows
    more: bool = False  # "на 200 больше", "another 5k": on top of the budget already known


def currency_for_region(region: str | None) -> str | None:
    """The currency people in `region` mean when they name none (RU -> RUB), or None when unsure."""
    return _REGION_CURRENCY.get((region or "").upper())


def local_dollar(currency: str | None, text: str, local: str | None) -> str | None:
    """`currency` as meant where the company is (`local`: its currency): "$" or "dollars" read as US dollars
    is the local dollar in a Canadian, Australian or New Zealand chat ("under $60/month" to a Vancouver gym
    is CAD), unless the text names US dollars."""
    if currency == "USD" and local in _LOCAL_DOLLARS and not _US_DOLLARS.search(text):
        return local
    return currency


def parse_budget(
    text: str, default_currency: str | None = None, *, asked: bool = False
) -> tuple[Decimal, str | None] | None:
    """The customer's budget in `text`: (amount, ISO 4217 code), or None.

    An amount counts when it carries a currency or a multiplier ("9 млн", "$450k"), when words of
    a budget stand before it ("бюджет 300000", "up to 5000"), or, with `asked` (the bot just asked
    for the budget), when it is a bare number. Areas, room counts, years, dates, times, durations
    and counts of people never count. Of several amounts, one after budget words wins over one after
    price words ("стоит 5 млн, а у меня 4" -> 4 млн); otherwise the largest, which in a message about
    one purchase is the total rather than a part. The currency is the one written, else
    `default_currency` (see `currency_for_region`).
    """
    best = _best(find_money(text, asked=asked))
    if best is None:
        return None
    return best.amount, best.currency or default_currency


def local_signs(text: str, currency: str | None) -> str:
    """`text` with the signs in letters that stand before a figure where `currency` is the local one ("R500 max" to a
    South African company) written as `LOCAL`, one character for one, so that spans stay the text's."""
    if currency is None:
        return text
    return _LETTER_SIGN.sub(lambda sign: LOCAL * len(sign.group()) if is_local_sign(sign.group(), currency) else sign.group(), text)


def find_money(text: str, *, asked: bool = False, small: bool = False, local: str | None = None) -> list[Money]:
    """Every amount in `text` that reads as money (see `parse_budget`); a range is one amount with its `low`.

    `small`: keep bare figures under 100 after budget words ("ну до 70"), and any after words that
    correct a figure ("нет, 45", "make that 2.5"), for the caller to read on the scale of a budget already known.
    `local`: the currency where the customer is, whose sign in letters before a figure names it ("R500" in rand)."""
    found = _money_found(local_signs(text, local), asked=asked, small=small)
    return [replace(money, currency=local) if money.currency == LOCAL else money for money in found]


def _money_found(text: str, *, asked: bool, small: bool) -> list[Money]:
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    numbers = list(islice(_NUMBER.finditer(text), _MAX_CANDIDATES))
    number_ends = {match.end() for match in numbers}
    for match in _MULTIPLIER_FIRST.finditer(text):
        mult, dash = match.group("mult").lower(), bool(match.group("dash"))
        if len(text[:match.start()].rstrip()) in number_ends or (mult in _SINGULAR_MILLION and not dash):
            continue  # "20 тысяч 500", "от 20 тысяч до 50": the multiplier of the figure before it
        from_one = mult in _ONE_OF_IT and (dash or ((match.group("pre") or "").lower() == "до" and bool(
            _FROM_BEFORE.search(text, max(0, match.start() - 3), match.start()))))
        if dash and not from_one:
            continue  # "тысяч - 300": a dash is a range only from one of it
        if mult.startswith("шт") and not currency_after(text, match.end()):
            continue  # "штук 5": pieces
        if _ends_with(_NOT_MONEY_BEFORE, text[max(0, match.start() - 40):match.start()]):
            continue  # "пробег тысяч сто двадцать": mileage
        words = match.group("words")
        value = number_in_words(words) if words else _number(match.group("number"), None)
        upper = _number(match.group("upper"), None) if match.group("upper") else (
            number_in_words(match.group("upper_words")) if match.group("upper_words") else None)
        if value and not _down_payment(text, match.start(), match.end()):  # none, or "тыс 0": no money
            factor = Decimal(10) ** 6 if mult.startswith(("м", "л")) else Decimal(1000)
            if match.group("million") and factor < 10 ** 6:
                upper = Decimal(10) ** 6 / factor  # "тыщ 900 - миллион": the upper bound a million
            end = match.end()
            low: Decimal | None = None
            if from_one and upper is None and value > 1:  # "миллион-полтора", "от миллиона до двух (миллионов)"
                low, amount = factor, _tidy(value * factor)
                if (again := MULTIPLIER.match(text, end)) and MULTIPLIER_VALUES[again.lastgroup or ""] == factor:
                    end = again.end()
            else:
                low = _tidy(value * factor) if upper is not None and upper > value else None
                amount = _tidy((upper if low is not None else value) * factor)  # type: ignore[operator]
            bound = _BOUND_BEFORE.get((match.group("pre") or "").lower()) if low is None else None
            written = currency_written_after(text, end)
            currency = written[0] if written else None
            span = (match.start(), written[1] if written else end)
            before = text[max(0, match.start() - 40):match.start()]
            if _not_to_spend(before):
                continue  # "зарплата тысяч 80"
            # "у знакомых вышло тысяч 500": someone else's price, as in the order with the figure first (not after "стоит":
            # "сколько стоит? мы думали тысяч десять" answers with their own)
            cue = 1
            if _quoted(before) or _set_aside_after(text, before, span[1]):
                # ... unless they want to come in under it: "насчитали тысяч 90, хотим дешевле" is at most that
                bound, cue = ("max", -1) if _UNDER_IT_AFTER.match(text, span[1]) else (bound, QUOTED)
            found.append(_with_context(text, Money(amount, currency, True, span, cue, low=low, bound=bound, factor=factor)))
            taken.append(span)
    matches = [match for match in numbers if not any(a <= match.start() < b for a, b in taken)]
    # A number inside the amount before it ("пол миллиона", "миллион двести") is part of that amount.
    amounts: list[Money | None] = []
    covered_until = -1
    for match in list(matches):
        if match.start() < covered_until:
            matches.remove(match)
            continue
        money = _money_at(text, match, asked=asked, small=small)
        covered_until = max(covered_until, money.span[1] if money else -1)
        amounts.append(money)
    _join_compounds(text, matches, amounts)
    for index in range(len(amounts) - 1):
        # "between 1400 and 1700 a month": the upper bound of a range is money when its lower bound is.
        bottom, top = amounts[index], amounts[index + 1]
        if bottom is not None and top is None and bottom.cue >= 0:
            connector = _RANGE_TO.match(text, bottom.span[1])
            if connector and connector.end() == matches[index + 1].start():
                top = _money_at(text, matches[index + 1], asked=True, in_range=bottom.explicit or bottom.cue > 0)
                amounts[index + 1] = top and replace(top, cue=max(top.cue, bottom.cue), currency=top.currency or bottom.currency)
                if top is None and not bottom.explicit and _counted_range(text, matches[index + 1], bottom.amount):
                    amounts[index] = None  # "within 2-3 weeks", "2 or 3 days": the lower bound of a range of something else
    for index, money in enumerate(amounts):
        following = amounts[index + 1] if index + 1 < len(amounts) else None
        if following is not None:
            connector = _RANGE_TO.match(text, matches[index].end() if money is None else money.span[1]) or (
                _SPOKEN_RANGE_GAP.match(text, matches[index].end()) if _spoken_range(matches[index], money, following) else None)
            two_currencies = money is not None and _two_currencies(money.currency, following.currency)
            if connector and connector.end() == following.span[0] and not two_currencies:  # not "$5k или 450 тысяч рублей"
                low = money.amount if money is not None else _raw_value(matches[index])
                if low is not None and low > 0:
                    if (money is None or money.factor == 1) and following.factor > 1 and low * following.factor <= following.amount:
                        low *= following.factor  # "300-400 тыс": the lower bound borrows the upper one's multiplier
                    elif money is None and low < 10 and (matches[index + 1].group("word") or "").lower().endswith("hundred"):
                        low *= 100  # "two to three hundred": and its hundreds
                    elif (money is None or money.factor == 1) and (magnitude := _round_magnitude(following.amount / following.factor, low)):
                        low *= magnitude  # "3-400", "$2-3000": the lower bound's digit on the upper one's scale
                    elif money is not None and money.factor > 1 and following.factor == 1 and following.amount * money.factor > low:
                        following = replace(following, amount=following.amount * money.factor, factor=money.factor, explicit=True,
                                            currency=following.currency or money.currency)  # "от 2 млн до 3": and the upper the lower's
                    if low > following.amount and not (following.explicit or (money and money.explicit)) and low <= _HOURS_IN_A_DAY:
                        amounts[index + 1] = None  # "between 9 and 5", "с 9 до 6": working hours
                    elif low < following.amount:  # "$15-20k", "баксов 500-700": a currency before the range is the range's
                        amounts[index + 1] = replace(
                            following, low=_tidy(low), bound=None, span=(money.span[0] if money else matches[index].start(), following.span[1]),
                            cue=QUOTED if money and money.cue == QUOTED else max(following.cue, money.cue if money else 0),
                            currency=_range_currency(money.currency if money else None, following.currency),
                            explicit=following.explicit or bool(money and money.explicit))
                    elif money is not None and low > following.amount:
                        found.append(_with_context(text, money))  # "your site says 225 and 120": two figures, no range
                continue  # the lower bound of a range: carried by the upper one
        if money is not None:
            found.append(_with_context(text, money))
    uppers = _ranges_up_to_words(text, found)
    if small or asked:  # not a number in words the figures read ("где то сто пятьдесят двести тысяч"), nor a range's upper bound
        found += [money for money in _bound_word_numbers(text) if money.span[0] not in uppers
                  and not any(number.start() < money.span[1] and money.span[0] < number.end() for number in numbers)]
    return _corrected_in_place(text, _bounds_joined(text, _quoted_lists(text, found)))


def _quoted_lists(text: str, found: list[Money]) -> list[Money]:
    """`found` with a figure listed right after a price someone else named, or worked out from it, taken as named by them
    too: "your site says 225 and 120 an hour", "на сайте 3500 и 4200", "у вас 1500 за экземпляр, то есть 7500 выйдет?";
    not one the customer bounds ("они просили 900, а мы до 700"), nor the total of a share ("по 30 тыс с каждой, итого 60")."""
    found = sorted(found, key=lambda money: money.span)
    for index in range(1, len(found)):
        listed, money = found[index - 1], found[index]
        if listed.cue == QUOTED and money.bound is None and money.low is None and (
                _LISTED.fullmatch(text, listed.span[1], money.span[0]) or _WORKED_OUT.fullmatch(text, listed.span[1], money.span[0])) and not (
                _a_share(text, text[max(0, listed.span[0] - 40):listed.span[0]], listed.span[1])):
            found[index] = replace(money, cue=QUOTED)
    return found


def _corrected_in_place(text: str, found: list[Money]) -> list[Money]:
    """`found` with a figure that corrects the one before it in the same message ("$150-200 a month. hmm actually under
    150", "тысяч 40, хотя нет, до 45"), answers it when it was asked about ("$150 a month? I could do 200") or, the last
    figure, is a ceiling after it ("закладывали тысяч 30, ну до 35 можем", "our budget line is $5,000 but for this we'd
    cap it at 3500") put first (`CORRECTED`), in the currency and the period of the one it corrects when it names none, and
    at most that when it raises the figure as far as the customer can stretch (see `stretched_to`)."""
    for index in range(1, len(found)):
        earlier, money = found[index - 1], found[index]
        if earlier.cue > QUOTED and money.cue >= 0 and (
                _CORRECTED_BEFORE.search(text, max(earlier.span[1], money.span[0] - _CORRECTED_CHARS), money.span[0])
                or _ASKED_ABOUT_AFTER.match(text, earlier.span[1])
                or (index == len(found) - 1 and money.bound == "max" and earlier.bound is None and money.span[0] >= earlier.span[1])):
            # a figure raised as far as they can stretch ("$150 a month? I could do 200", "$40 is fine, even 60") is the most
            # ... a bare figure on the scale of the one it raises ("до 300 тысяч, или даже 350")
            raised = money.amount * (earlier.factor if not money.explicit else 1)
            bound = "max" if earlier.amount < raised and stretched_to(text, money) else money.bound
            found[index] = replace(money, cue=CORRECTED, currency=money.currency or earlier.currency, period=money.period or earlier.period,
                                   bound=bound)
    return found


def _two_currencies(low: str | None, high: str | None) -> bool:
    """A range's bounds name two currencies; roubles and Belarusian roubles are one ("рублей 300-350 белорусских":
    the adjective after the range says whose roubles the word before it meant)."""
    return None is not low != high is not None and {low, high} != _ROUBLES and not _dollars_named_after(low, high)


def _dollars_named_after(low: str | None, high: str | None) -> bool:
    """"$1200-1500 CAD": a dollar sign, read as US dollars, before a range whose upper bound names the local dollar."""
    return low == "USD" and high in _LOCAL_DOLLARS


def _range_currency(low: str | None, high: str | None) -> str | None:
    """The currency of a range whose bounds carry `low` and `high`, one of them unnamed or both the same (see
    `_two_currencies`)."""
    return "BYN" if {low, high} == _ROUBLES else high or low  # the dollar named after "$" (see `_dollars_named_after`) too


def _round_magnitude(upper: Decimal, low: Decimal) -> int | None:
    """The hundreds or thousands `low`, a single digit below the upper bound's first, stands for when the upper
    bound is round ("3-400" is 300 to 400, "2-3000" 2000 to 3000), or None."""
    for magnitude in (100, 1000):
        if upper % magnitude == 0 and 1 < upper / magnitude < 10 and low == low.to_integral() and 0 < low < upper / magnitude:
            return magnitude
    return None


def _bounds_joined(text: str, found: list[Money]) -> list[Money]:
    """`found` with a lower bound and an upper one said side by side made one range: "не меньше 800 и не больше
    1000 тыс", "минимум 200, максимум 300 тысяч", "at least 2k but no more than 3k"; the bare one borrows the
    other's multiplier, as a range's bounds do."""
    found = sorted(found, key=lambda money: money.span)
    index = 0
    while index < len(found) - 1:
        first, second = found[index], found[index + 1]
        bounds = {first.bound, second.bound}
        if bounds != {"min", "max"} or QUOTED in (first.cue, second.cue) or not _BOUNDS_GAP.fullmatch(text, first.span[1], second.span[0]) or (
                None is not first.currency != second.currency is not None):
            index += 1
            continue
        low, high = (first, second) if first.bound == "min" else (second, first)
        low_amount, high_amount = low.amount, high.amount
        if low.factor == 1 and high.factor > 1 and low_amount * high.factor <= high_amount:
            low_amount *= high.factor  # "не меньше 800 и не больше 1000 тыс"
        elif high.factor == 1 and low.factor > 1 and high_amount * low.factor > low_amount:
            high_amount *= low.factor  # "от 200 тысяч, но не больше 300"
        if low_amount < high_amount:
            found[index:index + 2] = [replace(
                high, amount=_tidy(high_amount), low=_tidy(low_amount), bound=None, span=(first.span[0], second.span[1]),
                currency=high.currency or low.currency, explicit=high.explicit or low.explicit or high_amount != high.amount,
                cue=max(first.cue, second.cue), factor=max(high.factor, low.factor))]
        index += 1
    return found


def _counted_range(text: str, upper: re.Match[str], low: Decimal) -> bool:
    """`upper`, the figure after a range's connector, counts something with the unit after it ("2-3 недели",
    "3 to 4 rooms"), and the figure before it is its range's lower bound (smaller), so no money either."""
    value = _raw_value(upper)
    return value is not None and low < value and bool(_NOT_MONEY_AFTER.match(text, upper.end()))


def _ranges_up_to_words(text: str, found: list[Money]) -> set[int]:
    """A range whose upper bound is a bare number in words after a figure with its multiplier, made one in
    `found` (in place): "от пятисот тысяч до семисот" (500-700 thousand); where those upper bounds start."""
    starts = set()
    for index, money in enumerate(found):
        connector = _RANGE_TO.match(text, money.span[1]) if money.factor > 1 and money.low is None else None
        words = _WORDS_ALONE.match(text, connector.end()) if connector else None
        if words is None or words.group().lower() in _NOT_A_FIGURE or MULTIPLIER.match(text, words.end()):
            continue
        upper = number_in_words(words.group()) * money.factor
        if money.amount < upper:
            found[index] = replace(money, low=money.amount, amount=_tidy(upper), bound=None, span=(money.span[0], words.end()))
            starts.add(words.start())
    return starts


def _bound_word_numbers(text: str) -> list[Money]:
    """Bare numbers in words after a bound or a hedge ("ну до двухсот"), for the caller to read on the scale of the
    budget known or asked for; one with its own multiplier or currency is read with the figures, and one with a
    unit, or an hour's, is none; a range's lower bound ("от пяти до шести") has its upper one's unit, if any."""
    found = []
    matches = list(islice(_BOUND_WORD_NUMBER.finditer(text), _MAX_CANDIDATES))
    for index, match in enumerate(matches):
        words, end = match.group("words"), match.end()
        upper = matches[index + 1] if index + 1 < len(matches) and text[end:matches[index + 1].start()].isspace() else None
        if (words.lower() in _NOT_A_FIGURE or MULTIPLIER.match(text, end) or currency_after(text, end)
                or _NOT_MONEY_AFTER.match(text, upper.end() if upper else end) or _HOURS_NEAR.search(text)
                or _HEADCOUNT_BEFORE.search(text, max(0, match.start() - 16), match.start())):
            continue
        found.append(_with_context(text, Money(_tidy(number_in_words(words)), None, False, (match.start("words"), end), 1)))
    return found


def _join_compounds(text: str, matches: list[re.Match[str]], amounts: list[Money | None]) -> None:
    """One amount said in parts, each on a smaller scale than the one before it, made one (in place):
    "1 млн 200 тыс", "семь миллионов пятьсот тысяч", "two thousand five hundred pounds"; and "1 млн 200",
    whose bare part after millions is thousands, as in "миллион двести"."""
    index = 0
    while index < len(amounts) - 1:
        whole, following = amounts[index], matches[index + 1]
        if (whole is None or whole.factor < 1000 or whole.low is not None
                or not _PART_GAP.fullmatch(text, whole.span[1], following.start())):
            index += 1
            continue
        part = amounts[index + 1] or _money_at(text, following, asked=True, in_range=True)
        if part is None or part.low is not None or part.factor >= whole.factor or None is not whole.currency != part.currency is not None:
            index += 1
            continue
        value = part.amount * (1000 if part.factor == 1 and whole.factor > 1000 and part.amount < 1000 else 1)
        if value >= whole.factor:
            index += 1
            continue
        amounts[index] = replace(whole, amount=whole.amount + value, span=(whole.span[0], part.span[1]),
                                 currency=whole.currency or part.currency, cue=max(whole.cue, part.cue))
        del amounts[index + 1], matches[index + 1]


def _spoken_range(match: re.Match[str], money: Money | None, following: Money) -> bool:
    """Two numbers in words, the first bare and the second with its multiplier, said as a range without a dash
    ("сто пятьдесят двести тысяч", "fifteen twenty thousand"): voice typing drops the dash."""
    return bool(match.group("word")) and (money is None or money.factor == 1) and following.factor > 1 and bool(
        following.span[0] < len(match.string) and match.string[following.span[0]].isalpha())


def _with_context(text: str, money: Money) -> Money:
    """`money` with what the words around it say: a bound ("до", "from", "or less"), a monthly period,
    and whether it comes on top of a budget already known ("на 200 больше")."""
    before = text[max(0, money.span[0] - 40):money.span[0]]
    bound: Literal["min", "max"] | None = money.bound
    if money.low is None and bound is None:
        # the word before first: "no less than 800 and no more than 1000" is at least 800
        bound = "max" if _UPPER_BOUND.search(before) else "min" if _LOWER_BOUND.search(before) else (
            "max" if _UPPER_AFTER.match(text, money.span[1]) else "min" if _LOWER_AFTER.match(text, money.span[1]) else None)
        if bound is None and (latin := _LATIN_BOUND.search(before)) and _TRANSLIT_SCALE.search(text, *money.span):
            bound = "max" if latin.group(1).lower() == "do" else "min"  # "togda do dvuh millionov", not "we can do 2 million"
        if bound == "min" and (_DENIED_AFTER.match(text, money.span[1]) or _TOO_DEAR_AFTER.match(text, money.span[1])):
            bound = "max"  # "больше 280 не сможем", "more than 5k we can't", "больше 500 тысяч дорого": at most that
    period: Literal["total", "month"] | None = None
    monthly_before = _MONTHLY_BEFORE.search(before)
    if monthly_before and _A_FIGURES_OWN.search(before, 0, monthly_before.start()):
        monthly_before = None  # "ипотека 40 тысяч в месяц, на ремонт можем 300 тысяч": the month of the figure before
    if _MONTHLY_AFTER.match(text, money.span[1]) or monthly_before or _monthly_note(text, money.span[1]):
        period = "month"
    elif _TOTAL_NEAR.search(before[-24:]) or _TOTAL_AFTER.match(text, money.span[1]):
        period = "total"
    more = bool(_MORE_AFTER.match(text, money.span[1]) or _MORE_BEFORE.search(before))
    return replace(money, bound=bound, period=period, more=more)


def _monthly_note(text: str, end: int) -> bool:
    """The figure ending at `end` is noted as a month's in a clause of its own ("около 40 тысяч, это в месяц"); not "5k,
    that is a month of my salary"."""
    note = _NOTE_AFTER.match(text, end)
    monthly = _PER_MONTH_AFTER.match(text, note.end()) if note else None
    return bool(monthly and _NOTE_ENDS.match(text, monthly.end()))


def paid_monthly(said: Iterable[str], company: str = "", offered: Iterable[str] = ()) -> bool:
    """The need is to rent a home or an office, whose budget is a month's rent whether or not the customer
    says "в месяц": the customer's messages (`said`) say so, or the company does it (its name, or every one
    of the names it `offered`, says to rent one: "Lettings", "Аренда квартир"); not a let by the night, a
    boat or a car, a year's rent, or a purchase after all."""
    customer = "\n".join(said)
    if _SHORT_LET.search(customer):
        return False
    offered = list(offered)
    return any(_renting_premises(words) for words in (customer, company)) or bool(
        offered and all(_renting_premises(name) for name in offered))


def _renting_premises(text: str) -> bool:
    """A home or an office is what is rented: named beside the word of renting ("снять однушку", "однушка в аренду",
    "a 2br to lease"), not a house where a stairlift goes that might be rented ("дом в Дедовске ... может аренду тогда")."""
    return not _SHORT_LET.search(text) and any(_PREMISES.search(text, max(0, rent.start() - _PREMISES_NEAR), rent.end() + _PREMISES_NEAR)
                                               for rent in islice(_RENTING.finditer(text), _MAX_CANDIDATES))


def said_for(text: str, money: Money) -> str:
    """The customer's words for `money`, with the period or the unit it is per, which a budget's fields may
    not hold: "тысяч 45 в месяц", "£300 a week", "£700pp", "до 5000 за ночь"."""
    per = _MONTHLY_AFTER.match(text, money.span[1]) or _PER_UNIT_AFTER.match(text, money.span[1])
    sign = CURRENCY_BEFORE.search(local_signs(text, money.currency), max(0, money.span[0] - 6), money.span[0])
    return text[sign.start() if sign else money.span[0]:per.end() if per else money.span[1]].strip()


def budget_in_words(text: str, *, asked: bool = False) -> str | None:
    """The customer's own words for a budget they give no figure for ("недорого", "money is no object";
    "flexible" only with `asked`, the bot having asked for the budget, or beside the word "budget"), or
    None; a question ("а есть подешевле?") states none."""
    if text.rstrip().endswith("?"):
        return None
    words = _BUDGET_WORDS.search(text)
    if words is None and (asked or _BUDGET_WORD.search(text)):
        words = _VAGUE_BUDGET_WORDS.search(text)
    return words.group() if words else None


def stretched_to(text: str, money: Money) -> bool:
    """`money`, one figure, is said as what the customer can pay ("ну можем 350", "350 потянем", "we could do 10") or as
    "even" that much (see `said_as_even`): above the budget they gave before, it is the most they can stretch to, not a new
    figure for both bounds."""
    before = text[max(0, money.span[0] - 30):money.span[0]]
    return money.low is None and money.bound is None and bool(
        _CAN_PAY_BEFORE.search(before) or _CAN_PAY_AFTER.match(text, money.span[1]) or said_as_even(text, money))


def said_as_even(text: str, money: Money) -> bool:
    """`money` is said as "even" that much: "или даже 350", "or even 8", "а то и 400"."""
    return bool(_EVEN_BEFORE.search(text, max(0, money.span[0] - 16), money.span[0]))


def lends(company: str, offered: Iterable[str]) -> bool:
    """The company arranges loans, leases or factoring: its name says so, or half of the names it `offered` do."""
    offered = list(offered)
    return bool(_LENDING.search(company)) or (bool(offered) and 2 * sum(bool(_LENDING.search(name)) for name in offered) >= len(offered))


def passed_on(text: str, money: Money, *, lender: bool) -> bool:
    """`money` is what the customer pays through the company to someone else: ad spend (see `_AD_SPEND_BEFORE`), or with a
    `lender` the sum to be financed (see `_FINANCED_BEFORE`), with no words of their own payment to the company between, nor
    said to include it after ("the monthly ad budget is 3 grand incl your fee")."""
    before = text[max(0, money.span[0] - 60):money.span[0]]
    if _FEE_INCLUDED_AFTER.match(text, money.span[1]):
        return False
    if _AD_SPEND_AFTER.match(text, money.span[1]) or (lender and _FINANCED_AFTER.match(text, money.span[1])):
        return True
    said = _AD_SPEND_BEFORE.search(before) or (_FINANCED_BEFORE.search(before) if lender else None)
    return said is not None and not _OWN_PAYMENT.search(said.group("between"))


def said_as_budget(text: str, money: Money) -> bool:
    """The figure is said as a budget: after words of money ("бюджет до 150", "pay under 30"), or with
    no word beside it but words of doubt, bounds or opinion ("150-200", "ну где-то 150", "150 думаю",
    "around 5"), as a reply to "how much?" is; not "iPhone 15", "после 19" or "we have 2 dogs"."""
    before = text[max(0, money.span[0] - 40):money.span[0]]
    word_before = _LAST_WORD.search(before)
    word_after = _FIRST_WORD.match(text, money.span[1])
    if _SMALL_FIGURE_CUE.search(before):
        return True
    return not _HOURS_NEAR.search(text) and all(
        word is None or word.group(1).lower() in _FIGURE_WORDS for word in (word_before, word_after))


def named_currency(text: str, *, apart: bool = False) -> str | None:
    """The one currency the text names in words somewhere ("30k, in euros"), or None when none or several;
    one it denies does not count ("в долларах, не в рублях", "в рублях не считаю", "we don't think in euros"), nor
    one it would pay in at the exchange rate ("или в тенге по курсу"). `apart`: only a currency named apart from a
    figure ("считаем в долларах"), not one that is some other figure's ("депозит 4 тысячи фунтов" of a budget in roubles)."""
    named = {match.lastgroup for match in islice(_CURRENCY_NAMED.finditer(text), 20)
             if not _DENIED.search(text, max(0, match.start() - 24), match.start()) and not _NOT_THE_BUDGETS.match(text, match.end())
             and not (apart and _A_FIGURES_OWN.search(text, max(0, match.start() - 16), match.start()))}
    return named.pop() if len(named) == 1 else None


def _raw_value(match: re.Match[str]) -> Decimal | None:
    word = match.group("word")
    if word:
        return number_in_words(word)
    if match.group("alone") or match.group("alone_m"):
        return None
    return _number(match.group(), match.group("sep"))


def _money_at(text: str, match: re.Match[str], *, asked: bool, small: bool = False, in_range: bool = False) -> Money | None:
    """The amount at `match`, or None when it is not money; `in_range`: it is the upper bound of a range
    whose lower bound is written as money ("долларов 600-800 если норм"), so words after it count nothing."""
    start, end = match.span()
    word = match.group("word")
    if match.group("alone") or match.group("alone_m"):
        word, end = "один", start  # "миллион рублей": the word is both the number and the multiplier
    value = number_in_words(word) if word else _number(match.group(), match.group("sep"))
    hundreds = match.group("hundreds")  # "миллион двести": thousands after the million, read with the multiplier
    if value is None or value <= 0:
        return None
    before = text[max(0, start - 40):start]
    if word and _FEW_BEFORE.search(before):
        return None  # "a few hundred", "several thousand": no figure
    if ((_ends_with(_NOT_MONEY_BEFORE, before) or (_FLAT_NUMBER_BEFORE.search(before) and not MULTIPLIER.match(text, end)))
            and not currency_after(text, end_of_multiplier(text, end))):
        return None  # a tax id, an order number, mileage; but "с пробегом до 1 200 000 руб." is money
    currency = None
    symbol = CURRENCY_BEFORE.search(before[-6:])
    if symbol:
        currency = (DOLLARS.get((symbol.group("dollar") or "").lower()) or SYMBOLS.get(symbol.group("sym") or "")
                    or (symbol.group("code") or "").upper() or None)
    elif (inverted := _CURRENCY_WORD_FIRST.search(before[-14:])) is not None:
        currency = named_currency(inverted.group())  # "рублей 300 белорусских", "долларов 500": about that much
        start -= len(inverted.group())
    multiplier = MULTIPLIER.match(text, end)
    factor: Decimal | None = None
    if multiplier:
        kind = multiplier.lastgroup or ""
        after_multiplier = multiplier.end()
        post = currency_after(text, after_multiplier)
        if not (currency or post) and ((kind == "m" and multiplier.group() != "M") or multiplier.group().strip().lower() == "mm"):
            if not (asked or _SMALL_FIGURE_CUE.search(before)):
                return None  # "a 4.5m opening", "4200mm": metres and millimetres, which no scale makes money
            multiplier = None  # "budget 5m": millions or thousands, for the caller to read on its scale; "1.5M", "$5mm" are millions
        elif kind == "slang" and not (currency or post or multiplier.group().lstrip().lower().startswith("косар") or (
                not multiplier.group().lstrip().lower().startswith("штук") and _FIGURE_ALONE.match(text, after_multiplier))):
            return None  # "500 штук", "5 кусков мыла": pieces; "пять кусков" alone, "10 косарей" are money
        elif kind == "k" and _ROOMS_AFTER_K.match(text, after_multiplier):
            return None  # "2к квартира": rooms
        elif not post and _COUNT_AFTER_MULTIPLIER.match(text, after_multiplier):
            return None  # "90 тыс км": a count of something else
        elif kind == "thousand" and not (currency or post) and _YEAR_IN_WORDS_AFTER.match(text, after_multiplier):
            return None  # "две тысячи пятнадцатого года": a year in words
        else:
            factor = MULTIPLIER_VALUES[kind]
            end = after_multiplier
            if kind == "million" and (thousands := _HUNDREDS_AFTER.match(text, end)) and (
                    hundreds or not MULTIPLIER.match(text, thousands.end())):
                # "два миллиона триста", "миллион двести пятьдесят тысяч": thousands after the millions
                value += number_in_words(thousands.group("words")) / 1000
                end = thousands.end()
            elif half := _HALF_AFTER.match(text, end):
                value, end = value + Decimal("0.5"), half.end()  # "a mil and a half", "миллион с половиной"
    elif word and not (currency_after(text, end) or word.lower().endswith("hundred")):
        return None
    post_currency = currency_after(text, end)
    if (word and word.lower() in _ARTICLES and multiplier and multiplier.group().strip().lower() in _SAYINGS
            and not (currency or post_currency or asked or _BUDGET_CUE.search(before))):
        return None  # "thanks a million", "a thousand times": a way of speaking, not an amount
    if post_currency:
        currency = currency or post_currency
        end = currency_written_after(text, end)[1]  # type: ignore[index]
    if (factor or currency or value >= _SMALLEST_BUDGET) and _THEIR_PRICE_BEFORE.search(before) and not (
            _ENOUGH_AFTER.match(text, end) or _UPPER_BOUND.search(before) or _LOWER_BOUND.search(before) or _UNDER_IT_AFTER.match(text, end)):
        # "у вас 8000 в месяц за автомат?", "у вас 1500 за экземпляр": the company's price, whatever it is per; the scale of a
        # figure worked out from it
        return Money(_tidy(value * (factor or 1)), currency, bool(currency or factor), (start, end), QUOTED, factor=factor or Decimal(1))
    if not post_currency and not factor and _NOT_MONEY_AFTER.match(text, end) and not _PER_MONTH_AFTER.match(text, end) and not (
            (currency or asked or value >= _SMALLEST_BUDGET or _BUDGET_CUE.search(before)) and _PER_UNIT_AFTER.match(text, end)) and not (
            (currency or ((value >= _SMALLEST_BUDGET or small) and (asked or _BUDGET_CUE.search(before)))) and _SPENT_ON_AFTER.match(text, end)):
        return None  # "3 комнаты", "5 в день"; but "1500 в месяц", "бюджет 3000 на человека", "€90 a night", "$200 на всё" are money
    if factor:
        value *= factor
    explicit = bool(currency or factor)
    cue = 1 if (_BUDGET_CUE.search(before) or (_HEDGED_FIGURE.search(before) and _FIGURE_ALONE.match(text, end))
                or _UPPER_AFTER.match(text, end) or _PER_MONTH_AFTER.match(text, end) or _RANGE_NAMED_AFTER.match(text, end)
                or _ENOUGH_AFTER.match(text, end) or _ACCEPTED_AFTER.match(text, end) or (_OFFER_BEFORE.search(before) and _FIGURE_ALONE.match(text, end))
                or (small and (_CORRECTING.search(before, len(before) - _CORRECTING_CHARS) or _ANOTHER_FIGURE_DENIED.search(before)
                               or _CAN_PAY_AFTER.match(text, end) or _MORE_BEFORE.search(before) or _MORE_AFTER.match(text, end)))
                or (_DENIED_AFTER.match(text, end) and _LOWER_BOUND.search(before))
                or ((factor or currency or value >= _SMALLEST_BUDGET) and _PER_UNIT_AFTER.match(text, end))) else (
        -1 if _PRICE_CUE.search(before) else 0)
    if cue > 0 and _HEDGED_PRICE.search(before):
        cue = -1  # "одна стоит где-то 3,1 млн": a price, hedged
    if _down_payment(text, start, end) or _not_to_spend(before) or _OFF_A_PRICE_AFTER.match(text, end) or _owned(text, before, end):
        return None
    if cue < 0 and not (_UPPER_BOUND.search(before) or _LOWER_BOUND.search(before) or _UNDER_IT_AFTER.match(text, end)):
        # "новая стоит 60 тысяч", "a new one costs $900": the price of a thing, not what they will spend on it; the scale
        # of a bare figure beside it ("стоит 5 млн, а у меня 4"), as a price seen elsewhere is
        return Money(_tidy(value), currency, explicit, (start, end), QUOTED, factor=factor or Decimal(1))
    bound: Literal["max"] | None = None
    if (_quoted(before) and not _OWN_LIMIT_AFTER.match(text, end)) or _set_aside_after(text, before, end) or _paying_now(
            text, before, end) or _RATE_TALK_AFTER.match(text, end):
        if not _UNDER_IT_AFTER.match(text, end):
            return Money(_tidy(value), currency, explicit, (start, end), QUOTED, factor=factor or Decimal(1))
        bound, cue = "max", -1  # "we were quoted £6,500, ideally under that": at most that, unless a budget is named too
    if not explicit:
        if _an_identifier(match.group()):
            return None  # "лот 71834452", "5003123456": the digits of an id, which no one writes a sum of money in
        if value <= 24 and ((_HOURS_FROM_BEFORE.search(before) and _HOURS_TO_AFTER.match(text, end)) or _HOURS_TO_BEFORE.search(before)):
            return None  # "я там с 10 до 19": hours
        if value <= _LAST_DAY_OF_A_MONTH and (_MONTH_AFTER.match(text, end) or _MONTH_BEFORE.search(before)):
            return None  # "from Monday 9 March": a date
        if _DAY_AND_MONTH.fullmatch(match.group()):
            return None  # "15.06": a date, not 15.06 million on the price scale
        if not (asked or cue > 0) or (value < _SMALLEST_BUDGET and not (
                asked or small or _SMALL_FIGURE_CUE.search(before) or _PER_MONTH_AFTER.match(text, end) or _PER_UNIT_AFTER.match(text, end))):
            return None  # "до 18", "есть 2 ребёнка": an hour, a count; "бюджет до 70", "no more than 70 a month" are money
        if 1900 <= value <= 2100 and value == value.to_integral() and not (
                _MONTHLY_AFTER.match(text, end) or _PER_UNIT_AFTER.match(text, end) or _UP_TO_NO_YEAR.match(text, end)
                or _UPPER_AFTER.match(text, end)) and (
                not asked or _YEAR_AFTER.match(text, end) or _YEAR_BEFORE.search(before)):
            return None  # a year ("2015 or newer", "built 1998", even in reply to "budget?"), not "around 2000 a month"
        if not in_range and _COUNTED_AFTER.match(text, end) and (cue <= 0 or (value < _SMALLEST_BUDGET and _HAVE_BEFORE.search(before))):
            # "3 импланта", "36-й", "after 3": a count, a number or an hour, even in reply to "budget?"; and "we have
            # 2 dogs", "у нас есть 3 собаки", whose "have" is no budget's word, on whatever scale a small figure is read
            return None
    return Money(_tidy(value), currency, explicit, (start, end), cue, bound=bound, factor=factor or Decimal(1))


def _an_identifier(raw: str) -> bool:
    """`raw`, a figure written without a currency or a multiplier, is an id's digits: six or more of them in one run,
    all significant ("458812", "71834452"); a sum is written round ("2000000", "350000") or grouped ("1 499 990")."""
    return raw.isdigit() and len(raw.rstrip("0")) >= _ID_DIGITS


def _not_to_spend(before: str) -> bool:
    """Words before a figure make it money the customer earns, owes, is fined or gets back (see `_INCOME_BEFORE`,
    `_OWED_BEFORE`), not what they will spend, unless a clause after them names the budget."""
    said = _INCOME_BEFORE.search(before) or _OWED_BEFORE.search(before)
    return said is not None and not _BUDGET_NAMED_NEXT.search(said.group())


def _owned(text: str, before: str, end: int) -> bool:
    """The figure ending at `end` prices a thing the customer already has (see `_OWNED_BEFORE`, `_OWNED_THING_BEFORE`)."""
    return bool((_OWNED_BEFORE.search(before) and _THING_AFTER.match(text, end))
                or (_OWNED_THING_BEFORE.search(before) and not _WANTED_AFTER.match(text, end)))


def _a_share(text: str, before: str, end: int) -> bool:
    """The figure ending at `end` is what each of several people puts in, said after "по" or "each" (see `_SHARE_BEFORE`),
    or a price per head ("с человека", "a head": see `_PER_HEAD_AFTER`)."""
    share = _SHARE_BEFORE.search(before)
    return bool((share and (share.group("each") or share.group("po"))) or _PER_HEAD_AFTER.match(text, end))


def _set_aside_after(text: str, before: str, end: int) -> bool:
    """The figure ending at `end` is a price the customer turns down (see `_TOO_DEAR_AFTER`), one of the past (see
    `_PAST_AFTER`) or another's they ask the company to match (see `_MATCH_AFTER`), with no bound or word of their
    budget before it; or, whatever words stand before it, a share of several people's (see `_a_share`) or money set apart
    for something else (see `_SEPARATE_BEFORE`): the scale of a total said beside it ("по 30 тыс с каждой, итого 60")."""
    if _a_share(text, before, end) or _SEPARATE_BEFORE.search(before):
        return True
    return bool(_TOO_DEAR_AFTER.match(text, end) or _PAST_AFTER.match(text, end) or _MATCH_AFTER.match(text, end)) and not (
        _UPPER_BOUND.search(before) or _LOWER_BOUND.search(before) or _SMALL_FIGURE_CUE.search(before))


def _paying_now(text: str, before: str, end: int) -> bool:
    """The figure ending at `end` is what the customer pays today (see `_PAYING_NOW_BEFORE`), not a budget."""
    return bool(_PAYING_NOW_BEFORE.search(before) or (_PAYING_BEFORE.search(before) and _NOW_AFTER.match(text, end)))


def _quoted(before: str) -> bool:
    """Words before a figure make it a price someone else named or paid ("у знакомых вышло", "they quoted me"), or the
    sum of an order already placed (see `_ORDER_BEFORE`), unless the customer's own words of spending or bounds follow them."""
    if _ORDER_BEFORE.search(before):
        return True
    clause = _LAST_CLAUSE.search(before)
    if clause and _names_a_price(clause.group()):
        before = clause.group()  # "not sure on budget, last time we paid $180": the budget's word is the clause's before
    return _names_a_price(before) and not _SMALL_FIGURE_CUE.search(before) and not _own_bound(before)


def _names_a_price(text: str) -> bool:
    """`text` ends with words of a price someone else named or paid (`_QUOTED_BEFORE`, `_QUOTED_ALSO_BEFORE`)."""
    return _ends_with((_QUOTED_BEFORE, _QUOTED_ALSO_BEFORE), text, len(text))


def _own_bound(before: str) -> bool:
    """The clause the figure ends, after a price seen or quoted in the one before it, bounds it or hedges it as the
    customer's own: "посмотрел цены на сайте, ладно, до 80 можно", "saw the prices on your site, fine, up to 55",
    "a quote for £900 from another firm, hoping for less, say £700"."""
    clause = _LAST_CLAUSE.search(before)
    if clause is None or _names_a_price(clause.group()):
        return False
    sign = CURRENCY_BEFORE.search(clause.group())
    return bool(_UPPER_BOUND.search(clause.group()) or _HEDGED_FIGURE.search(clause.group()[:sign.start()] if sign else clause.group()))


def _ends_with(patterns: LazyPattern | tuple[LazyPattern, ...], text: str, words: int = _WORDS_BEFORE_A_FIGURE) -> bool:
    """One of `patterns`, anchored at the end with `$` and opening with a word or a sign, matches an end of `text`
    that starts at one of its last `words` words or signs: tried there rather than at every character, as
    `search` would (a pattern of many words, case-insensitive, is slow to try)."""
    starts = [start.start() for start in _WORD_OR_SIGN.finditer(text)][-words:]
    return any(pattern.match(text, start) for pattern in (patterns if isinstance(patterns, tuple) else (patterns,)) for start in starts)


def _down_payment(text: str, start: int, end: int) -> bool:
    """The figure is a down payment ("первый взнос 300 тыс", "300-400 на первый взнос"): part of the
    price, not what the customer can spend."""
    return bool(_DOWN_PAYMENT.search(text, max(0, start - 24), start) or _DOWN_PAYMENT_AFTER.match(text, end_of_multiplier(text, end)))


def _best(found: list[Money]) -> Money | None:
    return max((money for money in found if money.cue > QUOTED), key=lambda money: (money.cue, money.explicit, money.amount),
               default=None)


def _number(raw: str, separator: str | None) -> Decimal | None:
    if separator:  # "1 500 000", "1,500,000", "1.500.000,50": the separator groups thousands
        cents = _CENTS.search(raw)
        whole, fraction = (raw[: cents.start()], raw[cents.start() + 1:]) if cents else (raw, "")
        raw = whole.replace(separator, "") + ("." + fraction if fraction else "")
    else:  # "2,5", "1.2": a decimal separator
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw)
    except InvalidOperation:
        return None


def _tidy(value: Decimal) -> Decimal:
    return value.to_integral() if value == value.to_integral() else value.quantize(Decimal("0.01"))
