"""Which country a conversation points to, for reading phone numbers written without a country code.

A customer in Almaty writes "8 701 ...", one in Kyiv "067 ...", one in New York "(212) 555-...":
each is a valid number only in their own country's format. The cues are what a person would go by:
the country or one of its cities named, its currency named; dollars and pounds only in a
conversation held in English (Russians quote dollars too).

`is_country` tells a country from a town ("во Вьетнам, в Нячанг": the town is the more telling
place), from pycountry's ISO 3166 names in English and Russian, loaded on first use (about 90 ms);
`is_language` a language from a place ("tutoring in French"), from its ISO 639-1 names (about 150 ms,
on first use: only for a capitalised word after "in" that no large place is called).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

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


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    # Compiled on first use: only a message with a number to read needs it.
    return re.compile("|".join(f"(?P<{code}>{pattern})" for code, pattern in _CUES), re.IGNORECASE)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    import gettext

    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    names: set[str] = set()
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name:
                names.update((name.lower(), russian.gettext(name).lower().replace("ё", "е")))
    return frozenset(names)


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):  # the 184 languages of ISO 639-1; the rare ones share names with places
            name = language.name.lower().split(" (")[0]  # "Modern Greek (1453-)" -> "modern greek", and "greek"
            names.update((name, name.rpartition(" ")[2]))
    return frozenset(names)


def is_language(word: str) -> bool:
    """`word` names a language in English ("French", "Hindi", "Greek"): "lessons in French" is no place."""
    return word.lower() in _language_names()


def is_country(place: str) -> bool:
    """`place` is a country's name, in English or Russian, in the nominative ("Вьетнам", "Kenya")."""
    return place.lower().replace("ё", "е") in _country_names()


def country_cues(texts: Iterable[str], *, english: bool = False) -> list[str]:
    """ISO 3166 codes the texts point to, the most often named first (ties: the first named).

    `english`: the conversation is held in English, so dollars point to the United States."""
    counts: dict[str, int] = {}
    for text in texts:
        head = text[:_MAX_CHARS]
        for pattern in (_pattern(), _ENGLISH_PATTERN) if english else (_pattern(),):
            for match in pattern.finditer(head):
                if match.lastgroup:
                    counts[match.lastgroup] = counts.get(match.lastgroup, 0) + 1
    return sorted(counts, key=lambda code: -counts[code])
