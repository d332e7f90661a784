"""Checks the shape of the hand-off phrase set before anyone scores a detector against it.

Each line is one customer message labelled `human_request`, `post_sale` or `neither`; the set
must stay big enough and balanced enough for precision and recall to mean something (at least
90 lines, 30 of each label, roughly half Russian and half English). Standard library only:
`python3 tests/data/handoff/check.py`.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from jsonl import read_lines

PHRASES = Path(__file__).resolve().parent / "phrases.jsonl"
LABELS = ("human_request", "post_sale", "neither")
LANGS = ("ru", "en")
MIN_LINES, MIN_PER_LABEL = 90, 30
LANG_SHARE = (0.4, 0.6)  # "about half" each


def main() -> int:
    lines, errors = read_lines(PHRASES)
    rows, seen = [], set()
    for where, row in lines:
        if not isinstance(row, dict) or set(row) != {"text", "lang", "label"}:
            errors.append(f"{where}: keys must be exactly text, lang, label")
            continue
        if not isinstance(row["text"], str) or not row["text"] or row["text"].strip() != row["text"]:
            errors.append(f"{where}: text must be non-empty, without surrounding spaces")
            continue
        if row["lang"] not in LANGS or row["label"] not in LABELS:
            errors.append(f"{where}: lang must be one of {LANGS}, label one of {LABELS}")
            continue
        if row["text"].casefold() in seen:
            errors.append(f"{where}: the same text twice")
        seen.add(row["text"].casefold())
        rows.append(row)

    labels = Counter(row["label"] for row in rows)
    langs = Counter(row["lang"] for row in rows)
    if len(rows) < MIN_LINES:
        errors.append(f"{len(rows)} phrases, at least {MIN_LINES} wanted")
    errors += [f"{label}: {labels[label]} phrases, at least {MIN_PER_LABEL} wanted"
               for label in LABELS if labels[label] < MIN_PER_LABEL]
    errors += [f"{lang}: {langs[lang]} of {len(rows)} phrases, not about half"
               for lang in LANGS if rows and not LANG_SHARE[0] <= langs[lang] / len(rows) <= LANG_SHARE[1]]

    print(f"{len(rows)} phrases")
    by_pair = Counter((row["lang"], row["label"]) for row in rows)
    for label in LABELS:
        print(f"  {label}: {labels[label]}  " + ", ".join(f"{lang} {by_pair[lang, label]}" for lang in LANGS))
    for error in errors:
        print("ERROR", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
