"""Answers from the company's settings only: which part of them a question asks about, and how the
offline engine says it.

`answer_source` decides where the honest answer lives, by rules a good salesperson follows:
- a price question is answered from the offering it names, never from a FAQ entry that merely
  shares a word; a FAQ entry answers it only when its own trigger words (not just "сколько стоит")
  are in the question: "сколько стоит доставка?", "spread the cost";
- a question about time, process, warranty or payment is the FAQ entry's even when it names an
  offering ("сколько делаете кухню из эмали?"), but an entry that shares only the offering's name
  with it does not answer it ("which dentist would place my implant?" is no "how long does an
  implant take?");
- a question about an offering is answered from it when it asks whether the company has it, its
  price or what it includes, or when the offering's own words cover what it asks; a detail they do
  not cover ("сборщики мусор вывозят?") is for a manager, as is a brand, model or name the settings
  never mention ("фасады Alvic Luxe", "ЖК «Солнечный город»");
- of two offerings, the one whose own words (name, synonyms, description, what it includes) cover
  more of a price question answers it ("сколько стоит подключить варочную панель?" is the
  installation's, not the hob's);
- what the company said it does not do is said plainly, and never taken down as a need;
- opening days and times come from the working hours, contact channels from the contacts, unless
  a FAQ entry speaks to that very case;
- anything else asked is "a manager will confirm", never a guess.
Nothing here makes up a fact: every answer is text or a price the company wrote in its settings,
and `internal_notes` is never read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Literal
from weakref import WeakKeyDictionary
from zoneinfo import ZoneInfo

from salesbot.brain.details import Details, details
from salesbot.brain.intents import asks_availability, is_russian_verb
from salesbot.brain.phrases import money, say
from salesbot.extract.catalogue import PRICE_WORDS, CatalogueIndex, Match, content_stems, index
from salesbot.extract.patterns import LazyPattern
from salesbot.models import (
    DAYS,
    AnswerSource,
    BotSettings,
    ExactPrice,
    FaqEntry,
    FreePrice,
    FromPrice,
    Offering,
    RangePrice,
    WorkingHours,
)

_MAX_LISTED = 4
_MAX_DESCRIPTION = 120
_MAX_ANSWER_CHARS = 600
_MAX_INCLUDES = 5
_STATEMENT_CHARS = 200
_LETTERS = LazyPattern(r"[^\W\d_]+")
_SCHEDULE = LazyPattern(
    r"часы\s+работы|график\s+работы|режим\s+работы|до\s+скольки|во\s+сколько\s+(?:открыва|закрыва|работа)\w*"
    r"|\bopening\s+(?:hours|times)|\bwhat\s+time\s+do\s+you\s+(?:open|close)|\bbusiness\s+hours|\bworking\s+hours",
    re.IGNORECASE,
)
_OPEN = LazyPattern(r"работаете|работает|открыт\w*|закрыт\w*|\bopen\b|\bclosed?\b|\bwork\b", re.IGNORECASE)
_WHEN = LazyPattern(
    r"понедельник\w*|вторник\w*|\bсред[уа]\b|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*|выходн\w*|праздник\w*"
    r"|сегодня|завтра|ночью|вечером|утром|сейчас"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b|\bweekends?\b|\bbank\s+holidays?|\btoday\b|\btomorrow\b"
    r"|\btonight\b|\bnow\b|\bat\s+night\b|\bevenings?\b|\bmornings?\b",
    re.IGNORECASE,
)
# The words that make a FAQ entry about the hours: when, not the bare "работаете" ("работаете по договору?").
_HOURS_STEMS = frozenset(content_stems(
    "график часы выходной понедельник вторник среда четверг пятница суббота воскресенье "
    "праздник ночью круглосуточно hours night weekend monday tuesday wednesday thursday friday "
    "saturday sunday holiday"))
_CONTACT_FIELDS: list[tuple[str, LazyPattern]] = [
    ("whatsapp", LazyPattern(r"whats\s?app|вотсап\w*|ватсап\w*|вацап\w*|в\s+wa\b", re.IGNORECASE)),
    ("telegram", LazyPattern(r"telegram|телеграм\w*|\bтг\b|\btg\b", re.IGNORECASE)),
    ("email", LazyPattern(r"e-?mail|почт[аыуе]\b|электронн\w+\s+почт|имейл|мейл", re.IGNORECASE)),
    ("phone", LazyPattern(r"(?:ваш|какой)\w*\s+(?:номер|телефон)|номер\s+телефона|телефон\s+(?:для\s+связи|офиса)"
                         r"|позвонить\s+(?:вам|можно)|your\s+(?:phone|number)|phone\s+number|can\s+i\s+call", re.IGNORECASE)),
    ("website", LazyPattern(r"сайт\w*|website|web\s+site", re.IGNORECASE)),
]
# What the customer's own thing is worth is a valuation, which no price list holds: "сколько стоит моя
# квартира", "how much is my flat worth", "оцените нашу дачу".
_VALUATION = LazyPattern(r"\b(?:стои[тл]\w*|оцени\w*|оценк\w*)\s+(?:мо[йяюеё]\w*|наш\w*)\s+[а-яё]{3,}"
                        r"|\b(?:my|our)\s+(?:\w+\s+){1,2}(?:be\s+)?worth\b|\bvalu(?:e|ation)\s+(?:of\s+)?(?:my|our)\b",
                        re.IGNORECASE)
# Something sent to the customer by a channel is no question about the company's own: "can you email the
# certificates?", "пришлёте на почту?".
_SENT_BY = LazyPattern(r"\b(?:can|could|will|would)\s+you\s+e-?mail\b|\be-?mail(?:ed)?\s+(?:me|us|it|them|the|a|my|our)\b"
                      r"|\bby\s+e-?mail\b|\bна\s+(?:почту|e-?mail|имейл|мейл)|\bпо\s+(?:почте|e-?mail)", re.IGNORECASE)
_INCLUDES = LazyPattern(r"входит|включен\w*|что\s+в\s+(?:него|неё|нее|стоимость|цену)|include[sd]?|what\s+do\s+i\s+(?:actually\s+)?get"
                       r"|what(?:'s|\s+is)\s+in\b", re.IGNORECASE)

Source = Literal["faq", "offering", "not_offered", "manager", "hours", "contacts", "catalogue"]
# worth: what the customer's own thing is worth; details: what the company wrote of it that the question asks
About = Literal["price", "includes", "exists", "worth", "details"]


@dataclass(frozen=True)
class SettingsAnswer:
    """Where in the settings the answer to a question lives."""

    source: Source
    faq: FaqEntry | None = None
    offering: Offering | None = None
    item: str | None = None  # what the company does not do
    field: str | None = None  # the contact channel asked for
    about: About = "exists"
    options: tuple[Offering, ...] = ()  # a general price question: the offerings it can mean, cheapest first
    details: Details | None = None  # about="details": what answers it, and whether a manager must add to it

    def reference(self) -> AnswerSource:
        """The answer's source as a reply records it."""
        if self.source == "faq" and self.faq is not None:
            return AnswerSource(source="faq", id=self.faq.id or self.faq.question)
        if self.source == "offering" and self.offering is not None:
            return AnswerSource(source="offering", name=self.offering.name)
        if self.source == "not_offered":
            return AnswerSource(source="not_offered", item=self.item)
        if self.source == "contacts":
            return AnswerSource(source="contacts", field=self.field)
        return AnswerSource(source=self.source)


def answer_source(text: str, settings: BotSettings, *, price: bool, question: bool,
                  wanted: Offering | None = None) -> SettingsAnswer | None:
    """Where the answer to what `text` asks lives in the settings; None when it asks nothing of them.

    `price`: it asks what something costs; `question`: it asks anything at all; `wanted`: the
    offering the customer is known to want, which a bare "сколько стоит?" is about.
    """
    matcher = index(settings)
    offering = matcher.offering(text)
    entry = matcher.faq_entry(text)
    refused = matcher.not_offered_item(text)
    if refused is not None and (offering is None or refused.share >= offering.share):
        return SettingsAnswer("not_offered", item=refused.target)
    # "а до скольки?" asks until when, not how much.
    price = price or (question and _asks_price_word(text) and not _SCHEDULE.search(text))
    if price:
        if _names_unknown(text, settings) or _VALUATION.search(text):
            # "сколько стоит монтаж Liebherr?"; "сколько стоит моя квартира?" asks what theirs is worth
            return SettingsAnswer("manager", about="worth" if _VALUATION.search(text) else "price")
        return _price_source(text, settings, offering, entry, wanted)
    if not question:
        return _faq_or_nothing(entry, text)
    asked_hours = _asks_hours(text)
    if asked_hours and (entry is None or not _matched_on(entry, text, _HOURS_STEMS)):
        return SettingsAnswer("hours") if settings.hours is not None else _faq_or_manager(entry)
    field = None if _SENT_BY.search(text) else next((name for name, pattern in _CONTACT_FIELDS if pattern.search(text)), None)
    if field is not None and getattr(settings.contacts, field) and entry is None:
        return SettingsAnswer("contacts", field=field)
    if _names_unknown(text, settings):
        return SettingsAnswer("manager")
    if entry is not None and (offering is None or _matched_beyond_offering(matcher, text, entry.target, offering.target)):
        return SettingsAnswer("faq", faq=entry.target)
    if offering is not None:
        return _about_offering(text, offering.target)
    return SettingsAnswer("manager")


def _about_offering(text: str, offering: Offering) -> SettingsAnswer:
    """A question naming an offering: what it includes, whether the company has it, or, for a question
    about what its own words do not cover, a manager."""
    if _INCLUDES.search(text) and offering.includes:
        return SettingsAnswer("offering", offering=offering, about="includes")
    # "Yes, we have it" answers whether they do it ("делаете?", "can you fit one?"), and a question
    # whose words are all the offering's, or one of whose alternatives is ("прям массив или шпон?").
    own = _offering_words(offering)
    if _ADVICE.search(text):
        return SettingsAnswer("manager")  # "is it worth fixing or should I replace it?": a person's judgement
    if asks_availability(text) and not _WHEN_ASKED.search(text):
        return SettingsAnswer("offering", offering=offering, about="exists")
    written = details(text, offering)  # "can you email the certificates?": "CP12 certificate emailed the same day"
    if written is not None and written.included:
        return SettingsAnswer("offering", offering=offering, about="details", details=written)
    if not _WHEN_ASKED.search(text) and (_CAN_YOU.search(text) or any(
            set(_asked_words(alternative)) <= own for alternative in _ALTERNATIVES.split(text))):
        return SettingsAnswer("offering", offering=offering, about="exists")
    if written is not None:
        return SettingsAnswer("offering", offering=offering, about="details", details=written)
    return SettingsAnswer("manager")  # about what the company never wrote of it: "сборщики мусор вывозят?"


def _matched_beyond_offering(matcher: CatalogueIndex, text: str, entry: FaqEntry, offering: Offering) -> bool:
    """The FAQ entry meets the question in a word that does not name the offering: what it asks about it."""
    return bool(matcher.shared_terms(text, entry) - matcher.shared_terms(text, offering))


# When they can, not whether they do: "when can you come?" is no "can you come?".
_WHEN_ASKED = LazyPattern(r"\bwhen\s+(?:can|could|will|would)\s+you\b|\bкогда\s+(?:сможете|можете|приедете|будете)",
                         re.IGNORECASE)
# Whether they would do something for the customer: "can you find the leak?", "вторичку подберёте?".
_CAN_YOU = LazyPattern(
    r"\b(?:can|could|will|would)\s+you\s+(?!tell|explain|say|confirm|send|give|let|remind)\w+"
    r"|\b(?:можете|сможете)\s+(?!сказать|подсказать|объяснить|прислать|уточнить)\w+"
    r"|\b(?!(?:работа|зна|дума|счита|понима|советуе)(?:ете|ёте))[а-яё]{2,}(?:ете|ёте)\b", re.IGNORECASE)
_ADVICE = LazyPattern(r"\bis\s+it\s+worth\b|\bshould\s+i\b|\bwhich\s+is\s+better\b|\brecommend|\bстоит\s+ли\b"
                     r"|\bчто\s+лучше\b|\bлучше\s+ли\b|\bпосовету\w*|\bрекоменду\w*", re.IGNORECASE)
_ALTERNATIVES = LazyPattern(r"\s+(?:или|либо|or)\s+", re.IGNORECASE)
# Words that ask nothing of their own ("а монтаж тоже?", "how about veneers then?"), and talk of money
# that names no thing ("что-то подешевле", "сколько выйдет").
_FILLERS = frozenset(content_stems(
    "тоже также сразу вообще именно тогда сейчас ещё примерно точно вот вдруг прям прямо then also too really still "
    "here now maybe perhaps actually exactly "
    "дешевле подешевле дорого дороже дешево выйдет обойдется бюджет cheap cheaper expensive budget afford"))
_KEY = 5  # Russian words meet on their first letters ("подключить", "подключение"), however the stemmer cut them
_CYRILLIC = LazyPattern(r"[А-Яа-яЁё]")


def _key(stemmed: str) -> str:
    return stemmed[:_KEY] if _CYRILLIC.match(stemmed) else stemmed  # "whiten" is no "white"


def names_a_thing(text: str) -> bool:
    """The question names something (not only price words, fillers and verbs): "а консультация по
    винирам платная?" does, "сколько возьмёте?" and "так сколько?" do not."""
    for word in _LETTERS.findall(text.lower()):
        stems = _asked_words(word)
        if stems and not is_russian_verb(word):
            return True
    return False


def _asked_words(text: str) -> list[str]:
    """The words of a question that say what it asks: no function words, price words, fillers or bare numbers."""
    return [_key(word) for word in content_stems(text.replace("ё", "е")) if word not in PRICE_WORDS
            and word not in _FILLERS and not word.isdigit()]


# What a text says is not there: "без переноса коммуникаций" covers no "перенести мойку".
_WITHOUT = LazyPattern(r"\b(?:без|кроме|не|without|except|excluding|not|no)\s+\w+(?:\s+\w+)?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _own_words(texts: tuple[str, ...]) -> frozenset[str]:
    """The words of what the company wrote, as `_asked_words` keys them, but those it says are not there."""
    return frozenset(_key(word) for text in texts for word in content_stems(_WITHOUT.sub(" ", text.replace("ё", "е"))))


def _offering_words(offering: Offering) -> frozenset[str]:
    """What the company wrote about an offering: its name, synonyms, description and what it includes."""
    return _own_words((offering.name, offering.description, *offering.synonyms, *offering.includes))


def _covering_more(text: str, offering: Offering, offerings: list[Offering]) -> Offering:
    """The matched offering, or the one other whose own words cover everything the question asks when
    the matched one's do not ("подключить варочную панель" is the installation's, which connects a hob)."""
    asked = set(_asked_words(text))
    if asked <= _offering_words(offering):
        return offering
    covering = [other for other in offerings if asked <= _offering_words(other)]
    return covering[0] if len(covering) == 1 else offering


def _covering_all(text: str, settings: BotSettings) -> Offering | None:
    """The one offering whose own words cover everything a question asks beyond the company's trade
    ("квартиры" to an estate agent names them all), if exactly one does."""
    asked = set(_asked_words(text)) - _own_words((settings.company_name, settings.description))
    if not asked:
        return None
    covering = [offering for offering in settings.offerings if asked <= _offering_words(offering)]
    return covering[0] if len(covering) == 1 else None


# A name in quotes, or a brand or model in Latin letters in a Cyrillic text: "ЖК «Солнечный город»", "Alvic Luxe".
_QUOTED = LazyPattern(r"«([^»]{2,60})»|\"([^\"]{2,60})\"|„([^“”]{2,60})[“”]")
_LATIN_NAME = LazyPattern(r"(?<![\w@./-])[A-Z][A-Za-z0-9]{2,}(?:[ -][A-Z][A-Za-z0-9]+)*")
# Names every customer uses that are no product: messengers and the sites they found the company on.
_NOT_PRODUCTS = frozenset(content_stems("whatsapp telegram viber instagram vk facebook google yandex youtube avito "
                                        "ватсап телеграм инстаграм яндекс авито"))
_vocabularies: WeakKeyDictionary[CatalogueIndex, frozenset[str]] = WeakKeyDictionary()


def _names_unknown(text: str, settings: BotSettings) -> bool:
    """The question names something (a quoted name, a Latin brand or model in Russian) that nothing in
    the company's settings mentions: whatever the matcher found, the settings do not answer it."""
    names = ["".join(groups) for groups in _QUOTED.findall(text)]
    if _CYRILLIC.search(text):
        names += _LATIN_NAME.findall(text)
    if not names:
        return False
    known = _vocabulary(settings)
    for name in names:
        words = [word for word in content_stems(name.replace("ё", "е")) if word not in _NOT_PRODUCTS and not word.isdigit()]
        if words and not all(_key(word) in known for word in words):
            return True
    return False


def _vocabulary(settings: BotSettings) -> frozenset[str]:
    """Every word the company's public settings use, as `_asked_words` keys them; kept with their index."""
    matcher = index(settings)
    known = _vocabularies.get(matcher)
    if known is None:
        texts = [settings.company_name, settings.description, *settings.not_offered,
                 *(settings.contacts.address or "", settings.contacts.website or "")]
        texts += [text for offering in settings.offerings
                  for text in (offering.name, offering.description, *offering.synonyms, *offering.includes)]
        texts += [text for entry in settings.faq for text in (entry.question, entry.answer, *entry.phrases)]
        known = frozenset(_key(word) for text in texts for word in content_stems(text.replace("ё", "е")))
        _vocabularies[matcher] = known
    return known


def _price_source(text: str, settings: BotSettings, offering: Match[Offering] | None, entry: Match[FaqEntry] | None,
                  wanted: Offering | None) -> SettingsAnswer:
    # Asked its price, an offering half named is the one meant: "how much to get it seen urgently?"
    offering = offering or index(settings).offering(text, at_least_half=True)
    # With an offering named, a FAQ entry answers only when its own trigger words ask the price of
    # what is asked: "сколько стоит доставка?" is the delivery entry's, "монтаж входит в цену?" the offering's.
    if entry is not None and (offering is None or (_matched_beyond(entry, text, PRICE_WORDS)
                                                   and entry.share >= offering.share
                                                   and _asks_in_phrase(entry.target, PRICE_WORDS))):
        return SettingsAnswer("faq", faq=entry.target)
    if offering is not None:
        about: About = "includes" if _INCLUDES.search(text) and offering.target.includes else "price"
        return SettingsAnswer("offering", offering=_covering_more(text, offering.target, settings.offerings), about=about)
    covering = _covering_all(text, settings)
    if covering is not None:  # "сколько стоит врезка мойки?": what the installation includes
        return SettingsAnswer("offering", offering=covering, about="price")
    if wanted is not None and not _names_anything(text):
        return SettingsAnswer("offering", offering=wanted, about="price")
    if _names_something_else(text, settings):
        return SettingsAnswer("manager", about="price")
    # "Сколько стоит кухня?": the kitchens, from the cheapest; "сколько стоят ваши квартиры?" to an
    # estate agent whose description says it sells flats: everything.
    matcher = index(settings)
    sharing = sorted(matcher.offerings_sharing_a_word(text), key=_starting_price)
    if len(sharing) > 1 or (sharing and not matcher.trade_words(text)):
        return SettingsAnswer("offering", offering=sharing[0], about="price", options=tuple(sharing))
    return SettingsAnswer("catalogue") if settings.offerings else SettingsAnswer("manager", about="price")


def _faq_or_nothing(entry: Match[FaqEntry] | None, text: str) -> SettingsAnswer | None:
    """A statement short enough to be a request ("хочу в рассрочку") is answered by a FAQ entry it names."""
    return SettingsAnswer("faq", faq=entry.target) if entry is not None and len(text) <= _STATEMENT_CHARS else None


def _asks_hours(text: str) -> bool:
    """"В субботу работаете?", "are you open saturdays", "часы работы": when, not whether they do something."""
    return bool(_SCHEDULE.search(text) or (_OPEN.search(text) and _WHEN.search(text)))


def _faq_or_manager(entry: Match[FaqEntry] | None) -> SettingsAnswer:
    return SettingsAnswer("faq", faq=entry.target) if entry is not None else SettingsAnswer("manager")


def _asks_price_word(text: str) -> bool:
    return any(word in PRICE_WORDS for word in content_stems(text))


def _matched_on(entry: Match[FaqEntry], text: str, words: frozenset[str]) -> bool:
    """The FAQ entry's match involves one of `words` the text holds (its question or phrases use it)."""
    asked = set(content_stems(text)) & words
    return bool(asked) and any(word in asked for phrase in _entry_words(entry.target) for word in phrase)


def _matched_beyond(entry: Match[FaqEntry], text: str, words: frozenset[str]) -> bool:
    """The text shares a word with the FAQ entry that is not one of `words`."""
    shared = set(content_stems(text)) & {word for phrase in _entry_words(entry.target) for word in phrase}
    return bool(shared - words)


def _asks_in_phrase(entry: FaqEntry, words: frozenset[str]) -> bool:
    return any(word in words for phrase in _entry_words(entry) for word in phrase)


def _entry_words(entry: FaqEntry) -> list[list[str]]:
    return [content_stems(phrase) for phrase in (entry.question, *entry.phrases)]


def _names_anything(text: str) -> bool:
    return any(word not in PRICE_WORDS and not word.isdigit() for word in content_stems(text))


def _names_something_else(text: str, settings: BotSettings) -> bool:
    """The message names a thing the company does not describe: "сколько стоит трёшка?" (not
    "сколько стоят ваши квартиры?" from a company that sells flats)."""
    matcher = index(settings)
    described = set(content_stems(f"{settings.description} {settings.company_name}"))
    for word in _LETTERS.findall(text):
        stems = content_stems(word)
        if stems and stems[0] not in PRICE_WORDS and stems[0] not in described and not matcher.known_terms(word):
            return True
    return False


def _starting_price(offering: Offering) -> Decimal:
    price = offering.price
    if isinstance(price, (ExactPrice, FromPrice)):
        return price.amount
    if isinstance(price, RangePrice):
        return price.min
    return Decimal("Infinity")


# --- what the offline engine says ----------------------------------------------------------------

_TEXTS: dict[str, dict[str, str]] = {
    "from": {"ru": "от {amount}", "en": "from {amount}"},
    "range": {"ru": "от {low} до {high}", "en": "{low} to {high}"},
    "free": {"ru": "бесплатно", "en": "free of charge"},
    "includes": {"ru": "В стоимость входит: {items}.", "en": "The price includes: {items}."},
    "details": {"ru": "{name}: {items}.", "en": "{name}: {items}."},
    "not_offered": {"ru": "К сожалению, этого мы не делаем: {item}.", "en": "Sorry, that's something we don't do: {item}."},
    "hours": {"ru": "Мы работаем: {days} (время {zone}).", "en": "Our hours: {days} ({zone} time)."},
    "closed": {"ru": "выходной", "en": "closed"},
    "whatsapp": {"ru": "Наш WhatsApp: {value}.", "en": "Our WhatsApp: {value}."},
    "telegram": {"ru": "Наш Telegram: {value}.", "en": "Our Telegram: {value}."},
    "email": {"ru": "Наш email: {value}.", "en": "Our email: {value}."},
    "phone": {"ru": "Наш телефон: {value}.", "en": "Our phone: {value}."},
    "website": {"ru": "Наш сайт: {value}.", "en": "Our website: {value}."},
    "address": {"ru": "Наш адрес: {value}.", "en": "Our address: {value}."},
    "answer_at": {"ru": "Сейчас мы не работаем: менеджер ответит {when}.", "en": "We're closed now: a manager will answer {when}."},
    "today": {"ru": "сегодня с {time}", "en": "today from {time}"},
    "tomorrow": {"ru": "завтра с {time}", "en": "tomorrow from {time}"},
    "on_day": {"ru": "{day} с {time}", "en": "on {day} from {time}"},
}
_DAY_NAMES = {
    "ru": ("пн", "вт", "ср", "чт", "пт", "сб", "вс"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_DAY_ON = {
    "ru": ("в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


def _text(key: str, language: str, **values: str) -> str:
    return _TEXTS[key]["ru" if language == "ru" else "en"].format(**values)


def render(answer: SettingsAnswer, settings: BotSettings, language: str) -> str:
    """What the offline engine says for an answer from the settings."""
    if answer.source == "faq" and answer.faq is not None:
        return bounded(answer.faq.answer)
    if answer.source == "offering" and len(answer.options) > 1:
        return say("offerings", language, items="; ".join(offering_item(o, language) for o in answer.options[:_MAX_LISTED]))
    if answer.source == "offering" and answer.offering is not None:
        if answer.about == "includes":
            return about_offering(answer.offering, language, includes=True)
        if answer.about == "details" and answer.details is not None:
            return _text("details", language, name=answer.offering.name, items="; ".join(answer.details.items))
        return about_offering(answer.offering, language)
    if answer.source == "not_offered" and answer.item is not None:
        return _text("not_offered", language, item=answer.item)
    if answer.source == "hours" and settings.hours is not None:
        return hours_text(settings.hours, language)
    if answer.source == "contacts" and answer.field is not None:
        value = getattr(settings.contacts, answer.field)
        if answer.field in ("phone", "whatsapp"):
            value = readable_phone(value)
        return _text(answer.field, language, value=value)
    if answer.source == "catalogue":
        return catalogue(settings, language) or say("unknown", language)
    return say("unknown_price" if answer.about in ("price", "worth") else "unknown", language)


def price_text(offering: Offering, language: str) -> str | None:
    """The price as the company states it: "от 25 000 ₽ за погонный метр", "£150 to £280 per tooth",
    "бесплатно"; None when it is on request."""
    price = offering.price
    currency = price.currency
    if isinstance(price, ExactPrice):
        text = money(price.amount, currency, language)
    elif isinstance(price, FromPrice):
        text = _text("from", language, amount=money(price.amount, currency, language))
    elif isinstance(price, RangePrice):
        low = money(price.min, currency, language)
        if language == "ru":  # "от 90 000 до 140 000 ₽": the currency once, after the range
            low = low.removesuffix(money(Decimal(1), currency, language).removeprefix("1"))
        text = _text("range", language, low=low, high=money(price.max, currency, language))
    elif isinstance(price, FreePrice):
        return _text("free", language)
    else:
        return None
    return f"{text} {price.unit}" if price.unit else text


def offering_item(offering: Offering, language: str) -> str:
    """"Студия — 4 500 000 ₽", or the name alone when its price is on request."""
    price = price_text(offering, language)
    return f"{offering.name} — {price}" if price else offering.name


def catalogue(settings: BotSettings, language: str) -> str | None:
    """What the company offers, with prices where it set them; else its own (public) description."""
    if settings.offerings:
        items = "; ".join(offering_item(offering, language) for offering in settings.offerings[:_MAX_LISTED])
        key = "offerings_more" if len(settings.offerings) > _MAX_LISTED else "offerings"
        return say(key, language, items=items)
    if settings.description:
        return _sentence(settings.description[:240])
    return None


def about_offering(offering: Offering, language: str, *, includes: bool = False) -> str:
    """The price of one offering and what it includes or is, as the company wrote them."""
    price = price_text(offering, language)
    if price is None:
        text = say("price_from_manager", language, name=offering.name)
    else:
        text = say("price", language, name=offering.name, price=price)
    if includes or (offering.includes and not offering.description):
        items = ", ".join(offering.includes[:_MAX_INCLUDES])
        return f"{text} {_text('includes', language, items=items)}"
    description = offering.description.strip()
    if description and len(description) <= _MAX_DESCRIPTION and description.lower() != offering.name.lower():
        text += " " + _sentence(description)
    return text


def hours_text(hours: WorkingHours, language: str) -> str:
    """"Мы работаем: пн–пт 10:00–20:00, сб 11:00–18:00, вс выходной (время Europe/Moscow)."""
    names = _DAY_NAMES["ru" if language == "ru" else "en"]
    groups: list[tuple[int, int, str | None]] = []
    for day in range(7):
        span = getattr(hours, DAYS[day])
        if groups and groups[-1][2] == span:
            groups[-1] = (groups[-1][0], day, span)
        else:
            groups.append((day, day, span))
    parts = []
    for first, last, span in groups:
        days = names[first] if first == last else f"{names[first]}–{names[last]}"
        parts.append(f"{days} {span.replace('-', '–') if span else _text('closed', language)}")
    return _text("hours", language, days=", ".join(parts), zone=hours.time_zone)


def when_people_answer(settings: BotSettings, now: datetime | None, language: str) -> str | None:
    """Outside working hours, when a person will answer ("менеджер ответит завтра с 10:00"); else None."""
    if settings.hours is None or now is None:
        return None
    local = now.astimezone(ZoneInfo(settings.hours.time_zone))
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        span = settings.hours.span(day.weekday())
        if span is None:
            continue
        start, end = span
        if ahead == 0 and start <= local.strftime("%H:%M") < end:
            return None  # open now
        if ahead == 0 and local.strftime("%H:%M") >= end:
            continue
        key = "today" if ahead == 0 else "tomorrow" if ahead == 1 else "on_day"
        lang = "ru" if language == "ru" else "en"
        when = _text(key, language, time=start, day=_DAY_ON[lang][day.weekday()])
        return _text("answer_at", language, when=when)
    return None


def readable_phone(e164: str) -> str:
    import phonenumbers

    return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def find_offering(name: str | None, offerings: list[Offering]) -> Offering | None:
    """The offering a lead's need names exactly (the parsers record an offering by its name)."""
    if not name:
        return None
    return next((offering for offering in offerings if offering.name == name), None)


def over_budget(offering: Offering, budget: Decimal | None, currency: str | None) -> bool:
    low = _starting_price(offering)
    return low.is_finite() and budget is not None and offering.price.currency == currency and low > budget


def bounded(text: str) -> str:
    """An answer of at most _MAX_ANSWER_CHARS, cut at a sentence when it can be."""
    text = text.strip()
    if len(text) <= _MAX_ANSWER_CHARS:
        return text
    cut = text[:_MAX_ANSWER_CHARS]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > 100 else cut.rstrip() + "…"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."
