"""A Bitrix24 portal's incoming webhook on a local port: `POST /rest/<user id>/<code>/<method>` with
a JSON body, answered `{"result": ..., "time": {...}}` as Bitrix24 documents it.

Methods: `crm.lead.fields`, `crm.duplicate.findbycomm` (lead ids by PHONE or EMAIL, `[]` when none),
`crm.lead.list` (filter `@ID`, `STATUS_SEMANTIC_ID`; order by ID), `crm.lead.add` (PHONE, EMAIL and
IM as multi-fields of `{VALUE, VALUE_TYPE}`, each value type one the field has), `crm.lead.get` (each
multi-field value with its ID), `crm.lead.update` (each multi-field value without an ID is added to
the lead, as Bitrix24 does; one with its ID changes that value, or with an empty VALUE deletes it),
`crm.timeline.comment.add`. A wrong code is a 401
INVALID_CREDENTIALS, an unknown method a 404 ERROR_METHOD_NOT_FOUND, a malformed call a 400; past
the leaky bucket (50 requests, draining 2 a second) every call is a 503 QUERY_LIMIT_EXCEEDED, and
one can be scripted.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.servers.base import LostAnswers, ServiceHandler, serve_http

WEBHOOK_PATH = "/rest/1/k3y4b1tr1x24code/"
BUCKET, DRAIN_PER_SECOND = 50, 2.0
SEMANTICS = {"NEW": "P", "IN_PROCESS": "P", "PROCESSED": "P", "CONVERTED": "S", "JUNK": "F"}
# The multi-fields a lead has, with the VALUE_TYPEs of their values (crm.multifield.fields).
VALUE_TYPES = {"PHONE": ("WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"),
               "EMAIL": ("WORK", "HOME", "MAILING", "OTHER"),
               "IM": ("FACEBOOK", "TELEGRAM", "VK", "SKYPE", "VIBER", "INSTAGRAM", "BITRIX24", "OPENLINE", "IMOL", "ICQ",
                      "MSN", "JABBER", "OTHER")}


@dataclass
class Call:
    method: str
    params: Any
    status: int = 200


@dataclass
class Bitrix24Server:
    url: str = ""  # the webhook URL an admin copies from the portal
    calls: list[Call] = field(default_factory=list)
    leads: dict[int, dict[str, Any]] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)
    script: deque[tuple[int, dict[str, Any]]] = field(default_factory=deque)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(501))
    value_ids: Iterator[int] = field(default_factory=lambda: itertools.count(9001))  # of multi-field values
    level: float = 0.0  # the leaky bucket
    drained_at: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    lost: LostAnswers = field(default_factory=LostAnswers)

    def then(self, *answers: tuple[int, dict[str, Any]]) -> None:
        self.script.extend(answers)

    def called(self, method: str) -> list[Any]:
        return [call.params for call in self.calls if call.method == method and call.status == 200]

    def values(self, lead_id: int, kind: str) -> list[str]:
        return [item["VALUE"] for item in self.leads[lead_id].get(kind, [])]


def query_limit_exceeded() -> tuple[int, dict[str, Any]]:
    return 503, {"error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"}


def _timing() -> dict[str, Any]:
    now = time.time()
    return {"start": now, "finish": now, "duration": 0.0, "processing": 0.0, "operating": 0}


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _multifield_error(kind: str, values: Any) -> str | None:
    if not isinstance(values, list):
        return "a multi-field is a list"
    for item in values:
        if not isinstance(item, dict) or not isinstance(item.get("VALUE"), str):
            return "each value is {VALUE, VALUE_TYPE}"
        if "ID" not in item and item.get("VALUE_TYPE") not in VALUE_TYPES[kind]:
            return "each new value is {VALUE, VALUE_TYPE}"
    return None


@contextmanager
def serve_bitrix24() -> Iterator[Bitrix24Server]:
    state = Bitrix24Server()

    class Handler(ServiceHandler):
        lost = state.lost

        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            params = self.read_json()
            prefix, _, method = self.path.rpartition("/")
            method = method.removesuffix(".json")
            with state.lock:
                status, answer = self._answer(prefix + "/", method, params)
                state.calls.append(Call(method, params, status))
            self.send_json(status, answer if status != 200 else {"result": answer, "time": _timing()})

        def _answer(self, prefix: str, method: str, params: Any) -> tuple[int, Any]:
            now = time.monotonic()
            state.level = max(0.0, state.level - (now - state.drained_at) * DRAIN_PER_SECOND) + 1
            state.drained_at = now
            if state.level > BUCKET:
                return query_limit_exceeded()
            if prefix != WEBHOOK_PATH:
                return 401, {"error": "INVALID_CREDENTIALS", "error_description": "Invalid request credentials"}
            if state.script:
                return state.script.popleft()
            handler = getattr(self, "_" + method.replace(".", "_"), None)
            if handler is None:
                return 404, {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"}
            if not isinstance(params, dict):
                return 400, {"error": "INVALID_ARG_VALUE", "error_description": "Invalid arguments"}
            return handler(params)

        def _crm_lead_fields(self, params: dict[str, Any]) -> tuple[int, Any]:
            return 200, {"TITLE": {"type": "string"}, "PHONE": {"type": "crm_multifield", "isMultiple": True}}

        def _crm_duplicate_findbycomm(self, params: dict[str, Any]) -> tuple[int, Any]:
            kind, values = params.get("type"), params.get("values")
            if kind not in ("PHONE", "EMAIL"):
                return 400, {"error": "", "error_description": "Communication type is not defined"}
            if not isinstance(values, list) or not 1 <= len(values) <= 20:
                return 400, {"error": "", "error_description": "Communication values is not defined"}
            match = (lambda a, b: _digits(a) == _digits(b)) if kind == "PHONE" else (lambda a, b: a.lower() == b.lower())
            found = sorted(lead_id for lead_id, lead in state.leads.items()
                           if any(match(item["VALUE"], value) for item in lead.get(kind, []) for value in values))
            return 200, {"LEAD": found} if found else []

        def _crm_lead_list(self, params: dict[str, Any]) -> tuple[int, Any]:
            wanted = params.get("filter") or {}
            rows = [lead for lead in state.leads.values()
                    if ("@ID" not in wanted or lead["ID"] in {int(i) for i in wanted["@ID"]})
                    and ("STATUS_SEMANTIC_ID" not in wanted
                         or SEMANTICS.get(lead.get("STATUS_ID", "NEW")) == wanted["STATUS_SEMANTIC_ID"])]
            rows.sort(key=lambda lead: lead["ID"], reverse=(params.get("order") or {}).get("ID") == "DESC")
            return 200, [{"ID": str(lead["ID"])} for lead in rows]

        def _crm_lead_add(self, params: dict[str, Any]) -> tuple[int, Any]:
            fields = params.get("fields")
            if not isinstance(fields, dict):
                return 400, {"error": "", "error_description": "Parameter 'fields' must be array."}
            for kind in VALUE_TYPES:
                if kind in fields and (error := _multifield_error(kind, fields[kind])):
                    return 400, {"error": "", "error_description": f"{kind}: {error}"}
            lead_id = next(state.ids)
            state.leads[lead_id] = {**fields, "ID": lead_id, "STATUS_ID": fields.get("STATUS_ID", "NEW")}
            for kind in VALUE_TYPES:
                if kind in fields:
                    state.leads[lead_id][kind] = [self._new_value(item) for item in fields[kind]]
            return 200, lead_id

        def _new_value(self, item: dict[str, Any]) -> dict[str, Any]:
            return {**item, "ID": str(next(state.value_ids))}

        def _crm_lead_get(self, params: dict[str, Any]) -> tuple[int, Any]:
            lead = state.leads.get(params.get("id"))
            if lead is None:
                return 400, {"error": "", "error_description": "Not found"}
            return 200, {**lead, "ID": str(lead["ID"])}

        def _crm_lead_update(self, params: dict[str, Any]) -> tuple[int, Any]:
            fields, lead_id = params.get("fields"), params.get("id")
            if not isinstance(fields, dict) or lead_id not in state.leads:
                return 400, {"error": "", "error_description": "Not found"}
            lead = state.leads[lead_id]
            for kind in VALUE_TYPES:
                if kind in fields:
                    if error := _multifield_error(kind, fields[kind]):
                        return 400, {"error": "", "error_description": f"{kind}: {error}"}
                    stored = lead.setdefault(kind, [])
                    for item in fields.pop(kind):
                        # A value with its ID changes that value, an empty VALUE deletes it; one
                        # without an ID is added.
                        if "ID" not in item:
                            stored.append(self._new_value(item))
                        elif item["VALUE"]:
                            stored[:] = [{**old, **item} if old["ID"] == str(item["ID"]) else old for old in stored]
                        else:
                            stored[:] = [old for old in stored if old["ID"] != str(item["ID"])]
            lead.update(fields)
            return 200, True

        def _crm_timeline_comment_add(self, params: dict[str, Any]) -> tuple[int, Any]:
            fields = params.get("fields") or {}
            if fields.get("ENTITY_TYPE") != "lead" or fields.get("ENTITY_ID") not in state.leads or not fields.get("COMMENT"):
                return 400, {"error": "", "error_description": "ENTITY_ID, ENTITY_TYPE and COMMENT are required"}
            comment_id = next(state.ids)
            state.comments.append({"ID": comment_id, **fields})
            return 200, comment_id

    with serve_http(Handler) as url:
        state.url = url + WEBHOOK_PATH
        yield state
