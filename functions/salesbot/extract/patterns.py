"""The engine's regular expressions: compiled on first use, only for a text they can match, and run on
long texts behind a lookahead for what their matches begin with (`salesbot.extract.analysis`)."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from types import MethodType
from typing import Any

from salesbot.extract.analysis import Facts, analyse, known

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")
_WIDE = 12  # alternatives, from which a pattern is worth a lookahead on long texts
_LONG_TEXT = 1000  # characters: a long letter; a chat message is shorter
_CHECKS = 100  # texts a prefilter turns away before its pattern is compiled anyway: a first message's calls


class LazyPattern:
    """A regular expression used like a compiled one (`.search`, `.finditer`...), compiled on first
    use and only for a text that holds what every match of it holds.

    Compiling is pure Python in `re` (about 70 ms for the engine's patterns, ~10 ms for the
    largest), and a cold start pays for every pattern compiled, whether the message matches it or
    not. Before compiling, a call checks the text with the pattern's prefilter (the literals every
    match holds, written ahead of time by `salesbot.extract.analysis`) and, where the text lacks
    them, answers "no match" as the compiled pattern would: most messages name no time, no money and
    no complaint, so most cold starts never compile those.

    A pattern of many alternatives is run on a long text behind a lookahead for the characters its
    matches begin with (compiled on the first long text: milliseconds that no message of ordinary
    length would win back). `re` tries every branch at every position, and with IGNORECASE cannot
    skip ahead to where one may begin: a pattern of a hundred words costs milliseconds on 8,000
    characters of anything, and the lookahead lets most positions fail at once.

    Once compiled, a pattern puts the compiled pattern's methods on this object (a wide one, the
    choice between its two forms), where they shadow the ones below and a subclass's guard: from then
    on a call costs what a compiled pattern's does."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None
        self._wide = False
        self._turned_away: str | None = None  # the last text the prefilter turned away
        self._checks_left = _CHECKS

    @cached_property
    def facts(self) -> Facts | None:
        """What is known of every match ahead of time; None where the table holds nothing of the pattern
        (it was edited since the table was written: compiled for every text, as written)."""
        return known(self.pattern, self.flags)

    @cached_property
    def _looked_ahead(self) -> re.Pattern[str]:
        # A pattern the table does not know is read now: once, and only for a long text.
        facts = self.facts or analyse(self.pattern, self.flags)
        return re.compile(facts.looked_ahead(self.pattern) if facts else self.pattern, self.flags)

    def _for(self, string: str) -> re.Pattern[str] | None:
        """The compiled pattern to run on `string`, or None where `string` cannot match it."""
        if self._compiled is None:
            if self._turns_away(string):
                return None
            self._compiled = re.compile(self.pattern, self.flags)
            self._wide = self.pattern.count("|") >= _WIDE
            for name in _METHODS:  # a wide pattern keeps choosing, by the text's length, between its two forms
                setattr(self, name, MethodType(getattr(LazyPattern, name), self) if self._wide else getattr(self._compiled, name))
        return self._looked_ahead if self._wide and len(string) > _LONG_TEXT else self._compiled

    def _turns_away(self, string: str) -> bool:
        """Whether the prefilter finds that `string` cannot match. A pattern that has turned away
        `_CHECKS` texts is called often enough to be worth compiling: then it no longer checks."""
        if string is self._turned_away:  # the parsers call a pattern at many positions of one text
            return True
        prefilter = self.facts.prefilter if self.facts else None
        if prefilter is None or self._checks_left == 0 or prefilter.admits(string):
            return False
        self._turned_away, self._checks_left = string, self._checks_left - 1
        return True

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return compiled.search(string, pos, endpos) if compiled else None

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return compiled.match(string, pos, endpos) if compiled else None

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self._for(string)
        return compiled.fullmatch(string, pos, endpos) if compiled else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        compiled = self._for(string)
        return compiled.finditer(string, pos, endpos) if compiled else iter(())

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        compiled = self._for(string)
        return compiled.findall(string, pos, endpos) if compiled else []

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        compiled = self._for(string)
        return compiled.sub(repl, string, count) if compiled else string

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        compiled = self._for(string)
        return compiled.subn(repl, string, count) if compiled else (string, 0)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        compiled = self._for(string)
        return compiled.split(string, maxsplit) if compiled else [string]


class GuardedPattern(LazyPattern):
    """A large `LazyPattern` compiled only once a text holds one of the words, chosen by hand, that
    every match of it contains.

    `needs` is a small pattern, with the same flags, that finds a piece of text every match of
    `pattern` holds. For these patterns (thousands of characters of alternatives) the derived
    prefilter says less than the words chosen here ("двух", a number word, is in "двухкомнатную",
    "кв" of "кв.м" in every "квартира"), so both are checked. It must stay a necessary condition
    (tests/test_guarded_patterns.py): a branch added to `pattern` adds its words to `needs`. Once
    compiled, the pattern's own methods shadow these, and the guard is no longer tried."""

    def __init__(self, pattern: str, flags: int = 0, *, needs: str) -> None:
        super().__init__(pattern, flags)
        self.needs = LazyPattern(needs, flags)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return super().search(string, pos, endpos) if self.needs.search(string, pos, endpos) else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return super().finditer(string, pos, endpos) if self.needs.search(string, pos, endpos) else iter(())
