"""Connecting a company's integrations with the caller's own rights (the CLI, the console): what
needs more than one RPC, a secret made here and shown once, or a call to the CRM.

A change of an integration goes through here too, so a webhook's new URL is checked as a new one is.
Every other change (pause, test event, retry, removal) is one RPC the console calls as it is. Each acts for the company `owner_id` names (None: the caller's only one)
and checks the caller's role there.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from salesbot.config import Config
from salesbot.crm import amocrm
from salesbot.crm.errors import DeliveryFailed, EndpointRefused, PrivateAddress
from salesbot.crm.models import CRM_EVENTS, EVENT_TYPES, SETTINGS
from salesbot.crm.outbound import Session, check_endpoint
from salesbot.db import SERVICE_CLAIMS, Database, company_arg
from salesbot.errors import ApiError, BadRequest
from salesbot.http import describe_validation_error
from salesbot.standard_webhooks import new_secret

CREDENTIAL = {"bitrix24": "webhook_url", "hubspot": "token"}  # what connect_integration takes of each


def validated_settings(kind: str, settings: Mapping[str, Any] | None) -> dict[str, Any]:
    """A CRM's settings checked against its model, defaults filled in."""
    try:
        return SETTINGS[kind].model_validate(settings or {}).model_dump(mode="json")
    except ValidationError as error:
        raise BadRequest(f"settings: {describe_validation_error(error)}") from None


def _check_events(events: Sequence[str]) -> list[str]:
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown or not events:
        raise BadRequest(f"events: choose from {', '.join(EVENT_TYPES)}")
    return list(dict.fromkeys(events))


def public_endpoint(config: Config, field: str, url: str) -> str:
    """`url`, checked as every request to it will be (outbound.check_endpoint), when a company gives
    it to us: refused here, beside its `field`, rather than later in the delivery log."""
    try:
        check_endpoint(url, allow_private=config.allow_private_endpoints)
    except PrivateAddress:
        raise BadRequest(f"{field}: the endpoint must be on a public address") from None
    except EndpointRefused:  # not https, or not a URL Python reads a host and port from
        raise BadRequest(f"{field}: the endpoint must be a valid https URL") from None
    return url


def connect_webhook(db: Database, claims: Mapping[str, Any], config: Config, owner_id: UUID | None, name: str,
                    url: str, events: Sequence[str]) -> dict[str, Any]:
    """A signed webhook endpoint; its signing secret is in the answer, this once."""
    public_endpoint(config, "url", url)
    secret = new_secret()
    integration = db.rpc("connect_integration", {
        "p_owner_id": company_arg(owner_id), "p_kind": "webhook", "p_name": name, "p_url": url,
        "p_events": _check_events(events), "p_credentials": {"signing_secret": secret}}, claims)
    return {**integration, "signing_secret": secret}


def connect_crm(db: Database, claims: Mapping[str, Any], config: Config, owner_id: UUID | None, kind: str, name: str,
                credential: str, settings: Mapping[str, Any] | None = None,
                events: Sequence[str] = CRM_EVENTS) -> dict[str, Any]:
    """Bitrix24 (its incoming webhook URL) or HubSpot (a private app token)."""
    connected: dict[str, Any] = db.rpc("connect_integration", {
        "p_owner_id": company_arg(owner_id), "p_kind": kind, "p_name": name,
        "p_credentials": _credentials(config, kind, credential), "p_events": _check_events(events),
        "p_settings": validated_settings(kind, settings)}, claims)
    return connected


def _credentials(config: Config, kind: str, credential: str) -> dict[str, str]:
    """A CRM's one credential; Bitrix24's is its portal's address, which we call."""
    if kind == "bitrix24":
        public_endpoint(config, CREDENTIAL[kind], credential)
    return {CREDENTIAL[kind]: credential}


def change_integration(db: Database, claims: Mapping[str, Any], config: Config, owner_id: UUID | None,
                       integration_id: UUID, *, name: str | None = None, url: str | None = None,
                       events: Sequence[str] | None = None, settings: Mapping[str, Any] | None = None,
                       is_active: bool | None = None) -> dict[str, Any]:
    """Changes what is given (None: left as it is); a webhook's new URL is checked as a new one is."""
    changed: dict[str, Any] = db.rpc("update_integration", {
        "p_owner_id": company_arg(owner_id), "p_integration_id": str(integration_id), "p_name": name,
        "p_url": None if url is None else public_endpoint(config, "url", url), "p_events": events,
        "p_settings": settings, "p_is_active": is_active}, claims)
    return changed


def rotate_webhook_secret(db: Database, claims: Mapping[str, Any], owner_id: UUID | None,
                          integration_id: UUID) -> dict[str, Any]:
    secret = new_secret()
    integration = db.rpc("replace_integration_credentials", {
        "p_owner_id": company_arg(owner_id), "p_integration_id": str(integration_id),
        "p_credentials": {"signing_secret": secret}}, claims)
    return {**integration, "signing_secret": secret}


def replace_crm_credential(db: Database, claims: Mapping[str, Any], config: Config, owner_id: UUID | None,
                           integration_id: UUID, kind: str, credential: str) -> dict[str, Any]:
    """A new incoming webhook URL for Bitrix24, a new private app token for HubSpot."""
    replaced: dict[str, Any] = db.rpc("replace_integration_credentials", {
        "p_owner_id": company_arg(owner_id), "p_integration_id": str(integration_id),
        "p_credentials": _credentials(config, kind, credential)}, claims)
    return replaced


def begin_amocrm(db: Database, claims: Mapping[str, Any], config: Config, owner_id: UUID | None, name: str,
                 settings: Mapping[str, Any] | None = None, integration_id: UUID | None = None) -> dict[str, Any]:
    """The link the admin follows to let our integration into their amoCRM account."""
    if not config.amocrm_client_id or not config.public_url:
        raise ApiError("amoCRM is not configured: set AMOCRM_CLIENT_ID, AMOCRM_CLIENT_SECRET and PUBLIC_URL",
                       status=503, code="unavailable")
    state = secrets.token_urlsafe(32)
    pending = db.rpc("begin_crm_authorization", {
        "p_owner_id": company_arg(owner_id), "p_name": name, "p_state": state,
        "p_settings": validated_settings("amocrm", settings),
        "p_integration_id": str(integration_id) if integration_id else None}, claims)
    return {**pending, "authorize_url": amocrm.authorize_url(config, state)}


class OAuthCallback(BaseModel):
    """What amoCRM puts on the redirect back to us."""

    model_config = ConfigDict(extra="ignore")

    state: str = Field(pattern=r"^[A-Za-z0-9_-]{32,128}$")  # what begin_amocrm made
    code: str | None = Field(default=None, pattern=r"^[\x21-\x7e]{1,4000}$")
    referer: str | None = Field(default=None, pattern=r"^[A-Za-z0-9.:-]{1,255}$")  # the account's host
    client_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9-]{1,100}$")
    error: str | None = Field(default=None, pattern=r"^[\x20-\x7e]{0,200}$")


def complete_amocrm(db: Database, config: Config, callback: OAuthCallback) -> dict[str, Any]:
    """The redirect back from amoCRM: the code becomes the account's tokens, and the integration exists."""
    if callback.error or not callback.code or not callback.referer:
        raise BadRequest("amoCRM did not authorize the integration; start again from a new link")
    if callback.client_id and callback.client_id != config.amocrm_client_id:
        raise BadRequest("this authorization is for another amoCRM integration")
    if not db.rpc("crm_authorization", {"p_state": callback.state}, SERVICE_CLAIMS):
        raise BadRequest("this authorization link has expired or was used already; start again")
    try:
        base_url = amocrm.account_base_url(config, callback.referer)
    except EndpointRefused as refusal:
        raise BadRequest(f"referer: {refusal.reason}") from None
    try:
        with Session(allow_private=config.allow_private_endpoints) as session:
            credentials = amocrm.exchange_code(config, session, base_url, callback.code)
    except DeliveryFailed as failure:
        raise ApiError(f"amoCRM did not give tokens for this code: {failure.reason}", status=502,
                       code="crm_refused") from None
    integration = db.rpc("complete_crm_authorization", {"p_state": callback.state, "p_credentials": credentials},
                         SERVICE_CLAIMS)
    return {"id": integration["id"], "kind": "amocrm", "name": integration["name"], "connected": True}
