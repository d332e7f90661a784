"""amoCRM (and Kommo, its international edition): the company authorizes our integration with OAuth
2.0's authorization code flow, and its leads arrive as amoCRM leads with their contact.

The admin follows our authorization link; amoCRM sends them back to the crm_oauth function with a
code and `referer`, the account's own domain, which must be amoCRM's (the code and our client
secret go nowhere else). Access tokens last a day; each refresh returns a new refresh token and
voids the old one, so the new pair is stored at once, and one worker at a time uses an
integration. A lead and its contact (phone, WhatsApp number, email and Telegram username in the
standard PHONE, EMAIL and IM multi-fields) are created in one `POST /api/v4/leads/complex`; the conversation goes in as a note; our statuses
move the lead along the pipeline stages the admin chose. A contact the customer takes back leaves the
contact's multi-field (emptied with `values: null` when it was the last). amoCRM allows 7 requests a second and
answers 429 past that.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from typing import Any
from urllib.parse import urlencode

from salesbot.config import Config
from salesbot.crm.client import JsonApi
from salesbot.crm.delivery import Connection
from salesbot.crm.errors import DeliveryFailed, EndpointRefused, Refused, Unauthorized
from salesbot.crm.models import CONTACT_FIELDS, AmoCrmSettings, Event, LeadSnapshot, Link
from salesbot.crm.outbound import Session

ACCOUNT_DOMAINS = ("amocrm.ru", "amocrm.com", "kommo.com")
_HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")
REQUESTS_PER_SECOND = 6  # amoCRM allows 7: one less leaves room for the network's jitter
WON, LOST = 142, 143  # the same closing stages in every pipeline
_REFRESH_MARGIN_SECONDS = 120
_TOKEN_SECONDS = 15.0
# The contact's standard multi-fields and their kinds: amoCRM's IM kinds name no Telegram ("other").
_CONTACT_FIELDS = {"phone": ("PHONE", "WORK"), "whatsapp": ("PHONE", "MOB"), "email": ("EMAIL", "WORK"),
                   "telegram": ("IM", "OTHER")}


def redirect_uri(config: Config) -> str:
    if not config.public_url:
        raise Refused("PUBLIC_URL is not configured: amoCRM needs an address to send the admin back to")
    return f"{config.public_url.rstrip('/')}/crm_oauth"


def authorize_url(config: Config, state: str) -> str:
    """Where the admin goes to let our integration into their amoCRM account."""
    if not config.amocrm_client_id:
        raise Refused("AMOCRM_CLIENT_ID is not configured")
    return f"{config.amocrm_authorize_url}?{urlencode({'client_id': config.amocrm_client_id, 'state': state, 'mode': 'post_message'})}"


def account_base_url(config: Config, referer: str) -> str:
    """The account's API address from the `referer` amoCRM sent back: a bare host on one of amoCRM's
    domains, nothing else (no port, path or credentials)."""
    host = referer.strip().lower()
    if config.allow_private_endpoints:
        return f"http://{host}"  # the local stack's stand-in for amoCRM, host and port
    if not _HOST.fullmatch(host) or not any(host.endswith(f".{domain}") for domain in ACCOUNT_DOMAINS):
        raise EndpointRefused("the account is not on an amoCRM domain")
    return f"https://{host}"


def exchange_code(config: Config, session: Session, base_url: str, code: str) -> dict[str, Any]:
    """The account's first tokens, for the authorization code."""
    return _token_request(config, session, base_url, {"grant_type": "authorization_code", "code": code})


def _token_request(config: Config, session: Session, base_url: str, grant: dict[str, str]) -> dict[str, Any]:
    if not config.amocrm_client_id or config.amocrm_client_secret is None:
        raise Refused("AMOCRM_CLIENT_ID and AMOCRM_CLIENT_SECRET are not configured")
    api = JsonApi(session, base_url, name="amoCRM", headers={}, requests_per_second=REQUESTS_PER_SECOND,
                  deadline=time.monotonic() + _TOKEN_SECONDS)
    tokens = api.call("POST", "/oauth2/access_token", {
        "client_id": config.amocrm_client_id, "client_secret": config.amocrm_client_secret.get_secret_value(),
        "redirect_uri": redirect_uri(config), **grant})
    if not isinstance(tokens, dict) or not tokens.get("access_token") or not tokens.get("refresh_token"):
        raise DeliveryFailed("amoCRM answered the token request without tokens")
    return {"base_url": base_url, "access_token": tokens["access_token"], "refresh_token": tokens["refresh_token"],
            "expires_at": int(time.time()) + int(tokens.get("expires_in") or 0)}


class AmoCrm:
    name = "amoCRM lead"

    def __init__(self, connection: Connection, settings: AmoCrmSettings) -> None:
        self._connection = connection
        self._settings = settings
        credentials = connection.integration.credentials
        if not credentials.get("base_url") or not credentials.get("refresh_token"):
            raise Unauthorized("amoCRM is not authorized: follow a new authorization link")
        self._api = JsonApi(connection.session, credentials["base_url"], name="amoCRM",
                            headers=self._bearer(credentials), requests_per_second=REQUESTS_PER_SECOND,
                            deadline=connection.deadline)
        self._contacts: dict[str, int] = {}  # lead id -> an existing contact find() came across

    @staticmethod
    def _bearer(credentials: dict[str, Any]) -> dict[str, str]:
        return {"Authorization": f"Bearer {credentials['access_token']}"}

    def _refresh(self) -> None:
        credentials = self._connection.integration.credentials
        try:
            renewed = _token_request(self._connection.config, self._connection.session, credentials["base_url"],
                                     {"grant_type": "refresh_token", "refresh_token": credentials["refresh_token"]})
        except Refused as refusal:
            raise Unauthorized(f"amoCRM refused to renew the token ({refusal.reason}): authorize again") from None
        self._connection.store_credentials(renewed)  # the old refresh token is void from now on
        self._api.headers = self._bearer(renewed)

    def _call(self, method: str, path: str, body: Any = None, *, repeatable: bool | None = None) -> Any:
        if int(self._connection.integration.credentials.get("expires_at") or 0) - _REFRESH_MARGIN_SECONDS < time.time():
            self._refresh()
        try:
            return self._api.call(method, path, body, repeatable=repeatable)
        except Unauthorized:
            self._refresh()  # revoked early, or the clocks disagree: once
            return self._api.call(method, path, body, repeatable=repeatable)

    def check(self) -> None:
        self._call("GET", "/api/v4/account")

    def find(self, lead: LeadSnapshot) -> Link | None:
        for _, value in lead.contacts():
            # amoCRM answers 204, no body, when nothing matches.
            found = self._call("GET", f"/api/v4/contacts?{urlencode({'query': value, 'with': 'leads'})}") or {}
            for contact in found.get("_embedded", {}).get("contacts", []):
                self._contacts.setdefault(str(lead.id), int(contact["id"]))
                open_lead = self._open_lead([item["id"] for item in contact.get("_embedded", {}).get("leads", [])])
                if open_lead is not None:
                    return Link(external_id=str(open_lead), external_contact_id=str(contact["id"]))
        return None

    def _open_lead(self, lead_ids: list[int]) -> int | None:
        """The newest of these leads still open in our pipeline."""
        if not lead_ids:
            return None
        query = urlencode([("filter[id][]", lead_id) for lead_id in lead_ids[:50]])
        found = self._call("GET", f"/api/v4/leads?{query}") or {}
        open_leads = [item["id"] for item in found.get("_embedded", {}).get("leads", [])
                      if item.get("status_id") not in (WON, LOST)
                      and self._settings.pipeline_id in (None, item.get("pipeline_id"))]
        return max(open_leads, default=None)

    def create(self, lead: LeadSnapshot) -> Link:
        existing = self._contacts.get(str(lead.id))
        contact: dict[str, Any] = {"id": existing} if existing else self._contact_fields(lead, creating=True)
        record = {**self._lead_fields(lead, status=True, creating=True),
                  "_embedded": {"contacts": [contact], "tags": [{"name": "Salesbot"}]}}
        created = self._call("POST", "/api/v4/leads/complex", [record])
        if not isinstance(created, list) or not created or "id" not in created[0]:
            raise DeliveryFailed("amoCRM answered the new lead without its id")
        contact_id = existing or created[0].get("contact_id")
        return Link(external_id=str(created[0]["id"]), external_contact_id=str(contact_id) if contact_id else None)

    def update(self, link: Link, lead: LeadSnapshot, event: Event) -> None:
        # Each PATCH sets the fields (a multi-field's whole list of values): sent twice, the same record.
        self._call("PATCH", f"/api/v4/leads/{link.external_id}",
                   self._lead_fields(lead, status=event.type == "lead.status_changed"), repeatable=True)
        if link.external_contact_id and event.type == "lead.updated" and event.changed & CONTACT_FIELDS:
            self._call("PATCH", f"/api/v4/contacts/{link.external_contact_id}",
                       self._contact_fields(lead, creating=False, cleared=event.taken_back), repeatable=True)

    def add_note(self, link: Link, text: str) -> None:
        self._call("POST", f"/api/v4/leads/{link.external_id}/notes",
                   [{"note_type": "common", "params": {"text": text}}])

    def _lead_fields(self, lead: LeadSnapshot, *, status: bool, creating: bool = False) -> dict[str, Any]:
        fields: dict[str, Any] = {"name": lead.title()}
        if lead.budget_amount is not None:
            fields["price"] = int(lead.budget_amount)
        if self._settings.responsible_user_id is not None and creating:
            fields["responsible_user_id"] = self._settings.responsible_user_id
        stage = self._settings.statuses.get(lead.status) if status else None
        if stage is not None:
            fields["status_id"] = stage
        if self._settings.pipeline_id is not None and (stage is not None or creating):
            fields["pipeline_id"] = self._settings.pipeline_id  # with no stage: the pipeline's first one
        return fields

    @staticmethod
    def _contact_fields(lead: LeadSnapshot, *, creating: bool, cleared: Collection[str] = ()) -> dict[str, Any]:
        """The contact's fields; a multi-field's values are replaced by those sent, and one left with
        none, its contacts taken back (`cleared`), is emptied with `values: null`, as amoCRM documents."""
        listed_values = lead.multifields(_CONTACT_FIELDS)
        values: list[dict[str, Any]] = [
            {"field_code": code, "values": [{"value": value, "enum_code": kind} for value, kind in listed]}
            for code, listed in listed_values.items()]
        values += [{"field_code": code, "values": None}
                   for code in sorted({_CONTACT_FIELDS[field][0] for field in cleared if field in _CONTACT_FIELDS})
                   if code not in listed_values]
        fields: dict[str, Any] = {"custom_fields_values": values}
        if lead.name or creating:  # a contact needs a name; an update keeps the one it has
            fields["name"] = lead.name or "Customer"
        return fields
