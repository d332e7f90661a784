"""Supabase Auth (GoTrue) on a local port: the endpoints the console's sign-in uses, answered as
supabase/auth's handlers answer them (internal/api/token.go, logout.go, user.go, errors.go).

- `POST /auth/v1/token?grant_type=password` `{"email", "password"}`: 200 with an AccessTokenResponse
  (`access_token`, `token_type`, `expires_in`, `expires_at`, `refresh_token`, `user`), or 400
  `{"code": "invalid_credentials", "message": "Invalid login credentials"}`; an unconfirmed email
  is 400 `email_not_confirmed`.
- `POST /auth/v1/token?grant_type=refresh_token` `{"refresh_token"}`: a new pair (the old refresh
  token is spent), or 400 `refresh_token_not_found` / `refresh_token_already_used`.
- `POST /auth/v1/logout?scope=local|global|others` with the access token: 204; the session's
  refresh tokens renew nothing more. A token whose session is gone is 403 `session_not_found`.
- `GET /auth/v1/user` with the access token: the user, or 403 `session_not_found` / `bad_jwt`.
- `GET /auth/v1/.well-known/jwks.json`: the ES256 key the access tokens are signed with.

Errors carry the 2024-01-01 API version's body and the `x-sb-error-code` header, as the client
(which sends `X-Supabase-Api-Version: 2024-01-01`) expects.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

from tests.servers.base import JsonHandler, serve_http

API_VERSION = "2024-01-01"
LIFETIME_SECONDS = 3600


@dataclass
class AuthUser:
    user_id: str
    email: str
    password: str
    confirmed: bool = True


@dataclass
class AuthServer:
    url: str = ""  # the project URL, as SUPABASE_URL holds it
    anon_key: str = "local-anon-key"
    users: dict[str, AuthUser] = field(default_factory=dict)  # by email
    sessions: dict[str, str] = field(default_factory=dict)  # session id -> user id, while alive
    refresh_tokens: dict[str, tuple[str, bool]] = field(default_factory=dict)  # token -> (session id, spent)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (method, path with query)
    lifetime: int = LIFETIME_SECONDS
    key: ec.EllipticCurvePrivateKey = field(default_factory=lambda: ec.generate_private_key(ec.SECP256R1()))
    kid: str = field(default_factory=lambda: uuid.uuid4().hex)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add_user(self, user_id: Any, email: str, password: str, confirmed: bool = True) -> None:
        self.users[email.lower()] = AuthUser(str(user_id), email.lower(), password, confirmed)

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": self.kid, "alg": "ES256", "use": "sig", "key_ops": ["verify"]}]}

    def issue(self, user: AuthUser, session_id: str) -> dict[str, Any]:
        now = int(time.time())
        claims = {"iss": f"{self.url}/auth/v1", "sub": user.user_id, "aud": "authenticated", "exp": now + self.lifetime,
                  "iat": now, "email": user.email, "phone": "", "app_metadata": {"provider": "email"},
                  "user_metadata": {}, "role": "authenticated", "aal": "aal1", "session_id": session_id,
                  "is_anonymous": False}
        refresh = secrets.token_urlsafe(9)
        self.refresh_tokens[refresh] = (session_id, False)
        return {"access_token": jwt.encode(claims, self.key, algorithm="ES256", headers={"kid": self.kid}),
                "token_type": "bearer", "expires_in": self.lifetime, "expires_at": now + self.lifetime,
                "refresh_token": refresh, "user": self.user_json(user)}

    def user_json(self, user: AuthUser) -> dict[str, Any]:
        now = datetime.now(UTC).isoformat()
        return {"id": user.user_id, "aud": "authenticated", "role": "authenticated", "email": user.email,
                "email_confirmed_at": now if user.confirmed else None, "phone": "", "app_metadata": {"provider": "email"},
                "user_metadata": {}, "identities": [], "created_at": now, "updated_at": now, "is_anonymous": False}

    def caller(self, authorization: str | None) -> tuple[AuthUser, str] | tuple[None, str]:
        """The user and session of a request's access token, or None and the error code."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None, "no_authorization"
        try:
            claims = jwt.decode(token, self.key.public_key(), algorithms=["ES256"], audience="authenticated")
        except jwt.InvalidTokenError:
            return None, "bad_jwt"
        if claims.get("session_id") not in self.sessions:
            return None, "session_not_found"
        return next(u for u in self.users.values() if u.user_id == claims["sub"]), claims["session_id"]


@contextmanager
def serve_auth() -> Iterator[AuthServer]:
    state = AuthServer()

    class Handler(JsonHandler):
        def error(self, status: int, code: str, message: str) -> None:
            self.send_json(status, {"code": code, "message": message},
                           {"x-sb-error-code": code, "X-Supabase-Api-Version": API_VERSION})

        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            path = urlsplit(self.path).path
            with state.lock:
                state.requests.append(("GET", self.path))
                if path == "/auth/v1/.well-known/jwks.json":
                    self.send_json(200, state.jwks())
                elif path == "/auth/v1/user":
                    user, problem = state.caller(self.headers.get("Authorization"))
                    if user is None:
                        self.error(401 if problem == "no_authorization" else 403, problem, "invalid session")
                    else:
                        self.send_json(200, state.user_json(user))
                else:
                    self.error(404, "not_found", "no such endpoint")

        def do_POST(self) -> None:  # noqa: N802
            parts = urlsplit(self.path)
            query = {key: values[0] for key, values in parse_qs(parts.query).items()}
            body = self.read_json()
            with state.lock:
                state.requests.append(("POST", self.path))
                if self.headers.get("apikey") != state.anon_key:
                    self.error(401, "no_api_key", "No API key found in request")
                elif parts.path == "/auth/v1/token" and query.get("grant_type") == "password":
                    self.password_grant(body)
                elif parts.path == "/auth/v1/token" and query.get("grant_type") == "refresh_token":
                    self.refresh_grant(body)
                elif parts.path == "/auth/v1/logout":
                    self.logout(query.get("scope", "global"))
                else:
                    self.error(400, "validation_failed", "unsupported_grant_type")

        def password_grant(self, body: dict[str, Any]) -> None:
            user = state.users.get(str(body.get("email", "")).lower())
            if user is None or user.password != body.get("password"):
                self.error(400, "invalid_credentials", "Invalid login credentials")
            elif not user.confirmed:
                self.error(400, "email_not_confirmed", "Email not confirmed")
            else:
                session_id = str(uuid.uuid4())
                state.sessions[session_id] = user.user_id
                self.send_json(200, state.issue(user, session_id))

        def refresh_grant(self, body: dict[str, Any]) -> None:
            known = state.refresh_tokens.get(str(body.get("refresh_token", "")))
            if known is None or known[0] not in state.sessions:
                self.error(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found")
            elif known[1]:
                self.error(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
            else:
                session_id = known[0]
                state.refresh_tokens[str(body["refresh_token"])] = (session_id, True)
                user = next(u for u in state.users.values() if u.user_id == state.sessions[session_id])
                self.send_json(200, state.issue(user, session_id))

        def logout(self, scope: str) -> None:
            user, session_or_problem = state.caller(self.headers.get("Authorization"))
            if user is None:
                self.error(401 if session_or_problem == "no_authorization" else 403, session_or_problem,
                           "invalid session")
                return
            ended = [session_or_problem] if scope == "local" else \
                [s for s, owner in state.sessions.items() if owner == user.user_id
                 and (scope == "global" or s != session_or_problem)]
            for session_id in ended:
                del state.sessions[session_id]
            self.send_response(204)
            self.end_headers()

    with serve_http(Handler) as url:
        state.url = url
        yield state
