"""The guards of the engine's largest patterns (`GuardedPattern.needs`) stay necessary conditions: on
every customer text of the development data and every string of the tests, wherever the full pattern
matches, its guard does too. A guard that missed a branch would make the engine blind to that
branch's phrases, silently."""

from __future__ import annotations

import re

import pytest

from salesbot.brain import intents
from salesbot.extract import area, budget, names, timeline
from salesbot.extract.patterns import GuardedPattern
from tests.support.texts import TEXTS

GUARDED = {f"{module.__name__}.{name}": value for module in (area, budget, intents, names, timeline)
           for name, value in vars(module).items() if isinstance(value, GuardedPattern)}


def test_the_guarded_patterns_are_found() -> None:
    assert len(GUARDED) == 17


@pytest.mark.parametrize("name", sorted(GUARDED))
def test_a_guard_finds_its_words_wherever_the_pattern_matches(name: str) -> None:
    guarded = GUARDED[name]
    full = re.compile(guarded.pattern, guarded.flags)
    matching = [text for text in TEXTS if full.search(text)]
    assert len(matching) >= 5, "too few texts for the check to mean anything"
    assert [text for text in matching if not guarded.needs.search(text)] == []


def test_a_guarded_pattern_is_compiled_only_once_its_guard_finds_a_word() -> None:
    guarded = GuardedPattern(r"(?P<unclosed>money", re.IGNORECASE, needs="money")
    assert guarded.search("nothing to pay") is None
    assert list(guarded.finditer("nothing to pay")) == []
    with pytest.raises(re.error):
        guarded.search("MONEY")


def test_a_compiled_guarded_pattern_matches_as_its_pattern_does() -> None:
    guarded = GuardedPattern(r"\b(?:к|до)\s(?:лету|осени)", re.IGNORECASE, needs="лет|осен")
    assert guarded.search("Ищу квартиру") is None
    assert [match.group() for match in guarded.finditer("К лету или до осени")] == ["К лету", "до осени"]
    assert guarded.search("хотим до осени").span() == (6, 14)
