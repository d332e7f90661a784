"""The console's Russian: every phrase the templates and pages put through `_()` has a translation,
and the language is chosen from the member's choice, else the browser's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from salesbot.console import i18n
from salesbot.console.russian import RUSSIAN

CONSOLE = Path(i18n.__file__).parent
PHRASE = re.compile(r'''\b_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+|'(?:[^'\\]|\\.)*')''')
LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"|' + r"'((?:[^'\\]|\\.)*)'")


def used_phrases() -> set[str]:
    """Each phrase put through `_()`; a long one is written as adjacent literals, which Python joins."""
    sources = [*CONSOLE.glob("templates/*.html"), *CONSOLE.glob("pages/*.py"), CONSOLE / "app.py",
               CONSOLE / "messages.py"]
    return {"".join(double or single for double, single in LITERAL.findall(phrase))
            for path in sources for phrase in PHRASE.findall(path.read_text())}


def test_every_phrase_the_console_shows_has_its_russian():
    phrases = used_phrases()
    assert len(phrases) > 100  # the pattern finds them
    assert sorted(phrases - RUSSIAN.keys()) == []


def test_no_translation_is_left_over_from_a_phrase_no_longer_used():
    assert sorted(RUSSIAN.keys() - used_phrases()) == []


def test_placeholders_survive_translation():
    for english, russian in RUSSIAN.items():
        assert re.findall(r"{\w+}", english) == re.findall(r"{\w+}", russian), english


@pytest.mark.parametrize("cookie, accept, chosen", [
    (None, "ru-RU,ru;q=0.9,en;q=0.8", "ru"), (None, "en-GB,en;q=0.9", "en"), (None, "de-DE,en;q=0.5", "en"),
    (None, "de-DE", "ru"), (None, None, "ru"), ("en", "ru-RU", "en"), ("xx", "en", "en")])
def test_the_members_choice_then_the_browsers_languages(cookie, accept, chosen):
    assert i18n.choose(cookie, accept) == chosen
