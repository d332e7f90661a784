"""Russian morphology through pymorphy3 and its OpenCorpora dictionary, and first names in Latin
letters through gender-guesser's dictionary: what no list of ours could hold for every small town,
district and name.

pymorphy3 gives the nominative of a town named in any case ("в Зарайске" -> "Зарайск", "из Мытищ"
-> "Мытищи"), and knows first names, patronymics and surnames in any case ("спросите Людмилу
Сергеевну" -> "Людмила Сергеевна"). gender-guesser's dictionary knows some 50,000 first names of many
countries written in Latin letters ("Siobhan", "Priyanka", "Hamza"), read from `wordlists`' file of it.

Each is loaded on first use only (pymorphy3 about 120 ms and 30 MiB, the names file a few ms): the
parsers ask them about a word that stands where a place or a name stands and that our own lists do
not know, which most messages never hold.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from salesbot.extract.patterns import LazyPattern
from salesbot.extract.wordlists import is_place, latin_name_gender

# The dictionary is Russian; other letters tell it nothing, and pymorphy3 raises on a character
# Unicode has no name for.
_CYRILLIC_WORD = LazyPattern(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_LATIN_WORD = LazyPattern(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")  # "José", "Zoë", "Björn"
# Russian written in Latin letters, longest spellings first: "Kostya" -> "костя", "Zhenya" -> "женя".
_TRANSLIT = (("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"),
             ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("iy", "ий"), ("yy", "ый"), ("a", "а"), ("b", "б"),
             ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"), ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"),
             ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
             ("f", "ф"), ("h", "х"), ("c", "к"), ("x", "кс"), ("j", "й"), ("q", "к"), ("'", "ь"))
_TRANSLIT_PATTERN = LazyPattern("|".join(re.escape(latin) for latin, _ in _TRANSLIT))
_TRANSLIT_MAP = dict(_TRANSLIT)
_TRANSLIT_ANY_CASE = LazyPattern(_TRANSLIT_PATTERN.pattern, re.IGNORECASE)


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def place_nominative(word: str, *, likeliest: bool = False, after_preposition: bool = False, listed: bool = True) -> str | None:
    """The nominative of `word` if the dictionary knows it as a place name (Geox), written as the
    customer capitalised it ("Наро-Фоминске" -> "Наро-Фоминск"), or GeoNames lists it; else None.
    `likeliest`: only when a place is its likeliest reading ("Королёв" is a surname first).
    `after_preposition`: the word stands where a place does ("в Электроуглях"). `listed`: GeoNames may
    tell what the dictionary does not (not after "на", where a car or a holiday stands as often)."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return None
    parses = _analyzer().parse(word)
    # A reading that declines before one that is only guessed indeclinable: "в Хандыге" is Хандыга, not "Хандыге".
    places = sorted((parse for parse in parses if "Geox" in parse.tag and "NOUN" in parse.tag),
                    key=lambda parse: "Fixd" in parse.tag and not _in_dictionary(parse))
    if not places:
        return _listed_place(word, parses, likeliest=likeliest, after_preposition=after_preposition) if listed else None
    if likeliest:
        # The place's readings together outweigh any other one ("Бутово" is no short adjective, "Хамовники"
        # no plural of a rare noun); a short adjective standing alone and capitalised is no reading at all.
        known = [parse for parse in parses if _in_dictionary(parse)]
        other = max((parse.score for parse in known if parse not in places and "ADJS" not in parse.tag), default=0.0)
        weight = sum(parse.score for parse in places if _in_dictionary(parse))
        if not weight and not known and word[:1].isupper() and is_place(places[0].normal_form):
            return _as_written(places[0].normal_form, word)  # a place only guessed from its ending that GeoNames lists: "Мурино"
        if not weight or weight < other:
            return None
    return _masculine_rather(_as_written(places[0].normal_form, word), parses)


def _listed_place(word: str, parses: list[Any], *, likeliest: bool, after_preposition: bool) -> str | None:
    """The nominative of a town the dictionary does not know as a place but GeoNames lists ("Кубинке"
    -> "Кубинка", "Зимовниках" -> "Зимовники"): its nominative in its own number and gender, its lemma,
    or the word itself. Never a word the dictionary knows as anything but a noun ("Новый", "Светлый"), nor a
    thing unless it stands `after_preposition` ("Дом", "Победа" alone; but "в Электроуглях"); with
    `likeliest`, a person only as written with a capital ("кубинка" is a Cuban woman, "Кубинка" a town)."""
    known = [parse for parse in parses if _in_dictionary(parse)]
    if any("NOUN" not in parse.tag or "Name" in parse.tag for parse in known):
        return None
    if known and ((likeliest and word.islower()) or (not after_preposition and any("anim" not in parse.tag for parse in known))):
        return None
    for parse in known or parses:  # a word the dictionary knows is read only as it knows it ("Заре" is no "Зара")
        nominative = parse.inflect({"nomn"})
        # The nominative in the word's own number and gender first, as a place is named so: "в Дубровицах" is
        # Дубровицы, not Дубровица; "Подлесное" is no "Подлесный"; then its lemma.
        for candidate in (nominative.word if nominative else word, parse.normal_form):
            if is_place(candidate):
                return _as_written(candidate, word)
    if all("Surn" in parse.tag for parse in known):  # a guess, or a surname: "в Ольявидове", "в Алпатове" are no "Алпатов"
        for candidate in toponym_nominatives(word):
            if is_place(candidate):
                return _as_written(candidate, word)
    # As written only when no nominative is a place: "Кстово", but "в Колкате" is "Колката", though
    # GeoNames holds "Колкате" among its names too.
    return _as_written(word, word) if is_place(word) else None


# How the names of Russian towns and villages end in the cases a place stands in after "в", "из",
# "под", "до", with the nominative endings each may come from, likeliest first: most small places end in
# "-ово", "-ино", "-ка", "-ск", "-ское" (of GeoNames' Russian places under 20,000 people, 727 end in
# "-ово", "-ево" or "-ино" and 112 in "-ов", "-ев" or "-ин"). The dictionary guesses the rest from
# words of other kinds: "в Ольявидове" a surname's "Ольявидов", "в Гурском" a noun "Гурскома".
_TOPONYM_ENDINGS = tuple((ending, tuple(nominatives.split())) for ending, nominatives in (
    ("ове", "ово ов"), ("ева", "ево ев"), ("еве", "ево ев"), ("ёве", "ёво ёв"), ("ёва", "ёво ёв"), ("ова", "ово ов"),
    ("ине", "ино ин"), ("ина", "ино ин"), ("ыне", "ыно ын"), ("ына", "ыно ын"), ("ову", "ово ов"), ("еву", "ево ев"),
    ("ину", "ино ин"), ("овом", "ово ов"), ("евом", "ево ев"), ("ином", "ино ин"),
    ("ском", "ское ский ской ск"), ("цком", "цкое цкий цк"), ("ского", "ское ский ской"), ("ской", "ская ский ской"),
    ("ске", "ск"), ("цке", "цк"), ("ска", "ск"), ("цка", "цк"), ("ску", "ск"),
    ("ном", "ное ный"), ("ного", "ное ный"), ("ной", "ная ный"), ("ому", "ое ый ий"), ("ем", "ее ий"), ("ым", "ые"),
    ("ке", "ка"), ("ки", "ка ки"), ("ку", "ка"), ("кой", "ка"), ("ках", "ки"), ("гах", "ги"), ("хах", "хи"), ("чах", "чи"),
    ("щах", "щи"), ("шах", "ши"), ("ичах", "ичи"), ("ичей", "ичи"), ("ичам", "ичи"), ("ах", "ы а"), ("ях", "и я"), ("ье", "ье ья"), ("ьи", "ье ья"), ("ии", "ия"),
    ("ы", "ы а"), ("и", "и ь я"), ("е", "а я е"), ("у", "а"), ("ю", "я"), ("а", "а ы"), ("я", "я и"),
))


# Of those, the endings whose place is sure enough to stand without GeoNames: the villages and towns
# it does not list ("в Колобове" is Колобово, "в Угловке" Угловка, "в Излучинске" Излучинск).
_GUESSED_ENDINGS = (("ове", "ово"), ("еве", "ево"), ("ёве", "ёво"), ("ине", "ино"), ("ыне", "ыно"), ("ова", "ово"),
                    ("ева", "ево"), ("ёва", "ёво"), ("ово", "ово"), ("ево", "ево"), ("ёво", "ёво"), ("ино", "ино"),
                    ("ыно", "ыно"), ("ке", "ка"), ("ске", "ск"), ("цке", "цк"), ("ска", "ск"), ("цка", "цк"), ("ичах", "ичи"),
                    ("ичей", "ичи"), ("ской", "ская"))  # "в Романовской": a stanitsa's, feminine as "станица"


@lru_cache(maxsize=1024)
def guessed_place(word: str, *, site: bool = False) -> str | None:
    """The nominative of a capitalised word that stands where a place does ("в", "из", "под"), when no
    dictionary knows it but as a surname and it ends as the names of villages and towns do
    (`_GUESSED_ENDINGS`): "Колобове" -> "Колобово", "Угловке" -> "Угловка". A place no list holds,
    read by its shape, as a careful reader does. `site`: the word stands where the thing the work is
    on stands or goes ("дача в Богослове", "переезжаю в Тахтамукай"), where a capitalised word is a
    place even when the dictionary knows a word so spelt ("богослов"), though never a first name, and
    a word it does not know, ending in a consonant, is the nominative a direction is said in."""
    if not word[:1].isupper() or word[1:].lower() != word[1:] or len(word) < (4 if site else 6):
        return None
    unknown = unknown_word(word)
    if not (unknown or (site and _CYRILLIC_WORD.fullmatch(word) and not first_name(word, oblique=True))):
        return None  # a word, a first name or a firm the dictionary knows: "в Сбербанке", "в Ромашке"
    lowered = word.lower()
    for ending, nominative in (*_GUESSED_ENDINGS, *_PLURAL_ENDINGS) if site else _GUESSED_ENDINGS:
        if lowered.endswith(ending):
            return _as_written(lowered[:-len(ending)] + nominative, word)
    return word if site and unknown and _NOMINATIVE_END.search(lowered) else None


# A place in the plural, in the case "в" and "из" ask for: "в Хаджалмахах" is Хаджалмахи, "в Доргелях" Доргели.
_PLURAL_ENDINGS = (("ках", "ки"), ("гах", "ги"), ("хах", "хи"), ("жах", "жи"), ("шах", "ши"), ("чах", "чи"), ("щах", "щи"),
                   ("ах", "ы"), ("ях", "и"))
# A word ending so, after "в", is the nominative a direction is said in ("переезжаем в Тахтамукай"), as no
# other case ends so but the plural's and the instrumental's ("-ах", "-ом").
_NOMINATIVE_END = LazyPattern(r"[бвгджзйклмнпрстфхцчшщ](?<![ая]х)(?<![ая]м)(?<![оеё]м)$")


@lru_cache(maxsize=4096)
def unknown_word(word: str) -> bool:
    """`word` is Cyrillic and the dictionary knows it at most as a surname, as it knows no village: not
    a word, a first name or a firm ("Тегульдет", "Озерновский", "Гастелло"; not "Привет", "Марина", "Ашан")."""
    return bool(_CYRILLIC_WORD.fullmatch(word)) and all(
        "Surn" in parse.tag for parse in _analyzer().parse(word) if _in_dictionary(parse))


def plural_nominative(word: str) -> bool:
    """`word` is a noun in the nominative plural, as many villages are called ("Лужки", "Горки", "Выселки"): said
    beside the district it is in, a village, where the dictionary's singular ("Горка") is no place's name."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return False
    parses = [parse for parse in _analyzer().parse(word) if _in_dictionary(parse)]
    # not a word that is something else too ("Дома", at home) nor people ("Дети")
    return bool(parses) and all("NOUN" in parse.tag for parse in parses) and any(
        {"plur", "nomn", "inan"} <= parse.tag.grammemes for parse in parses)


def toponym_nominatives(word: str) -> list[str]:
    """The nominatives a Russian place name written `word` may have, likeliest first, by how the
    names of towns end (`_TOPONYM_ENDINGS`), lower-cased: "Атепцеве" -> ["атепцево", "атепцев"]."""
    lowered = word.lower()
    candidates = [lowered[:-len(ending)] + nominative for ending, nominatives in _TOPONYM_ENDINGS
                  if lowered.endswith(ending) and len(lowered) > len(ending) + 2 for nominative in nominatives]
    return list(dict.fromkeys(candidates))


@lru_cache(maxsize=4096)
def place_phrase_nominative(adjective: str, noun: str) -> str | None:
    """A two-word place, an adjective and a place name, in the nominative ("Старой Купавне" -> "Старая
    Купавна", "Павловском Посаде" -> "Павловский Посад", "Южное Бутово"), or None when the dictionary
    does not read it so."""
    if not (_CYRILLIC_WORD.fullmatch(adjective) and _CYRILLIC_WORD.fullmatch(noun)):
        return None
    if adjective[:1].isupper() and noun[:1].isupper() and is_place(f"{adjective} {noun}"):
        return f"{adjective} {noun}"  # as written, the nominative or its like: "в Карловы Вары"
    places = [parse for parse in _analyzer().parse(noun) if "Geox" in parse.tag and "NOUN" in parse.tag and _in_dictionary(parse)]
    if not places:
        return _listed_phrase(adjective, noun)
    place = places[0]
    cases = {parse.tag.case for parse in places}
    for parse in _analyzer().parse(adjective):
        if "ADJF" in parse.tag and parse.tag.case in cases and _in_dictionary(parse):
            number = place.tag.number or "sing"
            wanted = {"nomn", number} | ({place.tag.gender} if number == "sing" and place.tag.gender else set())
            nominative = parse.inflect(wanted)
            if nominative:
                return f"{_as_written(nominative.word, adjective)} {_as_written(place.normal_form, noun)}"
    return None


def _listed_phrase(adjective: str, noun: str) -> str | None:
    """An adjective and a noun GeoNames lists together as a place, in the nominative ("Старой Руссе" ->
    "Старая Русса"), read through every case, gender and number the two words can stand in."""
    for noun_parse in _analyzer().parse(noun):
        if "NOUN" not in noun_parse.tag:
            continue
        number = noun_parse.tag.number or "sing"
        gender = {noun_parse.tag.gender} if number == "sing" and noun_parse.tag.gender else set()
        noun_nominative = noun_parse.inflect({"nomn", number})
        for parse in _analyzer().parse(adjective):
            if "ADJF" not in parse.tag or parse.tag.case != noun_parse.tag.case:
                continue
            adjective_nominative = parse.inflect({"nomn", number} | gender)
            if adjective_nominative and noun_nominative and is_place(f"{adjective_nominative.word} {noun_nominative.word}"):
                return f"{_as_written(adjective_nominative.word, adjective)} {_as_written(noun_nominative.word, noun)}"
    return None


# The nouns of the land villages are named after with an adjective ("Большой Исток", "Красная Горка", "Сосновый Бор",
# "Новый Свет"), as no shop, school or theatre is ("в Детском Мире", "в Высшей Школе").
_LAND_NOUNS = frozenset("""исток ключ бор лес роща дубрава горка гора холм бугор курган яр луг поле поляна речка река ручей
брод мост берег остров камень слобода село посёлок поселок городок городище погост двор дворик пристань свет кут угол
колодец озеро пруд дол лог овраг падь мыс залив бухта вал починок хутор стан""".split())


@lru_cache(maxsize=1024)
def guessed_phrase(adjective: str, noun: str) -> str | None:
    """A village of two capitalised words no list holds, an adjective and a noun of the land agreeing with it
    (`_LAND_NOUNS`), in the nominative ("Большом Истоке" -> "Большой Исток", "Сосновом Бору" -> "Сосновый Бор"):
    for two words standing where a place does ("в", "из", "под"). Not a shop or a school ("в Детском Мире")."""
    if not (adjective[:1].isupper() and noun[:1].isupper() and _CYRILLIC_WORD.fullmatch(adjective) and _CYRILLIC_WORD.fullmatch(noun)):
        return None
    for noun_parse in _analyzer().parse(noun):
        if noun_parse.normal_form not in _LAND_NOUNS or "NOUN" not in noun_parse.tag or not _in_dictionary(noun_parse):
            continue
        number = noun_parse.tag.number or "sing"
        case = "loct" if noun_parse.tag.case == "loc2" else noun_parse.tag.case  # "в Бору" agrees as "в Сосновом" does
        agreeing = {case, number} | ({noun_parse.tag.gender} if number == "sing" and noun_parse.tag.gender else set())
        for parse in _analyzer().parse(adjective):
            if "ADJF" in parse.tag and "Supr" not in parse.tag and _in_dictionary(parse) and agreeing <= parse.tag.grammemes:
                nominative, noun_nominative = parse.inflect(agreeing - {case} | {"nomn"}), noun_parse.inflect({"nomn", number})
                if nominative and noun_nominative:  # "в Верхних Полях" -> "Верхние Поля", in its own number
                    return f"{_as_written(nominative.word, adjective)} {_as_written(noun_nominative.word, noun)}"
    return None


@lru_cache(maxsize=4096)
def adjective_place(word: str) -> str | None:
    """A town named by an adjective alone, in the nominative ("в Светлом" -> "Светлый", "в Заречном"
    -> "Заречный"), when GeoNames lists it: for a word standing where a place does, capitalised."""
    if not _CYRILLIC_WORD.fullmatch(word) or not word[:1].isupper():
        return None
    parses = _analyzer().parse(word)
    for parse in parses:
        if "ADJF" in parse.tag and parse.tag.case not in ("nomn", None) and _in_dictionary(parse):
            for gender in dict.fromkeys((parse.tag.gender or "masc", "masc", "neut", "femn")):  # "в Елизаветинской" is hers
                nominative = parse.inflect({"nomn", "sing", gender})
                if nominative and is_place(nominative.word):
                    return _as_written(nominative.word, word)
    return adjective_town(word)


def adjective_town(word: str) -> str | None:
    """A town named by an adjective whose nominative no word of the dictionary has, in the nominative, when
    GeoNames lists it: "в Полевском", "из полевского" -> "Полевской" (the dictionary's "полевский" is no town)."""
    return next((_as_written(candidate, word) for candidate in toponym_nominatives(word)
                 if _ADJECTIVE_NOMINATIVE.search(candidate) and is_place(candidate)), None)


_ADJECTIVE_NOMINATIVE = LazyPattern(r"(?:[ыио]й|[ое]е|ая)$")


@lru_cache(maxsize=1024)
def adjective_name(word: str) -> str | None:
    """`word` as a place named by an adjective alone in the nominative ("Фестивальный", "Заречное"), as
    districts and settlements are, when it answers "where?": one GeoNames lists, or an adjective of
    relation that no one says of a place's quality ("Октябрьский", "Прикубанский"; not "Удобный",
    "Нормальный", "Ближайший", "Любой")."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return None
    parses = [parse for parse in _analyzer().parse(word) if "ADJF" in parse.tag and "nomn" in parse.tag and _in_dictionary(parse)]
    if not parses or not (is_place(word) or not any({"Qual", "Apro", "Supr", "Anum"} & parse.tag.grammemes for parse in parses)):
        return None
    return word[:1].upper() + word[1:]


def district_nominative(word: str, *, after_on: bool = False) -> str | None:
    """The nominative of a capitalised word, alone or in the locative, that names a part of a city
    ("Черниковка", "в Уфе в Черниковке" -> "Черниковка"): a place the dictionary or GeoNames knows, or a
    noun only guessed from its ending; `after_on`, also a plant's name, as districts named after their plant
    are said with "на" ("на Уралмаше" -> "Уралмаш"). Never a person, a month or a firm the dictionary
    knows ("в декабре", "в Сбербанке")."""
    if not _CYRILLIC_WORD.fullmatch(word) or not word[:1].isupper():
        return None
    known = place_nominative(word, after_preposition=True)
    if known:
        return known
    parses = _analyzer().parse(word)
    if not after_on and not any(_in_dictionary(parse) for parse in parses) and any(
            "NOUN" in parse.tag and parse.tag.case == "nomn" for parse in parses) and not _personal(parses):
        return word  # named alone, as written: "Черниковка", "Дербышки"
    locatives = [parse for parse in parses if "NOUN" in parse.tag and parse.tag.case in ("loct", "loc2") and not _personal([parse])
                 and (not _in_dictionary(parse) or (after_on and ("Orgn" in parse.tag or _QUARTER.fullmatch(parse.normal_form))))]
    # A guessed masculine ending in a consonant and "к" is no Russian word's shape ("Затулинк"): the feminine
    # in "-ка" is the place ("на Затулинке" -> "Затулинка"); "-ск" and "-цк" are masculine towns' own.
    locatives.sort(key=lambda parse: bool(_UNLIKELY_ENDING.search(parse.normal_form)))
    for parse in locatives:
        if parse.tag.number == "plur":  # a place said in the plural is named so: "в Дербышках" -> "Дербышки"
            plural = parse.inflect({"nomn", "plur"})
            return _as_written(plural.word, word) if plural else None
        return _as_written(parse.normal_form, word)
    return None


_UNLIKELY_ENDING = LazyPattern(r"[бвгджзлмнпрфхчшщ]к$")
# A quarter of a city, capitalised, as districts are called after it: "на Юго-Западе", "на Северо-Востоке" (not
# "на Севере", the Far North as often).
_QUARTER = LazyPattern(r"(?:юго|северо)-(?:запад|восток)")


def _masculine_rather(place: str, parses: list[Any]) -> str:
    """Of a place read both as a feminine and as a masculine noun in the locative ("на Химмаше":
    "Химмаша" or "Химмаш"), the masculine one, unless GeoNames lists the feminine: the dictionary
    guesses odd feminine places, districts named after a plant or in Central Asia are masculine
    ("Уралмаш", "Чиланзар"), and a feminine one ("Черниковка", "Тула") has no masculine reading or is listed."""
    lowered = place.lower()
    if lowered.endswith("е") and not is_place(place) and is_place(place[:-1]):
        return place[:-1]  # a locative the dictionary takes for an indeclinable name: "на Самале" -> "Самал"
    if lowered.endswith("я") and not is_place(place) and is_place(place[:-1] + "а"):
        return place[:-1] + "а"  # a nominative the dictionary guesses wrong that GeoNames lists: "на Троещине" -> "Троещина"
    if not lowered.endswith("а") or is_place(place):
        return place
    masculine = any(parse.normal_form == lowered[:-1] and "masc" in parse.tag and parse.tag.case in ("loct", "loc2")
                    for parse in parses)
    return place[:-1] if masculine else place


@lru_cache(maxsize=1024)
def genitive_nominative(word: str) -> str:
    """A district's name after "район" in the nominative: "в районе Оболони" -> "Оболонь", "район
    Сокола" -> "Сокол"; as written when it reads as a nominative or a person ("район Марьино",
    "район Хамовники", "район Ленина")."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return word
    parses = _analyzer().parse(word)
    if _personal(parses) or any("nomn" in parse.tag and "sing" in parse.tag for parse in parses):
        return word
    genitive = [parse for parse in parses if "NOUN" in parse.tag and {"gent", "sing"} <= parse.tag.grammemes]
    return _as_written(genitive[0].normal_form, word) if genitive else word


def _personal(parses: list[Any]) -> bool:
    return any({"Name", "Surn", "Patr"} & parse.tag.grammemes for parse in parses)


@lru_cache(maxsize=1024)
def masculine_nominative(adjective: str) -> str | None:
    """An adjective in the masculine nominative, as a district ("район") is named: "Таганском" ->
    "Таганский", "Заводском" -> "Заводской"; None when the dictionary does not read it as one."""
    if not _CYRILLIC_WORD.fullmatch(adjective):
        return None
    for parse in _analyzer().parse(adjective):
        if "ADJF" in parse.tag:
            nominative = parse.inflect({"nomn", "sing", "masc"})
            if nominative:
                return _as_written(nominative.word, adjective)
    return None


@lru_cache(maxsize=4096)
def first_name(word: str, *, oblique: bool = False, case: str | None = None) -> tuple[str, str | None] | None:
    """(`word` as a first name in the nominative, its gender 'masc'/'femn' when known), or None.

    Cyrillic words through pymorphy3's dictionary ("Людмилу" -> "Людмила"; a lower-case word only
    when the name is its likeliest reading: "вера" the word is not "Вера"), Latin ones through
    gender-guesser's dictionary ("Priyanka") or, transliterated, through pymorphy3 ("Kostya"). `oblique`: the word
    stands where a name is in the accusative or genitive ("спросите Рамиля" is Рамиль, not Рамиля);
    otherwise a Cyrillic name must be in the nominative, as people give their own. `case`: the case
    the words before it ask for (pymorphy3's "accs" after "спросите", "datv" after "звоните"), which
    tells "спросите Марину" (Марина) from "звоните Марину" (Марин)."""
    if _CYRILLIC_WORD.fullmatch(word):
        parses = [parse for parse in _analyzer().parse(word) if "Name" in parse.tag and _in_dictionary(parse)]
        if not parses or (word.islower() and "Name" not in _analyzer().parse(word)[0].tag):
            return None
        if oblique:
            parses.sort(key=lambda parse: (case is not None and case not in parse.tag, "nomn" in parse.tag))
        elif not any("nomn" in parse.tag for parse in parses):
            return None  # "дочку, Соню": a name in another case is someone the writer speaks of, not the writer
        else:
            parses.sort(key=lambda parse: "nomn" not in parse.tag)
        parse = parses[0]
        nominative = parse.inflect({"nomn", "sing"}) if "nomn" not in parse.tag else parse
        return _as_written((nominative or parse).word, word), parse.tag.gender
    if not _LATIN_WORD.fullmatch(word) or len(word) < 2:
        return None
    known, gender = latin_name_gender(word)
    if not known and not word.isascii():  # "Élodie", "Zoë": the dictionary spells some without accents
        known, gender = latin_name_gender(_without_accents(word))
    if known:
        return word, gender
    russian = _TRANSLIT_PATTERN.sub(lambda match: _TRANSLIT_MAP[match.group()], word.lower())
    parses = [parse for parse in _analyzer().parse(russian) if "Name" in parse.tag and "nomn" in parse.tag and _in_dictionary(parse)]
    return (word, parses[0].tag.gender) if parses else None


def is_genitive_name(word: str) -> bool:
    """`word` is a first name in the genitive and cannot be one in the nominative ("Кирилла", "Сони"; not "Лена",
    "Алла"): whose someone is ("мама Кирилла"), not what they are called."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return False
    parses = [parse for parse in _analyzer().parse(word) if "Name" in parse.tag and _in_dictionary(parse)]
    return (any({"gent", "sing"} <= set(parse.tag.grammemes) for parse in parses)
            and not any({"nomn", "sing"} <= set(parse.tag.grammemes) for parse in parses))


def to_cyrillic(text: str) -> str:
    """Russian written in Latin letters, back in Cyrillic ("ya v Kazani zhivu" -> "я в Казани живу"), capitals kept:
    for the parsers that know Russian words only in Cyrillic."""
    def cyrillic(match: re.Match[str]) -> str:
        letters = _TRANSLIT_MAP[match.group().lower()]
        return letters[:1].upper() + letters[1:] if match.group()[:1].isupper() else letters

    return _TRANSLIT_ANY_CASE.sub(cyrillic, text)


def is_noun(word: str) -> bool:
    """`word` is, in its likeliest reading, a noun the dictionary knows ("комплекс", "дворе"; not "работаю")."""
    return _likeliest_reading_is(word, {"NOUN"})


@lru_cache(maxsize=4096)
def is_past_verb(word: str) -> bool:
    """`word` is, in its likeliest reading, a verb in the past tense the dictionary knows ("увидели", "купил"; not
    "автомобили", "если")."""
    return _likeliest_reading_is(word, {"VERB", "past"})


def is_person_noun(word: str) -> bool:
    """`word` is, in its likeliest reading, a noun the dictionary knows for a person or a creature ("Ткач", "Коваль"): a
    surname of a trade, not a car's model ("Тигго", "Атлас")."""
    return _likeliest_reading_is(word, {"NOUN", "anim"})


def _likeliest_reading_is(word: str, grammemes: set[str]) -> bool:
    """`word`, a Cyrillic word, has all of `grammemes` in its likeliest reading, one the dictionary knows."""
    parses = _analyzer().parse(word) if _CYRILLIC_WORD.fullmatch(word) else []
    return bool(parses) and grammemes <= parses[0].tag.grammemes and _in_dictionary(parses[0])


def lemmas(word: str) -> set[str]:
    """The dictionary forms `word` may be of, lower-cased and with "е" for "ё" ("жене" -> {"жена"})."""
    return {parse.normal_form.replace("ё", "е") for parse in _analyzer().parse(word)}


def _without_accents(word: str) -> str:
    import unicodedata

    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


@lru_cache(maxsize=4096)
def is_common_word(word: str) -> bool:
    """`word` is Russian the dictionary knows as something other than a name ("Главного", "Срочно")."""
    if not _CYRILLIC_WORD.fullmatch(word.lower()):
        return False
    parses = [parse for parse in _analyzer().parse(word) if _in_dictionary(parse)]
    return bool(parses) and not any({"Name", "Surn", "Patr"} & set(parse.tag.grammemes) for parse in parses)


@lru_cache(maxsize=4096)
def family_name(word: str, gender: str | None) -> str | None:
    """A patronymic or surname in the nominative of `gender` ("Сергеевну" -> "Сергеевна", "Ахмедова"
    after a man's name -> "Ахмедов"), or None when the dictionary does not know it as one."""
    if not _CYRILLIC_WORD.fullmatch(word):
        return None
    parses = [parse for parse in _analyzer().parse(word) if "Patr" in parse.tag or "Surn" in parse.tag]
    if gender:
        parses.sort(key=lambda parse: (parse.tag.gender != gender, "nomn" not in parse.tag))
    else:
        parses.sort(key=lambda parse: "nomn" not in parse.tag)  # "Петрова" after an unknown gender is hers, as written
    if not parses:
        return None
    parse = parses[0]
    if "nomn" in parse.tag and (not gender or parse.tag.gender == gender):
        return word
    nominative = parse.inflect({"nomn", "sing", gender} if gender else {"nomn", "sing"})
    return _as_written(nominative.word, word) if nominative else word


def _in_dictionary(parse: Any) -> bool:
    """The reading comes from the dictionary itself, not guessed from a known ending ("Нурбол")."""
    return len(parse.methods_stack) == 1 and type(parse.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"


def _as_written(lemma: str, written: str) -> str:
    parts, written_parts = lemma.split("-"), written.split("-")
    return "-".join(
        part.capitalize() if index >= len(written_parts) or written_parts[index][:1].isupper() else part
        for index, part in enumerate(parts)
    )
