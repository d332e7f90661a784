"""The long-lived parts the entry points share, built once per process on the first request.

Building them on first use keeps cold start small: importing the entry points connects to
nothing and imports no SDK; the webhooks never build a token verifier; the outbox sweep never
loads a brain.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from salesbot.config import Config, get_config
from salesbot.db import Database, PostgresDatabase
from salesbot.errors import Unavailable

if TYPE_CHECKING:
    from salesbot.auth import TokenVerifier
    from salesbot.billing.providers import PaymentProviders
    from salesbot.brain.base import Brain
    from salesbot.console.signin import Authority


@dataclass(frozen=True)
class Services:
    config: Config
    database: Database

    @classmethod
    def from_config(cls, config: Config) -> Services:
        if not config.database_url:
            raise Unavailable("the service is not configured: set DATABASE_URL")
        if not config.supabase_jwt_secret and not config.supabase_url:
            raise Unavailable("the service is not configured: set SUPABASE_JWT_SECRET or SUPABASE_URL")
        return cls(
            config=config,
            database=PostgresDatabase(config.database_url, service_url=config.service_database_url,
                                      timeout=config.database_timeout),
        )

    @cached_property
    def brain(self) -> Brain:
        from salesbot.brain import make_brain

        return make_brain(self.config)

    @cached_property
    def verifier(self) -> TokenVerifier:
        from salesbot.auth import TokenVerifier

        secret, url = self.config.supabase_jwt_secret, self.config.supabase_url
        return TokenVerifier(
            secret=secret.get_secret_value() if secret else None,
            jwks_url=f"{url.rstrip('/')}/auth/v1/.well-known/jwks.json" if url else None,
        )

    @cached_property
    def payment_providers(self) -> PaymentProviders:
        from salesbot.billing.providers import PaymentProviders

        return PaymentProviders(self.config)

    @cached_property
    def console_authority(self) -> Authority:
        """Who signs members in to the console: Supabase Auth, or the local stack."""
        from salesbot.console.signin import authority

        return authority(self.config)

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
