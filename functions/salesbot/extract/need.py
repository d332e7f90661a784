"""What the customer wants: one of the company's offerings when the words match, else their phrase."""

from __future__ import annotations

import re

from salesbot.extract.text import stem
from salesbot.models import Offering

_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_INTENT = re.compile(
    r"(?:хочу|хотим|хотел[аи]? бы|ищу|ищем|подбираю|подбираем|нуж(?:на|ен|но|ны)|интересу(?:ет|ют|юсь)"
    r"|планирую|планируем|собираюсь|собираемся|рассматриваю|рассматриваем|требуется|желаю"
    r"|looking for|look for|searching for|i need|we need|i want|we want|interested in|would like|i'd like|we'd like"
    r"|planning to|thinking about|in the market for)\s+(?:to\s+)?(?P<need>[^.!?\n]{3,80})",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s*(?:,|\bв\s|\bin\s|\bза\s|\bfor\s(?:about|around|up)|\bбюджет|\bbudget|\bдо\s\d|\bup to|\bмой\b|\bmy\b|\bменя\b|\bи\s(?:мой|мне)).*$",
    re.IGNORECASE,
)


_LEADING = re.compile(
    r"^(?:(?:купить|приобрести|заказать|снять|арендовать|поставить|сделать|to buy|buy|purchase|order|rent|get|find)\s+)?"
    r"(?:(?:a|an|the|some)\s+)?",
    re.IGNORECASE,
)


def match_offering(text: str, offerings: list[Offering]) -> str | None:
    """The offering whose name or keywords the text mentions most, by stems."""
    words = {stem(word) for word in _TOKEN.findall(text)}
    lowered = text.lower()
    best, best_score = None, 0
    for offering in offerings:
        score = 0
        for phrase in [offering.name, *offering.keywords]:
            phrase_words = [stem(word) for word in _TOKEN.findall(phrase)]
            if phrase_words and all(word in words for word in phrase_words):
                score += 2 if len(phrase_words) > 1 else 1
            elif phrase.lower() in lowered and len(phrase) >= 3:
                score += 1
        if score > best_score:
            best, best_score = offering.name, score
    return best


def find_need(text: str, offerings: list[Offering], *, asked: bool = False, free_text: bool = True) -> str | None:
    """An offering the text names; else, with `free_text`, the customer's own words for what they want.

    Free text is off while the bot waits for another field: "хотим переехать до конца лета" answers
    "when?", and must not replace the need the customer gave earlier.
    """
    offering = match_offering(text, offerings)
    if offering or not free_text:
        return offering
    intent = _INTENT.search(text)
    if intent:
        need = _LEADING.sub("", _TRAILING.sub("", intent.group("need"))).strip(" ,;:-")
        if len(need) >= 3:
            return need
    if asked:
        bare = text.strip().strip(".!?")
        if 3 <= len(bare) <= 80 and not re.search(r"\d{5}", bare):
            return bare
    return None
