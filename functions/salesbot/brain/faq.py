"""Answers from the company's settings only: its FAQ, its offerings and their prices.

Matching is by word overlap of Snowball stems (`extract.normalize.stem`, the project's one stemmer), so "доставляете?" finds the FAQ
entry "Есть ли доставка?" and "студию" finds the offering "Студия". Nothing here makes up a fact:
every answer is text or a price the company wrote in its settings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from salesbot.brain.phrases import money, say
from salesbot.extract.normalize import stem
from salesbot.models import BotSettings, FaqEntry, Offering

_WORD = re.compile(r"[0-9A-Za-zА-Яа-яЁё]+")
_STOP = frozenset(
    """
    в во на с со и а но или у к ко о об от до за для по из при про без над под вы вас вам вами ваш ваша ваше ваши
    вашей вашего вашу я мне меня мы нас нам ты тебя тебе твой это эта этот эти как что чем где когда куда ли есть
    не да нет бы же то так там тут можно какой какая какое какие каких сколько еще ещё уже очень пожалуйста
    подскажите скажите здравствуйте привет добрый день вечер утро хочу хотел хотела мой моя мое мои свой
    the a an is are am was were be been do does did you your yours we our us i my me to of for in on at and or but
    can could would will shall should what which how where when who whom there it its this that these those have
    has had with please hi hello hey any some much many about from by as if so not no yes
    """.split()
)
_MAX_LISTED = 4
_MAX_DESCRIPTION = 120


def content_stems(text: str) -> list[str]:
    """The stems of the words that carry meaning (no stop words), in order."""
    return [stem(word) for word in _WORD.findall(text) if word.lower() not in _STOP]


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    # Related forms whose endings the stemmer leaves different: "доставк"/"доставля", "deliver"/"delivery".
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared >= 5 and shared >= 0.75 * min(len(a), len(b))


def _contains(words: list[str], wanted: Iterable[str]) -> bool:
    return all(any(_same(word, w) for word in words) for w in wanted)


def match_faq(text: str, faq: list[FaqEntry], *, questioning: bool) -> FaqEntry | None:
    """The FAQ entry the message asks about: by its keywords, or by most of its question's words."""
    words = content_stems(text)
    if not words:
        return None
    best, best_score = None, 0
    for entry in faq:
        keyword_hits = sum(1 for keyword in entry.keywords if (stems := content_stems(keyword)) and _contains(words, stems))
        question = list(dict.fromkeys(content_stems(entry.question)))
        question_hits = sum(1 for w in question if any(_same(word, w) for word in words))
        good = keyword_hits >= 1 or question_hits >= 2 or (questioning and question_hits >= 1 and len(question) <= 2)
        score = 3 * keyword_hits + question_hits
        if good and score > best_score:
            best, best_score = entry, score
    return best


def match_offering(text: str, offerings: list[Offering]) -> Offering | None:
    """The offering the message names: all words of its name or of one of its keywords."""
    words = content_stems(text)
    if not words:
        return None
    best, best_score = None, 0
    for offering in offerings:
        score = 0
        for phrase in [offering.name, *offering.keywords]:
            stems = content_stems(phrase)
            if stems and _contains(words, stems):
                score += 1 + len(stems)
        if score > best_score:
            best, best_score = offering, score
    return best


_PRICE_WORDS = frozenset(stem(word) for word in """
    сколько стоит стоят стоимость цена цены ценник почем почём прайс тариф расценки будет обойдется деньгам рублей
    how much cost costs price prices pricing rate rates fee fees
    """.split())


def names_something_else(text: str, settings: BotSettings) -> bool:
    """The message names a thing the company does not describe: "сколько стоит трёшка?" (not
    "сколько стоят ваши квартиры?" from a company that sells flats)."""
    described = content_stems(" ".join([
        settings.description, settings.company_name,
        *(f"{o.name} {o.description} {' '.join(o.keywords)}" for o in settings.offerings),
    ]))
    for word in content_stems(text):
        if word in _PRICE_WORDS or word.isdigit():
            continue
        if not any(_same(word, known) for known in described):
            return True
    return False


def find_offering(name: str | None, offerings: list[Offering]) -> Offering | None:
    """The offering a lead's need names exactly (the parsers record an offering by its name)."""
    if not name:
        return None
    return next((offering for offering in offerings if offering.name == name), None)


def price_text(offering: Offering, language: str) -> str | None:
    if offering.price is None:
        return None
    return money(offering.price, offering.currency, language)


def offering_item(offering: Offering, language: str) -> str:
    """"Студия — 4 500 000 ₽", or the name alone when it has no price."""
    price = price_text(offering, language)
    return f"{offering.name} — {price}" if price else offering.name


def catalogue(settings: BotSettings, language: str) -> str | None:
    """What the company offers, with prices where it set them; else its own description."""
    if settings.offerings:
        items = "; ".join(offering_item(offering, language) for offering in settings.offerings[:_MAX_LISTED])
        key = "offerings_more" if len(settings.offerings) > _MAX_LISTED else "offerings"
        return say(key, language, items=items)
    if settings.description:
        return _sentence(settings.description[:240])
    return None


def about_offering(offering: Offering, language: str) -> str:
    """The price and description of one offering, as the company wrote them."""
    price = price_text(offering, language)
    if price is None:
        text = say("price_from_manager", language, name=offering.name)
    else:
        text = say("price", language, name=offering.name, price=price)
    description = offering.description.strip()
    if description and len(description) <= _MAX_DESCRIPTION and description.lower() != offering.name.lower():
        text += " " + _sentence(description)
    return text


def over_budget(offering: Offering, budget: Decimal | None, currency: str | None) -> bool:
    return (offering.price is not None and budget is not None and offering.currency == currency
            and offering.price > budget)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
