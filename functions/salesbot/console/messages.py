"""What a refused field says, in the member's language.

A form's errors come in English from three places: pydantic's own checks (a name too long, a word
where a number goes), our validators (the console's forms, the settings document, the CRM's
settings), and the RPCs behind the forms, which name the field they refuse ("url: the endpoint
must be on a public address"). In English each is shown as it is said. In Russian, pydantic's are
worded afresh from their `type` and `ctx` (`russian.ERROR_TYPES`); ours are looked up by their
English text (`russian.ERRORS`), a template where the message puts values in ("choose from
{choices}"), whose values go into the Russian. A message the catalogue does not know is shown in
English rather than not at all.

A refusal of the database a member reads whole (a plan's limit, an invitation expired, the last
owner) names its reason (`ApiError.reason`, from the error's detail); the console words each reason
itself (`REFUSALS`, through the phrase catalogue like any other phrase), in either language.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

from salesbot.console.i18n import fill, translator
from salesbot.console.russian import ERROR_TYPES, ERRORS, JSON_ERRORS
from salesbot.errors import ApiError

NOT_JSON = "not valid JSON: {reason}: line {line} column {column} (char {position})"
_LISTS = ("expected", "expected_tags", "expected_schemes")
"""What pydantic's context lists as English ("'a', 'b' or 'c'")."""


def _(phrase: str) -> str:
    """Marks a phrase for the catalogue; it is translated where it is shown."""
    return phrase


REFUSALS = {
    # The plan's limits (private.require_plan_room): "plan_limit_" and what it counts.
    "plan_limit_channels": _("The {plan} plan includes {included} {included:channel|channels|channels} besides the "
                             "test chat, and all are in use: upgrade the plan to add more."),
    "plan_limit_seats": _("The {plan} plan includes {included} team {included:seat|seats|seats}, pending invitations "
                          "included, and all are taken: upgrade the plan to invite more."),
    "plan_limit_member": _("The {plan} plan includes {included} team {included:seat|seats|seats}, and all are taken: "
                           "ask the company's owner to upgrade the plan, then accept the invitation again."),
    "plan_limit_crm_connectors": _("The {plan} plan includes {included} CRM {included:connector|connectors|connectors}, "
                                   "webhooks included, and all are in use: upgrade the plan to add more."),
    # The team and its invitations
    "last_owner": _("A company must keep at least one owner: make someone else owner first."),
    "no_email": _("Sign in with an email address first."),
    "email_unconfirmed": _("Confirm your email address first: invitations are answered from a confirmed address."),
    "no_such_invitation": _("There is no such invitation: it may have been withdrawn or answered already."),
    "invitation_expired": _("This invitation has expired: ask for a new one."),
    "no_such_member": _("There is no such member in this company."),
    "not_a_member": _("You are not a member of that company."),
    # Paying
    "plan_not_sold": _("That plan cannot be bought here: choose one from the list."),
    "paid_plan_runs": _("The company already has a paid plan: change it in the billing portal."),
    "no_billing_account": _("There is no billing account yet: choose a plan first."),
}
"""Each reason the database gives a refusal, as the console says it (English; Russian in RUSSIAN)."""


def refused(language: str, error: ApiError) -> str:
    """What a member reads of an error: its reason in the console's words, else its message as said."""
    phrase = REFUSALS.get(error.reason or "")
    if phrase is None:
        return error.message
    try:
        return translator(language)(phrase, **error.values)
    except (KeyError, ValueError, IndexError):  # a reason without the values its wording needs
        return error.message


def validation(language: str, kind: str, message: str, context: Mapping[str, Any] | None = None) -> str:
    """A pydantic error (its `type`, `msg` and `ctx`, as `ValidationError.errors()` gives them)."""
    context = context or {}
    if kind == "value_error" and "error" in context:  # a validator of ours raised ValueError
        message = str(context["error"])
    if language != "ru":
        return message
    if kind not in ERROR_TYPES:
        return _ours(language, message, context)
    try:
        return fill(language, ERROR_TYPES[kind], {key: _or(value) if key in _LISTS else value
                                                  for key, value in context.items()})
    except (KeyError, ValueError):  # a pydantic that words this error with other values
        return message


def refusal(language: str, reason: str) -> str:
    """The reason an RPC gave for refusing a field."""
    return _ours(language, reason, {}) if language == "ru" else reason


def not_json(language: str, error: ValueError) -> str:
    """A field that should hold JSON and does not; in English, as Python's parser says it."""
    if not isinstance(error, json.JSONDecodeError):  # parsed, but a number longer than Python reads
        return f"not valid JSON: {error}"
    reason = JSON_ERRORS.get(error.msg, error.msg) if language == "ru" else error.msg
    template = JSON_ERRORS[NOT_JSON] if language == "ru" else NOT_JSON
    return fill(language, template, {"reason": reason, "line": error.lineno, "column": error.colno,
                                     "position": error.pos})


def _ours(language: str, message: str, context: Mapping[str, Any]) -> str:
    found = _template_of(message)
    if found is None:
        return message
    english, values = found
    values |= {key: context[key] for key in values if key in context}  # typed, where the error has them
    return fill(language, ERRORS[english], {key: ERRORS.get(value, value) if isinstance(value, str) else value
                                            for key, value in values.items()})


def _template_of(message: str) -> tuple[str, dict[str, Any]] | None:
    """The catalogue's English for `message`, and the values it put into the template's fields."""
    if message in ERRORS and message not in _patterns():
        return message, {}
    for english, pattern in _patterns().items():
        matched = pattern.fullmatch(message)
        if matched:
            return english, matched.groupdict()
    return None


@functools.cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """Each template of the catalogue as a pattern that reads the values back out of a message."""
    patterns = {}
    for english in ERRORS:
        parts = re.split(r"\{(\w+)\}", english)
        if len(parts) > 1:
            patterns[english] = re.compile("".join(re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
                                                   for index, part in enumerate(parts)), re.DOTALL)
    return patterns


def _or(listed: object) -> object:
    """Pydantic's "'a', 'b' or 'c'" with the Russian "или"."""
    if not isinstance(listed, str):
        return listed
    head, found, last = listed.rpartition(" or ")
    return f"{head} или {last}" if found else listed
