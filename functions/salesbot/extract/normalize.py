"""Text as the parsers want it: compatibility-normalised (full-width digits become ASCII) and
without invisible characters, so that what a customer sees is what the patterns match."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_QUOTES = re.compile(r"[\u2018\u2019\u02bc]")
# Bounds on what the patterns may be handed, so that none can be made to backtrack over a whole
# message: a pattern with two whitespace runs in a row ("my name is" + 8,000 newlines) or a word
# repeated inside a word ("O'O'O'...", a run of 8,000 letters) tries every split of the run, from
# every position (seconds of CPU for one message). No name, place, number or address a customer
# writes needs more than a blank line in a row or a "word" of more than LONGEST_WORD characters
# (an e-mail address is at most 254).
_LINE_BREAKS = re.compile(r"\s*\n\s*")
LONGEST_WORD = 256
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD}}}(?=\S)")

# Letters Latin and Cyrillic share the look of. A word mixing the two scripts ("Ивaн" typed with a
# Latin "a" after a keyboard switch, or a lookalike sent on purpose: "Jоhn", "exаmple.com") is read
# in the script most of its letters are in, when its other letters all have a twin there: the name,
# place or address a reader sees is what is parsed and stored.
_CYRILLIC_TWINS = "аАеЕоОрРсСхХуВНКМТ"
_LATIN_TWINS = "aAeEoOpPcCxXyBHKMT"
_TO_CYRILLIC = str.maketrans(_LATIN_TWINS, _CYRILLIC_TWINS)
_TO_LATIN = str.maketrans(_CYRILLIC_TWINS, _LATIN_TWINS)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")
# A word where the two scripts meet, read from the word's start only (each word is scanned once).
_MIXED_WORD = re.compile(r"(?<!\w)\w*?(?:[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z])\w*")

MAX_PARSED_CHARS = 8192
"""Parsers read at most this much of a message. Twice the product's own message limit (4096, Telegram's):
the engine does not rely on its caller to have cut the text, and its cost stays bounded whatever is sent."""


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), no invisible or control characters except
    newlines, one kind of dash and apostrophe, runs of spaces collapsed, at most one blank line in a
    row, no word longer than LONGEST_WORD (longer ones are cut), a word of Latin and Cyrillic
    lookalikes in one script.

    Kept per text: every message reads the customer's earlier ones again (their country, a number
    split over two messages)."""
    text = unicodedata.normalize("NFKC", text[: MAX_PARSED_CHARS * 2])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub("'", text)
    text = _MIXED_WORD.sub(_in_one_script, text)
    text = _SPACES.sub(" ", text)
    text = _LINE_BREAKS.sub(lambda run: "\n\n" if run.group().count("\n") > 1 else "\n", text)
    return _LONG_WORD.sub(lambda word: word.group() + " ", text)[:MAX_PARSED_CHARS]


def as_typed(phrase: str | None, text: str) -> str | None:
    """`phrase`, read from `normalize(text)`, in the characters the customer typed in `text`: the dash ("конец сентября –
    начало октября") and the apostrophe ("New Year’s Eve") that normalizing made one kind of each. The phrase as it is
    when `text` holds it in no such form (its letters were changed: a full-width digit, a lookalike letter)."""
    if phrase is None or not _TYPED_APART.search(text):
        return phrase  # no dash nor apostrophe of another kind: most messages
    typed = re.search("".join(_AS_TYPED.get(char, re.escape(char)) for char in phrase), text, re.IGNORECASE)
    return phrase if typed is None else phrase[:1] + typed.group()[1:]  # the first letter as the phrase has it


# What `as_typed` reads back: each character normalizing writes for several, as any of them.
_TYPED_APART = re.compile(f"{_DASHES.pattern}|{_QUOTES.pattern}")
_AS_TYPED = {"-": f"(?:-|{_DASHES.pattern})", "'": f"(?:'|{_QUOTES.pattern})", " ": rf"(?:\s|{_INVISIBLE.pattern})+"}


def _in_one_script(word: re.Match[str]) -> str:
    mixed = word.group()
    latin, cyrillic = len(_LATIN_LETTER.findall(mixed)), len(_CYRILLIC_LETTER.findall(mixed))
    folded = mixed.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
    return mixed if _LATIN_LETTER.search(folded) and _CYRILLIC_LETTER.search(folded) else folded


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans blanked out, so later parsers do not read them again.

    Offsets are kept (spaces, not deletion), so spans found later still point into the original."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_CYRILLIC_WORD = re.compile(r"[а-яё]+")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    # Loaded on first use: the webhooks that never read a customer's words never pay for it.
    import Stemmer  # PyStemmer: the Snowball algorithms in C, 1 ms to import where the pure-Python package takes 14

    return Stemmer.Stemmer("russian"), Stemmer.Stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball stem of a Russian or English word ("квартиру", "квартира" -> "квартир"; "offices" -> "offic").

    The one stemmer of the project: FAQ, offering and keyword matching all compare these. Words in
    other scripts, digits and mixes come back lower-cased as they are."""
    word = word.lower().replace("ё", "е")
    russian, english = _stemmers()
    if _CYRILLIC_WORD.fullmatch(word):
        return str(russian.stemWord(word))
    if _LATIN_WORD.fullmatch(word):
        return str(english.stemWord(word.removesuffix("'s")))
    return word


WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:['-][A-Za-zА-Яа-яЁё]+)*")
"""A word of Latin or Cyrillic letters, with inner hyphens and apostrophes ("Ростов-на-Дону", "O'Brien")."""
