"""What the customer wants: one of the company's offerings when the words match, else their phrase."""

from __future__ import annotations

import re

from salesbot.extract.normalize import stem
from salesbot.models import Offering

_TOKEN = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_INTENT = re.compile(
    r"(?<!\w)(?:хочу|хотим|хотел[аи]? бы|ищу|ищем|подбираю|подбираем|нуж(?:на|ен|но|ны)|интересу(?:ет|ют|юсь)"
    r"|планирую|планируем|собираюсь|собираемся|рассматриваю|рассматриваем|требуется|желаю|мечтаю|подскажите"
    r"|looking for|look for|searching for|i need|we need|i want|we want|interested in|would like|i'd like|we'd like"
    r"|planning to|thinking about|in the market for|need|want)\s+(?:to\s+)?(?P<need>[^.!?\n]{3,120})",
    re.IGNORECASE,
)
# Where the need phrase ends: the next clause, or the budget, place, time or contact that follows it.
_TRAILING = re.compile(
    r"\s*(?:[,;:(]|\s-\s|\bв\s(?:городе|районе|[А-ЯЁ])|\bin\s[A-Z]|\bза\s\d|\bfor\s(?:about|around|up|under|\$|£|€|\d)"
    r"|\bбюджет|\bbudget|\bдо\s\d|\bup to|\bмой\b|\bmy name|\bменя\b|\bи\s(?:мой|мне)|\bи\s(?:я|мы)\b|\band\s(?:i|we|my)\b"
    r"|\bсрочно|\basap|\bплиз|\bplease|\bпожалуйста|\bbut\b|\bно\b|\bпотому|\bbecause).*$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING = re.compile(
    r"^(?:(?:купить|приобрести|заказать|снять|арендовать|поставить|сделать|установить|найти|подобрать|to buy|buy|purchase"
    r"|order|rent|get|find|hire|book)\s+)?(?:(?:a|an|the|some|your|ваш[аиуе]?)\s+)?",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\s+(?:for|to|of|in|with|and|on|at|для|в|на|с|и|по|под|от)$", re.IGNORECASE)
_VAGUE = re.compile(r"^(?:узнать|спросить|уточнить|понять|know|ask|узнать цену|информаци\w*|info\w*|it|this|that|это|что-то|something|help)$", re.IGNORECASE)
_STOP_STEMS = frozenset(stem(word) for word in """
    и в на с для по от до за из к у о об не или а но the a an and or for of in on to with from our your we you
    мы вы наш ваш это как что все всё очень также услуги услуга service services company компания
    """.split())


def match_offering(text: str, offerings: list[Offering]) -> str | None:
    """The offering the text names, by stems of its name and keywords, or by its description's words.

    A name or keyword phrase counts when all its words occur (2 points for a phrase of several
    words, 1 for a single word); description words count a quarter each, and only when two or more
    distinctive ones occur, so a passing word does not pick an offering."""
    if not offerings:
        return None
    words = {stem(word) for word in _TOKEN.findall(text[:4096])}
    lowered = text.lower()
    best, best_score = None, 0.0
    for offering in offerings:
        score = 0.0
        for phrase in [offering.name, *offering.keywords]:
            phrase_words = [stem(word) for word in _TOKEN.findall(phrase)]
            if phrase_words and all(word in words for word in phrase_words):
                score += 2 if len(phrase_words) > 1 else 1
            elif len(phrase) >= 3 and phrase.lower() in lowered:
                score += 1
        described = {stem(word) for word in _TOKEN.findall(offering.description) if len(word) >= 5} - _STOP_STEMS
        shared = len(described & words)
        if shared >= 2:
            score += 0.25 * shared
        if score > best_score:
            best, best_score = offering.name, score
    return best if best_score >= 0.5 else None


def find_need(text: str, offerings: list[Offering], *, asked: bool = False, free_text: bool = True) -> str | None:
    """An offering the text names; else, with `free_text`, the customer's own words for what they want.

    Free text is off while the bot waits for another field: "хотим переехать до конца лета" answers
    "when?", and must not replace the need the customer gave earlier.
    """
    offering = match_offering(text, offerings)
    if offering or not free_text:
        return offering
    for intent in _INTENT.finditer(text[:4096]):
        need = _LEADING.sub("", _TRAILING.sub("", intent.group("need"))).strip(" ,;:-")
        need = _DANGLING.sub("", need).strip()
        if len(need) >= 3 and not _VAGUE.match(need):
            return need[:80]
    if asked:
        bare = text.strip().strip(".!?")
        if 3 <= len(bare) <= 80 and not re.search(r"\d{5}", bare):
            return bare
    return None
