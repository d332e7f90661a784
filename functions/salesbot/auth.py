"""Supabase Auth access tokens: verified here, never issued here (see `salesbot.local.tokens`).

HS256 tokens are checked with the project's shared secret, by the standard library's HMAC; ES256
and RS256 tokens with the project's published JWKS, selected by `kid` and cached, by pyjwt. pyjwt
imports cryptography whole (about 30 ms, more than the rest of a first request's check), so it is
imported only when a token signed with an asymmetric key arrives. Whatever the algorithm, the
claims are checked here, once: a token must be for the `authenticated` audience, name its user in
`sub`, and be within its validity window.

A token's claims, once verified, are kept until it expires (as PostgREST's JWT cache does), at
most as long as the signing keys are: a client sends the same token with every request for an
hour, and checking it again costs about 0.2 ms of CPU a request.
"""

from __future__ import annotations

import base64
import hmac
import json
import math
import re
import threading
import time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from salesbot.errors import Unauthorized, Unavailable

if TYPE_CHECKING:
    import jwt

ASYMMETRIC_ALGORITHMS = ("ES256", "RS256")
AUDIENCE = "authenticated"
_LEEWAY_SECONDS = 30  # clock skew between Supabase Auth and this function
_JWKS_CACHE_SECONDS = 600
_VERIFIED_KEPT = 1024  # tokens whose claims are kept verified
_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")  # base64url without padding, as JWS compact serialization writes it
_MALFORMED = "the access token is malformed"
_USER_ID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")  # Supabase Auth's ids are UUIDs


class TokenVerifier:
    def __init__(self, *, secret: str | None = None, jwks_url: str | None = None) -> None:
        if not secret and not jwks_url:
            raise ValueError("set SUPABASE_JWT_SECRET or SUPABASE_URL to verify access tokens")
        self._secret = secret.encode() if secret else None
        self._jwks_url = jwks_url
        self._verified: dict[str, tuple[float, dict[str, Any]]] = {}  # token -> (kept until, claims)
        self._verified_lock = threading.Lock()

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient:
        import jwt

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
        header, signing_input, payload, signature = _segments(token)
        algorithm = header.get("alg")
        if algorithm == "HS256":
            if not self._secret:
                raise Unauthorized("HS256 tokens are not accepted: this project signs with asymmetric keys")
            if not hmac.compare_digest(hmac.digest(self._secret, signing_input, "sha256"), signature):
                raise Unauthorized("the access token's signature does not verify")
        elif algorithm in ASYMMETRIC_ALGORITHMS:
            self._check_signature_with_jwks(token, algorithm)
        else:
            raise Unauthorized(f"tokens signed with {algorithm!r} are not accepted")
        return _checked_claims(payload)

    def _check_signature_with_jwks(self, token: str, algorithm: str) -> None:
        import jwt

        if not self._jwks_url:
            raise Unauthorized(f"{algorithm} tokens are not accepted: no JWKS is configured")
        try:
            key = self._jwks.get_signing_key_from_jwt(token).key
        except jwt.PyJWKClientConnectionError as error:
            raise Unavailable("the signing keys cannot be fetched, retry later") from error
        except (jwt.PyJWKClientError, jwt.InvalidTokenError) as error:
            raise Unauthorized("the access token is signed with an unknown key") from error
        try:
            jwt.PyJWS().decode(token, key, algorithms=[algorithm])  # the signature only: claims are ours
        except jwt.InvalidSignatureError as error:
            raise Unauthorized("the access token's signature does not verify") from error
        except jwt.InvalidTokenError as error:
            raise Unauthorized(f"the access token is invalid: {error}") from error


def _segments(token: str) -> tuple[dict[str, Any], bytes, bytes, bytes]:
    """A compact JWS's header, signing input, payload and signature, or Unauthorized if it is none."""
    parts = token.split(".")
    if len(parts) != 3 or not all(_SEGMENT.fullmatch(part) for part in parts):
        raise Unauthorized(_MALFORMED)
    try:
        header = json.loads(_base64url(parts[0]))
        payload, signature = _base64url(parts[1]), _base64url(parts[2])
    except (ValueError, RecursionError) as error:  # bad base64, UTF-8 or JSON are all ValueErrors
        raise Unauthorized(_MALFORMED) from error
    if not isinstance(header, dict):
        raise Unauthorized(_MALFORMED)
    if "crit" in header:  # RFC 7515 4.1.11: extensions the verifier does not understand must be refused
        raise Unauthorized("the access token names critical extensions that are not understood here")
    return header, f"{parts[0]}.{parts[1]}".encode(), payload, signature


def _base64url(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _checked_claims(payload: bytes) -> dict[str, Any]:
    """The claims of a token whose signature verified, if they make it a signed-in user's, valid now."""
    try:
        claims = json.loads(payload)
    except (ValueError, RecursionError) as error:  # RecursionError: nested deeper than the decoder goes
        raise Unauthorized(_MALFORMED) from error
    if not isinstance(claims, dict):
        raise Unauthorized(_MALFORMED)
    for name in ("exp", "sub", "aud"):
        if claims.get(name) is None:
            raise Unauthorized(f'the access token is invalid: it has no "{name}" claim')
    now = time.time()
    if _seconds(claims, "exp") <= now - _LEEWAY_SECONDS:
        raise Unauthorized("the access token has expired")
    if any(name in claims and _seconds(claims, name) > now + _LEEWAY_SECONDS for name in ("nbf", "iat")):
        raise Unauthorized("the access token is not valid yet")
    audience = claims["aud"]
    if AUDIENCE not in ([audience] if isinstance(audience, str) else audience if isinstance(audience, list) else []):
        raise Unauthorized("the access token is not for authenticated users")
    if not isinstance(claims["sub"], str) or not _USER_ID.fullmatch(claims["sub"]):
        raise Unauthorized('the access token is invalid: its "sub" is not a user id')
    if claims.get("role") != "authenticated":
        raise Unauthorized("the access token is not a signed-in user's")
    return claims


def _seconds(claims: dict[str, Any], name: str) -> float:
    """A NumericDate claim (seconds since the epoch)."""
    value = claims[name]
    try:
        seconds = math.nan if isinstance(value, bool) or not isinstance(value, int | float) else float(value)
    except OverflowError:  # an integer past any float
        seconds = math.inf
    # JSON as Python reads it allows NaN, Infinity and integers of any size: a token that never
    # expires is no token.
    if not math.isfinite(seconds):
        raise Unauthorized(f'the access token is invalid: its "{name}" is not a time')
    return seconds
