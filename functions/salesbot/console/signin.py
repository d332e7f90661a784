"""Who signs members in to the console: Supabase Auth on a real project, the local stack otherwise.

Either way the console gets what Supabase Auth's password grant gives: an access token (verified on
every request like any other caller's, so RLS sees the same user) and a refresh token that renews
it. Supabase Auth is reached through the `supabase` client, a fresh one per call: the client holds
one user's session, and this server serves many users at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from salesbot.config import Config
from salesbot.errors import Unavailable

if TYPE_CHECKING:
    from supabase import Client


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str


class SignInRefused(Exception):
    """The sign-in did not succeed; `reason` is what the member is told (see the templates)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # invalid_credentials, email_not_confirmed, too_many_attempts


class SessionEnded(Exception):
    """The refresh token no longer renews the session (signed out, revoked, expired, user gone)."""


class Authority(Protocol):
    def sign_in(self, email: str, password: str) -> Tokens: ...

    def refresh(self, refresh_token: str) -> Tokens: ...

    def sign_out(self, tokens: Tokens) -> None:
        """Revokes the session, so its refresh token renews nothing any more."""
        ...


# Supabase Auth's error codes (internal/api/apierrors/errorcode.go) that say the member cannot sign
# in as asked, and what the console tells them.
_REFUSALS = {
    "invalid_credentials": "invalid_credentials",
    "email_not_confirmed": "email_not_confirmed",
    "user_banned": "invalid_credentials",
    "over_request_rate_limit": "too_many_attempts",
}


class SupabaseAuthority:
    """Supabase Auth's password grant, refresh grant and logout, through supabase-py."""

    def __init__(self, url: str, key: str) -> None:
        self._url = url
        self._key = key

    def _client(self) -> Client:
        from supabase import ClientOptions, create_client

        return create_client(self._url, self._key,
                             options=ClientOptions(auto_refresh_token=False, persist_session=False))

    def sign_in(self, email: str, password: str) -> Tokens:
        from supabase_auth.errors import AuthApiError, AuthError

        try:
            answer = self._client().auth.sign_in_with_password({"email": email, "password": password})
        except AuthApiError as error:
            if error.code in _REFUSALS:
                raise SignInRefused(_REFUSALS[error.code]) from None
            raise _unavailable(error) from None
        except (AuthError, ValueError) as error:  # unreachable, or an answer that is not Auth's
            raise _unavailable(error) from None
        if answer.session is None:  # Auth answers a user without a session only for flows we do not use
            raise SignInRefused("invalid_credentials")
        return Tokens(answer.session.access_token, answer.session.refresh_token)

    def refresh(self, refresh_token: str) -> Tokens:
        from supabase_auth.errors import AuthApiError, AuthError, AuthSessionMissingError

        try:
            answer = self._client().auth.refresh_session(refresh_token)
        except (AuthApiError, AuthSessionMissingError) as error:
            if isinstance(error, AuthApiError) and (error.status or 0) >= 500:
                raise _unavailable(error) from None
            raise SessionEnded(str(error)) from None
        except (AuthError, ValueError) as error:
            raise _unavailable(error) from None
        if answer.session is None:
            raise SessionEnded("no session")
        return Tokens(answer.session.access_token, answer.session.refresh_token)

    def sign_out(self, tokens: Tokens) -> None:
        from supabase_auth.errors import AuthApiError, AuthError, AuthSessionMissingError

        auth = self._client().auth
        try:
            # set_session checks the access token with Auth (or renews it when it has expired), and
            # sign_out then revokes this browser's session: its refresh token renews nothing more.
            auth.set_session(tokens.access_token, tokens.refresh_token)
            auth.sign_out({"scope": "local"})
        except (AuthApiError, AuthSessionMissingError):
            return  # the session had already ended: signed out, as asked
        except (AuthError, ValueError) as error:
            raise _unavailable(error) from None


def _unavailable(error: Exception) -> Unavailable:
    return Unavailable(f"Supabase Auth did not answer as expected ({type(error).__name__}), retry later")


def authority(config: Config) -> Authority:
    """Supabase Auth when the project's URL and key are configured, else the local stack's sign-in."""
    if config.supabase_url and config.supabase_anon_key:
        return SupabaseAuthority(config.supabase_url, config.supabase_anon_key.get_secret_value())
    if config.local_auth_database_url and config.supabase_jwt_secret:
        from salesbot.local.sessions import LocalAuthority

        return LocalAuthority(config.local_auth_database_url.get_secret_value(),
                              config.supabase_jwt_secret.get_secret_value())
    raise Unavailable("the console cannot sign anyone in: set SUPABASE_URL and SUPABASE_ANON_KEY")

