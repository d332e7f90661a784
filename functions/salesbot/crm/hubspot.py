"""HubSpot: a private app's access token, and CRM v3 objects.

The customer is looked up among contacts by email, then phone, then WhatsApp number
(`/crm/v3/objects/contacts/search`), and created only when absent (a 409 that names the existing contact is taken as found). An open
deal of that contact in our pipeline is taken over; otherwise a deal is created associated with the
contact (association type 3, deal to contact). The conversation goes in as a note associated with
the deal and the contact (types 214 and 202). Our statuses move the deal along the pipeline's
stages. A WhatsApp number goes in HubSpot's own `hs_whatsapp_phone_number`; HubSpot has no
property for a Telegram username, which the note carries. A name or contact the customer takes back
is cleared on the contact (an empty string, as HubSpot documents). Search allows about five requests a
second; 429 is waited out.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

from salesbot.crm.client import JsonApi
from salesbot.crm.delivery import Connection
from salesbot.crm.errors import DeliveryFailed, Unauthorized
from salesbot.crm.models import CONTACT_FIELDS, Event, HubSpotSettings, LeadSnapshot, Link

REQUESTS_PER_SECOND = 5
DEAL_TO_CONTACT, NOTE_TO_CONTACT, NOTE_TO_DEAL = 3, 202, 214
_EXISTING_ID = re.compile(r"Existing ID: ?(\d+)")
WHATSAPP = "hs_whatsapp_phone_number"  # a contact property HubSpot defines
_CONTACT_PROPERTIES = {"email": "email", "phone": "phone", "whatsapp": WHATSAPP, "name": "firstname"}


def _association(target: str, type_id: int) -> dict[str, Any]:
    return {"to": {"id": target}, "types": [{"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": type_id}]}


def _search(prop: str, value: str) -> dict[str, Any]:
    return {"propertyName": prop, "operator": "EQ", "value": value}


class HubSpot:
    name = "HubSpot deal"

    def __init__(self, connection: Connection, settings: HubSpotSettings) -> None:
        token = connection.integration.credentials.get("token")
        if not token:
            raise Unauthorized("the HubSpot token is missing: set it again")
        self._settings = settings
        self._api = JsonApi(connection.session, connection.config.hubspot_api_base, name="HubSpot",
                            headers={"Authorization": f"Bearer {token}"}, requests_per_second=REQUESTS_PER_SECOND,
                            deadline=connection.deadline)
        self._contacts: dict[str, str] = {}  # lead id -> the contact find() found

    def check(self) -> None:
        self._api.call("GET", "/crm/v3/objects/contacts?limit=1")

    def find(self, lead: LeadSnapshot) -> Link | None:
        contact = self._find_contact(lead)
        if contact is None:
            return None
        self._contacts[str(lead.id)] = contact
        found = self._api.call("POST", "/crm/v3/objects/deals/search", {
            "filterGroups": [{"filters": [_search("associations.contact", contact),
                                          _search("pipeline", self._settings.pipeline),
                                          _search("hs_is_closed", "false")]}],
            "sorts": [{"propertyName": "createdate", "direction": "DESCENDING"}],
            "properties": ["dealname", "dealstage"], "limit": 1}, repeatable=True)
        deals = (found or {}).get("results") or []
        return Link(external_id=str(deals[0]["id"]), external_contact_id=contact) if deals else None

    def _find_contact(self, lead: LeadSnapshot) -> str | None:
        for prop, value in (("email", lead.email), ("phone", lead.phone), (WHATSAPP, lead.whatsapp)):
            if value:
                found = self._api.call("POST", "/crm/v3/objects/contacts/search", {
                    "filterGroups": [{"filters": [_search(prop, value)]}], "properties": ["email", "phone", WHATSAPP],
                    "limit": 1}, repeatable=True)
                results = (found or {}).get("results") or []
                if results:
                    return str(results[0]["id"])
        return None

    def create(self, lead: LeadSnapshot) -> Link:
        contact = self._contacts.get(str(lead.id)) or self._create_contact(lead)
        deal = self._api.call("POST", "/crm/v3/objects/deals", {
            "properties": self._deal_properties(lead, status=True),
            "associations": [_association(contact, DEAL_TO_CONTACT)]})
        if not isinstance(deal, dict) or "id" not in deal:
            raise DeliveryFailed("HubSpot answered the new deal without its id")
        return Link(external_id=str(deal["id"]), external_contact_id=contact)

    def _create_contact(self, lead: LeadSnapshot) -> str:
        created = self._api.call("POST", "/crm/v3/objects/contacts", {"properties": self._contact_properties(lead)},
                                 also=(409,))
        if isinstance(created, dict) and "id" in created:
            return str(created["id"])
        existing = _EXISTING_ID.search(str((created or {}).get("message", "")))
        if existing is None:
            raise DeliveryFailed("HubSpot answered the new contact without its id")
        return existing.group(1)

    def update(self, link: Link, lead: LeadSnapshot, event: Event) -> None:
        # Each PATCH sets the record's properties to the lead's values: sent twice, the same record.
        self._api.call("PATCH", f"/crm/v3/objects/deals/{link.external_id}",
                       {"properties": self._deal_properties(lead, status=event.type == "lead.status_changed")},
                       repeatable=True)
        if link.external_contact_id and event.type == "lead.updated" and event.changed & CONTACT_FIELDS:
            self._api.call("PATCH", f"/crm/v3/objects/contacts/{link.external_contact_id}",
                           {"properties": self._contact_properties(lead, cleared=event.taken_back)}, repeatable=True)

    def add_note(self, link: Link, text: str) -> None:
        associations = [_association(link.external_id, NOTE_TO_DEAL)]
        if link.external_contact_id:
            associations.append(_association(link.external_contact_id, NOTE_TO_CONTACT))
        self._api.call("POST", "/crm/v3/objects/notes", {
            "properties": {"hs_timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
                           "hs_note_body": html.escape(text).replace("\n", "<br>")},
            "associations": associations})

    def _deal_properties(self, lead: LeadSnapshot, *, status: bool) -> dict[str, str]:
        properties = {"dealname": lead.title(), "pipeline": self._settings.pipeline}
        if lead.budget_amount is not None:
            properties["amount"] = f"{lead.budget_amount.normalize():f}"
        if status and lead.status in self._settings.stages:
            properties["dealstage"] = self._settings.stages[lead.status]
        return properties

    @staticmethod
    def _contact_properties(lead: LeadSnapshot, cleared: Collection[str] = ()) -> dict[str, str]:
        """The contact's properties the lead has, and an empty string, which HubSpot documents as
        clearing a property, for each of `cleared` (taken back by the customer)."""
        return {prop: getattr(lead, field) or "" for field, prop in _CONTACT_PROPERTIES.items()
                if getattr(lead, field) or field in cleared}
