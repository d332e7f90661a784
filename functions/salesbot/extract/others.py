"""Who else a customer speaks of: relatives, friends, colleagues, staff, other businesses and pets.

One list for two questions the parsers ask: whose name a name is ("подруга Маша", "my wife Sarah",
"кот Барсик") and whose contact a phone or an e-mail is ("номер жены", "телефон прораба", "my
accountant's email"). Russian words are known in any case through pymorphy3's lemmas ("жене",
"жены", "женой" are all "жена"), asked only about a word whose start is one of the list's, so a
message that names no one loads no dictionary; English ones with their plural and possessive.
"""

from __future__ import annotations

from functools import lru_cache

from salesbot.extract.patterns import LazyPattern

_RUSSIAN = frozenset(
    """
    жена супруг супруга муж муженёк мама мамочка мать папа папочка отец сын сынок дочь дочка доченька брат братик
    сестра сестрёнка бабушка бабуля дедушка дедуля тётя дядя тёща свекровь свёкор родитель родители внук внучка
    ребёнок дети малыш друг подруга сосед соседка коллега бухгалтер прораб бригадир завхоз охранник консьерж
    консьержка вахтёр водитель курьер получатель секретарь секретарша помощник помощница ассистент ассистентка
    директор начальник начальница шеф менеджер юрист арендатор арендодатель хозяин хозяйка риелтор риэлтор
    администратор управляющий врач доктор мастер агент клиент учитель учительница репетитор нотариус адвокат
    брокер строитель электрик сантехник дизайнер архитектор няня уборщица домработница садовник оценщик
    руководитель руководительница воспитатель воспитательница тренер преподаватель куратор
    племянник племянница невеста жених тесть зять невестка сноха отчим мачеха крестный крестная
    квартирант квартирантка жилец жиличка съемщик знакомый знакомая приятель приятельница напарник компаньон
    подрядчик монтажник установщик плиточник кровельщик
    партнер однокурсник однокурсница одноклассник одноклассница сотрудник сотрудница должник должница
    агроном инженер технолог энергетик снабженец кладовщик логист зоотехник ветеринар бухгалтерия
    продавец продавщица покупатель маркетолог кадровик закупщик
    замерщик техник механик доставщик экспедитор
    магазин салон фирма сервис склад клиника
    кот кошка котёнок собака пёс щенок питомец попугай лошадь хомяк
    """.replace("ё", "е").split()
)
_ENGLISH = frozenset(
    """
    wife husband spouse partner mum mom mother dad father son daughter brother sister aunt uncle grandma grandmother
    grandpa grandfather granny grandparent grandson granddaughter parent friend neighbour neighbor colleague boss
    accountant bookkeeper assistant secretary receptionist foreman caretaker concierge porter landlord landlady tenant
    lawyer solicitor driver courier recipient receiver doctor dentist agent realtor client customer kid child baby
    tutor teacher manager conveyancer notary attorney broker builder contractor electrician plumber surveyor
    architect designer coach instructor headteacher principal nanny babysitter cleaner housekeeper gardener cat dog puppy kitten pet horse pony parrot rabbit
    girlfriend boyfriend fiance fiancé fiancee fiancée bride groom roommate flatmate housemate lodger nephew niece stepson
    stepdaughter stepmother stepfather stepmom stepdad godmother godfather grandchild coworker
    handyman fitter installer roofer tiler
    seller vendor buyer ex guy bloke gentleman
    engineer technician mechanic rep estimator inspector ceo cfo cto coo controller paralegal agronomist debtor
    dept department bursar marketer purchaser
    """.split()
)
_ANYONE = _RUSSIAN | _ENGLISH
# Posts the writer may hold at the place the company serves, and sign or open a message with ("управляющая Эльвира
# Маратовна", "прораб Тимур Гасанов 8 928 ...", "Site foreman Dale Reyes"): someone else only when someone's
# ("наш прораб", "her accountant") or named after the message has begun.
_POSTS = frozenset(
    """
    бухгалтер прораб бригадир завхоз секретарь секретарша ассистент ассистентка помощник помощница директор начальник начальница
    менеджер юрист администратор управляющий руководитель руководительница куратор
    агроном инженер технолог энергетик снабженец кладовщик логист зоотехник ветеринар
    accountant bookkeeper assistant secretary receptionist foreman caretaker manager controller paralegal agronomist engineer
    """.split()
)
# A child is someone else's even named first with no "my" ("Кирилл, сын, 10 лет"); anyone else only as the writer's.
_CHILDREN = frozenset("сын сынок дочь дочка доченька ребенок дети внук внучка son daughter kid child".split())
# The starts of the words' forms, with the stems whose vowel drops ("отец": "отца"; "пёс": "пса").
_PREFIXES = frozenset(word[:3] for word in _RUSSIAN) | {"отц", "пса", "псу", "псо", "псе"}
_CYRILLIC = LazyPattern(r"[а-яё]+")
# A participle used as a noun declines as an adjective, and the dictionary's lemma of it is the verb ("управляющему":
# "управлять"): its masculine nominative is read off its ending instead.
_ADJECTIVE_ENDING = LazyPattern(r"(?<=[жшщчк])(?:ему|его|ая|ей|ую|им|ими|их|ем|ие)$")
_POSSESSIVE = ("'s", "’s", "s'", "s’")
_POSSESSIVE_ENDING = LazyPattern(r"(?<=\w\w)ин(?:а|о|ы|у|ой|ого|ому|ых|ым|ыми)?$")
_PLURAL = {"children": "child", "kids": "kid", "parents": "parent", "friends": "friend", "neighbours": "neighbour",
           "neighbors": "neighbor", "colleagues": "colleague", "grandparents": "grandparent", "pets": "pet",
           "grandchildren": "grandchild", "roommates": "roommate", "flatmates": "flatmate", "housemates": "housemate"}

# Someone named who may answer or call too, on the writer's line or from their own ("муж Андрей тоже может позвонить",
# "(my partner Tom might answer)"): a person sharing the contact, not its owner. The verb must follow the person,
# with at most their name and "too" between, and not take the number as where to call ("my husband might answer on ...").
_SHARES_CONTACT = LazyPattern(
    r"(?i)(?:,?\s+(?-i:[A-ZА-ЯЁ][a-zа-яё]+))?,?\s+(?:(?:тоже|также|too|also|sometimes|иногда)\s+)?"
    r"(?:(?:может|могут|сможет|будет|might|may|could|can|will|would|often)\s+(?:(?:тоже|также|too|also)\s+)?)?"
    r"(?:ответ\w*|отвеча\w*|возьм\w* трубку|бер\w* трубку|снимет трубку|позвон\w*|перезвон\w*|answer\w*|pick(?:s|ing)? up"
    r"|call(?:s|ing)? (?:you|back)|ring(?:s|ing)? (?:you|back))(?!\w)(?!\s*(?:on|at|на|по)\b)")


def _head(word: str) -> str:
    """`word` lower-cased, "ё" as "е", and of a compound the last part, which says who it is: "ивент-менеджер" is a
    менеджер, "office-manager" a manager, "mother-in-law" a mother."""
    return word.lower().replace("ё", "е").removesuffix("-in-law").rsplit("-", 1)[-1]


def is_post(word: str) -> bool:
    """`word` is a post the writer may hold themselves (see `_POSTS`): "управляющая", "Прораб", "foreman", "офис-менеджер"."""
    lowered = _head(word)
    if _CYRILLIC.fullmatch(lowered):
        return bool((_russian_lemmas(lowered) | {lowered, _ADJECTIVE_ENDING.sub("ий", lowered)}) & _POSTS)
    return lowered in _POSTS


def is_someone_else(word: str, *, children_only: bool = False) -> bool:
    """`word` names a person (or a business, or a pet) other than the writer: "жене", "Подруга",
    "wife's", "neighbours", "кота", "mother-in-law", "ивент-менеджер"; with `children_only`, a child: "сын", "kids"."""
    lowered = _head(word)
    known = _CHILDREN if children_only else _ANYONE
    if _CYRILLIC.fullmatch(lowered):
        return lowered[:3] in _PREFIXES and bool(
            (_russian_lemmas(lowered) | {lowered, _ADJECTIVE_ENDING.sub("ий", lowered)} | _possessed(lowered)) & known)
    for ending in _POSSESSIVE:
        lowered = lowered.removesuffix(ending)
    return lowered in known or _PLURAL.get(lowered, "") in known


def _possessed(word: str) -> set[str]:
    """Whom a Russian possessive adjective says the thing is of ("дочкин номер", "мамина почта", "звоните на
    мужнин"): the dictionary gives such a word as its own lemma, so the noun is rebuilt from its stem."""
    possessive = _POSSESSIVE_ENDING.search(word)
    if possessive is None:
        return set()
    stem = word[:possessive.start()]
    return {stem + "а", stem + "я", stem.removesuffix("н")}  # "мам-ин": мама, "тёт-ин": тётя, "мужн-ин": муж


@lru_cache(maxsize=4096)
def _russian_lemmas(word: str) -> frozenset[str]:
    from salesbot.extract.morphology import lemmas

    return frozenset(lemmas(word))


def shares_contact(text: str, position: int, end: int | None = None) -> bool:
    """The person just named before `position` may answer or call too ("муж Андрей тоже может позвонить", "(my
    partner Tom might answer)"): someone sharing the writer's line, neither its owner nor someone the writer is."""
    return _SHARES_CONTACT.match(text, position, len(text) if end is None else end) is not None

