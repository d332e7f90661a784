"""Supabase Auth's key endpoint, `/auth/v1/.well-known/jwks.json`, on a local port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from tests.servers.base import JsonHandler, serve_http

JWKS_PATH = "/auth/v1/.well-known/jwks.json"


@dataclass
class JwksServer:
    keys: list[dict[str, Any]]
    url: str = ""  # the project URL, as SUPABASE_URL holds it
    fetches: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)


@contextmanager
def serve_jwks(keys: list[dict[str, Any]]) -> Iterator[JwksServer]:
    state = JwksServer(keys)

    class Handler(JsonHandler):
        def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
            if self.path != JWKS_PATH:
                self.send_json(404, {"error": "not found"})
                return
            with state._lock:
                state.fetches += 1
            self.send_json(200, {"keys": state.keys})

    with serve_http(Handler) as url:
        state.url = url
        yield state
