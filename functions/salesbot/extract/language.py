"""Which language a customer writes in, from the letters they use."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")
_UKRAINIAN = re.compile(r"[ІіЇїЄєҐґ]")
_LATIN = re.compile(r"[A-Za-z]")
_GERMAN = re.compile(r"[äöüßÄÖÜ]|\b(?:ich|und|nicht|eine?|ist|wir|möchte)\b", re.IGNORECASE)


def detect_language(text: str) -> str:
    """ISO 639-1: 'ru', 'uk', 'en' or 'de'; 'en' when the text has no letters to go by."""
    cyrillic = len(_CYRILLIC.findall(text))
    latin = len(_LATIN.findall(text))
    if cyrillic > latin:
        return "uk" if len(_UKRAINIAN.findall(text)) >= 2 else "ru"
    if latin and len(_GERMAN.findall(text)) >= 2:
        return "de"
    return "en"
