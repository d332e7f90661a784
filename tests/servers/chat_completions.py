"""An OpenAI-compatible `POST /v1/chat/completions` on a local port, scripted per test.

Each request takes the next scripted behaviour (a tool call, malformed arguments, plain text, an
HTTP error with headers, a raw body, or a hang); when the script runs out it answers with a valid
tool call. Every request body and its headers are recorded.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.servers.base import JsonHandler, serve_http

DEFAULT_ANSWER = {"reply": "Hello from the model!", "stage": "needs", "handoff": False, "language": "en"}


def tool_call(arguments: dict[str, Any] | str) -> tuple[str, Any]:
    return ("tool", arguments)


def tool_call_object(arguments: dict[str, Any]) -> tuple[str, Any]:
    """Arguments as a JSON object rather than a string, as a few OpenAI-compatible servers send them."""
    return ("tool_object", arguments)


def status(code: int, headers: dict[str, str] | None = None) -> tuple[str, Any]:
    return ("status", (code, headers or {}))


def hang(seconds: float) -> tuple[str, Any]:
    return ("hang", seconds)


def text(content: str) -> tuple[str, Any]:
    return ("text", content)


def trickle(seconds: float, then: dict[str, Any]) -> tuple[str, Any]:
    """Headers at once, then a space every 50 ms for `seconds`, then a valid tool call with `then`:
    what gateways do to keep a slow answer alive."""
    return ("trickle", (seconds, then))


def raw(code: int, body: str, content_type: str = "text/html") -> tuple[str, Any]:
    """Any body at all, e.g. the HTML error page of a proxy in front of the provider."""
    return ("raw", (code, body, content_type))


@dataclass
class ChatCompletionsServer:
    url: str = ""  # what OPENAI_BASE_URL holds: ends in /v1
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)  # lower-cased names, one dict per request
    script: deque[tuple[str, Any]] = field(default_factory=deque)
    stopping: threading.Event = field(default_factory=threading.Event)

    def then(self, *behaviours: tuple[str, Any]) -> None:
        self.script.extend(behaviours)


def _completion(message: dict[str, Any], finish_reason: str) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{time.time_ns()}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": finish_reason, "logprobs": None}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


@contextmanager
def serve_chat_completions() -> Iterator[ChatCompletionsServer]:
    state = ChatCompletionsServer()

    class Handler(JsonHandler):
        def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
            body = self.read_json()
            state.requests.append(body)
            state.headers.append({name.lower(): value for name, value in self.headers.items()})
            if self.path != "/v1/chat/completions":
                self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                return
            kind, value = state.script.popleft() if state.script else tool_call(DEFAULT_ANSWER)
            if kind == "hang":
                state.stopping.wait(value)
                return
            if kind == "status":
                code, headers = value
                self.send_json(code, {"error": {"message": "scripted failure", "type": "server_error", "code": None}}, headers)
            elif kind == "trickle":
                seconds, answer = value
                call = {"id": "call_1", "type": "function",
                        "function": {"name": "answer_customer", "arguments": json.dumps(answer)}}
                data = json.dumps(_completion({"role": "assistant", "content": None, "tool_calls": [call]},
                                              "tool_calls")).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()  # no Content-Length: the body ends when the connection closes
                self.close_connection = True
                try:
                    until = time.monotonic() + seconds
                    while time.monotonic() < until and not state.stopping.is_set():
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(0.05)
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped reading, as it should at its deadline
            elif kind == "raw":
                code, payload, content_type = value
                data = payload.encode()
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            elif kind == "text":
                self.send_json(200, _completion({"role": "assistant", "content": value}, "stop"))
            else:
                arguments = value if isinstance(value, str) or kind == "tool_object" else json.dumps(
                    value, ensure_ascii=False)
                call = {"id": "call_1", "type": "function", "function": {"name": "answer_customer", "arguments": arguments}}
                self.send_json(200, _completion({"role": "assistant", "content": None, "tool_calls": [call]}, "tool_calls"))

    with serve_http(Handler) as url:
        state.url = f"{url}/v1"
        try:
            yield state
        finally:
            state.stopping.set()  # releases requests still hanging, so the server can stop
