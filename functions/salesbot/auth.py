"""Supabase Auth access tokens: verified here, never issued here (see `salesbot.local.tokens`).

HS256 tokens are checked with the project's shared secret; ES256 and RS256 tokens with the
project's published JWKS, selected by `kid` and cached. Whatever the algorithm, a token must be
for the `authenticated` audience, name its user in `sub`, and be within its validity window.

A token's claims, once verified, are kept until it expires (as PostgREST's JWT cache does), at
most as long as the signing keys are: a client sends the same token with every request for an
hour, and checking it again costs about 0.2 ms of CPU a request.
"""

from __future__ import annotations

import threading
import time
from functools import cached_property
from typing import Any

import jwt

from salesbot.errors import Unauthorized, Unavailable

ASYMMETRIC_ALGORITHMS = ("ES256", "RS256")
AUDIENCE = "authenticated"
_LEEWAY_SECONDS = 30  # clock skew between Supabase Auth and this function
_JWKS_CACHE_SECONDS = 600
_VERIFIED_KEPT = 1024  # tokens whose claims are kept verified


class TokenVerifier:
    def __init__(self, *, secret: str | None = None, jwks_url: str | None = None) -> None:
        if not secret and not jwks_url:
            raise ValueError("set SUPABASE_JWT_SECRET or SUPABASE_URL to verify access tokens")
        self._secret = secret
        self._jwks_url = jwks_url
        self._verified: dict[str, tuple[float, dict[str, Any]]] = {}  # token -> (kept until, claims)
        self._verified_lock = threading.Lock()

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient:
        if not self._jwks_url:
            raise RuntimeError("no JWKS URL: set SUPABASE_URL")
        return jwt.PyJWKClient(self._jwks_url, cache_keys=True, lifespan=_JWKS_CACHE_SECONDS, timeout=5)

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, or Unauthorized saying what is wrong with it."""
        now = time.time()
        with self._verified_lock:
            kept = self._verified.get(token)
        if kept is not None and now < kept[0]:
            return dict(kept[1])
        claims = self._check(token)
        # Valid until `exp` plus the leeway, as the check itself allows; never longer than the keys.
        until = min(float(claims["exp"]) + _LEEWAY_SECONDS, now + _JWKS_CACHE_SECONDS)
        with self._verified_lock:
            self._verified[token] = (until, claims)
            if len(self._verified) > _VERIFIED_KEPT:
                del self._verified[next(iter(self._verified))]  # the oldest
        return dict(claims)

    def _check(self, token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.InvalidTokenError as error:
            raise Unauthorized("the access token is malformed") from error
        algorithm = header.get("alg")
        key = self._key_for(algorithm, token)
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[header["alg"]],  # one _key_for accepted
                audience=AUDIENCE,
                leeway=_LEEWAY_SECONDS,
                options={"require": ["exp", "sub", "aud"]},
            )
        except jwt.ExpiredSignatureError as error:
            raise Unauthorized("the access token has expired") from error
        except jwt.ImmatureSignatureError as error:
            raise Unauthorized("the access token is not valid yet") from error
        except jwt.InvalidAudienceError as error:
            raise Unauthorized("the access token is not for authenticated users") from error
        except jwt.InvalidSignatureError as error:
            raise Unauthorized("the access token's signature does not verify") from error
        except jwt.InvalidTokenError as error:
            raise Unauthorized(f"the access token is invalid: {error}") from error
        if claims.get("role") != "authenticated":
            raise Unauthorized("the access token is not a signed-in user's")
        return claims

    def _key_for(self, algorithm: str | None, token: str) -> Any:
        if algorithm == "HS256":
            if not self._secret:
                raise Unauthorized("HS256 tokens are not accepted: this project signs with asymmetric keys")
            return self._secret
        if algorithm in ASYMMETRIC_ALGORITHMS:
            if not self._jwks_url:
                raise Unauthorized(f"{algorithm} tokens are not accepted: no JWKS is configured")
            try:
                return self._jwks.get_signing_key_from_jwt(token).key
            except jwt.PyJWKClientConnectionError as error:
                raise Unavailable("the signing keys cannot be fetched, retry later") from error
            except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
                raise Unauthorized("the access token is signed with an unknown key") from error
        raise Unauthorized(f"tokens signed with {algorithm!r} are not accepted")
