"""The Telegram Bot API (`/bot<token>/<method>`) on a local port: records every call, and can be
scripted to answer 429 with retry_after, 5xx, or a refusal."""

from __future__ import annotations

import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.servers.base import JsonHandler, serve_http


@dataclass
class Call:
    token: str
    method: str
    payload: dict[str, Any]
    status: int = 200


@dataclass
class BotApiServer:
    url: str = ""
    calls: list[Call] = field(default_factory=list)
    script: dict[str, deque[tuple[int, dict[str, Any]]]] = field(default_factory=lambda: defaultdict(deque))
    down: bool = False  # every call answers 502 while set
    # Runs before a call to the method is answered, e.g. to fail something else at that very moment.
    before_answer: dict[str, Callable[[], None]] = field(default_factory=dict)

    def then(self, method: str, *answers: tuple[int, dict[str, Any]]) -> None:
        self.script[method].extend(answers)

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        """What reached the method and was accepted."""
        return [call.payload for call in self.calls if call.method == method and call.status == 200]


def too_many_requests(retry_after: int) -> tuple[int, dict[str, Any]]:
    return 429, {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after", "parameters": {"retry_after": retry_after}}


def server_error(code: int = 500) -> tuple[int, dict[str, Any]]:
    return code, {"ok": False, "error_code": code, "description": "Internal Server Error"}


def refused(description: str = "Bad Request: bad webhook") -> tuple[int, dict[str, Any]]:
    return 400, {"ok": False, "error_code": 400, "description": description}


@contextmanager
def serve_bot_api() -> Iterator[BotApiServer]:
    state = BotApiServer()
    lock = threading.Lock()
    counter = iter(range(1000, 10**9))

    class Handler(JsonHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            _, bot, method = self.path.split("/", 2)
            payload = self.read_json()
            with lock:
                scripted = state.script[method].popleft() if state.script[method] else None
            if state.down:
                scripted = server_error(502)
            if scripted is None:
                result: Any = True
                if method == "sendMessage":
                    result = {"message_id": next(counter), "chat": {"id": payload.get("chat_id")}, "text": payload.get("text")}
                scripted = (200, {"ok": True, "result": result})
            code, body = scripted
            if method in state.before_answer:
                state.before_answer[method]()
            with lock:
                state.calls.append(Call(bot.removeprefix("bot"), method, payload, code))
            self.send_json(code, body)

    with serve_http(Handler) as url:
        state.url = url
        yield state
