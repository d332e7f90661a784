"""The customer's name, from how people introduce themselves or sign off, in Russian and English."""

from __future__ import annotations

import re

from salesbot.extract.first_names import FIRST_NAMES

_CAPITALISED = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
_ANY_CASE = r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)?"

# Introductions after which the next words are a name even in lower case ("меня зовут анна").
_STRONG = re.compile(
    rf"(?i:меня зовут|мо[её] имя|my name is|my name's|name is|call me|зовите меня)\s+[-:—]?\s*"
    rf"(?P<name>{_ANY_CASE}(?:\s+{_ANY_CASE}){{0,2}})"
    rf"|(?i:меня)\s+(?P<before_verb>{_CAPITALISED})\s+(?i:зовут)"
)
# Weaker introductions ("я Анна", "I'm Kate", "это Пётр", "Chris here") count only for a
# capitalised word that is a known first name, or that is followed by a surname.
_WEAK = re.compile(
    rf"(?:^|[\s,.!?(])(?i:я|это|i am|i'm|im|this is|it's|here is|regards|с уважением)[,:]?\s+[-—]?\s*"
    rf"(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})"
    rf"|(?P<here>{_CAPITALISED})\s+(?i:here)\b"
)
# A name standing on its own: the whole message, before a contact, or as a sign-off.
_STANDALONE = re.compile(
    rf"(?:^|[\n.!?]\s*|[-—–,]\s)(?P<name>{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}})\s*(?:$|[,.:;!]|\s[-—–(+\d]|\s(?i:тел|phone|mob))"
)
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|инична)$")
_NOT_NAMES = frozenset(
    """
    хочу хотим ищу ищем интересуюсь интересует нужен нужна нужно готов готова планирую думаю уже тоже просто очень
    здесь тут клиент покупатель менеджер бот робот звоню пишу хотел хотела looking interested here from in not just
    also very ready planning thinking calling writing good fine ok okay sure sorry glad happy new back trying
    wondering going buying selling bot robot human customer client manager agent based located moving at on later
    tomorrow now please asap позже завтра сейчас пожалуйста привет здравствуйте hello hi hey thanks спасибо да нет
    yes no
    """.split()
)


def find_name(text: str, *, asked: bool = False) -> str | None:
    """The name the customer gives, capitalised; with `asked`, a bare reply such as "анна" counts."""
    for match in _STRONG.finditer(text):
        name = _clean(match.group("name") or match.group("before_verb"), known_first=False)
        if name:
            return name
    for match in _WEAK.finditer(text):
        name = _clean(match.group("name") or match.group("here"), known_first=True)
        if name:
            return name
    for match in _STANDALONE.finditer(text):
        name = _clean(match.group("name"), known_first=True)
        if name:
            return name
    if asked:
        bare = text.strip().strip(".!?,")
        if re.fullmatch(rf"{_ANY_CASE}(?:\s+{_ANY_CASE}){{0,2}}", bare):
            return _clean(bare, known_first=False)
    return None


def _clean(candidate: str, *, known_first: bool) -> str | None:
    """The candidate's name words, or None when it is not a name we can trust."""
    words: list[str] = []
    for word in candidate.split():
        if word.lower() in _NOT_NAMES:
            break
        words.append(word)
    if not words or len(words[0]) < 2:
        return None
    if known_first and words[0].lower().replace("ё", "е") not in FIRST_NAMES and words[0].lower() not in FIRST_NAMES:
        return None
    # Later words stay while they read as a surname or patronymic, not as the next sentence.
    kept = words[:1]
    for word in words[1:3]:
        if not (word[0].isupper() or _PATRONYMIC.search(word.lower())):
            break
        kept.append(word)
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in kept)
