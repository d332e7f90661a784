"""Configuration, read once from the environment and validated."""

from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, Field, SecretStr


class Config(BaseModel):
    database_url: str | None = None
    # The functions' login for their work as the service, which a transaction pooler then keeps apart
    # from the users' (salesbot.db); unset: the same as DATABASE_URL's.
    service_database_url: str | None = None
    database_timeout: float = Field(default=5.0, gt=0)  # seconds to wait for a connection before a 503
    supabase_url: str | None = None  # https://<ref>.supabase.co; its JWKS verifies asymmetric tokens
    supabase_jwt_secret: SecretStr | None = None  # the legacy HS256 shared secret
    openai_api_key: SecretStr | None = None  # unset: the offline engine answers
    openai_base_url: str | None = None  # any OpenAI-compatible provider
    model: str = "gpt-4o-mini"
    llm_timeout: float = Field(default=20.0, gt=0)  # seconds for one model call
    llm_retries: int = Field(default=2, ge=0)
    reply_deadline: float = Field(default=30.0, gt=0)  # seconds until the customer must have an answer
    public_url: str | None = None  # where Telegram reaches the functions
    telegram_api_base: str = "https://api.telegram.org"
    telegram_retry_budget: float = Field(default=8.0, gt=0)  # seconds a webhook spends retrying one send
    cron_secret: SecretStr | None = None  # what a scheduler presents to deliver_outbox
    # Integrations. Development and tests only: lets the sweep call http:// and private addresses.
    allow_private_endpoints: bool = False
    amocrm_client_id: str | None = None  # our amoCRM integration, whose OAuth flow companies authorize
    amocrm_client_secret: SecretStr | None = None
    amocrm_authorize_url: str = "https://www.amocrm.ru/oauth"  # https://www.kommo.com/oauth for Kommo
    hubspot_api_base: str = "https://api.hubapi.com"
    billing_provider: str = "stripe"  # the payment provider new checkouts go through
    billing_return_url: str | None = None  # the console's billing page: where checkout and the portal return
    stripe_secret_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None  # the whsec_ secret of the webhook endpoint
    stripe_api_base: str | None = None  # Stripe's API address (a local server in the tests)
    # Circuit breakers (the LLM; each Telegram bot): this many failures or timeouts in a row skip
    # the provider for `breaker_cooldown` seconds, then one call probes it.
    breaker_failures: int = Field(default=3, ge=1)
    breaker_cooldown: float = Field(default=30.0, gt=0)
    retention_days: int = Field(default=30, ge=1)  # settled deliveries (Telegram, CRM), taken-in updates: then forgotten
    # The web console: with SUPABASE_URL and this key (the project's anon or publishable key) members
    # sign in through Supabase Auth; without them, against the local stack's auth.users.
    supabase_anon_key: SecretStr | None = None
    console_secret: SecretStr | None = None  # signs the console's CSRF tokens; local: from the JWT secret
    trusted_proxies: int = Field(default=0, ge=0, le=5)  # proxies that append to X-Forwarded-For
    # The local stack only: where its stand-in for Supabase Auth reads auth.users, which the
    # functions' own login cannot (on Supabase, Auth logs in as a role of its own too).
    local_auth_database_url: SecretStr | None = None

    @classmethod
    def from_env(cls) -> Config:
        env = os.environ
        values = {
            "database_url": env.get("DATABASE_URL"),
            "service_database_url": env.get("SALESBOT_SERVICE_DATABASE_URL"),
            "database_timeout": env.get("SALESBOT_DB_TIMEOUT"),
            "supabase_url": env.get("SUPABASE_URL"),
            "supabase_jwt_secret": env.get("SUPABASE_JWT_SECRET"),
            "openai_api_key": env.get("OPENAI_API_KEY"),
            "openai_base_url": env.get("OPENAI_BASE_URL"),
            "model": env.get("SALESBOT_MODEL"),
            "llm_timeout": env.get("SALESBOT_LLM_TIMEOUT"),
            "llm_retries": env.get("SALESBOT_LLM_RETRIES"),
            "reply_deadline": env.get("SALESBOT_REPLY_DEADLINE"),
            "public_url": env.get("PUBLIC_URL"),
            "telegram_api_base": env.get("TELEGRAM_API_BASE"),
            "telegram_retry_budget": env.get("SALESBOT_TELEGRAM_RETRY_BUDGET"),
            "cron_secret": env.get("SALESBOT_CRON_SECRET"),
            "allow_private_endpoints": env.get("SALESBOT_ALLOW_PRIVATE_ENDPOINTS"),
            "amocrm_client_id": env.get("AMOCRM_CLIENT_ID"),
            "amocrm_client_secret": env.get("AMOCRM_CLIENT_SECRET"),
            "amocrm_authorize_url": env.get("AMOCRM_AUTHORIZE_URL"),
            "hubspot_api_base": env.get("HUBSPOT_API_BASE"),
            "billing_provider": env.get("SALESBOT_BILLING_PROVIDER"),
            "billing_return_url": env.get("SALESBOT_BILLING_RETURN_URL"),
            "stripe_secret_key": env.get("STRIPE_SECRET_KEY"),
            "stripe_webhook_secret": env.get("STRIPE_WEBHOOK_SECRET"),
            "stripe_api_base": env.get("STRIPE_API_BASE"),
            "breaker_failures": env.get("SALESBOT_BREAKER_FAILURES"),
            "breaker_cooldown": env.get("SALESBOT_BREAKER_COOLDOWN"),
            "retention_days": env.get("SALESBOT_RETENTION_DAYS"),
            "supabase_anon_key": env.get("SUPABASE_ANON_KEY"),
            "console_secret": env.get("SALESBOT_CONSOLE_SECRET"),
            "trusted_proxies": env.get("SALESBOT_TRUSTED_PROXIES"),
            "local_auth_database_url": env.get("SALESBOT_LOCAL_AUTH_DATABASE_URL"),
        }
        # An empty variable means unset, as in most deployment consoles.
        return cls.model_validate({key: value for key, value in values.items() if value})


@lru_cache(maxsize=1)
def get_config() -> Config:
    return Config.from_env()
