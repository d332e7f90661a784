"""Numbers dictated in words, as people write a phone number to a bot that might not read digits:
"восемь девятьсот шестнадцать ноль ноль ноль одиннадцать двадцать два", "nine one six, double five".

Each run of number words (digits may stand among them) becomes the digits it says, group by
group: "девятьсот шестнадцать" and "nine hundred and sixteen" are 916, "двадцать два" is 22, "ноль" is 0, "double five" is 55.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {
    "ноль": 0, "нуль": 0, "один": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9,
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_TEENS = {
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
    "восемьдесят": 80, "девяносто": 90,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700,
    "восемьсот": 800, "девятьсот": 900,
}
_HUNDRED = "hundred"  # English says its hundreds in two words: "nine hundred (and) sixteen" is 916
_REPEATS = {"double": 2, "triple": 3, "дважды": 2}
_PLUS = {"+", "plus", "плюс"}
_WORDS = {**_UNITS, **_TEENS, **_TENS, **_HUNDREDS}
_TOKEN = re.compile(r"[A-Za-zА-Яа-яЁё]+|\d+|\+|,")  # a comma ends a group: "nine hundred, one two" is 900 12
# A run: number words and digit groups separated only by spaces, commas or dashes.
_RUN_PATTERN = (
    r"(?:(?<![\w])(?:" + "|".join(sorted({*_WORDS, *_REPEATS, *_PLUS} - {"+"}, key=len, reverse=True))
    + rf"|{_HUNDRED}(?:\s+and(?=\s))?|\d{{1,4}}|\+)(?![\w])[\s,.-]{{0,3}}){{3,40}}"
)
MIN_WORDS = 3  # fewer number words than this is a count or a price, not a dictated number...
MIN_MIXED_DIGITS = 7  # ...unless digits written among them make a run a phone's length ("8 девятьсот шестнадцать 555 12 34")


def spoken_runs(text: str) -> list[tuple[str, tuple[int, int]]]:
    """The digits each dictated run in `text` says, with where the run stands; only runs of 3+ number
    words, or of fewer among digits written as such, together as long as a phone number."""
    found = []
    for run in _run().finditer(text):
        tokens = _TOKEN.findall(run.group())
        words = sum(token.lower() in _WORDS for token in tokens)
        if not words:
            continue
        digits = _digits(tokens)
        if words < MIN_WORDS and len(digits.lstrip("+")) < MIN_MIXED_DIGITS:
            continue
        if digits:
            found.append((digits, (run.start(), run.end() - len(run.group()) + len(run.group().rstrip(" ,.-")))))
    return found


@lru_cache(maxsize=1)
def _run() -> re.Pattern[str]:
    # Compiled on first use: few messages dictate a number, and compiling it costs a first reply 2 ms.
    return re.compile(_RUN_PATTERN, re.IGNORECASE)


def spell_out(text: str) -> str:
    """`text` with every dictated run replaced by its digits (for checking that digits were written)."""
    for digits, (start, end) in reversed(spoken_runs(text)):
        text = f"{text[:start]}{digits}{text[end:]}"
    return text


def _digits(tokens: list[str]) -> str:
    out: list[str] = []
    repeat = 1
    index = 0
    while index < len(tokens):
        token = tokens[index].lower()
        if token in _PLUS:
            out.append("+")
            index += 1
            continue
        if token.isdigit():
            out.append(token * repeat)
            repeat, index = 1, index + 1
            continue
        if token in (_HUNDRED, "and", ","):  # a "hundred" with no number before it says none
            index += 1
            continue
        if token in _REPEATS:
            repeat, index = _REPEATS[token], index + 1
            continue
        value, index = _group(tokens, index)
        out.append(str(value) * repeat)
        repeat = 1
    return "".join(out)


def _group(tokens: list[str], index: int) -> tuple[int, int]:
    """One spoken group from tokens[index]: "девятьсот шестнадцать" -> 916, "двадцать два" -> 22."""
    def word(at: int) -> str:
        return tokens[at].lower() if at < len(tokens) else ""

    token = word(index)
    value, index = _WORDS[token], index + 1
    if token in _UNITS and value and word(index) == _HUNDRED:  # "nine hundred", "nine hundred and twelve"
        token, value, index = _HUNDRED, value * 100, index + 1
        index += word(index) == "and"
    if token in _HUNDREDS or token == _HUNDRED:
        if word(index) in _TENS:
            value, index = value + _TENS[word(index)], index + 1
            if word(index) in _UNITS and _UNITS[word(index)]:
                value, index = value + _UNITS[word(index)], index + 1
        elif word(index) in _TEENS or (word(index) in _UNITS and _UNITS[word(index)]):
            value, index = value + _WORDS[word(index)], index + 1
    elif token in _TENS and word(index) in _UNITS and _UNITS[word(index)]:
        value, index = value + _UNITS[word(index)], index + 1
    return value, index
