"""Russian morphology through pymorphy3 and its OpenCorpora dictionary: the nominative of a town
named in any case ("в Зарайске" -> "Зарайск", "из Мытищ" -> "Мытищи"), which no list of ours could
hold for every small town and district.

Loaded on first use only (about 80 ms and 30 MiB): the parsers ask it about a capitalised word
after "в", "из", "город"... that the gazetteer does not know, which most messages never hold.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

# The dictionary is Russian; other letters tell it nothing, and pymorphy3 raises on a character
# Unicode has no name for.
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def place_nominative(word: str) -> str | None:
    """The nominative of `word` if the dictionary knows it as a place name (Geox), written as the
    customer capitalised it ("Наро-Фоминске" -> "Наро-Фоминск"); else None."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return None
    for parse in _analyzer().parse(word):
        if "Geox" in parse.tag and "NOUN" in parse.tag:
            return _as_written(parse.normal_form, word)
    return None


def _as_written(lemma: str, written: str) -> str:
    parts, written_parts = lemma.split("-"), written.split("-")
    return "-".join(
        part.capitalize() if index >= len(written_parts) or written_parts[index][:1].isupper() else part
        for index, part in enumerate(parts)
    )
