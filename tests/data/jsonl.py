"""Reading the hand-labelled JSON Lines files, shared by the data sets' check scripts.

Each check reports problems by file and line, so a bad line is told apart from a bad shape.
"""

from __future__ import annotations

import json
from pathlib import Path


def read_lines(path: Path) -> tuple[list[tuple[str, object]], list[str]]:
    """Each parsed line with its `file:line` place, and the lines that are not JSON."""
    rows, errors = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        try:
            rows.append((where, json.loads(line)))
        except json.JSONDecodeError as error:
            errors.append(f"{where}: not JSON: {error}")
    return rows, errors
