"""Text as the parsers want it: compatibility-normalised (full-width digits become ASCII) and
without invisible characters, so that what a customer sees is what the patterns match."""

from __future__ import annotations

import re
import re._constants as sre  # the parsed form of a pattern: `re` keeps no public one
import re._parser as sre_parse
import sys
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufe00-\ufe0f]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_QUOTES = re.compile(r"[\u2018\u2019\u02bc]")
# Bounds on what the patterns may be handed, so that none can be made to backtrack over a whole
# message: a pattern with two whitespace runs in a row ("my name is" + 8,000 newlines) or a word
# repeated inside a word ("O'O'O'...", a run of 8,000 letters) tries every split of the run, from
# every position (seconds of CPU for one message). No name, place, number or address a customer
# writes needs more than a blank line in a row or a "word" of more than LONGEST_WORD characters
# (an e-mail address is at most 254).
_LINE_BREAKS = re.compile(r"\s*\n\s*")
LONGEST_WORD = 256
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD}}}(?=\S)")

# Letters Latin and Cyrillic share the look of. A word mixing the two scripts ("Ивaн" typed with a
# Latin "a" after a keyboard switch, or a lookalike sent on purpose: "Jоhn", "exаmple.com") is read
# in the script most of its letters are in, when its other letters all have a twin there: the name,
# place or address a reader sees is what is parsed and stored.
_CYRILLIC_TWINS = "аАеЕоОрРсСхХуВНКМТ"
_LATIN_TWINS = "aAeEoOpPcCxXyBHKMT"
_TO_CYRILLIC = str.maketrans(_LATIN_TWINS, _CYRILLIC_TWINS)
_TO_LATIN = str.maketrans(_CYRILLIC_TWINS, _LATIN_TWINS)
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")
# A word where the two scripts meet, read from the word's start only (each word is scanned once).
_MIXED_WORD = re.compile(r"(?<!\w)\w*?(?:[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z])\w*")

MAX_PARSED_CHARS = 8192
"""Parsers read at most this much of a message. Twice the product's own message limit (4096, Telegram's):
the engine does not rely on its caller to have cut the text, and its cost stays bounded whatever is sent."""


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """NFKC (full-width digits and letters become ASCII), no invisible or control characters except
    newlines, one kind of dash and apostrophe, runs of spaces collapsed, at most one blank line in a
    row, no word longer than LONGEST_WORD (longer ones are cut), a word of Latin and Cyrillic
    lookalikes in one script.

    Kept per text: every message reads the customer's earlier ones again (their country, a number
    split over two messages)."""
    text = unicodedata.normalize("NFKC", text[: MAX_PARSED_CHARS * 2])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _DASHES.sub("-", text)
    text = _QUOTES.sub("'", text)
    text = _MIXED_WORD.sub(_in_one_script, text)
    text = _SPACES.sub(" ", text)
    text = _LINE_BREAKS.sub(lambda run: "\n\n" if run.group().count("\n") > 1 else "\n", text)
    return _LONG_WORD.sub(lambda word: word.group() + " ", text)[:MAX_PARSED_CHARS]


def _in_one_script(word: re.Match[str]) -> str:
    mixed = word.group()
    latin, cyrillic = len(_LATIN_LETTER.findall(mixed)), len(_CYRILLIC_LETTER.findall(mixed))
    folded = mixed.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)
    return mixed if _LATIN_LETTER.search(folded) and _CYRILLIC_LETTER.search(folded) else folded


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the given spans blanked out, so later parsers do not read them again.

    Offsets are kept (spaces, not deletion), so spans found later still point into the original."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


_CYRILLIC_WORD = re.compile(r"[а-яё]+")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


@lru_cache(maxsize=1)
def _stemmers() -> tuple[Any, Any]:
    # Loaded on first use: the webhooks that never read a customer's words never pay for it.
    import Stemmer  # PyStemmer: the Snowball algorithms in C, 1 ms to import where the pure-Python package takes 14

    return Stemmer.Stemmer("russian"), Stemmer.Stemmer("english")


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The Snowball stem of a Russian or English word ("квартиру", "квартира" -> "квартир"; "offices" -> "offic").

    The one stemmer of the project: FAQ, offering and keyword matching all compare these. Words in
    other scripts, digits and mixes come back lower-cased as they are."""
    word = word.lower().replace("ё", "е")
    russian, english = _stemmers()
    if _CYRILLIC_WORD.fullmatch(word):
        return str(russian.stemWord(word))
    if _LATIN_WORD.fullmatch(word):
        return str(english.stemWord(word.removesuffix("'s")))
    return word


class LazyPattern:
    """A regular expression compiled on first use, used like a compiled one (`.search`, `.finditer`...).

    Compiling is pure Python in `re` (about 70 ms for the engine's patterns), and every pattern
    compiled at import is paid by every cold start, whether the first message needs it or not. The
    first call compiles the pattern and puts its methods on this object, where they shadow the ones
    below: from then on a call costs what a compiled pattern's does."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags

    def _compiled(self) -> re.Pattern[str]:
        compiled = re.compile(self.pattern, self.flags)
        methods: re.Pattern[str] | _LongTexts = compiled if self.pattern.count("|") < _WIDE else _LongTexts(compiled)
        for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
            setattr(self, name, getattr(methods, name))
        return compiled

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compiled().match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._compiled().fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self._compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self._compiled().sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self._compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self._compiled().split(string, maxsplit)


_WIDE = 12  # alternatives, from which a pattern is worth a lookahead on long texts
_LONG_TEXT = 1000  # characters: a long letter; a chat message is shorter
_GLOBAL_FLAGS = re.compile(r"\A\(\?[aiLmsux]+\)")
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _LongTexts:
    """A pattern of many alternatives, run on a long text with the lookahead of `_with_first_characters`, compiled on
    the first long text: compiling it costs milliseconds that no message of ordinary length would win back."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self._plain = compiled
        self._ahead: re.Pattern[str] | None = None

    def _for(self, string: str) -> re.Pattern[str]:
        if len(string) <= _LONG_TEXT:
            return self._plain
        if self._ahead is None:
            self._ahead = _with_first_characters(self._plain.pattern, self._plain.flags)
        return self._ahead

    def search(self, string: str, *args: int) -> re.Match[str] | None:
        return self._for(string).search(string, *args)

    def match(self, string: str, *args: int) -> re.Match[str] | None:
        return self._for(string).match(string, *args)

    def fullmatch(self, string: str, *args: int) -> re.Match[str] | None:
        return self._for(string).fullmatch(string, *args)

    def finditer(self, string: str, *args: int) -> Iterator[re.Match[str]]:
        return self._for(string).finditer(string, *args)

    def findall(self, string: str, *args: int) -> list[Any]:
        return self._for(string).findall(string, *args)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self._for(string).sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self._for(string).subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self._for(string).split(string, maxsplit)


def _with_first_characters(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`pattern` compiled, with a lookahead for the characters its matches can begin with, when they are known.

    `re` tries every branch of an alternation at every position of the text, and with IGNORECASE it cannot skip
    ahead to a position where one may begin (it does only for case-less literals): a pattern of a hundred
    words ("понедельн|вторник|...|monday|...") costs milliseconds on 8,000 characters of anything. Checked
    first, the class of the characters that begin its branches lets most positions fail at once. The lookahead
    is a necessary condition of every match, so the matches are the same."""
    parsed = sre_parse.parse(pattern, flags)
    flags = parsed.state.flags
    firsts = _first_characters(list(parsed), ignorecase=bool(flags & re.IGNORECASE))
    if not firsts or firsts[1]:
        return re.compile(pattern, flags)  # any character, or none, may begin a match
    return re.compile(f"(?=[{''.join(sorted(firsts[0]))}])(?:{_GLOBAL_FLAGS.sub('', pattern)})", flags)


def _first_characters(items: list[tuple[Any, Any]], *, ignorecase: bool) -> tuple[set[str], bool] | None:
    """(the class items, as written in a pattern, of the characters a match of the parsed `items` may begin with,
    whether it may be empty), or None when they cannot be told (any character, a back reference, a scoped flag)."""
    firsts: set[str] = set()
    for op, argument in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return firsts | {re.escape(chr(argument))}, False
        if op is sre.IN:
            members = _class_members(argument)
            return (firsts | members, False) if members is not None else None
        if op is sre.BRANCH or op is sre.SUBPATTERN or op in _REPEATS:
            if op is sre.BRANCH:
                inner = [_first_characters(list(branch), ignorecase=ignorecase) for branch in argument[1]]
            elif op is sre.SUBPATTERN:
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
        if op is sre.LITERAL:
            found.add(re.escape(chr(argument)))
        elif op is sre.RANGE:
            found.add(f"{re.escape(chr(argument[0]))}-{re.escape(chr(argument[1]))}")
        elif op is sre.CATEGORY and argument in _CATEGORIES:
            found.add(_CATEGORIES[argument])
        else:
            return None  # a negated class, whose complement a class of its own cannot hold with the others
    return found


class GuardedPattern(LazyPattern):
    """A large `LazyPattern` compiled only once a text holds one of the words every match of it contains.

    `needs` is a small pattern, with the same flags, that finds a piece of text every match of
    `pattern` holds: where it finds none, `pattern` cannot match, and `search` and `finditer` answer
    without compiling it (pure Python in `re`, growing with the pattern's size: ~10 ms for the
    largest). Most messages name no time, no money and no complaint, so most cold starts never
    compile those. Once compiled, the pattern's own methods shadow these, as `LazyPattern`'s do, and
    the guard is no longer tried. It must stay a necessary condition: a branch added to `pattern`
    adds its words to `needs`."""

    def __init__(self, pattern: str, flags: int = 0, *, needs: str) -> None:
        super().__init__(pattern, flags)
        self.needs = LazyPattern(needs, flags)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return super().search(string, pos, endpos) if self.needs.search(string, pos, endpos) else None

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return super().finditer(string, pos, endpos) if self.needs.search(string, pos, endpos) else iter(())


WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+(?:['-][A-Za-zА-Яа-яЁё]+)*")
"""A word of Latin or Cyrillic letters, with inner hyphens and apostrophes ("Ростов-на-Дону", "O'Brien")."""
