"""Which language a customer writes in: the project's one reading of a text's script and language.

From the letters, not a model: a chat message is a few words, often mixed (a Russian sentence
with an email, a brand or a name in Latin), and the product only has to choose between the
languages it answers in. Emails, links, handles, commands and numbers say nothing about the
language and are ignored; Russian written in Latin letters ("menya zovut Kostya, hochu kvartiru")
is Russian.

    detect_language(text)          # best guess for one text: 'ru', 'uk', 'en' or 'de'
    guess_language(text)           # the same, or None when it has no letters to go by
    clear_language(text)           # None unless the text shows its language beyond doubt
    conversation_language(texts)   # the customer's language over a conversation, newest message first
    nearest(language, available)   # the language to answer in among those we have
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from salesbot.extract.patterns import LazyPattern

# Bounded repeats: an unbounded \S+ before "@" would rescan a long run of junk from every position.
_NOT_WORDS = LazyPattern(r"[^\s@]{1,64}@[^\s@]{1,255}|(?:https?://|www\.)[^\s]{1,200}|@\w{1,64}|(?:^|\s)/\w{1,64}|\d+")
_CYRILLIC = LazyPattern(r"[А-Яа-яЁёІіЇїЄєҐґЎў]")
_UKRAINIAN = LazyPattern(r"[ІіЇїЄєҐґ]")
_LATIN = LazyPattern(r"[A-Za-z]")
_GERMAN = LazyPattern(r"[äöüßÄÖÜ]|\b(?:ich|und|nicht|eine?|ist|wir|möchte)\b", re.IGNORECASE)
_LETTER = LazyPattern(r"[^\W\d_]")
_LATIN_WORD = LazyPattern(r"\b(?=[A-Za-z]{0,19}[AEIOUYaeiouy])[A-Za-z]{2,20}(?:'[a-z]{1,2})?\b")
# Words that make a Latin text English rather than a name, a brand or transliterated Russian.
_ENGLISH_WORDS = frozenset(
    """
    hi hello hey thanks thank yes yeah yep no nope please sorry help price prices cost how what where when why who
    which buy need want looking interested the an and or but is are am was were be do does did you your we our us my
    me it its this that have has had can could would will should with for of in on at to from by about any some
    much many not just also very there here get got im i'm i'd i'll it's don't can't name call please ok okay
    """.split()
)
# Russian written in Latin letters: its most frequent words, and spellings English does not use.
_TRANSLIT_WORDS = frozenset(
    """
    menya zovut zovu hochu khochu nuzhno nuzhna nuzhen nuzhny ishchu ishu interesuet pozhaluysta pozhalujsta
    spasibo privet zdravstvuyte zdravstvujte dobryy dobriy dobryi den vecher skolko stoit budzhet tysyach tys
    rubley rublei mozhno gorod zvonite pozvonite nomer pochta seychas sejchas segodnya zavtra cherez nedeli nedelyu
    mesyatsa mesyaca kogda gde chto kak eto tozhe ochen khorosho horosho ladno da net ya my mne nam vy vam u nas
    kvartiru kvartira kvartiry dom doma remont nado poka ili eshche eshe uzhe tolko
    """.split()
)
_TRANSLIT_SPELLING = LazyPattern(r"(?:zh|kh|shch|sch|ts|yu|ya|yy|iy|yi)", re.IGNORECASE)
_ENGLISH_ON_ITS_OWN = frozenset("hi hello hey thanks thank yes yeah yep no nope please sorry help".split())
_CYRILLIC_LANGUAGES = frozenset({"ru", "uk", "be", "kk", "bg", "sr", "mk", "ky", "tg", "mn"})


def detect_language(text: str) -> str:
    """ISO 639-1: 'ru', 'uk', 'en' or 'de'; 'en' when the text has no letters to go by."""
    words = _NOT_WORDS.sub(" ", text)
    cyrillic = len(_CYRILLIC.findall(words))
    latin = len(_LATIN.findall(words))
    if cyrillic > latin:
        return "uk" if len(_UKRAINIAN.findall(words)) >= 2 else "ru"
    if latin and len(_GERMAN.findall(words)) >= 2:
        return "de"
    if latin and _transliterated(_LATIN_WORD.findall(words)):
        return "ru"
    return "en"


def guess_language(text: str) -> str | None:
    """`detect_language`, or None when the text has no letters outside emails, links and numbers."""
    words = _NOT_WORDS.sub(" ", text)
    return detect_language(words) if _LETTER.search(words) else None


def clear_language(text: str) -> str | None:
    """The language when the text shows it beyond doubt: not an email, a name in Latin, "ok" or "iPhone 15"."""
    words = _NOT_WORDS.sub(" ", text)
    if len(_CYRILLIC.findall(words)) >= 2:
        return detect_language(words)
    latin = _LATIN_WORD.findall(words)
    if _transliterated(latin):
        return "ru"
    if len(latin) >= 2 and not all(word[0].isupper() for word in latin):
        return detect_language(words)
    if len(latin) == 1 and latin[0].lower() in _ENGLISH_ON_ITS_OWN:
        return "en"
    return None


def conversation_language(texts: Iterable[str], default: str | None = None) -> str | None:
    """The customer's language: that of their newest message that shows one clearly, else `default`.

    `texts` are the customer's messages, newest first. A message in Latin letters with no English
    word in it (a brand, a street, a name) does not turn a conversation held in Cyrillic into
    English: only one that reads as English does. Read only as far back as the answer needs (this
    runs on every message, over the whole conversation)."""
    latin_only = False  # newer messages show only Latin words that are not English: names, brands
    after_them: str | None = None  # the newest message since that shows another language: it wins if any Cyrillic does
    for text in texts:
        language = clear_language(text)
        if language is None:
            continue
        if after_them is not None:
            if language in _CYRILLIC_LANGUAGES:
                return after_them
        elif language == "en" and not reads_as_english(text):
            latin_only = True
        elif not latin_only or language == "en" or language in _CYRILLIC_LANGUAGES:
            return language
        else:
            after_them = language
    return "en" if latin_only else default


def reads_as_english(text: str) -> bool:
    """The text holds English words, not only names, brands or transliterated Russian."""
    return any(word.lower() in _ENGLISH_WORDS for word in _LATIN_WORD.findall(_NOT_WORDS.sub(" ", text)))


def nearest(language: str, available: Sequence[str]) -> str:
    """`language` if we answer in it, else Russian for a Cyrillic-script language (when we have it), else English."""
    if language in available:
        return language
    return "ru" if language in _CYRILLIC_LANGUAGES and "ru" in available else "en"


def _transliterated(words: list[str]) -> bool:
    """Russian in Latin letters: two of its common words, more of them than English ones."""
    lowered = [word.lower() for word in words]
    russian = sum(word in _TRANSLIT_WORDS for word in lowered)
    english = sum(word in _ENGLISH_WORDS for word in lowered)
    spelled = sum(bool(_TRANSLIT_SPELLING.search(word)) for word in lowered if word not in _ENGLISH_WORDS)
    return russian >= 2 and russian + spelled > 2 * english
