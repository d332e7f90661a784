"""What the console's forms share: a refused field is shown beside itself, with its reason, whether
the form's model or the RPC behind it refused it; the field types several forms take."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Annotated

from pydantic import AfterValidator, StringConstraints, ValidationError

from salesbot.errors import ApiError
from salesbot.sanitize import clean_text

Name = Annotated[str, AfterValidator(clean_text), StringConstraints(min_length=1, max_length=200)]
"""A display name: a channel's, an integration's."""


def field_errors(error: ValidationError) -> dict[str, str]:
    """Each invalid field's first problem, by field name."""
    errors: dict[str, str] = {}
    for problem in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in problem["loc"]) or "form"
        errors.setdefault(where, problem["msg"].removeprefix("Value error, "))
    return errors


def refused_field(error: ApiError, fields: Collection[str], renamed: Mapping[str, str] | None = None) -> dict[str, str]:
    """The field a refusal names, as the RPCs and their helpers name it ("url: the endpoint must be
    on a public address"), with its reason; `renamed` maps their name to the form's. Any other
    error is raised again, for the error page."""
    named, found, reason = error.message.partition(": ")
    field = (renamed or {}).get(named, named)
    if error.status >= 500 or not found or field not in fields:
        raise error
    return {field: reason}
