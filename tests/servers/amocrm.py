"""An amoCRM account on a local port, speaking API v4 as amoCRM documents it.

- `POST /oauth2/access_token`: the authorization_code and refresh_token grants (client_id,
  client_secret, redirect_uri checked); every refresh issues a new pair and voids the refresh token
  used, as amoCRM does; an unknown code or refresh token is a 400 problem+json.
- `Authorization: Bearer` on every API call: an unknown or expired token is a 401 problem+json.
- `GET /api/v4/account`; `GET /api/v4/contacts?query=&with=leads` (204 when nothing matches);
  `GET /api/v4/leads?filter[id][]=`; `POST /api/v4/leads/complex` (an array of at most 50 leads,
  each with at most one contact given by id or with PHONE/EMAIL/IM multi-field values; answers
  `[{"id", "contact_id", "company_id", "request_id", "merged"}]`); `PATCH /api/v4/leads/{id}`,
  `PATCH /api/v4/contacts/{id}` (each multi-field given replaces that field's values, `values: null`
  empties it, the others stay); `POST /api/v4/leads/{id}/notes`. A body that breaks these rules
  is a 400 with `validation-errors`.
- More than 7 requests in a second is a 429, and a 429 can be scripted.
"""

from __future__ import annotations

import itertools
import re
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.servers.base import LostAnswers, RestHandler, serve_http

CLIENT_ID = "5d1c7c7e-9f8a-4b7e-8b5e-1f2a3b4c5d6e"
CLIENT_SECRET = "amo-client-secret-for-tests-0123456789abcdefghijklmnop"
RATE_LIMIT = 7  # requests a second
# The contact's standard multi-fields, by field_code, with the enum_codes of their values.
ENUM_CODES = {"PHONE": ("WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER"), "EMAIL": ("WORK", "PRIV", "OTHER"),
              "IM": ("SKYPE", "ICQ", "JABBER", "GTALK", "MSN", "OTHER")}


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: Any
    status: int = 200


@dataclass
class AmoCrmServer:
    url: str = ""
    referer: str = ""  # what amoCRM puts in the redirect: the account's host (and here its port)
    redirect_uri: str = ""  # the one registered for our integration
    requests: list[Request] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    access_tokens: dict[str, float] = field(default_factory=dict)  # token -> expiry (time.time())
    refresh_tokens: set[str] = field(default_factory=set)
    leads: dict[int, dict[str, Any]] = field(default_factory=dict)
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: list[dict[str, Any]] = field(default_factory=list)
    script: deque[int] = field(default_factory=deque)  # statuses to answer the next API calls with
    lost: LostAnswers = field(default_factory=LostAnswers)
    token_lifetime: int = 86400
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(1001))
    recent: dict[str, deque[float]] = field(default_factory=dict)  # per access token: the last second's calls
    lock: threading.Lock = field(default_factory=threading.Lock)

    def issue_code(self) -> str:
        code = "def502" + secrets.token_hex(32)
        self.codes.add(code)
        return code

    def calls(self, method: str, path_pattern: str) -> list[Request]:
        return [r for r in self.requests if r.method == method and re.fullmatch(path_pattern, r.path)]

    def contact_values(self, contact_id: int, code: str) -> list[str]:
        return [value["value"] for custom in self.contacts[contact_id].get("custom_fields_values") or []
                if custom.get("field_code") == code for value in custom["values"]]


def _problem(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    return {"title": title, "type": f"https://httpstatus.es/{status}", "status": status, "detail": detail, **extra}


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _multifield_errors(fields: Any, where: str) -> list[str]:
    errors = []
    for index, custom in enumerate(fields or []):
        kinds = ENUM_CODES.get(custom.get("field_code"))
        if kinds is None and "field_id" not in custom:
            errors.append(f"{where}.custom_fields_values.{index}: field_id or field_code required")
        if "values" in custom and custom["values"] is None:
            continue  # the field emptied
        for value in custom.get("values") or [None]:
            if not isinstance(value, dict) or not isinstance(value.get("value"), str):
                errors.append(f"{where}.custom_fields_values.{index}.values: value required")
            elif value.get("enum_code") not in (None, *(kinds or ())):
                errors.append(f"{where}.custom_fields_values.{index}.values: unknown enum_code")
    return errors


def _lead_errors(lead: Any, index: int) -> list[str]:
    if not isinstance(lead, dict):
        return [f"{index}: must be an object"]
    errors = []
    if "name" in lead and not isinstance(lead["name"], str):
        errors.append(f"{index}.name: must be a string")
    errors.extend(f"{index}.{key}: must be an integer" for key in ("price", "status_id", "pipeline_id",
                  "responsible_user_id") if key in lead and not isinstance(lead[key], int))
    contacts = (lead.get("_embedded") or {}).get("contacts") or []
    if len(contacts) > 1:
        errors.append(f"{index}._embedded.contacts: at most one contact")
    for contact in contacts:
        if "id" not in contact:
            errors += _multifield_errors(contact.get("custom_fields_values"), f"{index}._embedded.contacts.0")
    return errors


@contextmanager
def serve_amocrm(redirect_uri: str) -> Iterator[AmoCrmServer]:
    state = AmoCrmServer(redirect_uri=redirect_uri)

    class Handler(RestHandler):
        lost = state.lost

        def answer(self, method: str) -> None:
            parts = urlsplit(self.path)
            body = self.read_json() if method != "GET" else None
            request = Request(method, parts.path, parse_qs(parts.query), {k.lower(): v for k, v in self.headers.items()},
                              body)
            with state.lock:
                status, answer = self._route(request)
                request.status = status
                state.requests.append(request)
            if status == 204:
                self.send_response(204)
                self.end_headers()
                return
            kind = "application/hal+json" if status < 400 else "application/problem+json"
            self.send_json(status, answer, content_type=kind)

        def _route(self, request: Request) -> tuple[int, Any]:
            if request.path == "/oauth2/access_token" and request.method == "POST":
                return self._token(request.body or {})
            token = request.headers.get("authorization", "").removeprefix("Bearer ")
            recent = state.recent.setdefault(token, deque())
            now = time.monotonic()
            while recent and now - recent[0] >= 1.0:
                recent.popleft()
            recent.append(now)
            scripted = state.script.popleft() if state.script else None
            if len(recent) > RATE_LIMIT or scripted == 429:
                return 429, _problem(429, "Too Many Requests", "Too many requests")
            if state.access_tokens.get(token, 0) < time.time():
                return 401, _problem(401, "Unauthorized", "Unauthorized")
            if scripted is not None:
                return scripted, _problem(scripted, "Scripted", "Scripted failure")
            return self._api(request)

        def _token(self, body: dict[str, Any]) -> tuple[int, Any]:
            if (body.get("client_id"), body.get("client_secret")) != (CLIENT_ID, CLIENT_SECRET):
                return 401, _problem(401, "Unauthorized", "Client authentication failed", hint="invalid client")
            if body.get("redirect_uri") != state.redirect_uri:
                return 400, _problem(400, "Bad Request", "redirect_uri does not match")
            grant = body.get("grant_type")
            if grant == "authorization_code" and body.get("code") in state.codes:
                state.codes.discard(body["code"])
            elif grant == "refresh_token" and body.get("refresh_token") in state.refresh_tokens:
                state.refresh_tokens.discard(body["refresh_token"])  # used once
            else:
                return 400, _problem(400, "Bad Request", "The provided authorization grant is invalid",
                                     hint="Token has been revoked")
            access, refresh = "at-" + secrets.token_hex(24), "rt-" + secrets.token_hex(24)
            state.access_tokens[access] = time.time() + state.token_lifetime
            state.refresh_tokens.add(refresh)
            return 200, {"token_type": "Bearer", "expires_in": state.token_lifetime, "access_token": access,
                         "refresh_token": refresh}

        def _api(self, request: Request) -> tuple[int, Any]:
            path, body = request.path, request.body
            if request.method == "GET" and path == "/api/v4/account":
                return 200, {"id": 30001, "name": "Test account", "subdomain": "test", "currency": "RUB"}
            if request.method == "GET" and path == "/api/v4/contacts":
                query = (request.query.get("query") or [""])[0]
                found = [c for c in state.contacts.values()
                         if any((_digits(v["value"]) == _digits(query) and _digits(query)) or v["value"] == query
                                for f in c.get("custom_fields_values") or [] for v in f["values"])]
                if not found:
                    return 204, None
                with_leads = "leads" in (request.query.get("with") or [""])[0]
                return 200, {"_embedded": {"contacts": [
                    {"id": c["id"], "name": c["name"],
                     **({"_embedded": {"leads": [{"id": lead_id} for lead_id, lead in state.leads.items()
                                                 if lead["contact_id"] == c["id"]]}} if with_leads else {})}
                    for c in found]}}
            if request.method == "GET" and path == "/api/v4/leads":
                wanted = {int(i) for i in request.query.get("filter[id][]", [])}
                found = [lead for lead in state.leads.values() if lead["id"] in wanted]
                return (200, {"_embedded": {"leads": found}}) if found else (204, None)
            if request.method == "POST" and path == "/api/v4/leads/complex":
                if not isinstance(body, list) or not 1 <= len(body) <= 50:
                    return 400, _problem(400, "Bad Request", "Request validation failed",
                                         **{"validation-errors": [{"request_id": "0", "errors": ["1 to 50 leads"]}]})
                errors = [error for index, lead in enumerate(body) for error in _lead_errors(lead, index)]
                if errors:
                    return 400, _problem(400, "Bad Request", "Request validation failed",
                                         **{"validation-errors": [{"request_id": "0", "errors": errors}]})
                return 200, [self._create(index, lead) for index, lead in enumerate(body)]
            lead_match = re.fullmatch(r"/api/v4/leads/(\d+)(/notes)?", path)
            if lead_match and int(lead_match[1]) not in state.leads:
                return 404, _problem(404, "Not Found", "Lead not found")
            if request.method == "PATCH" and lead_match and not lead_match[2]:
                errors = _lead_errors(body, 0)
                if errors:
                    return 400, _problem(400, "Bad Request", "Request validation failed",
                                         **{"validation-errors": [{"request_id": "0", "errors": errors}]})
                state.leads[int(lead_match[1])].update(body)
                return 200, {"id": int(lead_match[1]), "updated_at": int(time.time())}
            if request.method == "POST" and lead_match and lead_match[2]:
                if not isinstance(body, list) or not all(
                        n.get("note_type") == "common" and isinstance((n.get("params") or {}).get("text"), str)
                        for n in body):
                    return 400, _problem(400, "Bad Request", "Request validation failed")
                notes = [{"id": next(state.ids), "entity_id": int(lead_match[1]), "text": n["params"]["text"],
                          "request_id": str(index)} for index, n in enumerate(body)]
                state.notes += notes
                return 200, {"_total_items": len(notes), "_embedded": {"notes": notes}}
            contact_match = re.fullmatch(r"/api/v4/contacts/(\d+)", path)
            if request.method == "PATCH" and contact_match and int(contact_match[1]) in state.contacts:
                errors = _multifield_errors(body.get("custom_fields_values"), "contact")
                if errors:
                    return 400, _problem(400, "Bad Request", "Request validation failed",
                                         **{"validation-errors": [{"request_id": "0", "errors": errors}]})
                contact = state.contacts[int(contact_match[1])]
                # Each field given replaces that field's values (`values: null` empties it); the others stay.
                fields = {custom.get("field_code") or custom.get("field_id"): custom
                          for custom in contact.get("custom_fields_values") or []}
                for custom in body.get("custom_fields_values") or []:
                    key = custom.get("field_code") or custom.get("field_id")
                    if custom["values"] is None:
                        fields.pop(key, None)
                    else:
                        fields[key] = custom
                contact.update({**body, "custom_fields_values": list(fields.values())})
                return 200, {"id": int(contact_match[1])}
            return 404, _problem(404, "Not Found", "Not found")

        def _create(self, index: int, lead: dict[str, Any]) -> dict[str, Any]:
            contact = ((lead.get("_embedded") or {}).get("contacts") or [None])[0]
            contact_id = None
            if contact is not None:
                contact_id = contact.get("id") or next(state.ids)
                if "id" not in contact:
                    state.contacts[contact_id] = {"id": contact_id, "name": contact.get("name") or "",
                                                  "custom_fields_values": contact.get("custom_fields_values") or []}
            lead_id = next(state.ids)
            state.leads[lead_id] = {"id": lead_id, "name": lead.get("name", ""), "price": lead.get("price", 0),
                                    "status_id": lead.get("status_id", 7000), "pipeline_id": lead.get("pipeline_id", 500),
                                    "contact_id": contact_id, "tags": (lead.get("_embedded") or {}).get("tags", [])}
            return {"id": lead_id, "contact_id": contact_id, "company_id": None, "request_id": [str(index)],
                    "merged": False}

    with serve_http(Handler) as url:
        state.url = url
        state.referer = url.removeprefix("http://")
        yield state
