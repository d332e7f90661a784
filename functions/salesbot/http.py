"""The edge: JSON bodies in, JSON (or a stream) out, and every failure as a JSON error."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import flask
from pydantic import BaseModel, ValidationError

from salesbot.errors import ApiError, BadRequest, Unauthorized

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_DOCUMENT_BYTES = 512 * 1024
"""A body that is a whole settings document: a price list of a thousand lines with descriptions fits."""
MAX_REQUEST_KEY_CHARS = 128
Model = TypeVar("Model", bound=BaseModel)
Handler = Callable[[flask.Request], Any]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> flask.Response:
    return flask.Response(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        headers=headers,
        mimetype="application/json",
    )


def error_response(error: ApiError) -> flask.Response:
    headers = {"Retry-After": "1"} if error.status == 503 else None
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.details:
        body["errors"] = error.details
    return json_response({"error": body}, error.status, headers)


def endpoint(*methods: str, max_body: int = MAX_BODY_BYTES) -> Callable[[Handler], Handler]:
    """Wraps an entry point: checks the method, maps errors to JSON, never leaks a traceback."""
    allowed = methods or ("POST",)

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def entry_point(request: flask.Request) -> flask.Response:
            if request.method not in allowed:
                return error_response(
                    ApiError(f"use {' or '.join(allowed)}", status=405, code="method_not_allowed")
                )
            try:
                if request.content_length is not None and request.content_length > max_body:
                    raise _too_large(max_body)
                result = handler(request)
            except ApiError as error:
                return error_response(error)
            except Exception:
                log.exception("unhandled error in %s", handler.__name__)
                return error_response(ApiError("internal error", status=500, code="internal"))
            return result if isinstance(result, flask.Response) else json_response(result)

        return entry_point

    return wrap


def _too_large(limit: int) -> ApiError:
    return ApiError(f"the body is over {limit} bytes", status=413, code="too_large")


def read_body(request: flask.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, at most `limit` bytes of it (a chunked body has no length to check first)."""
    raw = request.get_data(cache=True)
    if len(raw) > limit:
        raise _too_large(limit)
    return raw


def request_key(headers: Any, name: str) -> str | None:
    """The client's key for a request it may send again (`name` header), or None when it sent none."""
    key = (headers.get(name) or "").strip()
    if len(key) > MAX_REQUEST_KEY_CHARS:
        raise BadRequest(f"{name}: at most {MAX_REQUEST_KEY_CHARS} characters")
    return key or None


def bearer_token(headers: Any) -> str:
    """The token of an `Authorization: Bearer <token>` header."""
    scheme, _, token = (headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send the access token as 'Authorization: Bearer <token>'")
    return token.strip()


def parse_body(request: flask.Request, model: type[Model]) -> Model:
    """The request's JSON body as `model`, or a 400 that says what is wrong with it."""
    try:
        return model.model_validate_json(read_body(request))
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None


def parse_query(request: flask.Request, model: type[Model]) -> Model:
    """The query string as `model` (each parameter once), or a 400 that says what is wrong."""
    repeated = [key for key, values in request.args.lists() if len(values) > 1]
    if repeated:
        raise BadRequest(f"{repeated[0]}: give this parameter once")
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None


def describe_validation_error(error: ValidationError) -> str:
    """One readable line per problem, e.g. `text: String should have at most 4096 characters`."""
    problems = []
    for problem in error.errors(include_url=False, include_input=False):
        where = ".".join(str(part) for part in problem["loc"]) or "body"
        problems.append(f"{where}: {problem['msg']}")
    return "; ".join(problems)
