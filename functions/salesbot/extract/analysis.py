"""What every match of one of the engine's regular expressions holds, and what it can begin with,
read once from the pattern's parsed form: the one analyser of the engine's patterns.

Two uses, both to spare `re`'s work (pure Python to compile, and unable to skip ahead in a text to
where a pattern of alternatives could begin):

- `Facts.prefilter`: pieces every match contains (a literal, "меня зовут"; one of a group's
  branches' literals, "лету" or "осени"; the few texts a run with an optional character or a small
  set may be, "счет" or "счёт"; a digit), checked with `in` before the pattern is compiled: where a
  text lacks them the pattern cannot match it, and `LazyPattern` answers "no match" uncompiled.
- `Facts.first_characters`: the class of the characters a match can begin with, put before a
  pattern of many alternatives as a lookahead for long texts, where most positions then fail at once.

Both are necessary conditions of a match, so a pattern finds the same matches with them as without.
`re` keeps the parsed form of a pattern private (`re._parser`): it is read here only, and where it
is missing or reads differently (another Python), a pattern simply has no facts and is compiled
and run as written. Sound before fast: what the walk does not follow (a negated class, a
backreference, a conditional, an opcode it does not know) holds nothing it relies on.

Parsing costs about two thirds of compiling, so a first message would pay as much to read the facts
of the patterns it cannot match as to compile them. They are read ahead of time instead: `python -m
salesbot.extract.build_pattern_facts` writes every engine pattern's facts to `pattern_facts`, keyed
by a digest of the pattern and its flags, and a pattern the table does not hold (edited since) has
no prefilter until it is written again (tests/test_pattern_analysis.py fails until then).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

try:  # `re`'s parser, private: every use of it is in this module
    from re import _constants as _sre
    from re import _parser as _sre_parse

    _REPEATS: tuple[Any, ...] = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT)
    _NOTHING_CERTAIN: tuple[Any, ...] = (_sre.AT, _sre.ASSERT_NOT, _sre.ANY, _sre.NOT_LITERAL, _sre.GROUPREF,
                                         _sre.GROUPREF_EXISTS)
    _CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
                   _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}
except (ImportError, AttributeError):  # another Python's `re`: no facts, every pattern compiled as written
    _sre_parse = None

# The characters `re` matches case-insensitively beyond what str.lower() makes equal (Python's
# re._casefix), each mapped to the first of its class: "ı" and "ſ" to "i" and "s", "σ" to "ς", the
# old Cyrillic letters to theirs ("ᲀ" to "в"). str.lower() does the rest; "İ" is folded before it,
# as `re` folds it (str.lower() makes two characters of it, `re` one: "i").
_EXTRA_CASES = str.maketrans(
    "ıſμιιΐΰϐϵϑϰϖϱσϕᲀᲁᲂᲃᲄᲅᲆᲇꙋẛﬆ",
    "isµͅͅΐΰβεθκπρςφвдосттъѣᲈṡﬅ",
)
# Every character `\s` matches (str.isspace()), seen as one space on both sides of a check: "\s" in
# a pattern is then a literal like any other ("кв\.?\s?м" holds "кв м", "кв.м"...).
_SPACES = str.maketrans(dict.fromkeys("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
                                      "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000", " "))
_FOLDED_SPACES: dict[int, str | int | None] = {**_EXTRA_CASES, **_SPACES}


def fold(text: str) -> str:
    """`text` with every two characters `re.IGNORECASE` matches to each other made the same, and every
    whitespace character a space."""
    return text.replace("İ", "i").lower().translate(_FOLDED_SPACES)


@lru_cache(maxsize=8)
def _spaced(text: str) -> str:
    # Kept for the few texts a message hands all its patterns (the message, its lines, its pieces).
    return text.translate(_SPACES)


@lru_cache(maxsize=8)
def _folded(text: str) -> str:
    return fold(text)


@cache
def _digit() -> re.Pattern[str]:
    return re.compile(r"\d")


Need = tuple[str, bool]
"""One piece a match holds: (its text, whether to find it folded, see `fold`); the empty text stands
for a digit (any that `\\d` matches)."""
Clause = tuple[Need, ...]
"""Needs one of which a match holds."""
DIGIT: Need = ("", False)


class Prefilter(NamedTuple):  # not a dataclass: making one costs a cold start seven times as much
    """Clauses every match of a pattern satisfies, the most selective first."""

    clauses: tuple[Clause, ...]

    def admits(self, text: str) -> bool:
        """False only where no match can be found in `text` (nor in any part of it)."""
        for clause in self.clauses:
            for need, in_folded in clause:
                if (need in (_folded(text) if in_folded else _spaced(text))) if need else _digit().search(text):
                    break
            else:
                return False
        return True


class Facts(NamedTuple):
    """What the analyser could tell of a pattern: either may be None (nothing certain)."""

    prefilter: Prefilter | None
    first_characters: str | None
    """The members of a character class (as written in a pattern) one of which begins every match."""

    def looked_ahead(self, pattern: str) -> str:
        """`pattern` behind a lookahead for the characters its matches begin with, where they are known."""
        if self.first_characters is None:
            return pattern
        flags = _GLOBAL_FLAGS.match(pattern)  # they stay first, where `re` requires them
        start = flags.end() if flags else 0
        return f"{pattern[:start]}(?=[{self.first_characters}])(?:{pattern[start:]})"


_GLOBAL_FLAGS = re.compile(r"(?:\(\?[aiLmsux]+\))+")


def key(pattern: str, flags: int) -> str:
    """The table's key of a pattern compiled with `flags`."""
    return hashlib.blake2b(f"{flags}:{pattern}".encode(), digest_size=12).hexdigest()


def known(pattern: str, flags: int) -> Facts | None:
    """The facts written ahead of time for `pattern` with `flags`, or None where the table holds none."""
    from salesbot.extract.pattern_facts import FACTS  # on first use: a webhook that reads no text never loads it

    written = FACTS.get(key(pattern, flags))
    return decoded(written) if written else None


# A pattern's facts in the table: (its prefilter's clauses, one a line, their needs apart by tabs, each
# marked folded "i", as it is "=" or a digit "d"; its first characters). Needs hold no tab or line
# break (every whitespace character is a space in them), and each pattern's are decoded on its first use.
Written = tuple[str | None, str | None]
_MARKS = {"i": True, "=": False}


def encoded(facts: Facts) -> Written:
    clauses = facts.prefilter.clauses if facts.prefilter else ()
    return ("\n".join("\t".join(("i" if folded else "=") + need if need else "d" for need, folded in clause)
                      for clause in clauses) or None, facts.first_characters)


def decoded(written: Written) -> Facts:
    clauses, first_characters = written
    prefilter = Prefilter(tuple(tuple((need[1:], _MARKS[need[0]]) if need != "d" else DIGIT for need in clause.split("\t"))
                                for clause in clauses.split("\n"))) if clauses else None
    return Facts(prefilter, first_characters)


def analyse(pattern: str, flags: int = 0) -> Facts | None:
    """The facts of `pattern` compiled with `flags`, read from its parsed form; None where `re`'s
    parser is missing or the pattern is invalid or unreadable."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern, flags)
        flags = parsed.state.flags
        items = list(parsed)
        prefilter = _prefilter(_clauses(items, folded=bool(flags & re.IGNORECASE)))
        firsts = _first_characters(items, ignorecase=bool(flags & re.IGNORECASE))
    except (re.error, _Unreadable):
        return None
    except (AttributeError, TypeError, ValueError, KeyError, IndexError):
        return None  # a parsed form that is not what this module reads: `re`'s internals changed
    first_characters = "".join(sorted(firsts[0])) if firsts and not firsts[1] else None
    return Facts(prefilter, first_characters)


class _Unreadable(Exception):
    """The walk met what it does not follow: nothing certain of the pattern."""


# --- The prefilter: a walk over the parsed items, a sequence of runs of literals at each level.

_ALTERNATIVES = 16
"""The most texts a run of literals may stand for ("кв\\.?\\s?м": 4) before it is cut where it grows."""
_CHOICES = 3
"""The most clauses read from the branches of one group (each one clause of every branch, joined)."""
_MOST = 3
"""The most clauses a prefilter checks (the most selective)."""
_NEED = 8
"""The most characters of a need checked: as selective as the whole word, in a smaller table."""
_NEEDS = 160
"""The most needs of a clause checked: more would cost a message more than running the pattern."""


class _Sequence:
    """One branch being read: the clauses found so far, and the run of literals being extended (the
    texts it may be: an optional character or a small set makes it more than one)."""

    __slots__ = ("clauses", "folded", "runs")

    def __init__(self, folded: bool) -> None:
        self.folded = folded
        self.clauses: list[Clause] = []
        self.runs = [""]

    def extend(self, characters: str) -> None:
        """The runs followed by one of `characters` (a literal is a single one)."""
        if len(self.runs) * len(characters) > _ALTERNATIVES:
            self.add([])
        else:
            self.runs = [run + character for run in self.runs for character in characters]

    def repeat(self, characters: str, least: int, most: int) -> None:
        """The runs followed by `least` to `most` of `characters`."""
        if least:  # the runs up to its first repetition, and its last one followed by what comes next
            self.extend(characters)
            if most > 1:
                self.close_run()
                self.runs = list(characters) if len(characters) <= _ALTERNATIVES else [""]
        elif most == 1 and len(self.runs) * (len(characters) + 1) <= _ALTERNATIVES:
            self.runs = [*self.runs, *(run + character for run in self.runs for character in characters)]
        else:
            self.close_run()

    def close_run(self) -> None:
        runs = list(dict.fromkeys(self.runs))
        if all(runs):
            self.clauses.append(tuple((run, self.folded) for run in runs))
        self.runs = [""]

    def add(self, clauses: list[Clause]) -> None:
        self.close_run()
        self.clauses += clauses

    def finish(self) -> list[Clause]:
        self.close_run()
        return self.clauses


def _score(clause: Clause) -> tuple[int, int]:
    # The longer its shortest need (a digit counts as two characters) and the fewer its needs, the
    # fewer texts a clause lets through and the cheaper it is to check.
    return min(len(need) if need else 2 for need, _ in clause), -len(clause)


def _either(branches: list[list[Clause]]) -> list[Clause]:
    """Clauses a match of one of `branches` satisfies: each joins one clause of every branch (the
    best of each, then the second best...)."""
    if len(branches) == 1:
        return branches[0]
    if not all(branches):
        return []
    ranked = [sorted(clauses, key=_score, reverse=True) for clauses in branches]
    return [tuple(dict.fromkeys(need for clauses in ranked for need in clauses[min(choice, len(clauses) - 1)]))
            for choice in range(min(_CHOICES, max(map(len, ranked))))]


def _class(members: list[tuple[Any, Any]]) -> str | Need | None:
    """What one character of a class is: one of a few characters (a space for any `\\s`), a digit, or
    None where it may be too many to tell."""
    if members in ([(_sre.CATEGORY, _sre.CATEGORY_DIGIT)], [(_sre.RANGE, (ord("0"), ord("9")))]):
        return DIGIT
    characters = ""
    for op, argument in members:
        if op is _sre.LITERAL:
            characters += chr(argument)
        elif op is _sre.CATEGORY and argument is _sre.CATEGORY_SPACE:
            characters += " "
        else:
            return None
    characters = "".join(dict.fromkeys(characters))
    return characters if len(characters) <= _ALTERNATIVES else None


def _one_character(items: list[tuple[Any, Any]]) -> str | Need | None:
    """What a repeated item is when it is one character: see `_class`."""
    if len(items) == 1:
        op, argument = items[0]
        if op is _sre.LITERAL:
            return chr(argument)
        if op is _sre.IN:
            return _class(argument)
    return None


def _clauses(items: list[tuple[Any, Any]], *, folded: bool) -> list[Clause]:
    """The clauses every match of the parsed `items` satisfies."""
    sequence = _Sequence(folded)
    for op, argument in items:
        if op is _sre.LITERAL:
            sequence.extend(chr(argument))
        elif op is _sre.IN:
            one = _class(argument)
            if isinstance(one, str):
                sequence.extend(one)
            else:
                sequence.add([(one,)] if one else [])
        elif op in _REPEATS:
            least, most, repeated = argument
            one = _one_character(list(repeated))
            if isinstance(one, str):
                sequence.repeat(one, least, most)
            elif one:
                sequence.add([(one,)] if least else [])
            else:  # a repeated group holds what one repetition does
                sequence.add(_clauses(list(repeated), folded=folded) if least else [])
        elif op is _sre.SUBPATTERN:
            _, added, removed, inner = argument
            inner_folded = (folded or bool(added & re.IGNORECASE)) and not removed & re.IGNORECASE
            sequence.add(_clauses(list(inner), folded=inner_folded))
        elif op is _sre.ATOMIC_GROUP:
            sequence.add(_clauses(list(argument), folded=folded))
        elif op is _sre.ASSERT:  # a lookahead's or lookbehind's text is in the text too
            sequence.add(_clauses(list(argument[1]), folded=folded))
        elif op is _sre.BRANCH:
            sequence.add(_either([_clauses(list(branch), folded=folded) for branch in argument[1]]))
        elif op in _NOTHING_CERTAIN:
            sequence.add([])
        else:
            raise _Unreadable(op)
    return sequence.finish()


def _prefilter(clauses: list[Clause]) -> Prefilter | None:
    checked = [clause for clause in dict.fromkeys(map(_shortest, clauses)) if len(clause) <= _NEEDS]
    chosen = sorted(checked, key=_score, reverse=True)[:_MOST]
    return Prefilter(tuple(chosen)) if chosen else None


def _shortest(clause: Clause) -> Clause:
    """`clause` as checked: its needs folded or spaced, cut to their first `_NEED` characters (a need's
    start is in the text wherever the need is), and none that holds another (found wherever it is)."""
    needs = sorted({((fold(need) if folded else need.translate(_SPACES))[:_NEED], folded) for need, folded in clause},
                   key=lambda need: (len(need[0]), need))
    kept: list[Need] = []
    for need, folded in needs:
        if not any(other in need and other_folded == folded for other, other_folded in kept if other):
            kept.append((need, folded))
    return tuple(kept)


# --- The first characters: what begins a match, for the lookahead.

def _first_characters(items: list[tuple[Any, Any]], *, ignorecase: bool) -> tuple[set[str], bool] | None:
    """(the class items, as written in a pattern, of the characters a match of the parsed `items` may begin with,
    whether it may be empty), or None when they cannot be told (any character, a back reference, a scoped flag)."""
    firsts: set[str] = set()
    for op, argument in items:
        if op is _sre.AT or op is _sre.ASSERT or op is _sre.ASSERT_NOT:
            continue
        if op is _sre.LITERAL:
            return firsts | {re.escape(chr(argument))}, False
        if op is _sre.IN:
            members = _class_members(argument)
            return (firsts | members, False) if members is not None else None
        if op is _sre.BRANCH or op is _sre.SUBPATTERN or op in _REPEATS:
            if op is _sre.BRANCH:
                inner = [_first_characters(list(branch), ignorecase=ignorecase) for branch in argument[1]]
            elif op is _sre.SUBPATTERN:
                _, added, removed, pattern = argument
                if (added | removed) & re.IGNORECASE and not ignorecase:
                    return None  # "(?i:...)" in a pattern that is otherwise case-sensitive
                inner = [_first_characters(list(pattern), ignorecase=ignorecase)]
            else:
                least, _, pattern = argument
                inner = [_first_characters(list(pattern), ignorecase=ignorecase)]
                inner += [(set(), True)] if least == 0 else []
            if any(found is None for found in inner):
                return None
            firsts |= {member for found in inner if found for member in found[0]}
            if not any(found[1] for found in inner if found):
                return firsts, False
            continue
        return None
    return firsts, True


def _class_members(members: list[tuple[Any, Any]]) -> set[str] | None:
    found: set[str] = set()
    for op, argument in members:
        if op is _sre.LITERAL:
            found.add(re.escape(chr(argument)))
        elif op is _sre.RANGE:
            found.add(f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}")
        elif op is _sre.CATEGORY and argument in _CATEGORIES:
            found.add(_CATEGORIES[argument])
        else:
            return None  # a negated class, whose complement a class of its own cannot hold with the others
    return found
