"""The facts the analyser reads of the engine's patterns (`salesbot.extract.analysis`) stay necessary
conditions of a match, so a `LazyPattern` answers exactly as its compiled pattern does: a prefilter
that turned away a text its pattern matches, or a lookahead that skipped where a match begins, would
make the engine blind to that phrase, silently. Held on every customer text of the development data
and every string of the tests, on texts generated from each pattern and from its needs; the table of
facts is the one the build step writes; and without `re`'s parser a pattern is compiled as written."""

from __future__ import annotations

import re
import sys
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.extraction import ADVERSARIAL
from salesbot.extract import analysis, build_pattern_facts
from salesbot.extract.analysis import DIGIT, Facts, Prefilter, analyse, fold
from salesbot.extract.normalize import normalize
from salesbot.extract.patterns import LazyPattern
from tests.support.texts import TEXTS

PATTERNS = build_pattern_facts.engine_patterns()
FACTS = {digest: pattern.facts for digest, pattern in PATTERNS.items()}
WITH_PREFILTER = sorted(digest for digest, facts in FACTS.items() if facts and facts.prefilter)
# The texts as the parsers see them, and adversarial ones of three kinds: letters no pattern begins with,
# letters many do, and punctuation.
CHECKED_TEXTS = sorted({*TEXTS, *map(normalize, TEXTS),
                        *(normalize(ADVERSARIAL[name]) for name in ("one long word", "sales talk", "hyphens"))})


def test_the_table_holds_every_engine_pattern_as_the_build_step_writes_it() -> None:
    assert build_pattern_facts.TABLE.read_text() == build_pattern_facts.source(PATTERNS), (
        "an engine pattern changed: run python -m salesbot.extract.build_pattern_facts")


def test_most_engine_patterns_have_a_prefilter_and_a_first_character() -> None:
    assert len(PATTERNS) > 450
    assert len(WITH_PREFILTER) > len(PATTERNS) * 3 // 4
    assert len([facts for facts in FACTS.values() if facts and facts.first_characters]) > len(PATTERNS) * 3 // 4


@pytest.mark.parametrize("part", range(8))
def test_a_prefilter_admits_every_text_its_pattern_matches(part: int) -> None:
    turned_away = []
    for digest in WITH_PREFILTER[part::8]:
        pattern, prefilter = PATTERNS[digest], FACTS[digest].prefilter
        compiled = re.compile(pattern.pattern, pattern.flags)
        turned_away += [(pattern.pattern[:80], text) for text in CHECKED_TEXTS
                        if not prefilter.admits(text) and compiled.search(text)]
    assert turned_away == []


WIDE = sorted(digest for digest, pattern in PATTERNS.items()
              if pattern.pattern.count("|") >= 12 and FACTS[digest] and FACTS[digest].first_characters)


@pytest.mark.parametrize("part", range(4))
def test_a_pattern_behind_its_lookahead_matches_where_it_did(part: int) -> None:
    differ = []
    for digest in WIDE[part::4]:
        pattern = PATTERNS[digest]
        original = re.compile(pattern.pattern, pattern.flags)
        looked_ahead = re.compile(FACTS[digest].looked_ahead(pattern.pattern), pattern.flags)
        differ += [(pattern.pattern[:80], text) for text in CHECKED_TEXTS
                   if [m.span() for m in looked_ahead.finditer(text)] != [m.span() for m in original.finditer(text)]]
    assert differ == []


# Hypothesis takes seconds an example to generate a match of the largest patterns (the numbers in
# words, 8,000-18,000 characters): those are left to the texts of needs and the development data.
_GENERATED = [digest for digest in WITH_PREFILTER if len(PATTERNS[digest].pattern) < 2000]
_PROPERTY = settings(max_examples=10, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
# Characters `re.IGNORECASE` matches to others that str.lower() does not make equal, and the dotted İ
# str.lower() makes two characters of.
_CASE_TRAPS = "İıſKµςσᲀᲂᲃᲄ"


def _variants(text: str) -> list[str]:
    return [text, text.swapcase(), text.upper(), text.lower(), text.replace("i", "İ").replace("s", "ſ").replace("о", "ᲂ")]


@pytest.mark.parametrize("digest", _GENERATED)
@_PROPERTY
@given(data=st.data())
def test_texts_generated_from_a_pattern_pass_its_prefilter(digest: str, data: st.DataObject) -> None:
    pattern, prefilter = PATTERNS[digest], FACTS[digest].prefilter
    compiled = re.compile(pattern.pattern, pattern.flags)
    text = data.draw(st.from_regex(compiled))
    for variant in _variants(text):
        assert prefilter.admits(variant) or not compiled.search(variant), variant


@pytest.mark.parametrize("digest", WITH_PREFILTER)
@_PROPERTY
@given(data=st.data())
def test_a_lazy_pattern_answers_as_its_compiled_pattern(digest: str, data: st.DataObject) -> None:
    pattern = PATTERNS[digest]
    needs = sorted({need for clause in FACTS[digest].prefilter.clauses for need, _ in clause})  # "" stands for a digit
    piece = st.one_of(st.sampled_from(needs), st.text(max_size=4), st.sampled_from([*_CASE_TRAPS, " ", "\n", "7"]))
    text = "".join(data.draw(st.lists(piece, max_size=12)))
    compiled = re.compile(pattern.pattern, pattern.flags)
    for variant in _variants(text):
        lazy = LazyPattern(pattern.pattern, pattern.flags)
        assert [m.span() for m in lazy.finditer(variant)] == [m.span() for m in compiled.finditer(variant)], variant


def test_folding_makes_equal_every_two_characters_re_matches_to_each_other() -> None:
    """`fold` against `re`'s own case rules, over all of Unicode: what `re` compares is each
    character's simple lower case (`_sre.unicode_tolower`) and the extra cases of `re._casefix`.
    Reading them is reading `re`'s internals, which may change with Python: then this test fails,
    and `analysis._EXTRA_CASES` is to be checked against what replaced them."""
    import _sre  # type: ignore[import-not-found]
    from re import _casefix  # type: ignore[attr-defined]

    unfolded = [hex(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
                and (len(fold(chr(code))) != 1 or fold(chr(code)) != fold(chr(_sre.unicode_tolower(code))))]
    assert unfolded == []
    assert [(hex(code), [hex(other) for other in others]) for code, others in _casefix._EXTRA_CASES.items()
            if any(fold(chr(code)) != fold(chr(other)) for other in others)] == []


def test_every_character_backslash_s_matches_is_seen_as_a_space() -> None:
    space = re.compile(r"\s")
    assert [hex(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF
            and bool(space.fullmatch(chr(code))) != (fold(chr(code)) == " ")] == []


def _needs(pattern: str, flags: int = 0) -> list[list[str]] | None:
    facts = analyse(pattern, flags)
    assert facts is not None
    return [[need for need, _ in clause] for clause in facts.prefilter.clauses] if facts.prefilter else None


@pytest.mark.parametrize("pattern, flags, clauses", [
    ("меня зовут", 0, [["меня зов"]]),  # a need is its first 8 characters
    ("(?:к|до)\\s(?:лету|осени)", re.IGNORECASE, [["лету", "осени"], [" "], ["к", "до"]]),
    ("colou?r", 0, [["color", "colour"]]),
    ("кв\\.?\\s?м\\b", 0, [["квм", "кв м", "кв.м", "кв. м"]]),
    ("сч[её]т", 0, [["счет", "счёт"]]),
    ("(?=abc)\\w+", 0, [["abc"]]),  # what a lookahead or lookbehind finds is in the text too
    ("ab+c", 0, [["ab"], ["bc"]]),
    ("a(?:bc)*d", 0, [["a"], ["d"]]),
    ("x{0,2}yz", 0, [["yz"]]),
    ("(?i)Straße", 0, [["straße"]]),
    ("(?i:ЦЕНА)|price", 0, [["цена", "price"]]),
    ("(?i)(?-i:DAN)|mode", 0, [["DAN", "mode"]]),
    ("\\d+ руб", 0, [[" руб"], [""]]),
    ("[0-9]{3}", 0, [[""]]),
    ("\\.ru\\b", 0, [[".ru"]]),
    ("\\x41\\u0411", 0, [["AБ"]]),
    ("moscow|moscow city|spb", 0, [["spb", "moscow"]]),  # a need holding another adds nothing
    ("abc # comment", re.VERBOSE, [["abc"]]),  # the parser reads what `re` reads
])
def test_the_analyser_finds_what_every_match_holds(pattern: str, flags: int, clauses: list[list[str]]) -> None:
    assert _needs(pattern, flags) == clauses


@pytest.mark.parametrize("pattern", [
    "a|b*",  # a branch with nothing certain
    "(?<!abc)\\w+",  # a negative lookaround holds nothing certain
    "(a)?(?(1)abc|de)",  # nor a conditional
    "(?P<x>a)?(?P=x)",  # a backreference holds nothing certain
    "[a-z]+d?",  # nor a range and an optional character
    "|".join(f"{chr(0x4E00 + number)}x" for number in range(analysis._NEEDS + 1)),  # nor one of too many words to check
])
def test_no_prefilter_where_nothing_is_certain(pattern: str) -> None:
    assert _needs(pattern) is None


@pytest.mark.parametrize("pattern", ["abc)", "(abc", "*abc"])
def test_an_invalid_pattern_has_no_facts_and_raises_as_re_does(pattern: str) -> None:
    assert analyse(pattern) is None
    with pytest.raises(re.error):
        LazyPattern(pattern).search("abc")


def test_a_prefilter_checks_digits_and_folded_text() -> None:
    prefilter = Prefilter(((DIGIT, ("тыс", True)), (("руб", False),)))
    assert prefilter.admits("5 руб")
    assert prefilter.admits("ТЫС руб")
    assert prefilter.admits("٣ руб")  # any digit `\d` matches
    assert not prefilter.admits("пять руб")
    assert not prefilter.admits("5 РУБ")  # "руб" was found case-sensitive


@pytest.mark.parametrize("pattern, flags, written", [
    # Words in any case: the class, read with the pattern's flags, holds their first letters.
    (r"(?i)понедельн|вторник|\bс \d|monday", 0, r"(?i)(?=[mвпс])(?:понедельн|вторник|\bс \d|monday)"),
    (r"(?<!\w)(?:к|до)\s", re.IGNORECASE, r"(?=[дк])(?:(?<!\w)(?:к|до)\s)"),
    # What may be left out, or repeated, adds what follows; a category stays one.
    (r"a?b", 0, r"(?=[ab])(?:a?b)"), (r"(?:ab|c)*\d+", 0, r"(?=[\dac])(?:(?:ab|c)*\d+)"),
    # Where they cannot be told, no lookahead.
    (r"[^a]b", 0, r"[^a]b"),  # a negated class: almost any character
    (r"x?", 0, r"x?"),  # a match may be empty, and begin with nothing
    (r"(?i:ab)|c", 0, r"(?i:ab)|c"),  # a scoped flag the lookahead would not share
    (r".b", 0, r".b"),  # any character
])
def test_the_lookahead_holds_the_first_characters(pattern: str, flags: int, written: str) -> None:
    facts = analyse(pattern, flags)
    assert facts is not None
    assert facts.looked_ahead(pattern) == written


def test_an_engine_pattern_is_compiled_only_once_a_text_gets_past_its_prefilter() -> None:
    ignored = "\u2063"  # in no need of any pattern
    digest = next(digest for digest in WITH_PREFILTER if PATTERNS[digest].pattern.count("|") < 12
                  and not re.search(PATTERNS[digest].pattern, ignored, PATTERNS[digest].flags))
    lazy = LazyPattern(PATTERNS[digest].pattern, PATTERNS[digest].flags)
    assert lazy.facts == FACTS[digest]
    assert lazy.search(ignored) is None
    assert list(lazy.finditer(ignored)) == []
    assert lazy.sub("x", ignored) == ignored
    assert lazy.subn("x", ignored) == (ignored, 0)
    assert lazy.split(ignored) == [ignored]
    assert lazy.findall(ignored) == []
    assert lazy.match(ignored) is None
    assert lazy.fullmatch(ignored) is None
    assert "search" not in vars(lazy)  # not compiled: its methods are not the compiled pattern's yet
    needs = " ".join(clause[0][0] or "7" for clause in lazy.facts.prefilter.clauses)
    lazy.search(needs)
    assert "search" in vars(lazy)


def test_a_pattern_of_many_alternatives_finds_the_same_in_a_short_text_and_a_long_one() -> None:
    days = "понедельник вторник среду четверг пятницу субботу воскресенье monday tuesday wednesday thursday friday saturday"
    pattern = LazyPattern(rf"(?i)(?<!\w)(?P<day>{'|'.join(days.split())})", re.UNICODE)
    short = "Можно во ВТОРНИК или в Friday?"
    assert [match.group("day") for match in pattern.finditer(short)] == ["ВТОРНИК", "Friday"]
    long = "Я," * 2000 + short  # past the length from which the lookahead is used
    assert [match.group("day") for match in pattern.finditer(long)] == ["ВТОРНИК", "Friday"]
    assert pattern.sub("день", long).endswith("Можно во день или в день?")
    assert pattern.search("Я" * 8000) is None
    assert pattern._looked_ahead.pattern.startswith("(?i)(?=[")


def test_without_res_parser_a_pattern_has_no_facts_and_is_compiled_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "_sre_parse", None)
    assert analyse(r"(?i)меня зовут|my name is") is None
    pattern = LazyPattern("|".join(["(?i)меня зовут", *(f"word{number}" for number in range(12))]))
    assert pattern._looked_ahead.pattern == pattern.pattern
    assert pattern.search("Я," * 2000 + "Меня зовут Анна").group() == "Меня зовут"


class _Parsed(list):
    """A parsed form as `re._parser.parse` gives one: its items, and its state."""

    state = SimpleNamespace(flags=0)


@pytest.mark.parametrize("parsed", [
    _Parsed([("A NEW OPCODE", None)]),  # an opcode this module does not know
    _Parsed([(None, None, None)]),  # items of another shape
    SimpleNamespace(state=_Parsed.state),  # no items
])
def test_a_parsed_form_the_analyser_does_not_know_gives_no_facts(monkeypatch: pytest.MonkeyPatch, parsed: object) -> None:
    monkeypatch.setattr(analysis, "_sre_parse", SimpleNamespace(parse=lambda pattern, flags: parsed))
    assert analyse("меня зовут") is None
    assert LazyPattern("меня зовут").search("Меня зовут Анна, меня зовут").span() == (17, 27)


def test_facts_survive_the_table_as_they_were_read() -> None:
    for facts in FACTS.values():
        assert facts is None or analysis.decoded(analysis.encoded(facts)) == facts
    assert all(isinstance(facts, Facts) for facts in FACTS.values())
