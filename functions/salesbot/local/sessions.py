"""The console's sign-in on the local stack, where no Supabase Auth server runs.

A password is checked against the `auth.users` row `salesbot signup` wrote, as Auth checks it
(bcrypt); the access token is the one Auth would issue, signed with the local secret like every
local token; the refresh token is ours, signed with the same secret for another audience, so it is
never taken for an access token. Local sessions are not stored: signing out forgets the browser's
cookies, and a refresh token renews only while its user still exists, for REFRESH_LIFETIME_SECONDS.
It reads auth.users through a connection of its own (SALESBOT_LOCAL_AUTH_DATABASE_URL, which
`salesbot dev` sets to the one `salesbot signup` writes with), as Supabase Auth logs in as its own
role: the functions' login may read none of it.
"""

from __future__ import annotations

import time
import uuid

import jwt
import psycopg

from salesbot.console.signin import SessionEnded, SignInRefused, Tokens
from salesbot.local import accounts
from salesbot.local.tokens import LOCAL_ISSUER, access_token_claims, sign

REFRESH_AUDIENCE = "salesbot-console-refresh"
REFRESH_LIFETIME_SECONDS = 7 * 24 * 3600


class LocalAuthority:
    def __init__(self, database_url: str, secret: str) -> None:
        self._database_url = database_url
        self._secret = secret

    def sign_in(self, email: str, password: str) -> Tokens:
        with psycopg.connect(self._database_url, autocommit=True) as conn:
            checked = accounts.check_password(conn, email, password)
        if checked is None:
            raise SignInRefused("invalid_credentials")
        account, confirmed = checked
        if not confirmed:
            raise SignInRefused("email_not_confirmed")
        return self._issue(account, str(uuid.uuid4()))

    def refresh(self, refresh_token: str) -> Tokens:
        try:
            claims = jwt.decode(refresh_token, self._secret, algorithms=["HS256"], audience=REFRESH_AUDIENCE,
                                issuer=LOCAL_ISSUER, options={"require": ["exp", "sub", "session_id"]})
        except jwt.InvalidTokenError as error:
            raise SessionEnded(str(error)) from None
        with psycopg.connect(self._database_url, autocommit=True) as conn:
            row = conn.execute("select email from auth.users where id = %s and deleted_at is null",
                               (claims["sub"],)).fetchone()
            if row is None:
                raise SessionEnded("the user no longer exists")
            account = accounts.find(conn, row[0])
        return self._issue(account, claims["session_id"])

    def sign_out(self, tokens: Tokens) -> None:
        """Nothing is stored to revoke: the console forgets the cookies."""

    def _issue(self, account: accounts.Account, session_id: str) -> Tokens:
        access = access_token_claims(account.user_id, account.email, user_metadata=account.user_metadata,
                                     session_id=session_id)
        now = int(time.time())
        refresh = {"iss": LOCAL_ISSUER, "aud": REFRESH_AUDIENCE, "sub": str(account.user_id), "session_id": session_id,
                   "iat": now, "exp": now + REFRESH_LIFETIME_SECONDS}
        return Tokens(sign(access, self._secret), sign(refresh, self._secret))
