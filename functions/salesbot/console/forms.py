"""What the console's forms share: a refused field is shown beside itself, with its reason, whether
the form's model or the RPC behind it refused it; an addition past the plan's count is shown on its
page; the field types several forms take."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING, Annotated, Any

import flask
from pydantic import AfterValidator, StringConstraints, ValidationError

from salesbot.errors import ApiError

if TYPE_CHECKING:
    from salesbot.console.app import Handler
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
                return page_again(page, 402, plan_limit=error.message)

        return handle

    return decorate
