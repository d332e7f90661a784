"""The long-lived parts the entry points share, built once per process on the first request.

Building them on first use keeps cold start small: importing the entry points connects to
nothing and imports no SDK.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from salesbot.auth import TokenVerifier
from salesbot.brain.base import Brain
from salesbot.config import Config, get_config
from salesbot.db import Database, PostgresDatabase
from salesbot.errors import Unavailable


@dataclass(frozen=True)
class Services:
    config: Config
    database: Database
    verifier: TokenVerifier
    brain: Brain

    @classmethod
    def from_config(cls, config: Config) -> Services:
        from salesbot.brain import make_brain

        if not config.database_url:
            raise Unavailable("the service is not configured: set DATABASE_URL")
        secret = config.supabase_jwt_secret.get_secret_value() if config.supabase_jwt_secret else None
        jwks_url = f"{config.supabase_url.rstrip('/')}/auth/v1/.well-known/jwks.json" if config.supabase_url else None
        if not secret and not jwks_url:
            raise Unavailable("the service is not configured: set SUPABASE_JWT_SECRET or SUPABASE_URL")
        return cls(
            config=config,
            database=PostgresDatabase(config.database_url, timeout=config.database_timeout),
            verifier=TokenVerifier(secret=secret, jwks_url=jwks_url),
            brain=make_brain(config),
        )

    def close(self) -> None:
        if isinstance(self.database, PostgresDatabase):
            self.database.close()


_lock = threading.Lock()
_services: Services | None = None


def get_services() -> Services:
    global _services
    with _lock:
        if _services is None:
            _services = Services.from_config(get_config())
        return _services


def reset_services() -> None:
    """Close connections and forget the configuration: the next request reads the environment anew."""
    global _services
    with _lock:
        if _services is not None:
            _services.close()
        _services = None
        get_config.cache_clear()
