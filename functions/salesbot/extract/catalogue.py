"""Which of the company's things a customer's words name: an offering, a FAQ entry, something it
does not do. The one matcher behind the lead's need, the offline engine's answers and the order of
the catalogue in the LLM's prompt.

Words are compared whole ("дом" is not in "рядом"), as Snowball stems (`normalize.stem`) and as
written, so that forms the stemmer leaves apart still meet ("массив" and "массива" stem to "масс"
and "массив"; "доставка" and "доставляете" to "доставк" and "доставля"), with room for one typo
("гарнтия"). A few words every business's customers use for the same thing are one concept
("гарантия", "сломается", "warranty"; "рассрочка", "частями", "finance"), so a question and a
FAQ entry worded differently still meet.

A word weighs what it tells apart in this company's settings: in a kitchen maker's, "кухня" is in
nearly every offering and FAQ entry and says little, "эмаль" picks one out. A phrase (an
offering's name or synonym, a FAQ question or trigger phrase, a not-offered item) matches when the
text holds at least half of its weight; a target's best phrase is its match.

The index is built once per settings object, so a message costs a few lookups per word.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from salesbot.extract.normalize import stem
from salesbot.extract.patterns import LazyPattern

if TYPE_CHECKING:
    from salesbot.models import BotSettings, FaqEntry, Offering

Target = TypeVar("Target")

# Numbers and words; "can't" and "I'm" leave a "t" and an "m" that say nothing.
_WORD = LazyPattern(r"[0-9]+|[A-Za-zА-Яа-яЁё]{2,}")
# Function words, and verbs any request uses ("делаете", "make", "нужно", "купить"): they name nothing.
_STOP = frozenset(
    """
    в во на с со и а но или у к ко о об от до за для по из при про без над под вы вас вам вами ваш ваша ваше ваши
    вашей вашего вашу я мне меня мы нас нам ты тебя тебе твой это эта этот эти как что чем чего где когда куда ли
    не да нет бы же то так там тут можно какой какая какое какие каких сколько еще ещё уже очень пожалуйста
    подскажите скажите здравствуйте привет добрый день вечер утро хочу хотел хотела хотим мой моя мое мои свой свою
    если тоже также только все всё весь вся был была было будет будут есть ну вот просто нужно нужен нужна нужны
    делаете делать сделать сделаете делают делаем можете могу может предлагаете предложить купить куплю купим
    покупать приобрести
    the a an is are am was were be been do does did you your yours we our us i my me to of for in on at and or but
    can could would will shall should what which how where when who whom there it its this that these those have
    has had with please hi hello hey any some much many about from by as if so not no yes get got just make need
    want like offer offers buy buying purchase
    """.split()
)
PRICE_WORDS = frozenset(stem(word) for word in """
    сколько стоит стоят стоить стоимость цена цены цену ценник почем почём прайс тариф расценки обойдется деньгам
    рублей платный платно бесплатный бесплатно предоплата комиссия скока
    cost costs price prices pricing rate rates fee fees charge charges free
    """.split())
"""Stems of the words of a price question. They name nothing priced, so they match nothing in the index
("сколько стоит кухня?" is not the FAQ entry "сколько стоит доставка кухни"), unless they are a concept
of their own: "предоплата" asks a price and names the payment terms."""
# Words for one thing that customers and companies word differently, in every trade.
_CONCEPTS = {
    "#time": "срок сроки долго быстро быстрее время времени ждать длится займёт займет недель недели месяцев "
             "long quickly soon duration",
    "#warranty": "гарантия гарантию гарантии гарантийный сломается сломалась сломался поломка брак чинить починить "
                 "warranty guarantee guaranteed guarantees",
    "#payment": "оплата оплату оплатить оплачивать предоплата предоплату картой наличными наличные pay paying payment "
                "card cash",
    "#instalments": "рассрочка рассрочку рассрочки кредит кредите частями instalments instalment installments "
                    "installment finance monthly",
    "#delivery": "доставка доставку доставки доставить доставляете привезти привезёте привезете delivery deliver "
                 "delivered shipping",
    "#rent": "аренда аренду арендовать снять сниму снимать съём rent rental renting lease",
    "#pain": "болит боль больно hurt hurts pain painful ache aching",
    "#children": "дети детей ребёнок ребенок ребёнка ребенка сын сына дочь дочери kid kids child children son "
                 "daughter",
    "#broken": "broken snapped chipped cracked скол сколы откололся откололась отломился отломилась треснул треснула "
               "трещина",
    "#cancel": "cancel cancels cancelled cancelling cancellation cancellations reschedule rescheduling rebook postpone "
               "отменить отмена отмену отменю перенести перенос переноса перенесу",
    "#insurance": "страховка страховку страховая дмс insurance insurer insured",
    "#discount": "скидка скидку скидки акция акции промокод discount discounts promo",
    "#electrical": "электрика электрики электрику электрик электрика электромонтаж проводка проводку проводки розетка "
                   "розетки розетку розеток выключатель выключатели electrical electrics electrician wiring rewire "
                   "rewiring socket sockets fusebox",
    "#commercial": "коммерческая коммерческую коммерческой коммерческие коммерческих коммерческое помещение помещения "
                   "помещений нежилое нежилые нежилого нежилую офисное офисные офисного офисную commercial premises "
                   "retail",
}
_CONCEPT_OF = {stem(word): concept for concept, words in _CONCEPTS.items() for word in words.split()}
_LIST = LazyPattern(r"\s*(?:,|;|\band\b|\bи\b|\bor\b|\bили\b|/)\s*", re.IGNORECASE)
_MIN_FUZZY = 5  # shorter words match by their stem only: "дом" must not find "дым"
_PREFIX = 4  # written forms meet on a shared beginning of at least this many letters...
_KNOWN_KEPT = 64  # texts whose terms an index remembers
_ENDING = 2  # ...each going on past it by at most this many ("массив"/"массива", not "комнаты"/"комнатная")

_AS_WRITTEN = 1.5
_NUMBERS = frozenset(stem(word) for word in "one two three four five один одна одно два две три четыре пять".split())


def _numeric(term: str) -> bool:
    return term.isdigit() or term in _NUMBERS


MATCH_SHARE = 0.5
"""The share of a phrase's weight the text must hold for the phrase to match: at least half of a
question or of what the company does not do, more than half of an offering's name or synonym (the
need a lead records: "ремонт ванной" is not "Ремонт под ключ")."""
MIN_WEIGHT = 1.0
"""What the matched words must weigh at least: a word in nearly every target ("кухня") is no match alone."""


# "my 7 year old", "our 4-year-old": a child, as "#children" knows the word.
_CHILD_AGE = LazyPattern(r"\b(?:1[0-7]|[1-9])[- ]?(?:years?|yrs?)[- ]?old\b", re.IGNORECASE)


# "move my hygiene appointment": to reschedule it, as "#cancel" knows the word.
_MOVE_BOOKING = LazyPattern(r"\b(?:move|change|shift)(?=\s+(?:my\s+|the\s+|our\s+|an?\s+)?(?:[\w-]+\s+)?(?:appointment|booking)s?\b)",
                           re.IGNORECASE)


def _words(text: str) -> list[str]:
    """The text's words, lower case; a child's age said instead of the word ("my 7 year old") as "child",
    moving a booking as "reschedule"."""
    return _WORD.findall(_MOVE_BOOKING.sub("reschedule", _CHILD_AGE.sub(" child ", text)).lower())


def content_stems(text: str) -> list[str]:
    """The stems of the words that carry meaning (no stop words), in order."""
    return [stem(word) for word in _words(text) if word not in _STOP]


def _terms(text: str) -> list[str]:
    """A text's words as the index compares them: stems, concepts for the words that have one, no price words."""
    return [_CONCEPT_OF.get(word, word) for word in content_stems(text) if _names_a_thing(word)]


def _names_a_thing(stemmed: str) -> bool:
    return stemmed not in PRICE_WORDS or stemmed in _CONCEPT_OF


@dataclass(frozen=True)
class Match(Generic[Target]):
    target: Target
    share: float  # the share of the best phrase's weight the text holds, 0..1
    weight: float  # what the words found weigh: the more telling, the surer

    @property
    def strength(self) -> float:
        return self.share * self.weight


@dataclass(frozen=True)
class _Entry(Generic[Target]):
    target: Target
    texts: tuple[str, ...]  # as the company wrote them
    phrases: tuple[tuple[str, ...], ...]  # their terms


def _entry(target: Target, texts: tuple[str, ...]) -> _Entry[Target]:
    return _Entry(target, texts, _phrases(texts))


class CatalogueIndex:
    """The words of everything the company named in its settings, weighted by how much they tell apart."""

    def __init__(self, settings: BotSettings) -> None:
        self.offerings = [_entry(o, (o.name, *o.synonyms)) for o in settings.offerings]
        self.faq = [_entry(e, (e.question, *e.phrases)) for e in settings.faq]
        # "Botox and facial aesthetics" is two things the company does not do.
        self.not_offered = [_entry(item, (item, *_LIST.split(item))) for item in settings.not_offered]
        entries: list[_Entry[Any]] = [*self.offerings, *self.faq, *self.not_offered]
        frequency: Counter[str] = Counter()
        for entry in entries:
            frequency.update({term for phrase in entry.phrases for term in phrase})
        # The words the company describes itself with name its trade, not one offering: "квартиры"
        # to an estate agent tells less than "двухкомнатная".
        self._trade = frozenset(_terms(settings.description)) & frequency.keys()
        frequency.update(self._trade)
        total = len(entries) + 2
        self._weight = {term: math.log(1 + total / count) for term, count in frequency.items()}
        # term -> where it is used, for each kind of target: a message is compared with those only.
        self._using = {id(kind): _usage(kind) for kind in (self.offerings, self.faq, self.not_offered)}
        self._by_prefix: dict[str, list[str]] = {}
        self._by_deletion: dict[str, set[str]] = {}
        for term in self._weight:
            if len(term) >= _MIN_FUZZY and not term.startswith("#"):
                self._by_prefix.setdefault(term[:_MIN_FUZZY], []).append(term)
                for variant in _deletions(term):
                    self._by_deletion.setdefault(variant, set()).add(term)
        self._known: dict[str, frozenset[str]] = {}
        self._written: dict[str, set[tuple[str, str]]] = {}  # first letters -> (word as written, its term)
        for entry in entries:
            for phrase_text in entry.texts:
                for word in _WORD.findall(phrase_text.lower()):
                    term = _CONCEPT_OF.get(stem(word), stem(word))
                    if len(word) >= _PREFIX and word not in _STOP and term in self._weight:
                        self._written.setdefault(word[:_PREFIX], set()).add((word, term))

    def offering(self, text: str, *, at_least_half: bool = False) -> Match[Offering] | None:
        """The offering the text names: more than half of a name or synonym (`at_least_half`: half
        will do, where the text is known to ask about one, as a price question is)."""
        return self._best(self.offerings, text, more_than_half=not at_least_half)

    def faq_entry(self, text: str) -> Match[FaqEntry] | None:
        return self._best(self.faq, text)

    def not_offered_item(self, text: str) -> Match[str] | None:
        return self._best(self.not_offered, text)

    def offerings_sharing_a_word(self, text: str) -> list[Offering]:
        """Offerings whose name or synonyms share a word with the text: those that use it in the very
        form the text does ("кухня": "Кухня из эмали", not "Монтаж кухни"), else any."""
        written = set(_WORD.findall(text.lower())) - _STOP
        terms = self.known_terms(text)
        sharing = [entry for entry in self.offerings if any(t in terms for p in entry.phrases for t in p)]
        exact = [entry for entry in sharing if written & {w for text in entry.texts for w in _WORD.findall(text.lower())}]
        return [entry.target for entry in exact or sharing]

    def shared_terms(self, text: str, target: object) -> frozenset[str]:
        """The terms of `text` (other forms and typos included) that `target`, an offering, FAQ entry or
        not-offered item of these settings, uses in its phrases."""
        terms = self.known_terms(text)
        entries: list[_Entry[Any]] = [*self.offerings, *self.faq, *self.not_offered]
        entry = next((entry for entry in entries if entry.target is target), None)
        return terms & {term for phrase in entry.phrases for term in phrase} if entry is not None else frozenset()

    def trade_words(self, text: str) -> frozenset[str]:
        """The text's words that the company's description uses too: what its trade is called."""
        return self.known_terms(text) & self._trade

    def known_terms(self, text: str) -> frozenset[str]:
        """The settings' terms the text holds: its own, and those its words are another form or a typo of."""
        if text in self._known:  # one message is matched against offerings, FAQ and exclusions in turn
            return self._known[text]
        found = self._find_terms(text)
        if len(self._known) >= _KNOWN_KEPT:
            self._known.clear()
        self._known[text] = found
        return found

    def _find_terms(self, text: str) -> frozenset[str]:
        found: set[str] = set()
        for word in _words(text[:4096]):
            stemmed = stem(word)
            if word in _STOP or not _names_a_thing(stemmed):
                continue
            term = _CONCEPT_OF.get(stemmed, stemmed)
            if term in self._weight:
                found.add(term)
            for known, known_term in self._written.get(word[:_PREFIX], ()):
                if _same_word(word, known):
                    found.add(known_term)
            if len(stemmed) < _MIN_FUZZY:
                continue
            found.update(known for known in self._by_prefix.get(stemmed[:_MIN_FUZZY], ()) if _related(stemmed, known))
            for variant in (stemmed, *_deletions(stemmed)):  # a letter left out, one too many, or a wrong one
                found.update(self._by_deletion.get(variant, ()))
                if variant in self._weight:
                    found.add(variant)
        return frozenset(found)

    def faq_entries(self, text: str) -> list[Match[FaqEntry]]:
        """Every FAQ entry the text matches, the surest first: a message can touch two ("my 7 year old's
        tooth hurts, can you see him today?" is about toothache and about children)."""
        return sorted(self._matches(self.faq, text), key=lambda match: -match.strength)

    def _best(self, entries: list[_Entry[Target]], text: str, *, more_than_half: bool = False) -> Match[Target] | None:
        return max(self._matches(entries, text, more_than_half=more_than_half), key=lambda match: match.strength,
                   default=None)

    def _matches(self, entries: list[_Entry[Target]], text: str, *, more_than_half: bool = False) -> list[Match[Target]]:
        """Each target the text matches, by its best phrase, in the entries' order."""
        terms = self.known_terms(text)
        written = f" {' '.join(_WORD.findall(text[:4096].lower()))} "
        matches: list[Match[Target]] = []
        using = self._using[id(entries)]
        for position in sorted({position for term in terms for position in using.get(term, ())}):
            entry = entries[position]
            best: Match[Target] | None = None
            for phrase in entry.phrases:
                found = [term for term in phrase if term in terms]
                weight = sum(self._weight[term] for term in found)
                # A number alone names nothing: "£1,800" is no "1 bed".
                if weight < MIN_WEIGHT or all(_numeric(term) for term in found):
                    continue
                share = weight / sum(self._weight[term] for term in phrase)
                if share < MATCH_SHARE or (more_than_half and share == MATCH_SHARE):
                    continue
                match = Match(entry.target, share, weight)
                if any(f" {' '.join(_WORD.findall(t.lower()))} " in written for t in entry.texts):
                    # Written as the company wrote it ("the 2 bed one"): surer than the same words apart.
                    match = Match(entry.target, share, weight * _AS_WRITTEN)
                if best is None or match.strength > best.strength:
                    best = match
            if best is not None:
                matches.append(best)
        return matches


def _usage(entries: list[_Entry[Any]]) -> dict[str, list[int]]:
    """term -> the positions of the entries whose phrases use it."""
    using: dict[str, list[int]] = {}
    for position, entry in enumerate(entries):
        for term in {term for phrase in entry.phrases for term in phrase}:
            using.setdefault(term, []).append(position)
    return using


def index(settings: BotSettings) -> CatalogueIndex:
    """The settings' index, built on first use and kept with them (a copy with other lists builds its own)."""
    key = (id(settings.offerings), id(settings.faq), id(settings.not_offered))
    if settings._catalogue is None or settings._catalogue[0] != key:
        settings._catalogue = (key, CatalogueIndex(settings))
    built: CatalogueIndex = settings._catalogue[1]
    return built


@lru_cache(maxsize=4096)
def _phrases(texts: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    stemmed = (tuple(dict.fromkeys(_terms(text))) for text in texts)
    return tuple(dict.fromkeys(phrase for phrase in stemmed if phrase))


def _shared_start(a: str, b: str) -> int:
    shared = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        shared += 1
    return shared


def _same_word(word: str, known: str) -> bool:
    """Two forms of one word as written: a shared beginning, and short endings past it."""
    shared = _shared_start(word, known)
    return shared >= _PREFIX and len(word) - shared <= _ENDING and len(known) - shared <= _ENDING


def _related(word: str, known: str) -> bool:
    """Stems the stemmer left apart: "доставк"/"доставля", "deliver"/"delivery"."""
    shared = _shared_start(word, known)
    return shared >= _MIN_FUZZY and shared >= 0.75 * min(len(word), len(known))


def _deletions(word: str) -> list[str]:
    """The word with one letter (not the first) left out: two words a typo apart share one of these."""
    if len(word) < _MIN_FUZZY:
        return []
    return [word[:i] + word[i + 1:] for i in range(1, len(word))]
