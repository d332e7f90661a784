"""A site's relay for the Salesbot widget: signs what the browser sends and forwards it.

The widget never holds the channel's secret; the site's server does. This is a complete relay as
a WSGI app (mount it at /salesbot/relay), using only the standard library:

    SALESBOT_WEBHOOK_URL=https://<functions>/webhook?channel=<id> SALESBOT_SIGNING_SECRET=... \\
        python relay.py --port 8000

Per-visitor rate limiting belongs to the site (its proxy or framework) or to Salesbot's own
per-customer and per-channel limits, which apply either way.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from typing import Any

MAX_BODY_BYTES = 16 * 1024


def make_relay(webhook_url: str, secret: str) -> Callable[..., Iterable[bytes]]:
    def relay(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ["REQUEST_METHOD"] != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "application/json")])
            return [b'{"error": {"code": "method_not_allowed", "message": "use POST"}}']
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY_BYTES:
            start_response("413 Payload Too Large", [("Content-Type", "application/json")])
            return [b'{"error": {"code": "too_large", "message": "the message is too long"}}']
        body = environ["wsgi.input"].read(length)
        headers = {
            "Content-Type": "application/json",
            "X-Salesbot-Signature": "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest(),
        }
        request_id = environ.get("HTTP_X_SALESBOT_REQUEST_ID")
        if request_id:
            headers["X-Salesbot-Request-Id"] = request_id[:128]
        request = urllib.request.Request(webhook_url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=40) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read()
        except urllib.error.URLError:
            status, answer = 502, b'{"error": {"code": "unavailable", "message": "the chat is unavailable"}}'
        start_response(f"{status} {'OK' if status == 200 else 'Error'}", [("Content-Type", "application/json")])
        return [answer]

    return relay


def main() -> None:
    from wsgiref.simple_server import make_server

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8000)
    port = parser.parse_args().port
    app = make_relay(os.environ["SALESBOT_WEBHOOK_URL"], os.environ["SALESBOT_SIGNING_SECRET"])
    make_server("127.0.0.1", port, app).serve_forever()


if __name__ == "__main__":
    main()
