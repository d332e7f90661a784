"""What a short reply answers: the question the bot asked, another one the customer expected, or none.

Told what the bot asked, the parsers take a short reply as that field ("Анна" after "your name?",
"Истра" after "where?"). Trusting that alone goes wrong both ways: a reply that answers an earlier
question ("миллионов 5" after "when?") is no answer to the one just asked; and people answer the
question they expected, not always the one asked ("sarah o'neill my partner dave might ring" after
"your phone?"). The brain reads such a reply once as the answer to each question it may answer
(`read_reply`) and weighs the readings: it is the answer to the question its words show it answers
("июнь" is when, a town the customer's second name turns out to be is where), and to none when they
do not settle it or say it is something else ("Kia Seltos", "I'm 35").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salesbot.extract import extract_lead, find_timeline
from salesbot.extract.catalogue import index as catalogue_index
from salesbot.extract.country import is_country
from salesbot.extract.location import known_place_as_said, shaped_as_a_toponym
from salesbot.extract.makes import MAKES
from salesbot.extract.morphology import family_name, first_name, is_common_word, is_noun
from salesbot.extract.names import is_first_name, is_listed_name, is_place_kind
from salesbot.extract.normalize import as_typed, normalize
from salesbot.extract.patterns import LazyPattern
from salesbot.extract.timeline import MONTHS_EN, MONTHS_RU
from salesbot.extract.wordlists import is_english_word, is_place, place_size
from salesbot.lead import BUDGET_FIELDS, merge
from salesbot.models import BotSettings, LeadData

_BARE_FIELDS = {"name": "name", "need": "need", "location": "location", "timeline": "timeline", "budget": "budget_amount"}
_MAX_BARE_NEED_WORDS = 4
# Questions two capitalised words cannot answer, unlike "where?" ("Palmerston North") or "what?" ("Kia Seltos").
_NOT_ANSWERED_BY_NAMES = ("phone", "email", "contact", "callback", "timeline", "budget")
_SHORT_REPLY_WORDS = 12  # a reply, not a letter: a longer message says itself what it is about
_WHEN_WORDS = 5
_PLACE_WORDS = 3
_AT_A_PLACE = LazyPattern(r"(?i)(?:в|во|на|под|in|at|near|around)\s")  # a reply opening so names where: "в Зангиате"
_ALIKE_LETTERS = 3
_TOWN_SIZE = 1  # wordlists.place_size: 10,000 people or more
_LARGE_TOWN_SIZE = 2  # 100,000 people or more: a town whatever word it is too ("Reading", "Орёл")
# Words that name a time and nothing else: a month, a season, some weeks or months. Not days nor years, which
# say as often how long ("3 дня" of a rental) or how old ("5 лет" of a child) as when.
_OF_TIME = LazyPattern(
    rf"(?:{MONTHS_RU}|{MONTHS_EN}|весн\w*|лет[оау]|летом|осен\w*|зим[аеуы]|зимой|spring|summer|autumn|fall|winter"
    r"|недел[июьяе]|недель|месяц(?:а|ев)?|полгода|weeks?|months?"
    r"|понедельник|вторник|сред[уа]|четверг|пятниц[уа]|суббот[уа]|воскресенье|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    re.IGNORECASE)
# And the words that may stand beside them in such a reply: numbers, parts, and the prepositions of time.
_BESIDE_TIME = LazyPattern(
    r"\d{1,2}|одн(?:у|а|ого)|дв[аеух]+|тр(?:и|[её]х)|четыр(?:е|[её]х)|пять|шесть|пар[уы]|нескольк\w*|полтора"
    r"|начал[оеа]|середин[аеуы]|кон[ец]\w*|перв\w*|втор\w*|половин[аеуы]|в|во|к|до|по|через|с|где-то|примерно|около"
    r"|a|an|one|two|three|four|five|six|couple|few|several|of|the|early|mid|late|end|beginning|start|first|second|half"
    r"|in|by|before|around|about|within|maybe|probably|ideally|наверное|наверно|пожалуй|or|so|ish|perhaps|hopefully|this|next"
    r"|эт[аоуи]|следующ\w+", re.IGNORECASE)
# The reply's first clause, up to a mark that ends one (not the point of "15.06"): "октябрь, мы в Истре".
_LEADING_CLAUSE = LazyPattern(r"\s*[^,;!?\n]*?(?=[,;!?\n]|\.(?!\d)|$)")
_WORD_OF_REPLY = LazyPattern(r"[^\s,.!–—-]+")
_RATE = LazyPattern(r"(?i)(?<!\w)(?:в|за|a|per)\s(?:месяц|неделю|month|week)(?!\w)")  # "25-30 в месяц": how much, not when


@dataclass
class _Readings:
    """A reply read once per field it may answer, each reading made on first need and kept."""

    settings: BotSettings
    earlier: list[str]
    known: LeadData
    kept: dict[tuple[str, str | None], LeadData] = field(default_factory=dict)

    def of(self, text: str, asked: str | None) -> LeadData:
        if (text, asked) not in self.kept:
            self.kept[text, asked] = _without_make_and_model(extract_lead(
                text, settings=self.settings, asked=asked, earlier=self.earlier, known=self.known), text)
        return self.kept[text, asked]


def read_reply(learned: LeadData, text: str, *, settings: BotSettings, earlier: list[str], known: LeadData,
               asked: str | None, expected: str | None, bare: bool, opens_with_answer: bool) -> LeadData:
    """`learned`, the parsers' reading of `text` told `asked` (None unless the reply is `bare`: no question,
    dodge or greeting), with the field the reply answers once its readings are weighed.

    The reply is read once as the answer to each question it may answer (the name, where, when) and each
    reading is judged by what its words are, what was asked (`expected`: the turn before's question) and what
    the lead already holds. A reading no evidence supports, or one another reading of the same words rivals,
    gives nothing: a wrong value is worse than none. `opens_with_answer`: no dodge nor greeting, the reply may
    answer a question even when it asks one ("thursday, is that ok?").
    """
    learned = _without_make_and_model(learned, text)
    readings = _Readings(settings, earlier, known, {(text, asked): learned})
    if asked is not None:
        learned = _without_false_bare_answer(learned, text, readings, asked)
    if opens_with_answer:
        learned = merge(learned, _expected_answer(learned, text, readings, known, expected, bare=bare))
    return _place_among_names(learned, text, readings, known, asked)


def _expected_answer(learned: LeadData, text: str, readings: _Readings, known: LeadData, expected: str | None, *,
                     bare: bool) -> LeadData:
    """The one field a reply that states nothing as the answer to the question asked answers instead: people
    answer the question they expected. Its name when its words read as one and as no place nor time; else
    a time its first clause is made of; else a place its words are and no name may be."""
    stated = bool(learned.model_dump(exclude_none=True, exclude={"details"}))
    if bare and not stated:
        name = _name_given_unasked(text, readings, known, expected)
        if name is not None:
            return LeadData(name=name)
    if learned.timeline is None:
        timeline = _timeline_given_unasked(text, known, alone=bare)
        if timeline is not None:
            return LeadData(timeline=timeline)
    if bare and not stated:
        return LeadData(location=_place_given_unasked(text, readings, known, expected))
    return LeadData()


def _without_false_bare_answer(learned: LeadData, text: str, readings: _Readings, asked: str) -> LeadData:
    """`learned` without the asked field when the message is not a bare answer to our question.

    Told that we asked for X, the parsers take a short reply as X. But "миллионов 5" after "when?"
    answers an earlier question about the budget, "через пару месяцев" after "your name?" is no
    name, a sentence about the weather is no need, and "I'm 42" after "where?" no place: when the
    message states something else on its own, or is more than a few words, or its words are no such
    thing, the asked field must be stated on its own too.
    """
    attribute = _BARE_FIELDS.get(asked)
    if attribute is None or getattr(learned, attribute) is None:
        return learned
    plain = readings.of(text, None)
    if getattr(plain, attribute) is not None:
        return learned
    if asked == "need" and (len(text.split()) > _MAX_BARE_NEED_WORDS or "," in text
                            or not catalogue_index(readings.settings).known_terms(text)):
        return learned.model_copy(update={"need": None})  # the weather, "ммм": not something they could buy here
    if _no_such_thing(asked, str(getattr(learned, attribute))):
        return learned.model_copy(update={attribute: None})
    others = plain.model_dump(exclude_none=True, exclude={"details", attribute, "budget_currency"})
    if not others and not plain.details:
        return learned
    if asked == "name" and re.search(rf"(?<!\w){re.escape(str(learned.name).split()[0])}(?!\w)", text):
        return learned  # written with a capital, as names are: "Анна, 8 912 345-67-89"
    if asked == "timeline" and _leads(text, str(learned.timeline)):
        return learned  # "октябрь, мы в Истре": the time first, in a clause of its own, then the rest
    if asked == "location" and others.keys() == {"name"} and _words(plain.name) == _words(learned.location):
        return learned  # "Jesmond" after "where?": one place that is a name too, which the parsers read as the place
    # Not a budget: none of its parts either (bounds, period, words), which make no budget alone.
    return learned.model_copy(update=dict.fromkeys(BUDGET_FIELDS if asked == "budget" else (attribute,)))


def _leads(text: str, clause: str) -> bool:
    """`clause` is the opening of `text`, followed by a mark that ends a clause."""
    text = text.strip()
    return text[:len(clause)].lower() == clause.lower() and text[len(clause):len(clause) + 1] in {",", ".", ";", "!", "\n"}


def _name_given_unasked(text: str, readings: _Readings, known: LeadData, expected: str | None) -> str | None:
    """The name a short reply gives as the answer to "your name?" while the lead has none.

    Its reading as that answer is its name when a dictionary of names knows it as one and no other reading of
    the words is: no place, no time. A word that only being asked makes a name ("Нурбол", "Чиланзар") stays
    unread; so does one that reads as two ("June": a name, or when). Asked how to reach them, when or for how
    much, people give who they are first: a reply that is only a first name and a surname written with
    capitals, the surname no word and no place, is the name however unknown ("Mere Tapsell", "Бехзод Каримов").
    """
    if known.name is not None or len(text.split()) > _SHORT_REPLY_WORDS:
        return None
    name = readings.of(text, "name").name
    if name is None:
        return None
    known_name = _known_first_name(name)
    if not known_name and not (expected in _NOT_ANSWERED_BY_NAMES and _written_as_full_name(text, name)):
        return None
    # What the words may be instead: "June" a month, "Savannah" a place. A place is ruled out by the gazetteer for a
    # name no dictionary knows: asked where, any capitalised words read as one.
    if find_timeline(normalize(text), asked=True) or (known_name and readings.of(text, "location").location):
        return None
    return name


def _timeline_given_unasked(text: str, known: LeadData, *, alone: bool) -> str | None:
    """When a reply made only of words of time ("июнь", "пару недель", "early September") says the customer
    wants it, while the lead has no timeline; or such a first clause, the rest saying something else
    ("октябрь, мы в Истре") or asking about it ("thursday, is that ok?": not `alone`, then only so).

    Unasked, the parsers read a time only in words that say it is one ("к июню", "in two weeks"); a month or
    a span said alone is read only as the answer to "when?". But a month or a span of weeks answers no other
    question we ask. A month that is a first name too ("June", "May") stays unread while the lead has no
    name: a name, or when?
    """
    if known.timeline is not None or _RATE.search(text):
        return None
    lead = _LEADING_CLAUSE.match(text)
    clause = lead.group() if lead else text
    if not alone and not _leads(text, clause.strip()):
        return None  # "June?": the time itself asked about
    words = _WORD_OF_REPLY.findall(clause)
    if not 0 < len(words) <= _WHEN_WORDS:
        return None
    if not all(_OF_TIME.fullmatch(word) or _BESIDE_TIME.fullmatch(word) for word in words) or not any(
            _OF_TIME.fullmatch(word) for word in words):
        return None
    if known.name is None and len(words) == 1 and (is_listed_name(words[0]) or first_name(words[0]) is not None):
        return None
    return as_typed(find_timeline(normalize(clause), asked=True), clause)  # words of time alone: the other parsers would find nothing


def _place_given_unasked(text: str, readings: _Readings, known: LeadData, expected: str | None) -> str | None:
    """The place a reply of a few words gives as the answer to "where?", asked another question, while the
    lead has no place.

    Asked for a contact just after their need, people often answer where the work is ("в Зангиате",
    "Фестивальный", "near Papamoa"): read as the answer to "where?", the reply gives its place when
    GeoNames knows it, a preposition says it is one, or it is one word ending as only places' names do.
    Not a word that may be the customer's name instead (a first name or a surname: "Aurora", "Иванов").
    A longer reply may open with such a place in a clause of its own and go on about it ("Малиновка, мы на
    Жуковского"): its first clause gives the place only when GeoNames knows it, as the rest may say anything.
    """
    if expected in (None, "name", "location") or any(char.isdigit() for char in text) or (
            known.location is not None and not _only_where_they_are(known.location, readings.earlier)):
        return None
    words = _WORD_OF_REPLY.findall(text)
    if len(words) > _PLACE_WORDS:
        lead = _LEADING_CLAUSE.match(text)
        clause = lead.group().strip() if lead else ""
        words = _WORD_OF_REPLY.findall(clause)
        if len(words) > _PLACE_WORDS or not _leads(text, clause) or len(text.split()) > _SHORT_REPLY_WORDS or (
                all(is_english_word(word.lower()) or (is_common_word(word) and not is_noun(word)) for word in words)
                and (place_size(clause) or 0) < _LARGE_TOWN_SIZE):
            return None  # "Well, ...", "Отлично, ...": a word opening a sentence, though a village may be called so
        place = _place_as_answer(clause, words, readings)
        return place if place is not None and is_place(place) else None
    return _place_as_answer(text, words, readings)


def _only_where_they_are(place: str, earlier: list[str]) -> bool:
    """The place known was said only as where the customer is or comes from ("Hello from Dublin!"), which the
    place a later reply gives outranks ("Kenya ideally")."""
    said = known_place_as_said(place, earlier)
    return bool(said and said.residence)


def _place_as_answer(text: str, words: list[str], readings: _Readings) -> str | None:
    """The place `text`, a reply of a few `words`, gives read as the answer to "where?", when nothing makes
    it the customer's name instead and a list, a preposition or its shape says it is a place."""
    if not words or any(first_name(word) or is_first_name(word) or family_name(word, None) for word in words if word[:1].isupper()):
        return None
    place = readings.of(text, "location").location
    if place is None or not (is_place(place) or is_country(place) or _AT_A_PLACE.match(text)
                             or (len(words) == 1 and shaped_as_a_toponym(words[0]))):
        return None  # "Chidi": a name, or a place? Neither, until a list, a preposition or its shape settles it
    return place


def _place_among_names(learned: LeadData, text: str, readings: _Readings, known: LeadData, asked: str | None) -> LeadData:
    """`learned` with the place that a word said alone, a first name or a town, turns out to be.

    "Stirling" or "Katy" said alone after another question may be the customer's name or their
    town. Until their name is known it is neither, for a wrong value is worse than none. The
    customer has one name: once they have given it and no place yet, the word is the town, whether
    it comes after their name or came before it ("Leander", then "Дмитрий Орлов"). A name that looks
    like the first ("Katy", then "Kate Miller") corrects it instead. Asked for the name, it is one.
    """
    if learned.name is None or known.location is not None or learned.location is not None or asked == "name":
        return learned
    place = _place_said_alone(text, readings)
    said_alone = place is not None and _words(place) == _words(learned.name)
    if known.name is None and said_alone:
        # A town of 10,000 people or more; a smaller one ("Lorraine") is the less likely reading.
        return learned.model_copy(update={"name": None}) if (place_size(str(place)) or 0) >= _TOWN_SIZE else learned
    if known.name is not None and (_words(learned.name) == _words(known.name) or _alike(learned.name, known.name)):
        return learned
    if said_alone:
        return learned.model_copy(update={"name": None, "location": place})
    for before in reversed(readings.earlier):
        place = None if not before.split() or _words(before) & _words(learned.name) or _alike(before, learned.name) else (
            _place_said_alone(before, readings))
        if place is not None:
            return learned.model_copy(update={"location": place})
    return learned


def _place_said_alone(text: str, readings: _Readings) -> str | None:
    """The town a reply of nothing but a name of a place the world knows names."""
    if not is_place(text.strip(" .!,")):
        return None
    place = readings.of(text, "location").location
    return place if _words(place) == _words(text) else None


def _without_make_and_model(learned: LeadData, text: str) -> LeadData:
    """`learned` without the name or place a reply that is a make and a model was read as ("Kia Seltos",
    "Хендай Солярис", "Samsung Galaxy"): what the customer has or wants, whoever they are and wherever."""
    words = _WORD_OF_REPLY.findall(text)
    if not (_SHORT_REPLY_WORDS >= len(words) >= 2 and words[0].casefold() in MAKES
            and not family_name(words[1], None)):
        return learned
    return learned.model_copy(update={"name": None, "location": None})


def _no_such_thing(asked: str, value: str) -> bool:
    """A value read only because we asked for it whose words say it is none: a number beside no word the
    gazetteer knows after "where?" ("I'm 35"); one English word no dictionary of names knows after "your
    name?" ("Apple")."""
    if asked == "location":
        return any(char.isdigit() for char in value) and not any(
            is_place(word) for word in re.findall(r"[^\W\d_]+", value.lower()))
    return asked == "name" and " " not in value and is_english_word(value.lower()) and not is_first_name(value)


def _alike(name: str, other: str) -> bool:
    """Two names that may be one written twice, the second correcting the first: "Katy", "Kate Miller"."""
    first, second = (name.split()[0].casefold(), other.split()[0].casefold())
    return first[:_ALIKE_LETTERS] == second[:_ALIKE_LETTERS]


def _written_as_full_name(text: str, name: str) -> bool:
    """The reply is only `name`, as the customer wrote it: two or three words, each with a capital, the last no English
    word and no place (a surname, not "Palmerston North"), the whole no place; its first may be one ("Mere", a town).
    A surname that is a word or a town too ("Walker", "Baker") follows a first name that is neither ("Hemi Walker"; not
    "Dobson Ranch", "Kings Heath"), and is no kind of place ("Tekapo Springs")."""
    words = text.strip(" .!,").split()
    if " ".join(words) != name or not 2 <= len(words) <= 3 or not all(word.istitle() for word in words) or is_place(name.lower()):
        return False
    first, last = words[0], words[-1]
    return (not is_english_word(last) and not is_place(last.lower())) or (
        not is_english_word(first) and not is_place(first.lower()) and not is_place_kind(last))


def _known_first_name(name: str) -> bool:
    """A dictionary of names knows the name's first word as a first name, or its second after a surname ("Колесник
    Иван"), and neither is an English word it may be instead ("Visa")."""
    return any(is_first_name(word) for word in name.split()[:2])


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"\w+", (text or "").casefold()))
