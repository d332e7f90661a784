"""Errors that reach the edge, each with the HTTP status and code the client sees."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class ApiError(Exception):
    """An error with a status and a message safe to show to the client, and the problems it found, if
    it lists them (`details`: one object each, sent as `errors`). A refusal the database explains
    by a reason (`reason`, with the `values` its wording needs) may be worded afresh for a person."""

    status: int = 400
    code: str = "bad_request"
    details: list[dict[str, str]] | None = None
    reason: str | None = None
    values: Mapping[str, Any] = {}

    def __init__(self, message: str, *, status: int | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class BadRequest(ApiError):
    status, code = 400, "bad_request"


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"


class Forbidden(ApiError):
    status, code = 403, "forbidden"


class NotFound(ApiError):
    status, code = 404, "not_found"


class TooManyRequests(ApiError):
    """Over a limit: nothing was taken in; send again after `retry_after` seconds."""

    status, code = 429, "too_many_requests"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class Unavailable(ApiError):
    """A dependency is down; the client should retry (Telegram does, on any non-2xx)."""

    status, code = 503, "unavailable"
