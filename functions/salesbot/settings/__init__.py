"""The settings document a company writes for its bot: validated in full, read back safely.

- `validate` checks a whole document against `models.BotSettings` and reports every problem with
  its JSON path (`$.offerings[0].price.amount`), as the `settings` function answers a bad PUT
  (422) and the CLI prints it. The database holds the same rules (`private.settings_errors`).
- `read_stored` turns what the database holds into settings for the chat and never fails: should
  anything unreadable be there (a row written before a rule existed, a rule the database could not
  hold), the chat goes on without that part, and one log line says which paths were skipped.
- `parse_file` reads YAML or JSON, as the CLI accepts them.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from salesbot.models import BotSettings
from salesbot.recent import Recent

log = logging.getLogger(__name__)

_UNION_TAG_ERRORS = ("union_tag_invalid", "union_tag_not_found")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a JSON path) and what; for a reader that words it in
    another language (the console), pydantic's error type and its values, as `errors()` gives them."""

    path: str
    message: str
    type: str = ""
    context: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InvalidSettings(ValueError):
    """A settings document that breaks the rules; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems[:3]))
        self.problems = problems


def validate(document: object) -> BotSettings:
    """The document as settings, or InvalidSettings listing every problem."""
    try:
        return BotSettings.model_validate(document)
    except ValidationError as error:
        raise InvalidSettings(problems(error, document)) from None


def problems(error: ValidationError, document: object) -> list[Problem]:
    found = []
    for detail in error.errors(include_url=False, include_input=False):
        location = list(detail["loc"])
        if detail["type"] in _UNION_TAG_ERRORS and isinstance(_node(location, document), dict):
            location.append("kind")  # the price's kind is what is wrong
        found.append(Problem(json_path(location, document), _message(detail), detail["type"], detail.get("ctx", {})))
    return found


def _node(location: Sequence[int | str], document: object) -> object:
    node = document
    for part in location:
        if not _is_tag(node, part):
            node = _child(node, part)
    return node


def _child(node: object, part: int | str) -> object:
    if isinstance(node, list) and isinstance(part, int):
        return node[part] if 0 <= part < len(node) else None
    return node.get(part) if isinstance(node, dict) else None


def _is_tag(node: object, part: int | str) -> bool:
    """Pydantic puts the kind of the price it chose ("from") into the location: no key of the document."""
    return isinstance(node, dict) and part not in node and node.get("kind") == part


def json_path(location: Sequence[int | str], document: object) -> str:
    """Pydantic's location as a JSON path into the document: "$.offerings[0].price.amount"."""
    path, node = "$", document
    for part in location:
        if _is_tag(node, part):
            continue
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
        node = _child(node, part)
    return path


def _message(detail: Any) -> str:
    kind = detail["type"]
    if kind == "extra_forbidden":
        return "not a known field"
    if kind == "missing":
        return "required"
    if kind in _UNION_TAG_ERRORS:
        return "one of exact, from, range, free, on_request"
    if kind == "model_attributes_type":
        return "must be an object"
    return str(detail["msg"])


# Companies whose settings a function instance keeps read, with their matcher's index.
_READ: Recent[str, BotSettings] = Recent(64)


def read_stored(document: object, version: object = None) -> BotSettings:
    """Settings from a stored document, leaving out whatever cannot be read (one log line says where).

    `version` names the stored revision (the chat context's `settings_version`): the settings read
    for it are kept, so a company's next message does not read and index them again."""
    if version is None:
        return _read(document)
    key = json.dumps(version, default=str)
    found = _READ.get(key)
    if found is None:
        found = _read(document)
        _READ.put(key, found)
    return found


def _read(document: object) -> BotSettings:
    try:
        return BotSettings.model_validate(document)
    except ValidationError as error:
        if not isinstance(document, dict):
            log.error("stored bot settings are not a document; answering with empty settings")
            return BotSettings()
        found = problems(error, document)
        kept = _without(document, [problem.path for problem in found])
        log.error("stored bot settings break %d rule(s); answering without %s",
                  len(found), ", ".join(sorted({problem.path for problem in found})))
        try:
            return BotSettings.model_validate(kept)
        except ValidationError:
            return BotSettings(company_name=str(document.get("company_name") or "")[:200])


def _without(document: dict[str, Any], paths: list[str]) -> dict[str, Any]:
    """The document without the top-level fields the paths point into, or the list items they name."""
    kept = dict(document)
    drop_items: dict[str, set[int]] = {}
    for path in paths:
        head = path.removeprefix("$.").split(".")[0]
        key, _, rest = head.partition("[")
        if rest and isinstance(kept.get(key), list):
            drop_items.setdefault(key, set()).add(int(rest.split("]")[0]))
        else:
            kept.pop(key, None)
    for key, indexes in drop_items.items():
        if isinstance(kept.get(key), list):
            kept[key] = [item for index, item in enumerate(kept[key]) if index not in indexes]
    return kept


def parse_file(text: str, name: str = "") -> Any:
    """A document written as JSON, or as YAML (a superset of JSON); `name` hints which. ValueError
    when it is neither, saying where."""
    if name.endswith(".json"):
        return json.loads(text)
    import yaml  # the CLI's only: the deployed functions never read YAML

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ValueError(str(error)) from None
