"""The customer's name, from how people introduce themselves or sign off, in Russian and English.

Precision first: a wrong name is worse than none, because the manager greets the customer with it.
So a name after a weak cue ("я ...", "I'm ...", "это ...", a sign-off) must be a known first name;
after a strong cue ("меня зовут", "my name is", "call me") any word will do, in any case; a bare
reply counts only when the bot has just asked for the name and the reply is not a refusal, a city
or an ordinary word.
"""

from __future__ import annotations

import re

from salesbot.extract.first_names import FIRST_NAMES

_LETTERS = r"A-Za-zÀ-ÖØ-öø-ÿА-Яа-яЁё"
_UPPER = r"A-ZÀ-ÖØ-ÞА-ЯЁ"
_WORD = rf"[{_LETTERS}]+(?:['-][{_LETTERS}]+)*"
_CAPITALISED = rf"[{_UPPER}][{_LETTERS}]*(?:['-][{_LETTERS}]+)*"
_TITLE = r"(?:(?i:dr|mr|mrs|ms|miss|mx|prof|sir|г-н|г-жа|господин|госпожа)\.?\s+)?"

# Cues after which the next words are a name even in lower case ("меня зовут анна").
_STRONG = re.compile(
    rf"(?<![{_LETTERS}])(?=[^\W\d_])(?:(?i:меня зовут|мо[её] имя|зовите меня|обращайтесь ко мне|my name is|my name's|name is"
    rf"|name's|call me|you can call me|i go by|menya zovut|menia zovut|moe imya|moyo imya|zovite menya)\s*[:\-—]?"
    rf"|(?i:имя|фио|name|full name|contact name|контакт|контактное лицо|contact|contact person)\s*[:\-—])"
    rf"\s*{_TITLE}(?P<name>{_WORD}(?:[ ]+{_WORD}){{0,2}})(?![\w'.-]*@)"
    rf"|(?<![{_LETTERS}])(?i:меня)\s+(?P<before_verb>{_CAPITALISED})\s+(?i:зовут)"
)
# Weaker cues ("я Анна", "I'm Kate", "это Пётр", "Chris here", "С уважением, Пётр"): a
# capitalised known first name only.
_WEAK = re.compile(
    rf"(?:^|(?<=[\s,.!?(]))(?=[^\W\d_])(?i:я|это|i am|i'm|im|this is|it's|its|here is|here's|ask for|спросите|спросить|regards|kind regards|best regards"
    rf"|best|cheers|thanks|many thanks|с уважением|всего доброго|всего хорошего)[,:!]?\s+[-—]?\s*{_TITLE}"
    rf"(?P<name>{_CAPITALISED}(?:[ ]+{_CAPITALISED}){{0,2}})"
    rf"|(?P<here>{_CAPITALISED})\s+(?i:here|на связи)\b"
)
# A title says a name follows, known or not: "It's Dr. Patel", "Mrs Okafor".
_TITLED = re.compile(rf"(?<![{_LETTERS}])(?i:dr|mr|mrs|ms|miss|mx|prof)\.?\s+(?P<name>{_CAPITALISED}(?:[ ]+{_CAPITALISED})?)")
# A name standing on its own: the whole message, before a contact, or signed at the end.
_STANDALONE = re.compile(
    rf"(?:^\s*|(?<=[\n.!?,:])\s*|(?<=[-—–])\s*|(?<=\s\s))(?=[{_UPPER}])(?P<name>{_CAPITALISED}(?:[ ]+{_CAPITALISED}){{0,2}})"
    rf"\s*(?=$|[,.:;!)\n]|\s[-—–(+\d]|\s(?i:тел|phone|mob|моб|email|e-mail|почта))"
)
# A name right after a greeting or thanks is the person addressed ("Здравствуйте, Ирина"), not the writer.
_ADDRESSING = re.compile(
    r"(?:здравствуйте|привет|добрый (?:день|вечер)|доброе утро|спасибо|благодарю|hello|hi|hey|dear|thanks|thank you"
    r"|good (?:morning|afternoon|evening)),?\s*$",
    re.IGNORECASE,
)
_PATRONYMIC = re.compile(r"(?:ович|евич|ьич|овна|евна|ична|инична)$")
_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|цкий|ская|цкая|ко|юк|ук|ых|их|ян|дзе|швили|ман)$")
_REFUSALS = re.compile(
    r"^(?:не (?:скажу|важно|хочу|буду)|нет|не надо|зачем|неважно|аноним\w*|секрет|no|nope|nah|why|not telling"
    r"|rather not|prefer not|none|anonymous|later|потом|позже)\b",
    re.IGNORECASE,
)
_NOT_NAMES = frozenset(
    """
    хочу хотим ищу ищем интересуюсь интересует нужен нужна нужно готов готова планирую думаю уже тоже просто очень
    здесь тут клиент покупатель менеджер бот робот звоню пишу хотел хотела из в на с от по для про за не и а но
    ок окей ok okay да нет ага угу конечно спасибо привет здравствуйте добрый доброе пожалуйста хорошо ладно отлично
    позже завтра сейчас потом сегодня вчера москва россия мужчина женщина студент студентка пенсионер покупатель
    looking interested here from in not just also very ready planning thinking calling writing good fine sure sorry
    glad happy new back trying wondering going buying selling bot robot human customer client manager agent based
    located moving at on later tomorrow now please asap hello hi hey thanks thank yes no yeah yep nope the a an and
    or but with for to of my me i we you it its this that what who how why when where which there their our your
    great cool nice perfect excellent awesome right well so okay interested available busy single married retired
    unemployed student owner director ceo founder investor buyer seller landlord tenant doctor engineer after
    before anytime any whenever maybe if again sometime evening morning afternoon tonight today weekend monday
    tuesday wednesday thursday friday saturday sunday on back via by directly please pls asap soon mr mrs ms
    вечером утром днём днем после до перед лучше только можно обязательно срочно когда через по
    """.split()
)
_COMMON_WORD = re.compile(r"^(?:[а-яё]+(?:ать|ять|еть|ить|ешь|ете|ем|ла|ли|ство|ция|ние|ость|ный|ная|ное|кий|кая)|[a-z]+(?:ing|ed|ly|tion|ment|ness))$")


def find_name(text: str, *, asked: bool = False, known_places: frozenset[str] = frozenset()) -> str | None:
    """The name the customer gives for themselves, properly capitalised, or None.

    With `asked` (the bot just asked for the name), a bare reply such as "анна" or "Xavier" counts.
    `known_places` are lower-cased place names that must not be taken for a name ("Казань")."""
    for match in _STRONG.finditer(text):
        name = _clean(match.group("name") or match.group("before_verb"), strong=True, places=known_places)
        if name:
            return name
    for match in _WEAK.finditer(text):
        name = _clean(match.group("name") or match.group("here"), strong=False, places=known_places)
        if name:
            return name
    for match in _TITLED.finditer(text):
        name = _clean(match.group("name"), strong=True, places=known_places, strict_words=True)
        if name:
            return name
    for match in _STANDALONE.finditer(text):
        if _ADDRESSING.search(text, max(0, match.start() - 30), match.start()):
            continue
        name = _clean(match.group("name"), strong=False, places=known_places)
        if name:
            return name
    if asked:
        return _bare_name(text, known_places)
    return None


def _bare_name(text: str, places: frozenset[str]) -> str | None:
    """A reply that is only a name: "Иван", "иван петров", "It's Mike", "Sure, Jennifer"."""
    bare = re.sub(
        r"^(?:(?:да|конечно|ок|ok|sure|yes|of course)[,!.]?\s+)?(?:(?:меня|я|это|it's|its|i'm|im|i am|this is)\s+)?",
        "", text.strip(), flags=re.IGNORECASE,
    ).strip(" .!,)(")
    if not bare or _REFUSALS.match(bare) or len(bare) > 60:
        return None
    if not re.fullmatch(rf"{_WORD}(?:[ ]+{_WORD}){{0,2}}", bare):
        return None
    words = bare.split()
    first = words[0].lower().replace("ё", "е")
    if first in FIRST_NAMES or words[0].lower() in FIRST_NAMES:
        return _clean(bare, strong=True, places=places)
    if all(word[0].isupper() for word in words):  # an unknown name is trusted only as a name is written
        return _clean(bare, strong=True, places=places, strict_words=True)
    return None


def _clean(candidate: str, *, strong: bool, places: frozenset[str], strict_words: bool = False) -> str | None:
    """The candidate's name words, or None when it is not a name we can trust."""
    words: list[str] = []
    for word in candidate.split():
        if word.lower() in _NOT_NAMES:
            break
        words.append(word)
    if not words or len(words[0]) < 2:
        return None
    first = words[0].lower()
    known = first in FIRST_NAMES or first.replace("ё", "е") in FIRST_NAMES
    if not known and first.replace("ё", "е") in places:
        return None  # "Казань" is a place; "Владимир" is a place and a name, and a name when given as one
    if not strong and not known:
        return None
    if strict_words and not known and (_COMMON_WORD.match(first) or len(first) > 20):
        return None
    # Later words stay while they read as a surname or patronymic, not as the next sentence.
    kept = words[:1]
    for word in words[1:3]:
        lowered = word.lower()
        if lowered in places or not (
            word[0].isupper() or _PATRONYMIC.search(lowered) or (strong and _SURNAME.search(lowered))
            or (strong and word.isascii() and not _COMMON_WORD.match(lowered))
        ):
            break
        kept.append(word)
    return " ".join(_capitalise(word) for word in kept)


def _capitalise(word: str) -> str:
    """"анна" -> "Анна", "ANNA" -> "Anna", "McDonald" and "O'Brien" as written, hyphenated parts each."""
    if word.islower() or word.isupper():
        return "-".join("'".join(part.capitalize() for part in piece.split("'")) for piece in word.split("-"))
    return word
