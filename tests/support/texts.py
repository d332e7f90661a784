"""Every customer text of the development data and every string of the tests: the corpus on which a
pattern's guard or prefilter is held against the pattern itself."""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
DATA = TESTS / "data"
DEVELOPMENT = [DATA / "conversations.jsonl", *sorted(DATA.glob("dev*/conversations.jsonl")),
               DATA / "dialogues" / "dialogues.jsonl",
               DATA / "handoff" / "phrases.jsonl", DATA / "settings_qa" / "questions.jsonl"]


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def _test_strings() -> Iterator[str]:
    for path in TESTS.glob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value


TEXTS = sorted({text for path in DEVELOPMENT for line in path.read_text().splitlines() if line.strip()
                for text in _texts(json.loads(line))} | set(_test_strings()))
