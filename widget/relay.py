"""A site's relay for the Salesbot widget: names each visitor, signs what they send, and forwards it.

The widget never holds the channel's secret; the site's server does. This is a complete relay as
a WSGI app (mount it at /salesbot/relay), using only the standard library:

    SALESBOT_WEBHOOK_URL=https://<functions>/webhook?channel=<id> SALESBOT_SIGNING_SECRET=whsec_... \\
        python relay.py --port 8000

For each message, and each poll of the open widget (`{"after": <id>}`: what was written since), it
- reads at most MAX_BODY_BYTES: a Content-Length that is not a number is a 400, one over the
  limit a 413 before anything is read, and a chunked body is cut off one byte past the limit;
- names the visitor with an id of its own, kept in an HttpOnly cookie it signs, so no visitor can
  write as another; a visitor who drops the cookie is a new visitor, so it also tells Salesbot the
  address the visitor came from (from the connection, or behind SALESBOT_PROXY_HOPS proxies of
  the site's own, from X-Forwarded-For), which Salesbot limits however often ids change;
- signs the request id, the time and the body as Standard Webhooks do, the id being the widget's
  X-Salesbot-Request-Id (the same for every retry of one message, so it is answered once; a poll
  gets a new one each time), and forwards it; Salesbot's answer (at most MAX_ANSWER_BYTES) goes back with its status, and a 429's
  Retry-After with it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http
import json
import os
import re
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from http.cookies import CookieError, SimpleCookie
from typing import Any

MAX_BODY_BYTES = 16 * 1024
MAX_ANSWER_BYTES = 64 * 1024
VISITOR_COOKIE = "salesbot_visitor"
_VISITOR_SECONDS = 365 * 24 * 3600
_REQUEST_ID = re.compile(r"[A-Za-z0-9_:-]{1,128}")  # what Salesbot takes as a webhook-id
_LENGTH = re.compile(r"[0-9]{1,12}")
_READ_CHUNK = 8 * 1024

Headers = list[tuple[str, str]]


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def make_relay(webhook_url: str, secret: str, *, proxy_hops: int = 0) -> Callable[..., Iterable[bytes]]:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    # A key of its own for visitor ids, so a cookie is never a signature of anything else.
    visitor_key = hmac.new(key, b"salesbot relay: visitor ids", hashlib.sha256).digest()

    def relay(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            if environ["REQUEST_METHOD"] != "POST":
                raise Refused(405, "method_not_allowed", "use POST")
            typed = _json_object(_read_body(environ))
        except Refused as refused:
            return _respond(start_response, refused.status, _error(refused.code, refused.message), [])
        visitor, cookie = _visitor(environ, visitor_key)
        client = _client_address(environ, proxy_hops)
        request_id = environ.get("HTTP_X_SALESBOT_REQUEST_ID", "")
        if _is_poll(typed):  # an id of its own: a poll is never taken for a message, nor answered once
            fields = {"customer": visitor, "after": typed["after"], "client": client}
            request_id = str(uuid.uuid4())
        else:
            fields = {"customer": visitor, "text": typed.get("text"), "name": typed.get("name"), "client": client}
        if not _REQUEST_ID.fullmatch(request_id):
            request_id = str(uuid.uuid4())
        body = json.dumps(fields, ensure_ascii=False).encode()
        timestamp = str(int(time.time()))
        signature = base64.b64encode(
            hmac.new(key, f"{request_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
        status, answer, retry_after = _forward(webhook_url, body, {
            "Content-Type": "application/json",
            "webhook-id": request_id,
            "webhook-timestamp": timestamp,
            "webhook-signature": f"v1,{signature}",
        })
        headers = [("Set-Cookie", cookie)] if cookie else []
        if retry_after:
            headers.append(("Retry-After", retry_after))
        return _respond(start_response, status, answer, headers)

    return relay


def _read_body(environ: dict[str, Any]) -> bytes:
    """At most MAX_BODY_BYTES of the body, or Refused: never more read than the limit and a byte."""
    stream = environ["wsgi.input"]
    declared = environ.get("CONTENT_LENGTH") or ""
    if declared:
        if not _LENGTH.fullmatch(declared):
            raise Refused(400, "bad_request", "Content-Length is not a length")
        if int(declared) > MAX_BODY_BYTES:
            raise Refused(413, "too_large", "the message is too long")
        wanted = int(declared)
    elif environ.get("wsgi.input_terminated"):  # chunked: the server ends the stream where the body ends
        wanted = MAX_BODY_BYTES + 1
    else:
        raise Refused(411, "length_required", "send a Content-Length")
    pieces, size = [], 0
    while size < wanted:
        piece = stream.read(min(_READ_CHUNK, wanted - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if size > MAX_BODY_BYTES:
        raise Refused(413, "too_large", "the message is too long")
    return b"".join(pieces)


def _json_object(raw: bytes) -> dict[str, Any]:
    try:
        typed = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the decoder goes
        typed = None
    if not isinstance(typed, dict):
        raise Refused(400, "bad_request", 'send {"text": "...", "name": "..."} as JSON')
    return typed


def _is_poll(typed: dict[str, Any]) -> bool:
    """The open widget asking what was written since its newest message (`{"after": <id>}`)."""
    return "text" not in typed and "after" in typed


def _visitor(environ: dict[str, Any], key: bytes) -> tuple[str, str | None]:
    """The visitor's id from their cookie if this relay signed it; else a new one and its cookie."""
    try:
        morsel = SimpleCookie(environ.get("HTTP_COOKIE", "")).get(VISITOR_COOKIE)
    except CookieError:
        morsel = None
    if morsel is not None:
        visitor, _, tag = morsel.value.partition(".")
        if hmac.compare_digest(tag, _tag(key, visitor)):
            return visitor, None
    visitor = f"v-{uuid.uuid4().hex}"
    secure = "; Secure" if environ.get("wsgi.url_scheme") == "https" else ""
    cookie = (f"{VISITOR_COOKIE}={visitor}.{_tag(key, visitor)}; Path=/; Max-Age={_VISITOR_SECONDS};"
              f" HttpOnly; SameSite=Lax{secure}")
    return visitor, cookie


def _tag(key: bytes, visitor: str) -> str:
    return hmac.new(key, visitor.encode(), hashlib.sha256).hexdigest()[:32]


def _client_address(environ: dict[str, Any], proxy_hops: int) -> str:
    """The visitor's address: the connection's, or the one the site's own nearest proxy recorded."""
    if proxy_hops > 0:
        forwarded = [part.strip() for part in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxy_hops:
            return forwarded[-proxy_hops][:128]
    return environ.get("REMOTE_ADDR") or "unknown"


def _forward(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, str | None]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=40) as response:
            status, answer, retry_after = response.status, response.read(MAX_ANSWER_BYTES + 1), None
    except urllib.error.HTTPError as error:
        status, answer, retry_after = error.code, error.read(MAX_ANSWER_BYTES + 1), error.headers.get("Retry-After")
    except (urllib.error.URLError, OSError):
        return 502, _error("unavailable", "the chat is unavailable"), None
    if len(answer) > MAX_ANSWER_BYTES:
        return 502, _error("unavailable", "the chat answered too much"), None
    return status, answer, retry_after


def _error(code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


def _respond(start_response: Callable[..., Any], status: int, body: bytes, headers: Headers) -> list[bytes]:
    try:
        reason = http.HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    start_response(f"{status} {reason}", [("Content-Type", "application/json"),
                                          ("Content-Length", str(len(body))), *headers])
    return [body]


def main() -> None:
    from wsgiref.simple_server import make_server

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    port = parser.parse_args().port
    app = make_relay(os.environ["SALESBOT_WEBHOOK_URL"], os.environ["SALESBOT_SIGNING_SECRET"],
                     proxy_hops=int(os.environ.get("SALESBOT_PROXY_HOPS", "0")))
    make_server("127.0.0.1", port, app).serve_forever()


if __name__ == "__main__":
    main()
