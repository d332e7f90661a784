"""Email addresses."""

from __future__ import annotations

import re

_EMAIL = re.compile(
    r"(?<![\w.+-])([A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?)@"
    r"((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24})(?![\w-])"
)


def find_emails(text: str) -> list[tuple[str, tuple[int, int]]]:
    """Email addresses in `text`, lower-cased, each with where it stands."""
    found: list[tuple[str, tuple[int, int]]] = []
    for match in _EMAIL.finditer(text):
        local, domain = match.groups()
        if ".." in local:
            continue
        email = f"{local}@{domain}".lower()
        if email not in (known for known, _ in found):
            found.append((email, match.span()))
    return found
