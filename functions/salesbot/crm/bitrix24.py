"""Bitrix24: the portal's incoming webhook (`https://<portal>/rest/<user id>/<code>/`, which is its
credential), and its leads.

Before creating a lead, `crm.duplicate.findbycomm` looks for leads with the customer's phones (a
WhatsApp number too), then email, and `crm.lead.list` keeps those still in progress: the newest is
taken over. Otherwise `crm.lead.add` creates one with PHONE (the WhatsApp number as a mobile), EMAIL
and IM (the Telegram username, as TELEGRAM) multi-fields and our lead's id as ORIGIN_ID; the
conversation goes to its timeline (`crm.timeline.comment.add`); `crm.lead.update` keeps it up to
date, sending a contact only when it changed (each value sent is added to the lead). A contact the
customer takes back is deleted from the lead: `crm.lead.get` gives its value's ID, sent back with an
empty VALUE, as Bitrix24 documents; a name taken back is cleared.
Bitrix24 allows about two requests a second and answers 503 QUERY_LIMIT_EXCEEDED past its burst.
"""

from __future__ import annotations

from typing import Any

from salesbot.crm.client import JsonApi
from salesbot.crm.delivery import Connection
from salesbot.crm.errors import DeliveryFailed, Unauthorized
from salesbot.crm.models import Bitrix24Settings, Event, LeadSnapshot, Link
from salesbot.crm.outbound import Answer

REQUESTS_PER_SECOND = 2
_CONTACT_FIELDS = {"phone": ("PHONE", "WORK"), "whatsapp": ("PHONE", "MOBILE"), "email": ("EMAIL", "WORK"),
                   "telegram": ("IM", "TELEGRAM")}
_SEARCHED = ("PHONE", "EMAIL")  # what crm.duplicate.findbycomm looks leads up by


def _rate_limited(answer: Answer) -> bool:
    body = answer.json()
    return answer.status == 429 or (
        answer.status == 503 and isinstance(body, dict) and body.get("error") == "QUERY_LIMIT_EXCEEDED")


class Bitrix24:
    name = "Bitrix24 lead"

    def __init__(self, connection: Connection, settings: Bitrix24Settings) -> None:
        webhook_url = connection.integration.credentials.get("webhook_url")
        if not webhook_url:
            raise Unauthorized("the Bitrix24 webhook URL is missing: set it again")
        self._settings = settings
        self._api = JsonApi(connection.session, webhook_url, name="Bitrix24", headers={},
                            requests_per_second=REQUESTS_PER_SECOND, deadline=connection.deadline,
                            rate_limited=_rate_limited)

    def _method(self, method: str, params: dict[str, Any], *, repeatable: bool = False) -> Any:
        """Every method is a POST: `repeatable` says which may be sent twice (reads, and an update
        that only sets fields)."""
        answer = self._api.call("POST", f"/{method}", params, repeatable=repeatable)
        if not isinstance(answer, dict) or "result" not in answer:
            raise DeliveryFailed(f"Bitrix24 answered {method} without a result")
        return answer["result"]

    def check(self) -> None:
        self._method("crm.lead.fields", {}, repeatable=True)

    def find(self, lead: LeadSnapshot) -> Link | None:
        candidates: set[int] = set()
        for kind, listed in lead.multifields(_CONTACT_FIELDS).items():
            if kind in _SEARCHED:
                found = self._method("crm.duplicate.findbycomm", {"entity_type": "LEAD", "type": kind,
                                                                  "values": [value for value, _ in listed]},
                                     repeatable=True)
                leads = found.get("LEAD") if isinstance(found, dict) else None  # nothing found comes as []
                candidates.update(int(item) for item in leads or [])
        if not candidates:
            return None
        in_progress = self._method("crm.lead.list", {
            "filter": {"@ID": sorted(candidates), "STATUS_SEMANTIC_ID": "P"}, "select": ["ID"], "order": {"ID": "DESC"}},
            repeatable=True)
        newest = max((int(item["ID"]) for item in in_progress or []), default=None)
        return Link(external_id=str(newest)) if newest is not None else None

    def create(self, lead: LeadSnapshot) -> Link:
        fields = {**self._fields(lead, status=True), **self._contacts(lead), "ORIGINATOR_ID": "salesbot",
                  "ORIGIN_ID": str(lead.id)}
        if self._settings.source_id:
            fields["SOURCE_ID"] = self._settings.source_id
        if self._settings.assigned_by_id is not None:
            fields["ASSIGNED_BY_ID"] = self._settings.assigned_by_id
        created = self._method("crm.lead.add", {"fields": fields, "params": {"REGISTER_SONET_EVENT": "Y"}})
        return Link(external_id=str(created))

    def update(self, link: Link, lead: LeadSnapshot, event: Event) -> None:
        fields = self._fields(lead, status=event.type == "lead.status_changed")
        if "name" in event.taken_back and not lead.name:
            fields["NAME"] = ""
        contacts = self._contacts(lead, only=event.changed) if event.type == "lead.updated" else {}
        for field, removed in self._taken_back(link, lead, event.taken_back).items():
            contacts[field] = contacts.get(field, []) + removed
        # Scalar fields are set, but each multi-field value sent without an ID is added to the lead:
        # an update carrying one, sent twice, would list the phone twice.
        self._method("crm.lead.update", {"id": int(link.external_id), "fields": {**fields, **contacts}},
                     repeatable=not any("ID" not in value for values in contacts.values() for value in values))

    def _taken_back(self, link: Link, lead: LeadSnapshot, taken_back: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
        """The multi-field values of contacts the customer took back, each as Bitrix24 deletes one:
        its ID and an empty VALUE. Their IDs are read from the lead; a value the lead still has under
        another kind (a phone that is also its WhatsApp number) stays."""
        kinds = {kind: value for kind, value in taken_back.items() if kind in _CONTACT_FIELDS}
        if not kinds:
            return {}
        record = self._method("crm.lead.get", {"id": int(link.external_id)}, repeatable=True)
        kept = {(field, value) for field, listed in lead.multifields(_CONTACT_FIELDS).items() for value, _ in listed}
        removed: dict[str, list[dict[str, Any]]] = {}
        for kind, value in kinds.items():
            field = _CONTACT_FIELDS[kind][0]
            if (field, value) in kept:
                continue
            removed.setdefault(field, []).extend(
                {"ID": item["ID"], "VALUE": ""} for item in (record or {}).get(field) or []
                if item.get("VALUE") == value and item.get("ID") is not None)
        return removed

    def add_note(self, link: Link, text: str) -> None:
        self._method("crm.timeline.comment.add",
                     {"fields": {"ENTITY_ID": int(link.external_id), "ENTITY_TYPE": "lead", "COMMENT": text}})

    def _fields(self, lead: LeadSnapshot, *, status: bool) -> dict[str, Any]:
        fields: dict[str, Any] = {"TITLE": lead.title()}
        if lead.name:
            fields["NAME"] = lead.name
        if lead.budget_amount is not None:
            fields.update(OPPORTUNITY=float(lead.budget_amount), CURRENCY_ID=lead.budget_currency)
        if lead.location:
            fields["ADDRESS_CITY"] = lead.location
        if status and lead.status in self._settings.statuses:
            fields["STATUS_ID"] = self._settings.statuses[lead.status]
        return fields

    @staticmethod
    def _contacts(lead: LeadSnapshot, only: set[str] | None = None) -> dict[str, Any]:
        return {field: [{"VALUE": value, "VALUE_TYPE": value_type} for value, value_type in listed]
                for field, listed in lead.multifields(_CONTACT_FIELDS, only).items()}
