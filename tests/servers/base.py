"""What every local protocol server shares: a threaded server on an ephemeral loopback port, a
handler that answers JSON quietly, and, for the services we deliver to, connections kept alive and
answers that can be lost."""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class JsonHandler(BaseHTTPRequestHandler):
    # The headers and the body go out in two writes: with Nagle's algorithm the body would wait for
    # the client's delayed ACK of the headers (40 ms on Linux), a delay no real service adds.
    disable_nagle_algorithm = True

    def read_json(self) -> Any:
        return json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")

    def send_json(self, code: int, payload: Any, headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> None:
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up waiting, as it
            self.wfile.write(data)  # should after its timeout

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class LostAnswers:
    """Answers a service loses: the request is read and acted on (a deal created, a message sent),
    then the connection is closed without an answer, at once (a crash, a dropped connection) or
    after a silence (a hang, which the caller's timeout ends first). Scripted per method and path
    (a regular expression), each one answer lost."""

    script: deque[tuple[str, str, float]] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hang_up(self, method: str, path: str, *, after: float = 0.0) -> None:
        """The next answer to `method` on a path matching `path` is lost, `after` seconds on."""
        with self.lock:
            self.script.append((method, path, after))

    def take(self, method: str, path: str) -> float | None:
        """The silence before hanging up on this request, if its answer is to be lost."""
        with self.lock:
            for scripted in self.script:
                if scripted[0] == method and re.fullmatch(scripted[1], path.partition("?")[0]):
                    self.script.remove(scripted)
                    return scripted[2]
        return None


class ServiceHandler(JsonHandler):
    """A service our functions deliver to, as they meet it: connections stay open for the next
    request (HTTP/1.1, as every one of them), and answers are lost as `lost` scripts."""

    protocol_version = "HTTP/1.1"
    lost: LostAnswers  # each server's own, set on its handler class

    def send_json(self, code: int, payload: Any, headers: dict[str, str] | None = None,
                  content_type: str = "application/json") -> None:
        silence = self.lost.take(self.command, self.path)
        if silence is None:
            super().send_json(code, payload, headers, content_type)
            return
        time.sleep(silence)
        self.close_connection = True  # closed without a byte of an answer once the handler returns


class RestHandler(ServiceHandler):
    """A JSON API whose GET, POST and PATCH requests all go to `answer(method)`."""

    def do_GET(self) -> None:
        self.answer("GET")

    def do_POST(self) -> None:
        self.answer("POST")

    def do_PATCH(self) -> None:
        self.answer("PATCH")

    def answer(self, method: str) -> None:
        raise NotImplementedError


@contextmanager
def serve_http(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serves `handler` until the block ends; yields the base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    # serve_forever notices shutdown() only between polls: 0.5 s by default, paid by every test.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
