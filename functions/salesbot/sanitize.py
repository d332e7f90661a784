"""Cleaning what customers type before anything stores or parses it."""

from __future__ import annotations

import re
import unicodedata

MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one message, and ours
NAME_CHARS = 200  # a display name, as the customers table holds it

# Control characters (C0, DEL, C1) except tab and newline; lone surrogates, which no database
# text can hold; and every format character (Unicode's Cf), which shows nothing yet changes what a
# text says: bidirectional overrides and isolates that reorder what a manager reads, invisible
# separators and marks, and the tag block (U+E0000...), whose characters spell out instructions a
# model reads and a dashboard never shows. Kept: the zero-width non-joiner and joiner (U+200C,
# U+200D), which Persian, the Indic scripts and emoji sequences need. Written out rather than
# built from `unicodedata` at import (a scan of every code point costs a cold start ~0.2 s); the
# list is Unicode 15.1's, and tests/test_text_cleaning.py checks it against this Python's Unicode.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\ud800-\udfff"
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f]"
)
_BLANK_LINES = re.compile(r"\n{3,}")
# What shows nothing though it is kept: white space, Unicode's default-ignorable code points (the
# joiners kept above, the variation selectors, and the Hangul fillers, which count as letters) and
# the blank braille pattern, which looks like a space and is none. A text of these alone says nothing.
_SHOWS_NOTHING = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]*"
)


def clean_text(text: str) -> str:
    """NFC-normalised text without control, surrogate or format characters (but the joiners), trimmed."""
    # Removed before normalising: what an invisible character kept apart may compose once it is gone.
    text = _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _BLANK_LINES.sub("\n\n", unicodedata.normalize("NFC", text)).strip()


def says_something(text: str) -> bool:
    """Whether `text` shows anything: more than spaces and characters that show nothing."""
    return not _SHOWS_NOTHING.fullmatch(text)


def visible_text(text: str) -> str:
    """`clean_text` of a field that must say something: one of spaces and invisible characters only is
    refused as such, not as a "value with at least 1 item after validation"."""
    cleaned = clean_text(text)
    if not says_something(cleaned):
        from pydantic_core import PydanticCustomError  # loaded already: only a request body's validation calls this

        raise PydanticCustomError("blank", "holds nothing visible, only spaces or invisible characters")
    return cleaned


def truncate(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """At most `limit` characters, cut on a word boundary when one is near, as Telegram clients do."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", limit - 200)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"
