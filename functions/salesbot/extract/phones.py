"""Phone numbers, in whatever format a customer writes them, as E.164."""

from __future__ import annotations

import re

import phonenumbers

_E164 = phonenumbers.PhoneNumberFormat.E164
# Digits right after these are an order, invoice or document number, not a phone.
_NOT_A_PHONE_BEFORE = re.compile(
    r"(?:#|№|\bno\.|\border|\binvoice|\bзаказ\w*|\bсч[её]т\w*|\bинн|\bдоговор\w*|\bартикул\w*|\bid)\s*[:#№]?\s*$",
    re.IGNORECASE,
)
_STRAIGHT_RUNS = ("01234567890123456789", "98765432109876543210")


def find_phones(text: str, region: str) -> list[tuple[str, tuple[int, int]]]:
    """Valid phone numbers in `text` (national ones read in `region`), each with where it stands."""
    found: list[tuple[str, tuple[int, int]]] = []
    for match in phonenumbers.PhoneNumberMatcher(text, region or "RU", leniency=phonenumbers.Leniency.VALID):
        number = match.number
        if not phonenumbers.is_valid_number(number) or _looks_made_up(str(number.national_number)):
            continue
        if _NOT_A_PHONE_BEFORE.search(text[max(0, match.start - 20):match.start]):
            continue
        e164 = phonenumbers.format_number(number, _E164)
        if e164 not in (phone for phone, _ in found):
            found.append((e164, (match.start, match.end)))
    return found


def _looks_made_up(national: str) -> bool:
    # A number of one or two repeated digits, or one straight run of digits, is what people type
    # to avoid giving a real one; calling it would reach a stranger.
    subscriber = national[-7:]
    return len(set(subscriber)) <= 2 or any(national in run for run in _STRAIGHT_RUNS)
