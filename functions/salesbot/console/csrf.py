"""CSRF tokens for every form of the console: signed double-submit (OWASP's recommended variant).

The browser holds a random value in an HttpOnly cookie; each form carries an HMAC of that value
and of the member's session (none before sign-in) under the console's secret. A forged form on
another site can neither read the cookie nor compute the HMAC, and a cookie planted by a sibling
site does not fit the session. A request the browser marks as cross-site is refused before that.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from urllib.parse import urlsplit

import flask

COOKIE = "salesbot_csrf"
FIELD = "csrf"
HEADER = "X-CSRF-Token"  # the console's own script sends the page's token in this header


def new_binding() -> str:
    return secrets.token_urlsafe(32)


def token(secret: bytes, binding: str, session_id: str | None) -> str:
    message = f"{binding}|{session_id or ''}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def is_valid(request: flask.Request, secret: bytes, session_id: str | None) -> bool:
    """Whether a state-changing request comes from one of our own pages."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    # The host only: behind a proxy that ends TLS the request itself may arrive as plain http.
    if origin is not None and urlsplit(origin).netloc != request.host:
        return False
    binding = request.cookies.get(COOKIE, "")
    sent = request.form.get(FIELD) or request.headers.get(HEADER) or ""
    return bool(binding and sent) and hmac.compare_digest(sent, token(secret, binding, session_id))
