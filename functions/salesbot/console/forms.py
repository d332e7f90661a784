"""What the console's forms share: a refused field is shown beside itself, with its reason in the
member's language, whether the form's model or the RPC behind it refused it; an addition past the
plan's count is shown on its page; the field types several forms take."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Annotated, Any

import flask
from pydantic import BeforeValidator, StringConstraints, ValidationError

from salesbot.console import messages
from salesbot.errors import ApiError

if TYPE_CHECKING:
    from salesbot.console.app import Handler
from salesbot.sanitize import clean_text


def _cleaned(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


Name = Annotated[str, StringConstraints(min_length=1, max_length=200), BeforeValidator(_cleaned)]
"""A display name: a channel's, an integration's. Cleaned first (a BeforeValidator wraps the limits
written before it), so the limits count the characters kept and are checked as a text's ("at most
200 characters"); limits written after a validator are pydantic's generic ones ("200 items")."""


def field_errors(error: ValidationError, language: str) -> dict[str, str]:
    """Each invalid field's first problem, by field name."""
    errors: dict[str, str] = {}
    for problem in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in problem["loc"]) or "form"
        if where not in errors:
            errors[where] = messages.validation(language, problem["type"], problem["msg"], problem.get("ctx"))
    return errors


def refused_field(error: ApiError, fields: Collection[str], language: str,
                  renamed: Mapping[str, str] | None = None) -> dict[str, str]:
    """The field a refusal names, as the RPCs and their helpers name it ("url: the endpoint must be
    on a public address"), with its reason; `renamed` maps their name to the form's. Any other
    error is raised again, for the error page."""
    named, found, reason = error.message.partition(": ")
    field = (renamed or {}).get(named, named)
    if error.status >= 500 or not found or field not in fields:
        raise error
    return {field: messages.refusal(language, reason)}


def plan_limit_shown(page_again: Callable[..., flask.Response]) -> Callable[[Handler], Handler]:
    """A form's handler whose addition the plan has no room for (a 402: a channel, a member, an
    integration) answers with its page `page_again(page, 402, plan_limit=message)`, the reason at the
    top, rather than an error page: the member stays where they were, and learns what to do."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def handle(page: Any, **args: Any) -> flask.Response:
            try:
                return handler(page, **args)
            except ApiError as error:
                if error.status != 402:
                    raise
                return page_again(page, 402, plan_limit=messages.refused(page.language, error))

        return handle

    return decorate
