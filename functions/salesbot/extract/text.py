"""Text as the parsers want it: compatibility-normalised (full-width digits become ASCII) and
without invisible characters, so that what a customer sees is what the patterns match."""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")

MAX_PARSED_CHARS = 4096
"""Parsers read at most one message's worth (Telegram's limit, and ours), however much is sent."""


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text[: MAX_PARSED_CHARS * 2])
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text)[:MAX_PARSED_CHARS]


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans blanked out, so later parsers do not read them again."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_ENDINGS = sorted(
    "ами ями ого его ому ему ыми ими ая яя ую юю ой ей ый ий ое ее ые ие ых их ам ям ах ях ов ев ом ем"
    " а я у ю ы и е о ь й".split(),
    key=len,
    reverse=True,
)


def stem(word: str) -> str:
    """A crude Russian/English stem: enough to match "квартиру" with "квартира", "flats" with "flat"."""
    word = word.lower().replace("ё", "е")
    if re.fullmatch(r"[a-z]+", word):
        for suffix in ("ies", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)*")
