"""How `pattern_facts` is made: every engine pattern's facts (`salesbot.extract.analysis`), read
ahead of time so that a cold start reads none.

    python -m salesbot.extract.build_pattern_facts   # rewrites salesbot/extract/pattern_facts.py

Run it after editing a pattern: tests/test_pattern_analysis.py fails while the table is out of date
(the edited pattern works, compiled for every text, until then).
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from salesbot.extract.analysis import analyse, encoded, key
from salesbot.extract.patterns import LazyPattern

TABLE = Path(__file__).with_name("pattern_facts.py")
ENGINE = ("salesbot.extract", "salesbot.brain")
"""The packages whose modules make the engine's patterns at import."""


def engine_patterns() -> dict[str, LazyPattern]:
    """Every `LazyPattern` the engine's modules hold, by its key in the table."""
    found: dict[str, LazyPattern] = {}
    for name in ENGINE:
        package = importlib.import_module(name)
        for module in [package, *(importlib.import_module(module.name)
                                  for module in pkgutil.walk_packages(package.__path__, f"{name}."))]:
            for value in vars(module).values():
                _collect(value, found)
    return found


def _collect(value: object, found: dict[str, LazyPattern]) -> None:
    # Patterns are kept in tuples and dicts too (the FAQ's topics, the brain's details), and a
    # guarded one holds its guard.
    if isinstance(value, LazyPattern):
        found[key(value.pattern, value.flags)] = value
        _collect(getattr(value, "needs", None), found)
    elif isinstance(value, dict):
        for item in value.values():
            _collect(item, found)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            _collect(item, found)


def source(patterns: dict[str, LazyPattern]) -> str:
    """The module `patterns`' facts are written to."""
    lines = []
    for digest, pattern in sorted(patterns.items()):
        facts = analyse(pattern.pattern, pattern.flags)
        lines.append(f"    {digest!r}: {encoded(facts) if facts else (None, None)!r},")
    # One pattern a line: branches that change different patterns change different lines.
    return ('"""Every engine pattern\'s facts, by `analysis.key`: written by `build_pattern_facts`, not by hand."""\n\n'
            "FACTS = {\n" + "\n".join(lines) + "\n}\n")


if __name__ == "__main__":
    patterns = engine_patterns()
    TABLE.write_text(source(patterns))
    print(f"{TABLE}: {len(patterns)} patterns")  # noqa: T201
