"""The customer's name, from how people introduce themselves in Russian and English."""

from __future__ import annotations

import re

_NAME_WORD = r"[A-ZА-ЯЁ][a-zа-яё]+(?:-[A-ZА-ЯЁ][a-zа-яё]+)?"
_ANY_CASE_WORD = r"[A-Za-zА-Яа-яЁё]+(?:-[A-Za-zА-Яа-яЁё]+)?"

# Introductions that make the next one to three words a name even when typed in lower case.
_STRONG = re.compile(
    rf"(?:меня зовут|мо[её] имя|my name is|my name's|name is|call me|зовите меня)\s+[-:—]?\s*"
    rf"(?P<name>{_ANY_CASE_WORD}(?:\s+{_ANY_CASE_WORD}){{0,2}})",
    re.IGNORECASE,
)
# Weaker ones ("я Анна", "I'm Kate", "это Пётр") count only for capitalised words that are not
# common words ("я Хочу", "I'm Looking").
_WEAK = re.compile(
    rf"(?:^|[\s,.!?(])(?:я|это|i am|i'm|im|this is|it's|here is)\s+[-—]?\s*(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    rf"(?:с уважением|спасибо|regards|best|thanks|cheers)?[,!]?\s*(?:^|\n|\s)[-—–]\s?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*$"
    rf"|(?:с уважением|best regards|kind regards|regards)[,!]?\s+(?P<name2>{_NAME_WORD}(?:\s+{_NAME_WORD})?)\s*$",
    re.IGNORECASE,
)
_NOT_NAMES = {
    word.lower() for word in (
        "хочу хотим ищу ищем интересуюсь интересует нужен нужна нужно готов готова планирую думаю из с в на не по"
        " уже тоже просто очень здесь тут клиент покупатель менеджер бот робот звоню пишу хотел хотела"
        " looking interested here from in a an the not just also very ready planning thinking calling writing"
        " good fine ok okay sure sorry glad happy new back trying wondering going buying selling bot robot human"
        " customer client manager agent interested based located moving"
        " привет здравствуйте добрый hello hi hey thanks спасибо да нет yes no"
    ).split()
}


def find_name(text: str, *, asked: bool = False) -> str | None:
    """The name the customer gives, capitalised; with `asked`, a bare reply such as "анна" counts."""
    for pattern in (_STRONG, _WEAK):
        for match in pattern.finditer(text):
            name = _clean(match.group("name"), strict=pattern is _WEAK)
            if name:
                return name
    signature = _SIGNATURE.search(text.strip())
    if signature:
        name = _clean(signature.group("name") or signature.group("name2"), strict=True)
        if name:
            return name
    if asked:
        bare = text.strip().strip(".!?,")
        if re.fullmatch(rf"{_ANY_CASE_WORD}(?:\s+{_ANY_CASE_WORD}){{0,2}}", bare):
            return _clean(bare, strict=False)
    return None


def _clean(candidate: str, *, strict: bool) -> str | None:
    words = []
    for word in candidate.split():
        if word.lower() in _NOT_NAMES:
            break
        words.append(word)
    if not words or (strict and len(words[0]) < 2):
        return None
    return " ".join("-".join(part.capitalize() for part in word.split("-")) for word in words)
