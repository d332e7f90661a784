"""Email addresses, lower-cased, without the punctuation around them, also when written to dodge
bots: "anna at yandex dot ru", "anna(собака)mail.ru", "anna [at] gmail [dot] com", "anna @ mail . ru",
"olga dot petrova at gmail dot com"."""

from __future__ import annotations

import re
from functools import lru_cache

from salesbot.extract.normalize import LazyPattern

# Anchored at each "@" and read outwards with bounded patterns: a search from every position of a
# long text would cost its length times the longest local part.
_LOCAL = LazyPattern(r"[A-Za-z0-9](?:[A-Za-z0-9._%+'-]{0,62}[A-Za-z0-9_%+-])?$")
_DOMAIN = LazyPattern(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![\w-])")
_LOCAL_STOP = LazyPattern(r"[^A-Za-z0-9._%+'-]")
_MAX_LOCAL = 64
_MAX_AT_SIGNS = 100  # a message with more "@" than this is not someone leaving their address
_MAX_EMAILS = 10
_AT_WORD = r"(?:at|собака|собачка|sobaka|dog)"
_DOT_WORD = r"(?:dot|точка|tochka)"
_LOCAL_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
_DOT_BETWEEN = rf"\s*[(\[{{<]\s*{_DOT_WORD}\s*[)\]}}>]\s*|\s+{_DOT_WORD}\s+"
_OBFUSCATED_PATTERN = (
    # The local part may spell its dots too ("olga dot petrova at gmail dot com").
    rf"(?<![\w.@])(?P<local>{_LOCAL_WORD}(?:(?:{_DOT_BETWEEN}){_LOCAL_WORD}){{0,3}})"
    rf"(?P<at>\s*[(\[{{<]\s*(?:{_AT_WORD}|@)\s*[)\]}}>]\s*|\s+{_AT_WORD}\s+|\s+@\s*|\s*@\s+)"
    rf"(?P<domain>[A-Za-z0-9-]{{1,63}}(?:(?:{_DOT_BETWEEN}|\s\.\s?|\.)[A-Za-z0-9-]{{1,63}}){{1,4}})"
    r"(?![\w@-]|\.[A-Za-z0-9])"
)
_DOT_SPELLED = LazyPattern(rf"{_DOT_BETWEEN}|\s\.\s?", re.IGNORECASE)
_OBFUSCATION_HINT = LazyPattern(rf"(?i)\s@|@\s|[(\[{{<]\s*(?:{_AT_WORD}|@)|\s{_AT_WORD}\s")
# With a bare "at" between two words ("me at home dot com"), only a domain people use for mail counts.
_MAIL_TLDS = frozenset("ru com net org io info biz ua kz by uz de uk co me pro su am ge kg tj az md lv lt ee pl cz us ca".split())


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
    if len(found) < _MAX_EMAILS and _OBFUSCATION_HINT.search(text):
        for match in _obfuscated().finditer(text):
            address = _deobfuscated(match)
            if address and address not in (known for known, _ in found):
                found.append((address, match.span()))
                if len(found) >= _MAX_EMAILS:
                    break
    return found


@lru_cache(maxsize=1)
def _obfuscated() -> re.Pattern[str]:
    # Compiled on first use: most messages hold no address written to dodge bots.
    return re.compile(_OBFUSCATED_PATTERN, re.IGNORECASE)


def _deobfuscated(match: re.Match[str]) -> str | None:
    domain = _DOT_SPELLED.sub(".", match.group("domain")).lower()
    labels = domain.split(".")
    if not labels[-1].isalpha() or not 2 <= len(labels[-1]) <= 24 or any(not label or label.startswith("-") for label in labels):
        return None
    at_word = match.group("at").strip().lower()
    if at_word.isalpha() and labels[-1] not in _MAIL_TLDS:
        return None
    local = _DOT_SPELLED.sub(".", match.group("local")).lower()
    return None if ".." in local else f"{local}@{domain}"


def _email_at(text: str, at: int) -> tuple[str, tuple[int, int]] | None:
    window_start = max(0, at - _MAX_LOCAL - 1)
    window = text[window_start:at]
    stop = None
    for match in _LOCAL_STOP.finditer(window):  # the last one counts
        stop = match
    local_from = stop.end() if stop else 0
    if window_start > 0 and stop is None:
        return None  # a local part longer than 64 characters is no address
    local_text = window[local_from:].lstrip(".'-")
    local_text = local_text.removeprefix("'")
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
