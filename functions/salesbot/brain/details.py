"""What the company wrote of one offering that a question asks about: the items of what it includes,
or a sentence of its description.

A question about an offering that its name does not answer ("will you have to rip up the
floorboards?" about leak detection, "can you email the certificates?", "а на замер приедет
менеджер или отдельный замерщик?") is often answered by what the company wrote of it ("without
tearing up floors", "CP12 certificate emailed the same day", "выезд замерщика"). An item answers
when it shares a word with the question beyond the offering's own name, as the stemmer or the
written form has it ("floorboards" holds "floor"), or when both speak of the same thing in words no
stemmer relates: how soon ("how fast can someone get here?" and "within 2 hours", "same-day"), and
someone coming out ("приедет" and "выезд"). What the items leave unanswered is for a manager.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from salesbot.brain.intents import is_russian_verb
from salesbot.extract.catalogue import PRICE_WORDS, content_stems
from salesbot.extract.patterns import LazyPattern
from salesbot.models import Offering

_LETTERS = LazyPattern(r"[^\W\d_]+")
_MIN_PREFIX_WORD = 4  # "floor" in "floorboards"; shorter words are too often the start of another
_SENTENCE = LazyPattern(r"[^.!?]+[.!?]*")

# Words a question about an offering uses that ask nothing of it.
_GENERIC = frozenset(content_stems(
    "give something anything someone somebody here there thing things really usually also too then all "
    "дать дадите что-то кто-то что-нибудь тоже также вообще обычно тогда"))

# The same thing said in words no stemmer relates, as a question asks it and as a company writes it.
_ASKED = {
    "soon": LazyPattern(r"\bhow\s+(?:fast|soon|quickly|long)\b|\bwhen\s+(?:can|could|will|would)\b|\bas\s+soon\b|\basap\b"
                       r"|\bкак\s+(?:быстро|скоро)|\bкогда\s+(?:сможете|можете|приед|будет|сделаете)|\bсколько\s+ждать"
                       r"|\bв\s+течени[еи]\s+какого", re.IGNORECASE),
    "visit": LazyPattern(r"\bcome\s+(?:out|round|over|to)\b|\bget\s+(?:here|to\s+(?:me|us))\b|\bsend\s+someone\b|\bvisit"
                        r"|приед\w*|приех\w*|приезж\w*|выезж\w*|выезд\w*|приход\w*|прид[её]т", re.IGNORECASE),
}
_WRITTEN = {
    "soon": LazyPattern(r"\bwithin\s+(?:\d+|an?|one|two|three|four|24)\b|\bsame[- ]day\b|\b\d+\s*(?:hours?|hrs?|days?|weeks?)\b"
                       r"|\bза\s+\d|\bв\s+течение\b|\b\d+\s*(?:час|дн|недел|рабочих)\w*|\bв\s+день\s+обращения", re.IGNORECASE),
    "visit": LazyPattern(r"\bon\s+site\b|\bat\s+your\s+door\b|\bvisits?\b|\bcall[- ]?out\b|выезд\w*|приезд\w*|на\s+дом",
                        re.IGNORECASE),
}


@dataclass(frozen=True)
class Details:
    """What the company wrote that answers the question, and whether something it asks is left over."""

    items: tuple[str, ...]
    partial: bool
    included: bool  # the items are what the offering includes, not its description


def details(question: str, offering: Offering) -> Details | None:
    """The items of what the offering includes (else the sentences of its description) that answer the
    question; None when none does."""
    name = _words(offering.name)
    asked = {word for word in _words(question) if not _same(word, name) and word not in _GENERIC} - _verbs(question)
    themes = {theme for theme, pattern in _ASKED.items() if pattern.search(question)}
    if not asked and not themes:
        return None
    for included, texts in ((True, offering.includes), (False, _sentences(offering.description))):
        found, answered, meant = [], set(), set()
        for text in texts:
            shared = {word for word in asked if _same(word, _words(text))}
            speaks_of = {theme for theme in themes if _WRITTEN[theme].search(text)}
            if shared or speaks_of:
                found.append(text.strip().rstrip("."))
                answered |= shared
                meant |= speaks_of
        if found:
            rest = question
            for theme in meant:  # "how fast", "приедет": answered by what speaks of it
                rest = _ASKED[theme].sub(" ", rest)
            unanswered = {word for word in _words(rest) if word in asked} - answered
            return Details(tuple(found), partial=bool(unanswered), included=included)
    return None


def _words(text: str) -> set[str]:
    """The words that say what is asked or written: no function words, price words or numbers."""
    return {word for word in content_stems(text) if word not in PRICE_WORDS and not word.isdigit()}


def _same(word: str, words: set[str]) -> bool:
    """`word` is one of `words`, or holds one of them whole ("floorboard" holds "floor"), or the reverse."""
    return word in words or any(_holds(word, other) or _holds(other, word) for other in words)


def _holds(longer: str, shorter: str) -> bool:
    return len(shorter) >= _MIN_PREFIX_WORD and longer.startswith(shorter)


def _verbs(text: str) -> set[str]:
    """The stems of the Russian verbs of a question ("поможете", "продать"): they ask whether, not what."""
    return {stem for word in _LETTERS.findall(text.lower()) if is_russian_verb(word) for stem in content_stems(word)}


def _sentences(text: str) -> list[str]:
    return [sentence.strip() for sentence in _SENTENCE.findall(text) if sentence.strip()]
