"""What the customer wants: one of the company's offerings when the words match, else their phrase."""

from __future__ import annotations

import re

from salesbot.extract.catalogue import index
from salesbot.extract.patterns import LazyPattern
from salesbot.models import BotSettings

_TOKEN = LazyPattern(r"[0-9A-Za-zА-Яа-яЁё]+")
_INTENT = LazyPattern(
    r"(?<!\w)(?:хочу|хотим|хотел[аи]? бы|ищу|ищем|подбираю|подбираем|нуж(?:на|ен|но|ны)|интересу(?:ет|ют|юсь)"
    r"|планирую|планируем|собираюсь|собираемся|рассматриваю|рассматриваем|требуется|желаю|мечтаю|подскажите"
    r"|looking for|look for|searching for|i need|we need|i want|we want|interested in|would like|i'd like|we'd like"
    r"|planning to|thinking about|in the market for|need|want)\s+(?:to\s+)?(?P<need>[^.!?\n]{3,120})",
    re.IGNORECASE,
)
# Where the need phrase ends: the next clause, or the budget, place, time or contact that follows it.
_TRAILING = LazyPattern(
    r"\s*(?:[,;:(]|\s-\s|\bв\s(?:городе|районе|[А-ЯЁ])|\bin\s[A-Z]|\bза\s\d|\bfor\s(?:about|around|up|under|\$|£|€|\d)"
    r"|\bбюджет|\bbudget|\bдо\s\d|\bup to|\bмой\b|\bmy name|\bменя\b|\bи\s(?:мой|мне)|\bи\s(?:я|мы)\b|\band\s(?:i|we|my)\b"
    r"|\bсрочно|\basap|\bплиз|\bplease|\bпожалуйста|\bbut\b|\bно\b|\bпотому|\bbecause).*$",
    re.IGNORECASE | re.DOTALL,
)
_LEADING = LazyPattern(
    r"^(?:(?:купить|приобрести|заказать|снять|арендовать|поставить|сделать|установить|найти|подобрать|to buy|buy|purchase"
    r"|order|rent|get|find|hire|book)\s+)?(?:(?:a|an|the|some|your|ваш[аиуе]?)\s+)?",
    re.IGNORECASE,
)
_DANGLING = LazyPattern(r"\s+(?:for|to|of|in|with|and|on|at|для|в|на|с|и|по|под|от)$", re.IGNORECASE)
_VAGUE = LazyPattern(r"^(?:узнать|спросить|уточнить|понять|know|ask|узнать цену|информаци\w*|info\w*|it|this|that|это|что-то|something|help)$", re.IGNORECASE)


def match_offering(text: str, settings: BotSettings) -> str | None:
    """The name of the offering the text names (extract.catalogue, the one matcher), if any."""
    found = index(settings).offering(text)
    return found.target.name if found else None


def find_need(text: str, settings: BotSettings, *, asked: bool = False, free_text: bool = True) -> str | None:
    """An offering the text names; else, with `free_text`, the customer's own words for what they want.

    Something the company said it does not do is no need at all ("шкаф-купе" to a kitchen maker).
    Free text is off while the bot waits for another field: "хотим переехать до конца лета" answers
    "when?", and must not replace the need the customer gave earlier.
    """
    catalogue = index(settings)
    offering = catalogue.offering(text)
    refused = catalogue.not_offered_item(text)
    if refused is not None and (offering is None or refused.share >= offering.share):
        return None
    if offering or not free_text:
        return offering.target.name if offering else None
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
