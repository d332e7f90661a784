"""What the console's forms share: a refused field is shown beside itself, with its reason."""

from __future__ import annotations

from pydantic import ValidationError


def field_errors(error: ValidationError) -> dict[str, str]:
    """Each invalid field's first problem, by field name."""
    errors: dict[str, str] = {}
    for problem in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in problem["loc"]) or "form"
        errors.setdefault(where, problem["msg"].removeprefix("Value error, "))
    return errors
