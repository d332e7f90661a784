"""The lookahead `LazyPattern` puts before a pattern of many alternatives, on long texts, for the characters its
matches may begin with (`normalize._with_first_characters`) is a necessary condition of every match: each of the engine's patterns finds
the same matches with it as without, on every customer text of the development data and the adversarial texts
of the bench; and it is left out wherever the first characters cannot be told."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from pathlib import Path

import pytest

import salesbot.brain
import salesbot.extract
from bench.extraction import ADVERSARIAL
from salesbot.extract.normalize import LazyPattern, _with_first_characters, normalize

DATA = Path(__file__).resolve().parent / "data"
PATTERNS = {
    f"{module.__name__}.{name}": value
    for package in (salesbot.extract, salesbot.brain)
    for module in (importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__))
    for name, value in vars(module).items() if isinstance(value, LazyPattern)
}
# The customer texts of two sets of many businesses in both languages, and adversarial texts of three kinds: letters
# no pattern begins with, letters many do, and punctuation (each pattern is run over them twice: a few seconds in all).
TEXTS = sorted({normalize(turn["text"]) for path in [DATA / "conversations.jsonl", DATA / "dev8" / "conversations.jsonl"]
                for line in path.read_text().splitlines() if line.strip() for turn in json.loads(line)["turns"]}
               | {normalize(ADVERSARIAL[name]) for name in ("one long word", "sales talk", "hyphens")})


def test_most_of_the_engines_patterns_get_a_lookahead() -> None:
    looked_ahead = [name for name, pattern in PATTERNS.items()
                    if _with_first_characters(pattern.pattern, pattern.flags).pattern != pattern.pattern]
    assert len(PATTERNS) > 300 and len(looked_ahead) > len(PATTERNS) * 3 // 4


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_a_pattern_with_its_lookahead_matches_where_it_did(name: str) -> None:
    original = re.compile(PATTERNS[name].pattern, PATTERNS[name].flags)
    looked_ahead = _with_first_characters(PATTERNS[name].pattern, PATTERNS[name].flags)
    assert [[match.span() for match in looked_ahead.finditer(text)] for text in TEXTS] == [
        [match.span() for match in original.finditer(text)] for text in TEXTS]


@pytest.mark.parametrize("pattern,flags,written", [
    # Words in any case: the class, read with the pattern's flags, holds their first letters.
    (r"(?i)понедельн|вторник|\bс \d|monday", 0, r"(?=[mвпс])(?:понедельн|вторник|\bс \d|monday)"),
    (r"(?<!\w)(?:к|до)\s", re.IGNORECASE, r"(?=[дк])(?:(?<!\w)(?:к|до)\s)"),
    # What may be left out, or repeated, adds what follows; a category stays one.
    (r"a?b", 0, r"(?=[ab])(?:a?b)"), (r"(?:ab|c)*\d+", 0, r"(?=[\dac])(?:(?:ab|c)*\d+)"),
])
def test_the_lookahead_holds_the_first_characters(pattern: str, flags: int, written: str) -> None:
    assert _with_first_characters(pattern, flags).pattern == written


@pytest.mark.parametrize("pattern", [
    r"[^a]b",  # a negated class: almost any character
    r"x?",  # a match may be empty, and begin with nothing
    r"(?i:ab)|c",  # a scoped flag the lookahead would not share
    r".b",  # any character
])
def test_no_lookahead_where_the_first_characters_cannot_be_told(pattern: str) -> None:
    assert _with_first_characters(pattern).pattern == pattern


def test_a_pattern_of_many_alternatives_finds_the_same_in_a_short_text_and_a_long_one() -> None:
    days = "понедельник вторник среду четверг пятницу субботу воскресенье monday tuesday wednesday thursday friday saturday"
    pattern = LazyPattern(rf"(?i)(?<!\w)(?P<day>{'|'.join(days.split())})", re.UNICODE)
    short = "Можно во ВТОРНИК или в Friday?"
    assert [match.group("day") for match in pattern.finditer(short)] == ["ВТОРНИК", "Friday"]
    long = "Я," * 2000 + short  # past the length from which the lookahead is used
    assert [match.group("day") for match in pattern.finditer(long)] == ["ВТОРНИК", "Friday"]
    assert pattern.sub("день", long).endswith("Можно во день или в день?")
    assert pattern.search("Я" * 8000) is None
