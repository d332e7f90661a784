"""Email addresses, lower-cased, without the punctuation around them."""

from __future__ import annotations

import re

# Anchored at each "@" and read outwards with bounded patterns: a search from every position of a
# long text would cost its length times the longest local part.
_LOCAL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+-])?$")
_DOMAIN = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])")
_LOCAL_STOP = re.compile(r"[^A-Za-z0-9._%+'-]")
_MAX_LOCAL = 64
_MAX_AT_SIGNS = 100  # a message with more "@" than this is not someone leaving their address
_MAX_EMAILS = 10


def find_emails(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Email addresses in `text`, each lower-cased, with where it stands.

    Rejected: doubled dots, a local part that starts or ends with a dot, a domain without a dot or
    with a numeric top-level label, and anything glued to another "@"."""
    found: list[tuple[str, tuple[int, int]]] = []
    at = text.find("@")
    examined = 0
    while at != -1 and examined < _MAX_AT_SIGNS and len(found) < _MAX_EMAILS:
        examined += 1
        email = _email_at(text, at)
        if email and email[0].lower() not in (known.lower() for known, _ in found):
            found.append(email)
        at = text.find("@", at + 1)
    return found


def _email_at(text: str, at: int) -> tuple[str, tuple[int, int]] | None:
    window_start = max(0, at - _MAX_LOCAL - 1)
    window = text[window_start:at]
    stop = None
    for stop in _LOCAL_STOP.finditer(window):
        pass
    local_from = stop.end() if stop else 0
    if window_start > 0 and stop is None:
        return None  # a local part longer than 64 characters is no address
    local_text = window[local_from:].lstrip(".'-")
    if local_text.startswith("'"):
        local_text = local_text[1:]
    local = _LOCAL.search(local_text)
    domain = _DOMAIN.match(text, at + 1)
    if not local or not domain or local.start() != 0:
        return None
    if text[domain.end():domain.end() + 1] == "@" or ".." in local.group():
        return None
    start = at - len(local.group())
    if text[start - 1:start] == "@":
        return None  # "a@b.com@c.com" is not one address, and which one was meant is a guess
    # Lower-cased whole: providers treat the local part without case, and one lead should not be two.
    return f"{local.group()}@{domain.group()}".lower(), (start, domain.end())
