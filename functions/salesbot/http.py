"""The edge: JSON bodies in, JSON (or a stream) out, and every failure as a JSON error.

Pydantic is imported by the functions that validate, not here: every entry point imports this
module, and a request turned away at the door (a missing token, a wrong webhook secret) never loads
pydantic (about 30 ms of a cold start).
"""

from __future__ import annotations

import functools
import io
import json
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

import flask
from werkzeug.exceptions import ClientDisconnected

from salesbot.errors import ApiError, BadRequest, TooManyRequests, Unauthorized

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
MAX_DOCUMENT_BYTES = 512 * 1024
"""A body that is a whole settings document: a price list of a thousand lines with descriptions fits."""
MAX_REQUEST_KEY_CHARS = 128
# The company a signed-in user acts for, on every function call (see acting_company).
COMPANY_HEADER = "X-Salesbot-Company"
_READ_CHUNK_BYTES = 16 * 1024
Model = TypeVar("Model", bound="BaseModel")
Handler = Callable[[flask.Request], Any]


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> flask.Response:
    return flask.Response(
        json.dumps(body, ensure_ascii=False, default=str),
        status=status,
        headers=headers,
        mimetype="application/json",
    )


def error_response(error: ApiError) -> flask.Response:
    retry_after = error.retry_after if isinstance(error, TooManyRequests) else 1 if error.status == 503 else None
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.details:
        body["errors"] = error.details
    return json_response({"error": body}, error.status, headers)


def endpoint(*methods: str, max_body: int = MAX_BODY_BYTES) -> Callable[[Handler], Handler]:
    """Wraps an entry point: checks the method, maps errors to JSON, never leaks a traceback, and
    reads no more of the body than the handler did (see read_body)."""
    allowed = methods or ("POST",)

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def entry_point(request: flask.Request) -> flask.Response:
            try:
                return _answer(handler, allowed, max_body, request)
            finally:
                leave_body_unread(request)

        return entry_point

    return wrap


def leave_body_unread(request: flask.Request) -> None:
    """Leaves what the handler did not read of the body unread (the server drains or closes the
    connection without keeping it). functions-framework reads whatever body is left after every
    response (`request.get_data()`, whole, into memory): that would undo the limit of read_body,
    read the body of a request turned away for its credentials, and fail on a malformed one."""
    request.stream = io.BytesIO()


def _answer(handler: Handler, allowed: tuple[str, ...], max_body: int, request: flask.Request) -> flask.Response:
    if request.method not in allowed:
        return error_response(ApiError(f"use {' or '.join(allowed)}", status=405, code="method_not_allowed"))
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


def unreadable_body() -> ApiError:
    return BadRequest("the body cannot be read: it was cut off, or its chunked encoding is malformed")


def _too_large(limit: int) -> ApiError:
    return ApiError(f"the body is over {limit} bytes", status=413, code="too_large")


def read_body(request: flask.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The raw body, or a 413 once it is over `limit`, having read one byte more at most.

    A chunked body has no length to check first, and `get_data` would take it whole into memory:
    read it a piece at a time instead, and stop at the first byte past the limit. Callers that
    check credentials sent in headers (a webhook's secret) do so before calling this.
    """
    stream = request.stream
    pieces: list[bytes] = []
    size = 0
    while size <= limit:
        try:
            piece = stream.read(min(_READ_CHUNK_BYTES, limit + 1 - size))
        except (OSError, ClientDisconnected):  # a malformed chunked body (the server's dechunker), or cut off
            raise unreadable_body() from None
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)
        size += len(piece)
    raise _too_large(limit)


def request_key(headers: Any, name: str) -> str | None:
    """The client's key for a request it may send again (`name` header), or None when it sent none."""
    key = (headers.get(name) or "").strip()
    if len(key) > MAX_REQUEST_KEY_CHARS:
        raise BadRequest(f"{name}: at most {MAX_REQUEST_KEY_CHARS} characters")
    if not key.isprintable():  # a control or invisible character: no key a client means, and no text Postgres stores
        raise BadRequest(f"{name}: printable characters only")
    return key or None


def acting_company(headers: Any) -> UUID | None:
    """The company named in the X-Salesbot-Company header, or None when there is none.

    The database checks it against the caller's memberships (a 403 for a company they do not
    belong to with the role needed) and accepts None only from a member of exactly one company
    (a 400 otherwise): what a user does is never filed under a company guessed for them.
    """
    value = (headers.get(COMPANY_HEADER) or "").strip()
    if not value:
        return None
    try:
        return UUID(value)
    except ValueError:
        raise BadRequest(f"{COMPANY_HEADER}: give the id (owner_id) of a company you belong to") from None


def bearer_token(headers: Any) -> str:
    """The token of an `Authorization: Bearer <token>` header."""
    scheme, _, token = (headers.get("Authorization") or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send the access token as 'Authorization: Bearer <token>'")
    return token.strip()


def loads_json(raw: bytes | str) -> Any:
    """JSON a caller sent (a body, a form field, a cookie), or ValueError for anything that is not:
    bytes that are not UTF-8, and nesting deeper than the decoder goes (about a thousand levels,
    two kilobytes of brackets), which it reports as a RecursionError, included."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


def require_json(request: flask.Request) -> None:
    """A 415 for a body declared as something else than JSON (a form, text), before a byte of it is
    read. A body with no Content-Type at all is read as JSON."""
    if request.mimetype and not (request.mimetype == "application/json" or request.mimetype.endswith("+json")):
        raise ApiError("send the body as JSON (Content-Type: application/json)", status=415, code="unsupported_media_type")


def parse_body(request: flask.Request, model: type[Model]) -> Model:
    """The request's JSON body as `model`, or a 400 that says what is wrong with it."""
    from pydantic import ValidationError

    require_json(request)
    try:
        return model.model_validate_json(read_body(request))
    except ValidationError as error:
        raise BadRequest(describe_validation_error(error)) from None


def parse_query(request: flask.Request, model: type[Model]) -> Model:
    """The query string as `model` (each parameter once), or a 400 that says what is wrong."""
    from pydantic import ValidationError

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
