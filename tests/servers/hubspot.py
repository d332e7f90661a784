"""HubSpot's CRM v3 API on a local port, for a private app's token (`Authorization: Bearer`).

- Contacts: `GET /crm/v3/objects/contacts`, `POST .../contacts/search` (filterGroups of EQ filters),
  `POST .../contacts` (a second contact with the same email is a 409 "Contact already exists.
  Existing ID: <id>"), `PATCH .../contacts/{id}` (an empty string clears a property).
- Deals: `POST .../deals/search` (EQ on `associations.contact`, `pipeline`, `hs_is_closed`),
  `POST .../deals` with `associations` (the HUBSPOT_DEFINED deal-to-contact type, 3), `PATCH
  .../deals/{id}`.
- Notes: `POST /crm/v3/objects/notes` with `hs_timestamp` and `hs_note_body`, associated with a
  deal (214) or a contact (202).
A wrong token is a 401, an unknown property or association type a 400, and a 429 (RATE_LIMIT) can
be scripted; records can be hidden from search, as HubSpot's search index lags behind its
writes; errors have HubSpot's shape: `{"status": "error", "message", "correlationId", "category"}`.
"""

from __future__ import annotations

import itertools
import re
import threading
import uuid
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tests.servers.base import LostAnswers, RestHandler, serve_http

TOKEN = "pat-na1-0b5c8a56-9c1e-4f0e-8f0a-3d2b1c4e5f60"
CLOSED_STAGES = ("closedwon", "closedlost")
CONTACT_PROPERTIES = {"email", "phone", "hs_whatsapp_phone_number", "firstname", "lastname"}
DEAL_PROPERTIES = {"dealname", "pipeline", "dealstage", "amount"}
ASSOCIATION_TYPES = {("deals", "contacts"): 3, ("notes", "contacts"): 202, ("notes", "deals"): 214}


@dataclass
class Request:
    method: str
    path: str
    body: Any
    status: int = 200


@dataclass
class HubSpotServer:
    url: str = ""
    requests: list[Request] = field(default_factory=list)
    objects: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {"contacts": {}, "deals": {}, "notes": {}})
    script: deque[int] = field(default_factory=deque)
    # Records search does not see yet: HubSpot's search index lags behind writes by a few seconds.
    unindexed: set[str] = field(default_factory=set)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(9001))
    lock: threading.Lock = field(default_factory=threading.Lock)
    lost: LostAnswers = field(default_factory=LostAnswers)

    def calls(self, method: str, path: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(path, r.path) and r.status < 300]


def _error(status: int, category: str, message: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    return status, {"status": "error", "message": message, "correlationId": str(uuid.uuid4()), "category": category,
                    **extra}


@contextmanager
def serve_hubspot() -> Iterator[HubSpotServer]:
    state = HubSpotServer()

    class Handler(RestHandler):
        lost = state.lost

        def answer(self, method: str) -> None:
            body = self.read_json() if method != "GET" else None
            path = self.path.partition("?")[0]
            with state.lock:
                status, answer = self._route(method, path, body)
                state.requests.append(Request(method, path, body, status))
            self.send_json(status, answer)

        def _route(self, method: str, path: str, body: Any) -> tuple[int, Any]:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return _error(401, "INVALID_AUTHENTICATION", "Authentication credentials not found.")
            if state.script:
                code = state.script.popleft()
                if code == 429:
                    return _error(429, "RATE_LIMITS", "You have reached your secondly limit.", errorType="RATE_LIMIT",
                                  policyName="SECONDLY")
                return _error(code, "INTERNAL_ERROR", "Scripted failure")
            match = re.fullmatch(r"/crm/v3/objects/(contacts|deals|notes)(?:/(search|\d+))?", path)
            if match is None:
                return _error(404, "OBJECT_NOT_FOUND", "Not found")
            kind, rest = match[1], match[2]
            if method == "GET" and rest is None:
                return 200, {"results": list(state.objects[kind].values())[:1]}
            if method == "POST" and rest == "search":
                return self._search(kind, body)
            if method == "POST" and rest is None:
                return self._create(kind, body)
            if method == "PATCH" and rest and rest.isdigit():
                record = state.objects[kind].get(rest)
                if record is None:
                    return _error(404, "OBJECT_NOT_FOUND", f"resource not found: {rest}")
                problem = self._properties_problem(kind, (body or {}).get("properties"))
                if problem:
                    return problem
                for name, value in body["properties"].items():  # an empty string clears the property
                    if value:
                        record["properties"][name] = value
                    else:
                        record["properties"].pop(name, None)
                return 200, record
            return _error(405, "VALIDATION_ERROR", "Method not allowed")

        def _properties_problem(self, kind: str, properties: Any) -> tuple[int, Any] | None:
            allowed = {"contacts": CONTACT_PROPERTIES, "deals": DEAL_PROPERTIES,
                       "notes": {"hs_timestamp", "hs_note_body"}}[kind]
            if not isinstance(properties, dict) or not all(isinstance(v, str) for v in properties.values()):
                return _error(400, "VALIDATION_ERROR", "properties must be an object of strings")
            unknown = sorted(set(properties) - allowed)
            if unknown:
                return _error(400, "VALIDATION_ERROR", f"Property values were not valid: {unknown[0]} does not exist")
            return None

        def _search(self, kind: str, body: Any) -> tuple[int, Any]:
            groups = (body or {}).get("filterGroups") or []
            if not groups or any(f.get("operator") != "EQ" for g in groups for f in g.get("filters", [])):
                return _error(400, "VALIDATION_ERROR", "filterGroups of EQ filters expected")
            found = [record for record in state.objects[kind].values() if record["id"] not in state.unindexed
                     and any(all(self._matches(kind, record, f) for f in g["filters"]) for g in groups)]
            found.sort(key=lambda record: int(record["id"]), reverse=True)
            limited = found[: int((body or {}).get("limit") or 10)]
            return 200, {"total": len(found), "results": limited}

        def _matches(self, kind: str, record: dict[str, Any], wanted: dict[str, Any]) -> bool:
            name, value = wanted["propertyName"], str(wanted["value"])
            if name == "associations.contact":
                return value in record["associations"].get("contacts", [])
            if name == "hs_is_closed":
                return str(record["properties"].get("dealstage") in CLOSED_STAGES).lower() == value
            return str(record["properties"].get(name)) == value

        def _create(self, kind: str, body: Any) -> tuple[int, Any]:
            properties = (body or {}).get("properties")
            problem = self._properties_problem(kind, properties)
            if problem:
                return problem
            if kind == "contacts" and properties.get("email"):
                existing = next((c for c in state.objects["contacts"].values()
                                 if c["properties"].get("email") == properties["email"]), None)
                if existing:
                    return _error(409, "CONFLICT", f"Contact already exists. Existing ID: {existing['id']}")
            if kind == "notes" and not properties.get("hs_timestamp"):
                return _error(400, "VALIDATION_ERROR", "hs_timestamp is required")
            associations: dict[str, list[str]] = {}
            for association in (body or {}).get("associations") or []:
                target = str(association["to"]["id"])
                target_kind = next((k for k, records in state.objects.items() if target in records), None)
                expected = ASSOCIATION_TYPES.get((kind, target_kind))
                if expected is None or association.get("types") != [
                        {"associationCategory": "HUBSPOT_DEFINED", "associationTypeId": expected}]:
                    return _error(400, "VALIDATION_ERROR", f"invalid association to {target}")
                associations.setdefault(target_kind, []).append(target)
            record_id = str(next(state.ids))
            now = datetime.now(UTC).isoformat()
            record = {"id": record_id, "properties": dict(properties), "createdAt": now, "updatedAt": now,
                      "archived": False, "associations": associations}
            state.objects[kind][record_id] = record
            return 201, record

    with serve_http(Handler) as url:
        state.url = url
        yield state
