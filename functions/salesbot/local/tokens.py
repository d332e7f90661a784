"""Access tokens as Supabase Auth would issue them, signed with the local stack's secret."""

from __future__ import annotations

import os
import secrets
import time
import uuid
from typing import Any

import jwt

from salesbot.local.paths import state_dir

LOCAL_ISSUER = "http://127.0.0.1:54321/auth/v1"  # where `supabase start` serves Auth
TOKEN_LIFETIME_SECONDS = 3600


def local_jwt_secret() -> str:
    """SUPABASE_JWT_SECRET if set; otherwise a random secret made once and kept in the state folder."""
    if secret := os.environ.get("SUPABASE_JWT_SECRET"):
        return secret
    path = state_dir() / "jwt_secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


def access_token_claims(
    user_id: uuid.UUID | str,
    email: str,
    *,
    user_metadata: dict[str, Any] | None = None,
    lifetime: int = TOKEN_LIFETIME_SECONDS,
    session_id: str | None = None,
) -> dict[str, Any]:
    """The claims Supabase Auth puts in a password sign-in's access token (a new session unless
    `session_id` names the one a refreshed token continues)."""
    now = int(time.time())
    return {
        "iss": LOCAL_ISSUER,
        "sub": str(user_id),
        "aud": "authenticated",
        "exp": now + lifetime,
        "iat": now,
        "email": email,
        "phone": "",
        "app_metadata": {"provider": "email", "providers": ["email"]},
        "user_metadata": user_metadata or {},
        "role": "authenticated",
        "aal": "aal1",
        "amr": [{"method": "password", "timestamp": now}],
        "session_id": session_id or str(uuid.uuid4()),
        "is_anonymous": False,
    }


def sign(claims: dict[str, Any], secret: str) -> str:
    return jwt.encode(claims, secret, algorithm="HS256", headers={"typ": "JWT"})
