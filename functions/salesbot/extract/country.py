"""Which country a conversation points to, for reading phone numbers written without a country code.

A customer in Almaty writes "8 701 ...", one in Kyiv "067 ...", one in New York "(212) 555-...":
each is a valid number only in their own country's format. The cues are what a person would go by:
the country or one of its cities named, its currency named; dollars and pounds only in a
conversation held in English (Russians quote dollars too). Beside the few written here, any town,
region or country the location parser reads (`location.places_named`) whose name the gazetteer gives
one country (`wordlists.place_country`), and a national currency's ISO code beside an amount; where
the customer says they live ("I live just over the border in Freilassing") before the most named.

`is_country` tells a country from a town ("во Вьетнам, в Нячанг": the town is the more telling
place), from the ISO 3166 names in English and Russian; `is_language` a language from a place ("tutoring
in French"), from the ISO 639-1 names; `is_subdivision` a region, county or state ("Gifford, East
Lothian") from the ISO 3166-2 names: all three from pycountry's data, written ahead of time into
`countries.txt.gz` (`wordlists`), which is read in a few milliseconds where pycountry parses its JSON in
50-300 ms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from salesbot.extract.patterns import LazyPattern
from salesbot.extract.wordlists import country_names, iso_codes, place_country

_CUES = (
    ("KZ", (r"казахстан\w*|алмат[ыеау]\w*|астан[аеуы]\w*|шымкент\w*|караганд\w*|актобе|павлодар\w*|атырау|тенге|₸|kzt"
            r"|kazakhstan|almaty|astana|shymkent")),
    ("UA", (r"украин\w*|киев\w*|харьков\w*|одесс\w*|днепр\w*|львов\w*|запорож\w*|гривн\w*|грн|₴|uah|ukraine|kyiv|kiev"
            r"|kharkiv|odesa|odessa|lviv|dnipro")),
    ("BY", r"беларус\w*|белорус\w*|минск\w*|гомел\w*|гродн\w*|витебск\w*|могил[её]в\w*|byn|belarus|minsk"),
    ("UZ", r"узбекистан\w*|ташкент\w*|самарканд\w*|бухар[аеуы]|сумов|uzs|uzbekistan|tashkent|samarkand"),
    ("KG", r"кыргызстан\w*|киргизи\w*|бишкек\w*|kgs|kyrgyzstan|bishkek"),
    ("GE", r"грузи[яиюей]\w*|тбилиси|батуми|лари\b|gel\b|georgia\b|tbilisi|batumi"),
    ("AM", r"армени[яиюей]|ереван\w*|драм\w*|amd\b|armenia|yerevan"),
    ("AZ", r"азербайджан\w*|баку\b|azerbaijan|baku"),
    ("AE", r"оаэ|эмират\w*|дуба[ейю]|абу-даби|дирхам\w*|aed\b|\buae\b|emirates|dubai|abu dhabi"),
    ("TR", r"турци[яиюей]|стамбул\w*|анталь[яиюей]|turkey|türkiye|istanbul|antalya"),
    ("DE", (r"германи[яиюей]|немецк\w*|берлин\w*|мюнхен\w*|гамбург\w*|франкфурт\w*|к[её]льн\w*|дюссельдорф\w*|штутгарт\w*"
            r"|лейпциг\w*|дрезден\w*|ганновер\w*|нюрнберг\w*|germany|german\b|deutsch\w*|berlin|munich|münchen|hamburg"
            r"|frankfurt|cologne|köln|düsseldorf|dusseldorf|stuttgart|leipzig|dresden|hannover|hanover|nuremberg|nürnberg")),
    ("GB", (r"великобритан\w*|британ\w*|англи[яиюей]|лондон\w*|united kingdom|\buk\b|england|britain|british|london|manchester"
            r"|birmingham|glasgow|edinburgh|£|gbp|pounds?\b")),
    ("US", (r"\busa\b|\bu\.s\.a?\.|(?-i:\bUS\b)|united states|\bthe states\b|stateside|american\b|\bсша\b|америк\w*"
            r"|new york|nyc|los angeles|san francisco|chicago"
            r"|boston|seattle|austin|houston|dallas|miami|texas|california|florida")),
)
_ENGLISH_ONLY = (("US", r"\$|usd|dollars?\b|bucks\b"),)
_ENGLISH_PATTERN = re.compile("|".join(f"(?P<{code}>{pattern})" for code, pattern in _ENGLISH_ONLY), re.IGNORECASE)
_MAX_CHARS = 4096  # of each text: cues sit where people say who and where they are
_PLACES_CHARS = 1024  # of each text, read by the location parser, whose time grows with the places named
# A country's adjective, as a number's is said to be a country's: "польский номер", "my Canadian cell",
# "на израильский" (English ones are written with a capital).
_ADJECTIVE = re.compile(r"(?<!\w)(?:[а-яё]{3,}(?:ск|цк)(?:ий|ая|ое|ого|ому|им|ой|ую|ом)|[A-Z][a-z]{3,}(?:ian|ish|ese|an|i))(?!\w)",
                        re.IGNORECASE)
_STEM = 4  # letters a word must share with a country's name to be read as its adjective, and more (see below)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Compiled on first use: only a message with a number to read needs it.
    return re.compile("|".join(f"(?P<{code}>{pattern})" for code, pattern in _CUES), re.IGNORECASE)


def is_language(word: str) -> bool:
    """`word` names a language in English ("French", "Hindi", "Greek"): "lessons in French" is no place."""
    return iso_codes("language", word) is not None


def is_country(place: str) -> bool:
    """`place` is a country's name, in English or Russian, in the nominative ("Вьетнам", "Kenya")."""
    return iso_codes("country", place) is not None


def country_code(place: str) -> str | None:
    """The ISO code of the country called `place` in English or Russian ("Вьетнам": VN), or None."""
    return next(iter(iso_codes("country", place) or ()), None)


def is_subdivision(name: str) -> bool:
    """`name` is a country's region, county or state by its ISO 3166-2 name in Latin letters ("East Lothian",
    "North Yorkshire", "Texas"): written after a town, it says the town is one ("Gifford, East Lothian")."""
    return iso_codes("region", name) is not None


def subdivision_countries(name: str) -> frozenset[str]:
    """The ISO codes of the countries with a region, county or state called `name` ("Kent": GB)."""
    return frozenset(iso_codes("region", name) or ())


@lru_cache(maxsize=1)
def _name_words() -> dict[str, list[tuple[str, str]]]:
    """The first words of countries' names in English and Russian that name one country alone ("poland",
    "польша", "russian", "российская"; not "united", "korea"), lower-cased, with its ISO code, by their first
    letters."""
    owners: dict[str, set[str]] = {}
    for name, code in country_names().items():
        first = re.match(r"[^\W\d_]{4,}", _plain(name))
        if first:
            owners.setdefault(first.group(), set()).add(code)
    by_stem: dict[str, list[tuple[str, str]]] = {}
    for word, codes in owners.items():
        if len(codes) == 1:
            by_stem.setdefault(word[:_STEM], []).append((word, next(iter(codes))))
    return by_stem


def _plain(name: str) -> str:
    """A Latin name without its accents ("türkiye" -> "turkiye"); a Cyrillic one as it is ("й" stays)."""
    if not name.isascii() and name[:1] < "\u0400":
        import unicodedata  # only while the names are loaded, once

        return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    return name


def countries_by_adjective(text: str) -> list[str]:
    """ISO codes of the countries whose adjectives `text` uses ("номер польский" -> PL, "my Canadian cell"
    -> CA, "израильский" -> IL): a word sharing its stem with one word of a country's names, five letters
    or all but the name's last two ("польск-" and "польша"); of several, the one sharing most, unless
    two share as much ("Turkish": Turkey, or Turks and Caicos)."""
    codes: list[str] = []
    for match in _ADJECTIVE.finditer(text[:_MAX_CHARS]):
        word = match.group().lower().replace("ё", "е")
        matches: dict[str, int] = {}
        for name, code in _name_words().get(word[:_STEM], ()):
            shared = next((i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b), min(len(word), len(name)))
            if shared >= _STEM + 1 or shared >= len(name) - 2:
                matches[code] = max(shared, matches.get(code, 0))
        ranked = sorted(matches.items(), key=lambda item: -item[1])
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and ranked[0][0] not in codes:
            codes.append(ranked[0][0])
    return codes


def country_cues(texts: Iterable[str], *, english: bool = False) -> list[str]:
    """ISO 3166 codes the texts point to: where the writer says they live first ("I live just over the border
    in Freilassing" in a chat about a party near Salzburg), then the most often named (ties: the first named).

    `english`: the conversation is held in English, so dollars point to the United States."""
    counts: dict[str, int] = {}
    lived: set[str] = set()
    for text in texts:
        for code, theirs in _cues_in(text, english):
            counts[code] = counts.get(code, 0) + 1
            if theirs:
                lived.add(code)
    return sorted(counts, key=lambda code: (code not in lived, -counts[code]))


@lru_cache(maxsize=4096)
def _cues_in(text: str, english: bool) -> tuple[tuple[str, bool], ...]:
    """Each cue of one text, in order, and whether it is where the writer says they live: a conversation's
    earlier messages are read again at every number given in it, so each text is scanned once."""
    head = text[:_MAX_CHARS]
    named = [(match.lastgroup, _lives_before(head, match.start()))
             for pattern in ((_pattern(), _ENGLISH_PATTERN) if english else (_pattern(),))
             for match in pattern.finditer(head) if match.lastgroup]
    return (*named, *_currencies_countries(head), *_places_countries(head[:_PLACES_CHARS]))


# An ISO 4217 code beside an amount ("2 500 NZD", "AUD 900"): the first two letters of a national currency's
# code are its country's. Not the dollar's: Russians quote prices in it wherever they live.
_CURRENCY_CODE = LazyPattern(r"(?<=\d)\s?(?P<after>[A-Z]{3})\b|\b(?P<before>[A-Z]{3})\s?(?=\d)")
_INTERNATIONAL_CURRENCIES = frozenset({"USD"})


def _currencies_countries(text: str) -> list[tuple[str, bool]]:
    if not any(char.isupper() for char in text):
        return []
    codes: list[tuple[str, bool]] = []
    for match in _CURRENCY_CODE.finditer(text):
        currency = match.group("after") or match.group("before")
        if currency not in _INTERNATIONAL_CURRENCIES and currency in _national_currencies():
            codes.append((currency[:2], False))
    return codes


@lru_cache(maxsize=1)
def _national_currencies() -> frozenset[str]:
    """ISO 4217 codes whose first two letters are a country's ISO 3166 code ("NZD", "KZT"; not "EUR", "XOF")."""
    import pycountry

    countries = set(country_names().values())
    return frozenset(currency.alpha_3 for currency in pycountry.currencies if currency.alpha_3[:2] in countries)


def _places_countries(text: str) -> list[tuple[str, bool]]:
    """The countries of the places the text names, as the location parser reads them ("живу в Караганде",
    "we're in Auckland", "в Новой Зеландии"): a country named, or a place the gazetteer gives one country
    (`wordlists.place_country`: never a name several countries share)."""
    from salesbot.extract.location import places_named  # the location parser reads this module's names

    codes: list[tuple[str, bool]] = []
    for place, start in places_named(text):
        town = place.partition(", ")[0]
        code = country_code(town) or place_country(town)
        if code:
            codes.append((code, _lives_before(text, start)))
    return codes


# Words before a place that say the writer lives there: "I live just over the border in", "we're in",
# "Hi from", "мы сами из", "живу в", "я сейчас в".
_LIVES = LazyPattern(r"(?i)(?:(?<!\w)(?:live|living|lives|based|reside\w*|жив[уёе]\w*|прожива\w*|нахож\w*|находимся)(?!\w)[^.!?;\n]{0,30}"
                     r"|(?<!\w)(?:i'?m|i am|we'?re|we are|from|я|мы|сам[аи]?)(?:\s(?:сейчас|тоже|сами|now|currently|also))?"
                     r"\s(?:in|из|в|во))\s$")
_LIVES_CHARS = 48


def _lives_before(text: str, start: int) -> bool:
    return bool(_LIVES.search(text, max(0, start - _LIVES_CHARS), start))
