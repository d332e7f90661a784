"""A company's webhook endpoint on a local port: records every request as it came (raw body, headers),
answers 204, and can be scripted to answer anything else (5xx, 429 with Retry-After, a redirect), or
to be down (503) for a while."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.servers.base import JsonHandler, serve_http


@dataclass
class Received:
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    status: int  # what the endpoint answered
    at: float  # time.time() when it arrived
    verified: bool | None = None  # what `verify` said, when the receiver has one


@dataclass
class WebhookReceiver:
    url: str = ""  # the endpoint: <base>/hooks/salesbot
    received: list[Received] = field(default_factory=list)
    script: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)
    down: bool = False  # every request answers 503 while set
    verify: Callable[[Received], bool] | None = None  # checks a signature on arrival, while it is fresh
    lock: threading.Lock = field(default_factory=threading.Lock)

    def then(self, *answers: tuple[int, dict[str, str]]) -> None:
        self.script.extend(answers)

    def accepted(self) -> list[Received]:
        with self.lock:
            return [request for request in self.received if 200 <= request.status < 300]


def status(code: int, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str]]:
    return code, headers or {}


@contextmanager
def serve_webhook_receiver() -> Iterator[WebhookReceiver]:
    state = WebhookReceiver()

    class Handler(JsonHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            received = Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body, 0, time.time())
            if state.verify is not None:
                received.verified = state.verify(received)
            with state.lock:
                code, headers = state.script.popleft() if state.script else (204, {})
                if state.down:
                    code, headers = 503, {}
                received.status = code
                state.received.append(received)
            self.send_response(code)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    with serve_http(Handler) as url:
        state.url = f"{url}/hooks/salesbot"
        yield state
