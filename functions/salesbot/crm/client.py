"""A CRM's JSON API as our connectors call it: its address and auth header, its request-rate limit
kept between requests, its "slow down" (429, or the CRM's own way of saying it) waited out within
the sweep's time, and every other answer turned into a result or one of `crm.errors`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection
from typing import Any

from salesbot.crm.errors import DeliveryFailed, RateLimited, Refused, Unauthorized
from salesbot.crm.outbound import Answer, Session

_REQUEST_SECONDS = 15.0
_DEFAULT_PAUSE = 1.0  # when a 429 does not say how long to wait
# The methods HTTP defines as idempotent: a request of another method is repeatable only when its
# connector says so (a search sent as a POST, a PATCH that sets a record's fields by its id).
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE"})


def _is_429(answer: Answer) -> bool:
    return answer.status == 429


class JsonApi:
    def __init__(self, session: Session, base_url: str, *, name: str, headers: dict[str, str],
                 requests_per_second: float, deadline: float,
                 rate_limited: Callable[[Answer], bool] = _is_429) -> None:
        self.name = name
        self.headers = headers  # a connector renews its token here
        self._session = session
        self._base_url = base_url.rstrip("/")
        self._interval = 1.0 / requests_per_second
        self._deadline = deadline
        self._rate_limited = rate_limited
        self._next_turn = 0.0

    def call(self, method: str, path: str, body: Any = None, *, also: Collection[int] = (),
             repeatable: bool | None = None) -> Any:
        """The JSON answer to `method path` (None for an empty one); answers with a status in `also`
        are returned too, instead of raising. `repeatable` (by default, whether the method is
        idempotent) as `Session.request` takes it: a create is never sent twice."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        headers = {"Accept": "application/json", **self.headers}
        if data is not None:
            headers["Content-Type"] = "application/json"
        while True:
            self._wait_turn()
            remaining = self._deadline - time.monotonic()
            if remaining < 1.0:
                raise DeliveryFailed(f"out of time before {self.name} answered {method} {_path_only(path)}")
            answer = self._session.request(
                method, self._base_url + path, body=data, headers=headers, timeout=min(_REQUEST_SECONDS, remaining),
                repeatable=method in _IDEMPOTENT if repeatable is None else repeatable)
            if not self._rate_limited(answer):
                return self._result(method, path, answer, also)
            pause = answer.retry_after() or _DEFAULT_PAUSE
            if time.monotonic() + pause >= self._deadline:
                raise RateLimited(f"{self.name} asked us to slow down ({answer.status})", status=answer.status,
                                  retry_after=pause)
            time.sleep(pause)

    def _wait_turn(self) -> None:
        now = time.monotonic()
        if self._next_turn > now:
            time.sleep(self._next_turn - now)
        self._next_turn = max(now, self._next_turn) + self._interval

    def _result(self, method: str, path: str, answer: Answer, also: Collection[int]) -> Any:
        if 200 <= answer.status < 300 or answer.status in also:
            return answer.json()
        what = f"{self.name} answered {method} {_path_only(path)} with {answer.status}{_detail(answer)}"
        if answer.status == 401:
            raise Unauthorized(what, status=401)
        if answer.status in (408, 425) or answer.status >= 500:
            raise DeliveryFailed(what, status=answer.status)
        raise Refused(what, status=answer.status)


def _path_only(path: str) -> str:
    """The path without its query, which may carry a phone or an email."""
    return path.partition("?")[0]


def _detail(answer: Answer) -> str:
    """What the CRM said about an error, from the fields amoCRM, Bitrix24 and HubSpot put it in."""
    body = answer.json()
    if not isinstance(body, dict):
        return ""
    parts = [str(body[key]) for key in ("title", "detail", "error", "error_description", "message")
             if isinstance(body.get(key), (str, int)) and str(body[key])]
    return f": {'; '.join(parts)[:300]}" if parts else ""
