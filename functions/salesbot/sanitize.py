"""Cleaning what customers type before anything stores or parses it."""

from __future__ import annotations

import re
import unicodedata

MAX_MESSAGE_CHARS = 4096  # Telegram's limit for one message, and ours

# Control characters (C0, DEL, C1) except tab and newline, and the invisible format
# characters that hide text or flip its direction.
_UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """NFC-normalised text without control or invisible characters, trimmed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _UNWANTED.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def truncate(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """At most `limit` characters, cut on a word boundary when one is near, as Telegram clients do."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ", limit - 200)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"
