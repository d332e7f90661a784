"""The console's two languages: Russian and English, chosen by the browser, switched by the member.

Templates and pages write English (`_("Inbox")`); `RUSSIAN` holds each phrase's Russian, and a
test checks that every phrase the templates and pages use has one. Placeholders are
`str.format` fields: `_("{count} waiting", count=3)`.
"""

from __future__ import annotations

from collections.abc import Callable

from salesbot.console.russian import RUSSIAN

LANGUAGES = ("ru", "en")
COOKIE = "salesbot_lang"
Translate = Callable[..., str]


def choose(cookie: str | None, accept_language: str | None) -> str:
    """The member's own choice, else the first of our languages their browser names, else Russian."""
    if cookie in LANGUAGES:
        return str(cookie)
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "ru"


def translator(language: str) -> Translate:
    def translate(phrase: str, /, **values: object) -> str:
        text = RUSSIAN.get(phrase, phrase) if language == "ru" else phrase
        return text.format(**values) if values else text

    return translate


def plural(language: str, count: int, one: str, few: str, many: str) -> str:
    """The form of a word after `count`: Russian has three (1 лид, 2 лида, 5 лидов), English two."""
    if language != "ru":
        return one if count == 1 else many
    if count % 10 == 1 and count % 100 != 11:
        return one
    if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        return few
    return many
