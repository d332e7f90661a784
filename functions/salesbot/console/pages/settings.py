"""The bot's settings document as a form (admin and above), saved through the settings API's own
path (`salesbot.settings.service`): the whole document, validated by the same model, with the
revision it was read at, so a concurrent edit is caught. Each problem the API reports (a JSON
path and a message) is shown beside the field that holds that path.

Text fields are inputs; the kinds of customer contact the bot takes are checkboxes; the structured
parts (offerings, FAQ, hours) are JSON in a text area each, so every field of the model stays
editable without a form per nested shape.
"""

from __future__ import annotations

import json
from typing import Any

import flask

from salesbot.console import messages
from salesbot.console.app import Page
from salesbot.errors import ApiError
from salesbot.http import loads_json
from salesbot.models import ASKED_FIELDS
from salesbot.settings import Problem, read_stored, service

TEXT = ("company_name", "phone_region", "persona.name", "persona.tone", "persona.greeting", "contacts.phone",
        "contacts.whatsapp", "contacts.telegram", "contacts.email", "contacts.address", "contacts.website")
LONG_TEXT = ("description", "internal_notes")
LISTS = ("persona.languages", "lead_fields", "not_offered")  # one item a line
STRUCTURED = ("hours", "offerings", "faq")  # JSON
# Checkboxes (of models.CUSTOMER_CONTACTS), with a hidden blank of the same name so that none ticked
# is sent too (and refused: the bot needs a kind of contact), while a form without it keeps the default.
CHOICES = ("customer_contacts",)
FIELDS = (*TEXT, *LONG_TEXT, "persona.gender", "persona.formal", *LISTS, *CHOICES, *STRUCTURED)
OPTIONAL = frozenset({"phone_region", "hours"} | {name for name in TEXT if name.startswith("contacts.")})


def settings(page: Page) -> flask.Response:
    member = page.me()
    if page.request.method == "GET":
        stored = service.read(page.services.database, member.claims, member.company_id)
        return _form(page, _values(stored.document), stored.revision, {})
    form = page.request.form
    revision = form.get("revision", "")
    errors: dict[str, str] = {}
    document = _document(form, errors, page.language)
    if errors:
        return _form(page, _sent(form), revision, errors, status=422)
    try:
        service.replace(page.services.database, member.claims, document, f'"{revision}"' if revision else None,
                        member.company_id)
    except service.SettingsRejected as rejected:
        grouped: dict[str, list[Problem]] = {}
        for problem in rejected.problems:
            grouped.setdefault(_field_of(problem.path), []).append(problem)
        return _form(page, _sent(form), revision, _messages(grouped, page.language), status=422)
    except ApiError as error:
        if error.status != 412:
            raise
        return _form(page, _sent(form), revision, {"form": page._(
            "Someone saved the settings while you were editing: open the page again to see their changes.")},
            status=409)
    page.notify(page._("Settings saved"))
    return page.redirect(page.url("settings"))


def _form(page: Page, values: dict[str, Any], revision: object, errors: dict[str, str],
          status: int = 200) -> flask.Response:
    return page.render("settings.html", status=status, values=values, revision=revision, errors=errors,
                       text_fields=TEXT, long_fields=LONG_TEXT, list_fields=LISTS, structured_fields=STRUCTURED,
                       asked_fields=ASKED_FIELDS)


def _sent(form: Any) -> dict[str, Any]:
    """What the admin sent, to show again: text as typed, the boxes they ticked."""
    ticked = {name: [kind for kind in form.getlist(name) if kind] for name in CHOICES if name in form}
    return {**form.to_dict(), **ticked}


def _get(document: dict[str, Any], name: str) -> Any:
    node: Any = document
    for part in name.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def _values(stored: dict[str, Any]) -> dict[str, Any]:
    """The stored document as the form's values, defaults shown as what the bot uses."""
    document = read_stored(stored).model_dump(mode="json")
    values: dict[str, Any] = {}
    for name in FIELDS:
        value = _get(document, name)
        if name in LISTS:
            values[name] = "\n".join(str(item) for item in value or [])
        elif name in CHOICES:
            values[name] = list(value)
        elif name in STRUCTURED:
            values[name] = "" if value is None else json.dumps(value, ensure_ascii=False, indent=2)
        elif name == "persona.formal":
            values[name] = "on" if value else ""
        else:
            values[name] = "" if value is None else str(value)
    return values


def _document(form: Any, errors: dict[str, str], language: str) -> dict[str, Any]:
    """The form as a settings document; a field that is not even JSON is an error beside itself."""
    document: dict[str, Any] = {}
    for name in FIELDS:
        if name not in form and name != "persona.formal":  # an unchecked box is not sent at all
            continue  # not on the form that was sent: its default applies
        raw = form.get(name, "")
        if name in LISTS:
            value: Any = [line.strip() for line in raw.splitlines() if line.strip()]
        elif name in CHOICES:
            value = [kind for kind in form.getlist(name) if kind]
        elif name in STRUCTURED:
            if not raw.strip():
                value = None if name == "hours" else []
            else:
                try:
                    value = loads_json(raw)
                except ValueError as error:
                    errors[name] = messages.not_json(language, error)
                    continue
        elif name == "persona.formal":
            value = raw == "on"
        else:
            value = raw.strip()
        if name in OPTIONAL and value in ("", None):
            continue
        _put(document, name, value)
    return document


def _put(document: dict[str, Any], name: str, value: Any) -> None:
    *parents, last = name.split(".")
    node = document
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _field_of(path: str) -> str:
    """The form field that holds a JSON path: `$.offerings[0].price.amount` is in `offerings`."""
    bare = path.removeprefix("$").removeprefix(".")
    holders = [name for name in FIELDS if bare == name or bare.startswith((f"{name}.", f"{name}["))]
    return max(holders, key=len, default="form")


def _messages(grouped: dict[str, list[Problem]], language: str) -> dict[str, str]:
    """One line per field; where a field holds more than one value, each problem names its path."""
    def said(field: str, problem: Problem) -> str:
        text = messages.validation(language, problem.type, problem.message, problem.context)
        return f"{problem.path}: {text}" if field in STRUCTURED or field == "form" else text

    return {field: "; ".join(said(field, problem) for problem in problems) for field, problems in grouped.items()}
