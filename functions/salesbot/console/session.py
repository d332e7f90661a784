"""The signed-in member's session, kept in cookies the browser's scripts cannot read.

The access token and the refresh token Supabase Auth (or the local stack) issued live in two
`HttpOnly; Secure; SameSite=Lax` cookies scoped to the console's path, and never in a URL or a
page. Every request verifies the access token as every other function does; one about to expire is
renewed with the refresh token before the request goes on, and the renewed pair goes back to the
browser with the answer.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import flask

from salesbot.auth import TokenVerifier
from salesbot.console.signin import Authority, SessionEnded, Tokens
from salesbot.errors import Unauthorized

ACCESS_COOKIE = "salesbot_access"
REFRESH_COOKIE = "salesbot_refresh"
# Renewed this long before it expires, so a page's calls never carry a token that lapses mid-way.
RENEW_MARGIN_SECONDS = 60
# How long the browser keeps the cookies: Supabase Auth's refresh tokens do not expire by
# themselves, and a member signs in again after a month without the console.
COOKIE_MAX_AGE_SECONDS = 30 * 24 * 3600


@dataclass(frozen=True)
class Session:
    claims: Mapping[str, Any]
    tokens: Tokens
    renewed: bool  # the tokens are new: the answer must carry them back

    @property
    def user_id(self) -> str:
        return str(self.claims["sub"])

    @property
    def session_id(self) -> str:
        """Stable across renewals: what the member's CSRF tokens are bound to."""
        return str(self.claims.get("session_id") or self.claims["sub"])


def current(request: flask.Request, verifier: TokenVerifier, authority: Authority) -> Session | None:
    """The request's session, renewed if its access token has expired or is about to; None when
    there is none or it has ended."""
    access = request.cookies.get(ACCESS_COOKIE, "")
    refresh = request.cookies.get(REFRESH_COOKIE, "")
    if access:
        try:
            claims = verifier.verify(access)
        except Unauthorized:
            claims = None
        if claims is not None and claims["exp"] - time.time() > RENEW_MARGIN_SECONDS:
            return Session(claims, Tokens(access, refresh), renewed=False)
    if not refresh:
        return None
    try:
        tokens = authority.refresh(refresh)
        claims = verifier.verify(tokens.access_token)
    except (SessionEnded, Unauthorized):
        return None
    return Session(claims, tokens, renewed=True)


def keep(response: flask.Response, tokens: Tokens, path: str) -> None:
    for name, value in ((ACCESS_COOKIE, tokens.access_token), (REFRESH_COOKIE, tokens.refresh_token)):
        response.set_cookie(name, value, max_age=COOKIE_MAX_AGE_SECONDS, path=path, secure=True, httponly=True,
                            samesite="Lax")


def forget(response: flask.Response, path: str) -> None:
    for name in (ACCESS_COOKIE, REFRESH_COOKIE):
        response.delete_cookie(name, path=path, secure=True, httponly=True, samesite="Lax")
