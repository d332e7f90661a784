"""GET and PUT of a company's settings document, as the `settings` function and the CLI do them.

The document travels whole: read with its revision (the ETag), replaced whole with the revision it
was read at (If-Match), so two admins editing at once cannot overwrite each other unseen (412).
What is stored is what the company wrote, validated: fields it left out keep their defaults.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from salesbot.db import Database, company_arg
from salesbot.errors import ApiError, BadRequest
from salesbot.http import loads_json
from salesbot.settings import InvalidSettings, Problem, validate

_ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')


@dataclass(frozen=True)
class Stored:
    document: dict[str, Any]
    revision: int

    @property
    def etag(self) -> str:
        return f'"{self.revision}"'


class SettingsRejected(ApiError):
    """A document that breaks the rules: every problem, with its JSON path."""

    status, code = 422, "invalid_settings"

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"the settings document has {len(problems)} problem(s): {problems[0]}"
                         + (" ..." if len(problems) > 1 else ""))
        self.problems = problems
        self.details = [{"path": problem.path, "message": problem.message} for problem in problems]


def read(db: Database, claims: Mapping[str, Any], owner_id: UUID | None = None) -> Stored:
    """The document of the company `owner_id` (None: the caller's only company), with its revision."""
    row = db.rpc("get_bot_settings", {"p_owner_id": company_arg(owner_id)}, claims)
    if row is None:
        raise ApiError("this company has no settings", status=404, code="not_found")
    return Stored(row["document"], int(row["revision"]))


def replace(db: Database, claims: Mapping[str, Any], document: object, if_match: str | None = None,
            owner_id: UUID | None = None) -> Stored:
    """Validates and stores a whole document; `if_match` is the ETag it was read at (None or "*": any)."""
    revision = revision_of(if_match)
    try:
        settings = validate(document)
    except InvalidSettings as invalid:
        raise SettingsRejected(invalid.problems) from None
    if "\\u0000" in json.dumps(document):
        raise SettingsRejected([Problem("$", "text must not contain NUL characters")])
    canonical = settings.model_dump(mode="json", exclude_unset=True)
    row = db.rpc("put_bot_settings", {"p_document": canonical, "p_revision": revision,
                                      "p_owner_id": company_arg(owner_id)}, claims)
    return Stored(row["document"], int(row["revision"]))


def parse_body(raw: bytes) -> object:
    try:
        return loads_json(raw)
    except ValueError:
        raise BadRequest("the body must be the settings document as JSON") from None


def revision_of(if_match: str | None) -> int | None:
    """The revision an If-Match header names; None for none or "*". Any other value matches no revision."""
    if if_match is None or if_match.strip() in ("", "*"):
        return None
    found = _ETAG.match(if_match)
    if found is None:
        raise ApiError("If-Match: an ETag this function gave, e.g. \"3\"", status=412, code="precondition_failed")
    return int(found.group(1))
